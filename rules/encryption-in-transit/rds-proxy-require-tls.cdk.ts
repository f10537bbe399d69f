import type { PropCheck } from '../../core/cdk/table';

// aws-cdk-lib defaults requireTLS to true: only an explicit false is a finding.
const CHECK: Omit<PropCheck, 'target'> = {
  anyOf: [{ path: ['requireTLS'], good: [{ lit: [true] }], bad: [{ lit: [false] }] }],
  bad: 'The proxy accepts clients without TLS ({value}). Set requireTLS: true (the default).',
  fix: [{ title: 'Require TLS from clients (requireTLS: true)', set: [{ path: ['requireTLS'], value: true }] }],
};

const DATABASES = ['DatabaseInstance', 'DatabaseCluster', 'DatabaseInstanceFromSnapshot', 'DatabaseClusterFromSnapshot'];

/** How rds-proxy-require-tls reads CDK L2 constructs (core/cdk/check.ts evaluates it); L1 `Cfn*` constructs reach the `template` hook. */
export const rdsProxyRequireTlsCdk: PropCheck[] = [
  { target: { kind: 'construct', fqn: ['aws-rds.DatabaseProxy'] }, ...CHECK },
  { target: { kind: 'method', on: DATABASES.map((c) => `aws-rds.${c}`), method: 'addProxy', propsArg: 1 }, ...CHECK },
];
