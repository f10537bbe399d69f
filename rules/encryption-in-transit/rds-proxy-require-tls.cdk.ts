import type { PropCheck } from '../../core/cdk/table';

const FIX = [{ title: 'Require TLS from clients (requireTLS: true)', set: [{ path: ['requireTLS'], value: true }] }];

/** How rds-proxy-require-tls reads CDK L2 constructs (core/cdk/check.ts evaluates it); L1 `Cfn*` constructs reach the `template` hook. */
export const rdsProxyRequireTlsCdk: PropCheck[] = [
  {
    // aws-cdk-lib defaults requireTLS to true: only an explicit false is a finding.
    target: { kind: 'construct', fqn: ['aws-rds.DatabaseProxy'] },
    anyOf: [{ path: ['requireTLS'], good: [{ lit: [true] }], bad: [{ lit: [false] }] }],
    bad: 'The proxy accepts clients without TLS ({value}). Set requireTLS: true (the default).',
    fix: FIX,
  },
  {
    target: {
      kind: 'method',
      on: [
        'aws-rds.DatabaseInstance',
        'aws-rds.DatabaseCluster',
        'aws-rds.DatabaseInstanceFromSnapshot',
        'aws-rds.DatabaseClusterFromSnapshot',
      ],
      method: 'addProxy',
      propsArg: 1,
    },
    anyOf: [{ path: ['requireTLS'], good: [{ lit: [true] }], bad: [{ lit: [false] }] }],
    bad: 'The proxy accepts clients without TLS ({value}). Set requireTLS: true (the default).',
    fix: FIX,
  },
];
