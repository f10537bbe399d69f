import type { PropCheck } from '../../core/cdk/table';

/** How sqs-queue-encrypted reads CDK L2 constructs (core/cdk/check.ts evaluates it); L1 `Cfn*` constructs reach the `template` hook. */
export const sqsQueueEncryptedCdk: PropCheck[] = [
  {
    target: { kind: 'construct', fqn: ['aws-sqs.Queue'] },
    anyOf: [{ path: ['encryption'], good: [], bad: [{ enum: 'aws-sqs.QueueEncryption', members: ['UNENCRYPTED'] }] }],
    bad: 'The queue is not encrypted (QueueEncryption.UNENCRYPTED turns SSE-SQS off). Use SQS-managed encryption.',
    fix: [
      // encryptionMasterKey with SQS_MANAGED throws at synth: keep the key and use KMS.
      {
        when: [{ has: [['encryptionMasterKey']] }],
        title: 'Encrypt with the given key (QueueEncryption.KMS)',
        set: [{ path: ['encryption'], value: { enum: 'aws-sqs.QueueEncryption', member: 'KMS' } }],
      },
      {
        title: 'Use SQS-managed encryption (QueueEncryption.SQS_MANAGED)',
        safety: 'safe',
        set: [{ path: ['encryption'], value: { enum: 'aws-sqs.QueueEncryption', member: 'SQS_MANAGED' } }],
      },
    ],
  },
];
