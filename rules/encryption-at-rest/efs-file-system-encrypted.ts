import { Rule } from '../../core/rule';
import { everyMustBeTrue } from '../lib/property-value';
import { runL2Checks } from '../../core/cdk/check';
import { efsFileSystemEncryptedCdk } from './efs-file-system-encrypted.cdk';

/** Compliant: every EFS file system sets `Encrypted: true` (CloudFormation's default is false). */
export const efsFileSystemEncrypted: Rule = {
  meta: {
    id: 'efs-file-system-encrypted',
    title: 'EFS file systems are encrypted at rest',
    compliant: '`AWS::EFS::FileSystem` has `Encrypted: true` (optionally with `KmsKeyId`).',
    description:
      'An EFS file system created from a template is unencrypted unless `Encrypted` is true: files, metadata and backups sit in plaintext on AWS storage. ' +
      'Encryption cannot be turned on later; the file system has to be replaced and the data copied.',
    category: 'encryption-at-rest',
    severity: 'error',
    profile: 'recommended',
    resourceTypes: ['AWS::EFS::FileSystem'],
    syntaxes: ['cfn-yaml', 'cfn-json', 'cdk-ts', 'cdk-py'],
    references: [
      { title: 'Encrypting data at rest in Amazon EFS', url: 'https://docs.aws.amazon.com/efs/latest/ug/encryption-at-rest.html' },
      {
        title: 'AWS::EFS::FileSystem',
        url: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-efs-filesystem.html',
      },
    ],
    controls: ['EFS.1'],
    equivalents: {
      guard: ['EFS_ENCRYPTED_CHECK'],
      cfnNag: ['F32'],
      checkov: ['CKV_AWS_42'],
      cdkNag: ['AwsSolutions-EFS1', 'EFSEncrypted'],
    },
    fix: 'Sets `Encrypted: true` (the file system is replaced: copy the data across).',
    fixSafety: 'suggestion',
  },
  template(t, ctx) {
    everyMustBeTrue(t, ctx, ['AWS::EFS::FileSystem'], () => ({
      path: ['Encrypted'],
      fixTitle: 'Set Encrypted: true (causes replacement of the file system)',
      missing: { message: 'The EFS file system is not encrypted at rest: Encrypted defaults to false. Set Encrypted: true.' },
      bad: () => 'The EFS file system is not encrypted at rest (Encrypted is false). Set Encrypted: true.',
    }));
  },
  source(ctx) {
    runL2Checks(ctx, efsFileSystemEncryptedCdk);
  },
};
