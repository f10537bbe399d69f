import type { PropCheck } from '../../core/cdk/table';

const CF = 'aws-cloudfront';

/** How cloudfront-minimum-tls-1-2 reads CDK L2 constructs (core/cdk/check.ts evaluates it); L1 `Cfn*` constructs reach the `template` hook. */
export const cloudfrontMinimumTls12Cdk: PropCheck[] = [
  {
    target: { kind: 'construct', fqn: [`${CF}.Distribution`] },
    anyOf: [
      {
        path: ['minimumProtocolVersion'],
        good: [],
        bad: [{ enum: `${CF}.SecurityPolicyProtocol`, members: ['SSL_V3', 'TLS_V1', 'TLS_V1_2016', 'TLS_V1_1_2016'] }],
      },
    ],
    bad: 'Viewers may connect with TLS below 1.2 ({value}). Use TLS_V1_2_2021 or newer.',
    fix: [
      {
        title: 'Use SecurityPolicyProtocol.TLS_V1_2_2021',
        set: [{ path: ['minimumProtocolVersion'], value: { enum: `${CF}.SecurityPolicyProtocol`, member: 'TLS_V1_2_2021' } }],
      },
    ],
  },
];
