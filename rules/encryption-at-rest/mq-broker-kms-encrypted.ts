import { Rule } from '../../core/rule';
import { setAt } from '../lib/fix-target';
import { Reporter } from '../lib/reporter';
import { requireKey } from '../lib/required-key';

/** Compliant: every Amazon MQ broker states its encryption key choice (`EncryptionOptions`). */
export const mqBrokerKmsEncrypted: Rule = {
  meta: {
    id: 'mq-broker-kms-encrypted',
    title: 'Amazon MQ brokers state their encryption key',
    compliant:
      '`AWS::AmazonMQ::Broker` has `EncryptionOptions` (with `UseAwsOwnedKey: false` and a `KmsKeyId` for a customer managed key).',
    description:
      'Amazon MQ always encrypts broker storage; without `EncryptionOptions` it uses an AWS owned key that never appears in your account, so its use cannot be audited or revoked. ' +
      'A compliance finding, low severity; the choice cannot be changed after the broker is created.',
    category: 'encryption-at-rest',
    severity: 'info',
    profile: 'strict',
    profileWhy:
      'Amazon MQ always encrypts broker storage, with an AWS owned key by default; a customer managed key is a ' + 'compliance choice.',
    resourceTypes: ['AWS::AmazonMQ::Broker'],
    syntaxes: ['cfn-yaml', 'cfn-json', 'cdk-ts', 'cdk-py'],
    references: [
      {
        title: 'Encryption at rest in Amazon MQ',
        url: 'https://docs.aws.amazon.com/amazon-mq/latest/developer-guide/data-protection.html',
      },
      {
        title: 'AWS::AmazonMQ::Broker EncryptionOptions',
        url: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-amazonmq-broker-encryptionoptions.html',
      },
    ],
    equivalents: { guard: ['AMAZON_MQ_BROKER_ENCRYPTION_OPTIONS_RULE'], cfnNag: ['W53'] },
    fix: 'Adds `EncryptionOptions: {UseAwsOwnedKey: false}` (the AWS managed key `aws/mq`, auditable in CloudTrail; the broker is replaced).',
    fixSafety: 'suggestion',
  },
  template(t, ctx) {
    const rep = new Reporter(ctx);
    for (const r of t.byType.get('AWS::AmazonMQ::Broker') ?? []) {
      requireKey(t, rep, r, ['Properties', 'EncryptionOptions'], {
        message: 'The broker does not state its encryption: it uses an AWS owned key you cannot audit. Add EncryptionOptions.',
        fixes: (at) => [
          { title: 'Use a KMS key (UseAwsOwnedKey: false; causes replacement of the broker)', ops: [setAt(at, { UseAwsOwnedKey: false })] },
        ],
      });
    }
  },
};
