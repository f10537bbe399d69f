import { Rule } from '../../core/rule';
import { keyArn, keyFix } from '../lib/kms-key';
import { Reporter } from '../lib/reporter';
import { requireKey } from '../lib/required-key';

/** Compliant: every AWS Backup vault names a customer managed KMS key (`EncryptionKeyArn`). */
export const backupVaultKmsKey: Rule = {
  meta: {
    id: 'backup-vault-kms-key',
    title: 'Backup vaults use a customer managed key',
    compliant: '`AWS::Backup::BackupVault` has an `EncryptionKeyArn`.',
    description:
      'Without `EncryptionKeyArn`, a backup vault encrypts recovery points with the AWS managed key `aws/backup`, which cannot be shared across accounts or restricted by key policy. ' +
      'Backups hold a full copy of the data, so who can decrypt them matters as much as the source.',
    category: 'encryption-at-rest',
    severity: 'info',
    profile: 'strict',
    profileWhy:
      "AWS Backup encrypts a vault's recovery points with the AWS managed key `aws/backup` when none is named; " +
      'a customer managed key is needed only for cross-account copies or a narrower key policy.',
    resourceTypes: ['AWS::Backup::BackupVault'],
    syntaxes: ['cfn-yaml', 'cfn-json', 'cdk-ts', 'cdk-py'],
    references: [
      { title: 'Encryption for backups in AWS Backup', url: 'https://docs.aws.amazon.com/aws-backup/latest/devguide/encryption.html' },
      {
        title: 'AWS::Backup::BackupVault',
        url: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-backup-backupvault.html',
      },
    ],
    equivalents: { checkov: ['CKV_AWS_166'] },
    fix: 'Adds a customer managed KMS key and sets `EncryptionKeyArn` to it (the vault is replaced).',
    fixSafety: 'suggestion',
  },
  template(t, ctx) {
    const rep = new Reporter(ctx);
    for (const r of t.byType.get('AWS::Backup::BackupVault') ?? []) {
      requireKey(t, rep, r, ['Properties', 'EncryptionKeyArn'], {
        message:
          'The backup vault uses the AWS managed key aws/backup (EncryptionKeyArn is not set). Where a customer managed key is required, set EncryptionKeyArn.',
        fixes: (at) =>
          keyFix(t, r, at, {
            purpose: `the recovery points in backup vault ${r.id}`,
            value: keyArn,
            title: 'Encrypt with a new customer managed KMS key (causes replacement of the vault)',
          }),
      });
    }
  },
};
