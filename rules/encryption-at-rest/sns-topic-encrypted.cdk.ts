import type { PropCheck } from '../../core/cdk/table';

/** How sns-topic-encrypted reads CDK L2 constructs (core/cdk/check.ts evaluates it); L1 `Cfn*` constructs reach the `template` hook. */
export const snsTopicEncryptedCdk: PropCheck[] = [
  {
    target: { kind: 'construct', fqn: ['aws-sns.Topic'] },
    anyOf: [{ path: ['masterKey'], good: [{ present: true }], bad: [] }],
    missing:
      'The topic is not encrypted at rest: masterKey is not set. Give it a KMS key (publishing AWS services need a grant in the key policy).',
    bad: 'The topic is not encrypted at rest.',
    severity: 'warning',
    fix: [
      {
        title: 'Encrypt with a new KMS key (grant publishing services in its key policy)',
        set: [{ path: ['masterKey'], value: { construct: 'aws-kms.Key', id: 'TopicKey', props: { enableKeyRotation: true } } }],
      },
    ],
  },
];
