import type { PropCheck } from '../../core/cdk/table';

/** How db-not-publicly-accessible reads CDK L2 constructs (core/cdk/check.ts evaluates it); L1 `Cfn*` constructs reach the `template` hook. */
export const dbNotPubliclyAccessibleCdk: PropCheck[] = [
  // ── public-access ───────────────────────────────────────────────────────────────────────────
  {
    target: {
      kind: 'construct',
      fqn: ['aws-rds.DatabaseInstance', 'aws-rds.DatabaseInstanceFromSnapshot', 'aws-rds.DatabaseInstanceReadReplica'],
    },
    anyOf: [{ path: ['publiclyAccessible'], good: [{ lit: [false] }], bad: [{ lit: [true] }] }],
    // publiclyAccessible defaults to true only when vpcSubnets selects PUBLIC subnets.
    missing:
      'Database {id} is publicly accessible: it is placed in public subnets, where publiclyAccessible defaults to true. Set publiclyAccessible: false (better: use private subnets).',
    missingOkWhen: [{ not: { prop: ['vpcSubnets', 'subnetType'], is: { enum: 'aws-ec2.SubnetType', members: ['PUBLIC'] } } }],
    bad: 'Database {id} is publicly accessible ({value}): it gets a public address reachable from the internet. Set publiclyAccessible: false.',
    fix: [{ title: 'Make it private (publiclyAccessible: false)', set: [{ path: ['publiclyAccessible'], value: false }] }],
  },
  {
    // Aurora: publicity is per instance (`writer: ClusterInstance.serverlessV2('w', { publiclyAccessible: true })`).
    target: { kind: 'call', fqn: ['aws-rds.ClusterInstance.provisioned', 'aws-rds.ClusterInstance.serverlessV2'], propsArg: 1 },
    anyOf: [{ path: ['publiclyAccessible'], good: [{ lit: [false] }], bad: [{ lit: [true] }] }],
    bad: 'An instance of database {id} is publicly accessible ({value}): it gets a public address reachable from the internet. Set publiclyAccessible: false.',
    fix: [{ title: 'Make it private (publiclyAccessible: false)', set: [{ path: ['publiclyAccessible'], value: false }] }],
  },
];
