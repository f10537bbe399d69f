import type { PropCheck } from '../../core/cdk/table';

/** How cloudwatch-log-group-kms-encrypted reads CDK L2 constructs (core/cdk/check.ts evaluates it); L1 `Cfn*` constructs reach the `template` hook. */
export const cloudwatchLogGroupKmsEncryptedCdk: PropCheck[] = [
  {
    target: { kind: 'construct', fqn: ['aws-logs.LogGroup'] },
    anyOf: [{ path: ['encryptionKey'], good: [{ present: true }], bad: [] }],
    missing:
      'The log group uses the CloudWatch-managed key, not a customer managed KMS key. Where a CMK is required, set encryptionKey and grant logs.<region>.amazonaws.com in its key policy.',
    bad: 'The log group has no customer managed key.',
    severity: 'hint',
  },
];
