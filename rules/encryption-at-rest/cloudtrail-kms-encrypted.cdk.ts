import type { PropCheck } from '../../core/cdk/table';

/** How cloudtrail-kms-encrypted reads CDK L2 constructs (core/cdk/check.ts evaluates it); L1 `Cfn*` constructs reach the `template` hook. */
export const cloudtrailKmsEncryptedCdk: PropCheck[] = [
  {
    target: { kind: 'construct', fqn: ['aws-cloudtrail.Trail'] },
    anyOf: [
      { path: ['encryptionKey'], good: [{ present: true }], bad: [] },
      { path: ['kmsKey'], good: [{ present: true }], bad: [] },
    ],
    missing:
      "The trail's log files are not encrypted with a KMS key: encryptionKey is not set. Give it a key whose policy lets cloudtrail.amazonaws.com encrypt.",
    bad: "The trail's log files are not encrypted with a KMS key.",
    // No automatic fix: aws-cdk-lib does not grant CloudTrail on the key, so a new key would stop log delivery.
  },
];
