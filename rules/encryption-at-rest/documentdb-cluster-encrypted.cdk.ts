import type { PropCheck } from '../../core/cdk/table';

/** How documentdb-cluster-encrypted reads CDK L2 constructs (core/cdk/check.ts evaluates it); L1 `Cfn*` constructs reach the `template` hook. */
export const documentdbClusterEncryptedCdk: PropCheck[] = [
  {
    target: { kind: 'construct', fqn: ['aws-docdb.DatabaseCluster'] },
    // aws-cdk-lib encrypts DocumentDB clusters unless storageEncrypted is false (the L1 default is unencrypted).
    anyOf: [{ path: ['storageEncrypted'], good: [{ lit: [true] }] }],
    bad: 'The DocumentDB cluster is not encrypted at rest ({value}). Encrypt it (this replaces an existing cluster).',
    fix: [
      {
        title: 'Encrypt the storage (storageEncrypted: true; replaces an existing cluster)',
        set: [{ path: ['storageEncrypted'], value: true }],
      },
    ],
  },
];
