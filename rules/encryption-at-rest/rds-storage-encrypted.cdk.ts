import type { PropCheck } from '../../core/cdk/table';

/** How rds-storage-encrypted reads CDK L2 constructs (core/cdk/check.ts evaluates it); L1 `Cfn*` constructs reach the `template` hook. */
export const rdsStorageEncryptedCdk: PropCheck[] = [
  {
    target: { kind: 'construct', fqn: ['aws-rds.DatabaseInstance', 'aws-rds.DatabaseCluster'] },
    anyOf: [
      { path: ['storageEncrypted'], good: [{ lit: [true] }] },
      { path: ['storageEncryptionKey'], good: [{ present: true }], bad: [] },
    ],
    missing: 'The database storage is not encrypted: storageEncrypted defaults to false. Encrypt it.',
    bad: 'The database storage is not encrypted ({value}). Encrypt it.',
    fix: [
      {
        title: 'Encrypt the storage (storageEncrypted: true; replaces an existing database)',
        set: [{ path: ['storageEncrypted'], value: true }],
      },
    ],
  },
];
