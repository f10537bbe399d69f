import type { PropCheck } from '../../core/cdk/table';

/** How s3-bucket-encryption-configured reads CDK L2 constructs (core/cdk/check.ts evaluates it); L1 `Cfn*` constructs reach the `template` hook. */
export const s3BucketEncryptionConfiguredCdk: PropCheck[] = [
  {
    target: { kind: 'construct', fqn: ['aws-s3.Bucket'] },
    anyOf: [{ path: ['encryption'], good: [], bad: [{ enum: 'aws-s3.BucketEncryption', members: ['UNENCRYPTED'] }] }],
    // S3 encrypts every bucket (SSE-S3) since January 2023: UNENCRYPTED is deprecated, a hint, not "data in the clear".
    bad: 'BucketEncryption.UNENCRYPTED is deprecated: S3 encrypts new objects anyway. Say S3_MANAGED (or KMS) explicitly.',
    severity: 'hint',
    // bucketKeyEnabled with UNENCRYPTED throws; with S3_MANAGED it is valid, so the fix is safe either way.
    fix: [
      {
        title: 'Use S3-managed encryption (BucketEncryption.S3_MANAGED)',
        safety: 'safe',
        set: [{ path: ['encryption'], value: { enum: 'aws-s3.BucketEncryption', member: 'S3_MANAGED' } }],
      },
    ],
  },
];
