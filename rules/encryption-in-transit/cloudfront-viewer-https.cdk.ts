import type { PropCheck } from '../../core/cdk/table';

const CF = 'aws-cloudfront';

/** How cloudfront-viewer-https reads CDK L2 constructs (core/cdk/check.ts evaluates it); L1 `Cfn*` constructs reach the `template` hook. */
export const cloudfrontViewerHttpsCdk: PropCheck[] = [
  {
    target: { kind: 'construct', fqn: [`${CF}.Distribution`] },
    anyOf: [
      {
        path: ['defaultBehavior', 'viewerProtocolPolicy'],
        good: [{ enum: `${CF}.ViewerProtocolPolicy`, members: ['REDIRECT_TO_HTTPS', 'HTTPS_ONLY'] }],
      },
    ],
    missing: "Viewers may use plain HTTP: the default behavior's viewerProtocolPolicy defaults to ALLOW_ALL. Redirect to HTTPS.",
    missingOkWhen: [{ flag: '@aws-cdk/aws-cloudfront:defaultViewerProtocolPolicyRedirectToHttps', value: true }],
    bad: 'Viewers may use plain HTTP ({value}). Redirect to HTTPS.',
    fix: [
      {
        title: 'Redirect viewers to HTTPS',
        set: [
          { path: ['defaultBehavior', 'viewerProtocolPolicy'], value: { enum: `${CF}.ViewerProtocolPolicy`, member: 'REDIRECT_TO_HTTPS' } },
        ],
      },
    ],
  },
  {
    target: { kind: 'method', on: [`${CF}.Distribution`], method: 'addBehavior', propsArg: 2 },
    anyOf: [
      { path: ['viewerProtocolPolicy'], good: [{ enum: `${CF}.ViewerProtocolPolicy`, members: ['REDIRECT_TO_HTTPS', 'HTTPS_ONLY'] }] },
    ],
    missing: 'Viewers may use plain HTTP on this behavior: viewerProtocolPolicy defaults to ALLOW_ALL. Redirect to HTTPS.',
    missingOkWhen: [{ flag: '@aws-cdk/aws-cloudfront:defaultViewerProtocolPolicyRedirectToHttps', value: true }],
    bad: 'Viewers may use plain HTTP on this behavior ({value}). Redirect to HTTPS.',
    fix: [
      {
        title: 'Redirect viewers to HTTPS',
        set: [{ path: ['viewerProtocolPolicy'], value: { enum: `${CF}.ViewerProtocolPolicy`, member: 'REDIRECT_TO_HTTPS' } }],
      },
    ],
  },
  {
    target: { kind: 'construct', fqn: [`${CF}.Distribution`], each: ['additionalBehaviors'] },
    anyOf: [
      { path: ['viewerProtocolPolicy'], good: [{ enum: `${CF}.ViewerProtocolPolicy`, members: ['REDIRECT_TO_HTTPS', 'HTTPS_ONLY'] }] },
    ],
    missing: 'Viewers may use plain HTTP on this behavior: viewerProtocolPolicy defaults to ALLOW_ALL. Redirect to HTTPS.',
    missingOkWhen: [{ flag: '@aws-cdk/aws-cloudfront:defaultViewerProtocolPolicyRedirectToHttps', value: true }],
    bad: 'Viewers may use plain HTTP on this behavior ({value}). Redirect to HTTPS.',
    fix: [
      {
        title: 'Redirect viewers to HTTPS',
        set: [{ path: ['viewerProtocolPolicy'], value: { enum: `${CF}.ViewerProtocolPolicy`, member: 'REDIRECT_TO_HTTPS' } }],
      },
    ],
  },
];
