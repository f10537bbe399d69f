import type { PropCheck } from '../../core/cdk/table';

/** How efs-file-system-encrypted reads CDK L2 constructs (core/cdk/check.ts evaluates it); L1 `Cfn*` constructs reach the `template` hook. */
export const efsFileSystemEncryptedCdk: PropCheck[] = [
  {
    target: { kind: 'construct', fqn: ['aws-efs.FileSystem'] },
    // CDK v2 encrypts file systems by default (the flag is always on): only an explicit false is bad.
    anyOf: [{ path: ['encrypted'], good: [{ lit: [true] }] }],
    bad: 'The file system is not encrypted ({value}). Remove it or set encrypted: true (this replaces an existing file system).',
    fix: [{ title: 'Encrypt the file system (encrypted: true)', set: [{ path: ['encrypted'], value: true }] }],
  },
];
