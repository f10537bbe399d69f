import { Rule } from '../../core/rule';
import { runL2Checks } from '../../core/cdk/check';
import { snsTopicEncryptedCdk } from './sns-topic-encrypted.cdk';
import { setAt } from '../lib/fix-target';
import { keyArn, keyFix } from '../lib/kms-key';
import { Reporter } from '../lib/reporter';
import { requireKey } from '../lib/required-key';

/** Compliant: every SNS topic names a KMS key in `KmsMasterKeyId` (SNS does not encrypt by default). */
export const snsTopicEncrypted: Rule = {
  meta: {
    id: 'sns-topic-encrypted',
    title: 'SNS topics are encrypted at rest',
    compliant: '`AWS::SNS::Topic` has a `KmsMasterKeyId` (an AWS managed or customer managed key).',
    description:
      'SNS stores messages on disk until they are delivered, and does not encrypt them unless the topic names a KMS key. ' +
      'Messages often carry the same data as the systems that publish them.',
    category: 'encryption-at-rest',
    severity: 'warning',
    profile: 'strict',
    profileWhy:
      'SNS stores messages with disk encryption by default; SSE-KMS is an extra layer, and with the AWS managed ' +
      'key `aws/sns` AWS publishers such as CloudWatch alarms and AWS Budgets can no longer publish to the ' +
      'topic.',
    resourceTypes: ['AWS::SNS::Topic'],
    syntaxes: ['cfn-yaml', 'cfn-json', 'cdk-ts', 'cdk-py'],
    references: [
      { title: 'Amazon SNS encryption at rest', url: 'https://docs.aws.amazon.com/sns/latest/dg/sns-server-side-encryption.html' },
      {
        title: 'AWS::SNS::Topic',
        url: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-sns-topic.html',
      },
    ],
    controls: ['SNS.1'],
    equivalents: { guard: ['SNS_ENCRYPTED_KMS'], cfnNag: ['W47'], checkov: ['CKV_AWS_26'], cdkNag: ['SNSEncryptedKMS'] },
    fix: 'Sets `KmsMasterKeyId: alias/aws/sns` (the AWS managed key), or adds a customer managed key and references it. Publishers such as CloudWatch alarms and S3 events need a customer managed key whose policy lets their service use it.',
    fixSafety: 'suggestion',
  },
  template(t, ctx) {
    const rep = new Reporter(ctx);
    for (const r of t.byType.get('AWS::SNS::Topic') ?? []) {
      requireKey(t, rep, r, ['Properties', 'KmsMasterKeyId'], {
        message: 'The SNS topic is not encrypted at rest: no KmsMasterKeyId is set. Name a KMS key.',
        fixes: (at) => [
          { title: 'Encrypt with the AWS managed key (alias/aws/sns)', ops: [setAt(at, 'alias/aws/sns')] },
          ...keyFix(t, r, at, { purpose: `the messages of SNS topic ${r.id}`, value: keyArn }),
        ],
      });
    }
  },
  source(ctx) {
    runL2Checks(ctx, snsTopicEncryptedCdk);
  },
};
