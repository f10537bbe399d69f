import { Rule } from '../../core/rule';
import { keyArn, keyFix } from '../lib/kms-key';
import { Reporter } from '../lib/reporter';
import { requireKey } from '../lib/required-key';

/** Compliant: every Secrets Manager secret names a customer managed KMS key (`KmsKeyId`). */
export const secretsmanagerSecretKmsKey: Rule = {
  meta: {
    id: 'secretsmanager-secret-kms-key',
    title: 'Secrets Manager secrets use a customer managed key',
    compliant: '`AWS::SecretsManager::Secret` has a `KmsKeyId`.',
    description:
      'Secrets are always encrypted; without `KmsKeyId` the AWS managed key `aws/secretsmanager` is used, whose policy you cannot narrow and which cannot be shared with another account. ' +
      'A customer managed key lets the key policy, not only IAM, decide who can read the secret.',
    category: 'encryption-at-rest',
    severity: 'info',
    profile: 'strict',
    profileWhy:
      'Secrets Manager always encrypts secrets, with `aws/secretsmanager` when no key is named; a customer ' +
      'managed key is needed only to share a secret across accounts or narrow the key policy.',
    resourceTypes: ['AWS::SecretsManager::Secret'],
    syntaxes: ['cfn-yaml', 'cfn-json', 'cdk-ts', 'cdk-py'],
    references: [
      {
        title: 'Secret encryption and decryption in AWS Secrets Manager',
        url: 'https://docs.aws.amazon.com/secretsmanager/latest/userguide/security-encryption.html',
      },
      {
        title: 'AWS::SecretsManager::Secret',
        url: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-secretsmanager-secret.html',
      },
    ],
    equivalents: { guard: ['SECRETSMANAGER_USING_CMK'], cfnNag: ['W77'], checkov: ['CKV_AWS_149'], cdkNag: ['SecretsManagerUsingKMSKey'] },
    fix: 'Adds a customer managed KMS key and sets `KmsKeyId` to it.',
    fixSafety: 'suggestion',
  },
  template(t, ctx) {
    const rep = new Reporter(ctx);
    for (const r of t.byType.get('AWS::SecretsManager::Secret') ?? []) {
      requireKey(t, rep, r, ['Properties', 'KmsKeyId'], {
        message:
          'The secret is encrypted with the AWS managed key aws/secretsmanager: KmsKeyId is not set. Use a customer managed key to control who can decrypt it.',
        fixes: (at) => keyFix(t, r, at, { purpose: `secret ${r.id}`, value: keyArn }),
      });
    }
  },
};
