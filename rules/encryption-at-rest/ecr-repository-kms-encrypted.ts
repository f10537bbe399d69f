import { Rule } from '../../core/rule';
import { checkProperty, oneOf } from '../lib/property-value';
import { Reporter } from '../lib/reporter';

/** Compliant: every ECR repository uses KMS encryption (`EncryptionConfiguration.EncryptionType: KMS`). */
export const ecrRepositoryKmsEncrypted: Rule = {
  meta: {
    id: 'ecr-repository-kms-encrypted',
    title: 'ECR repositories use KMS encryption',
    compliant: '`AWS::ECR::Repository` has `EncryptionConfiguration.EncryptionType: KMS` (or `KMS_DSSE`).',
    description:
      'ECR encrypts images with S3-managed AES-256 keys by default; with KMS, pulling an image layer also needs the key, and every use of the key is logged. ' +
      'A compliance choice for images that embed proprietary code: low severity.',
    category: 'encryption-at-rest',
    severity: 'info',
    profile: 'strict',
    profileWhy:
      'ECR encrypts every image at rest with S3-managed AES-256 keys by default; KMS adds key-policy control and ' +
      'key-use logging, a compliance choice.',
    resourceTypes: ['AWS::ECR::Repository'],
    syntaxes: ['cfn-yaml', 'cfn-json', 'cdk-ts', 'cdk-py'],
    references: [
      { title: 'Encryption at rest in Amazon ECR', url: 'https://docs.aws.amazon.com/AmazonECR/latest/userguide/encryption-at-rest.html' },
      {
        title: 'AWS::ECR::Repository EncryptionConfiguration',
        url: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-ecr-repository-encryptionconfiguration.html',
      },
    ],
    equivalents: { checkov: ['CKV_AWS_136'] },
    fix: 'Sets `EncryptionConfiguration.EncryptionType: KMS` (AWS managed key; the repository is replaced).',
    fixSafety: 'suggestion',
  },
  template(t, ctx) {
    const rep = new Reporter(ctx);
    for (const r of t.byType.get('AWS::ECR::Repository') ?? []) {
      checkProperty(t, rep, r, {
        path: ['EncryptionConfiguration', 'EncryptionType'],
        judge: oneOf('KMS', 'KMS_DSSE'),
        fixValue: 'KMS',
        fixTitle: 'Set EncryptionType: KMS (causes replacement of the repository)',
        missing: {
          message:
            'The repository encrypts images with S3-managed keys, not KMS (EncryptionConfiguration is not set). Where KMS is required, set EncryptionConfiguration.EncryptionType: KMS.',
        },
        bad: (v) => `The repository encrypts images with ${String(v)}, not KMS. Set EncryptionType: KMS.`,
      });
    }
  },
};
