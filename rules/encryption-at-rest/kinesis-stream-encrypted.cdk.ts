import type { PropCheck } from '../../core/cdk/table';

/** How kinesis-stream-encrypted reads CDK L2 constructs (core/cdk/check.ts evaluates it); L1 `Cfn*` constructs reach the `template` hook. */
export const kinesisStreamEncryptedCdk: PropCheck[] = [
  {
    target: { kind: 'construct', fqn: ['aws-kinesis.Stream'] },
    anyOf: [{ path: ['encryption'], good: [], bad: [{ enum: 'aws-kinesis.StreamEncryption', members: ['UNENCRYPTED'] }] }],
    bad: 'The stream is not encrypted (StreamEncryption.UNENCRYPTED). Use the AWS-managed key.',
    fix: [
      {
        when: [{ has: [['encryptionKey']] }],
        title: 'Encrypt with the given key (StreamEncryption.KMS)',
        set: [{ path: ['encryption'], value: { enum: 'aws-kinesis.StreamEncryption', member: 'KMS' } }],
      },
      {
        title: 'Encrypt with the AWS-managed key (StreamEncryption.MANAGED)',
        safety: 'safe',
        set: [{ path: ['encryption'], value: { enum: 'aws-kinesis.StreamEncryption', member: 'MANAGED' } }],
      },
    ],
  },
];
