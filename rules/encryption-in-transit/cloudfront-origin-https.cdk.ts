import type { PropCheck } from '../../core/cdk/table';

const CF = 'aws-cloudfront';

/** How cloudfront-origin-https reads CDK L2 constructs (core/cdk/check.ts evaluates it); L1 `Cfn*` constructs reach the `template` hook. */
export const cloudfrontOriginHttpsCdk: PropCheck[] = [
  {
    target: { kind: 'call', fqn: ['aws-cloudfront-origins.HttpOrigin', 'aws-cloudfront-origins.LoadBalancerV2Origin'], propsArg: 1 },
    // The origins default to HTTPS_ONLY; MATCH_VIEWER follows the viewer, who is redirected to HTTPS where the behavior says so.
    anyOf: [{ path: ['protocolPolicy'], good: [], bad: [{ enum: `${CF}.OriginProtocolPolicy`, members: ['HTTP_ONLY'] }] }],
    bad: 'CloudFront reaches this origin over plain HTTP ({value}). Serve the origin over TLS and use OriginProtocolPolicy.HTTPS_ONLY.',
    // No automatic fix: HTTPS_ONLY needs a certificate on the origin, which the file does not show.
  },
];
