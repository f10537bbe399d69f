import type { Condition, PropCheck, Target } from '../../core/cdk/table';

const CF = 'aws-cloudfront';
const HTTPS = { enum: `${CF}.ViewerProtocolPolicy`, members: ['REDIRECT_TO_HTTPS', 'HTTPS_ONLY'] };
const REDIRECT = { enum: `${CF}.ViewerProtocolPolicy`, member: 'REDIRECT_TO_HTTPS' };
const REDIRECT_FLAG: Condition = { flag: '@aws-cdk/aws-cloudfront:defaultViewerProtocolPolicyRedirectToHttps', value: true };

/** How cloudfront-viewer-https reads CDK L2 constructs (core/cdk/check.ts evaluates it); L1 `Cfn*` constructs reach the `template` hook. */
export const cloudfrontViewerHttpsCdk: PropCheck[] = [
  {
    target: { kind: 'construct', fqn: [`${CF}.Distribution`] },
    anyOf: [
      {
        path: ['defaultBehavior', 'viewerProtocolPolicy'],
        good: [HTTPS],
      },
    ],
    missing: "Viewers may use plain HTTP: the default behavior's viewerProtocolPolicy defaults to ALLOW_ALL. Redirect to HTTPS.",
    missingOkWhen: [REDIRECT_FLAG],
    bad: 'Viewers may use plain HTTP ({value}). Redirect to HTTPS.',
    fix: [
      {
        title: 'Redirect viewers to HTTPS',
        set: [{ path: ['defaultBehavior', 'viewerProtocolPolicy'], value: REDIRECT }],
      },
    ],
  },
  ...(
    [
      { kind: 'method', on: [`${CF}.Distribution`], method: 'addBehavior', propsArg: 2 },
      { kind: 'construct', fqn: [`${CF}.Distribution`], each: ['additionalBehaviors'] },
    ] as Target[]
  ).map((target): PropCheck => ({
    // A behavior added after the default one: its own viewerProtocolPolicy.
    target,
    anyOf: [{ path: ['viewerProtocolPolicy'], good: [HTTPS] }],
    missing: 'Viewers may use plain HTTP on this behavior: viewerProtocolPolicy defaults to ALLOW_ALL. Redirect to HTTPS.',
    missingOkWhen: [REDIRECT_FLAG],
    bad: 'Viewers may use plain HTTP on this behavior ({value}). Redirect to HTTPS.',
    fix: [
      {
        title: 'Redirect viewers to HTTPS',
        set: [{ path: ['viewerProtocolPolicy'], value: REDIRECT }],
      },
    ],
  })),
];
