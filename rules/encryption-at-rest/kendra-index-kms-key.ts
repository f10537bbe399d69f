import { Rule } from '../../core/rule';
import { keyArn, keyFix } from '../lib/kms-key';
import { Reporter } from '../lib/reporter';
import { requireKey } from '../lib/required-key';

/** Compliant: every Kendra index names a customer managed key in `ServerSideEncryptionConfiguration.KmsKeyId`. */
export const kendraIndexKmsKey: Rule = {
  meta: {
    id: 'kendra-index-kms-key',
    title: 'Kendra indexes use a customer managed key',
    compliant: '`AWS::Kendra::Index` has `ServerSideEncryptionConfiguration.KmsKeyId`.',
    description:
      'Kendra encrypts indexed documents with an AWS owned key unless a customer managed key is named, so their decryption cannot be audited or revoked. ' +
      'An index holds searchable copies of whole document stores. The key can only be chosen when the index is created.',
    category: 'encryption-at-rest',
    severity: 'info',
    profile: 'strict',
    profileWhy: 'Kendra encrypts every index at rest with an AWS owned key; a customer managed key is a compliance choice.',
    resourceTypes: ['AWS::Kendra::Index'],
    syntaxes: ['cfn-yaml', 'cfn-json', 'cdk-ts', 'cdk-py'],
    references: [
      { title: 'Encryption at rest in Amazon Kendra', url: 'https://docs.aws.amazon.com/kendra/latest/dg/encryption-at-rest.html' },
      {
        title: 'AWS::Kendra::Index',
        url: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-kendra-index.html',
      },
    ],
    equivalents: { guard: ['KENDRA_INDEX_ENCRYPTION_KMS_KEY_ID_RULE'], cfnNag: ['W80'] },
    fix: 'Adds a customer managed KMS key and sets `ServerSideEncryptionConfiguration.KmsKeyId` to it (the index is replaced).',
    fixSafety: 'suggestion',
  },
  template(t, ctx) {
    const rep = new Reporter(ctx);
    for (const r of t.byType.get('AWS::Kendra::Index') ?? []) {
      requireKey(t, rep, r, ['Properties', 'ServerSideEncryptionConfiguration', 'KmsKeyId'], {
        message:
          'The index is encrypted with an AWS owned key (ServerSideEncryptionConfiguration.KmsKeyId is not set). Where a customer managed key is required, set KmsKeyId.',
        fixes: (at) =>
          keyFix(t, r, at, {
            purpose: `Kendra index ${r.id}`,
            value: keyArn,
            title: 'Encrypt with a new customer managed KMS key (causes replacement of the index)',
          }),
      });
    }
  },
};
