import { Rule } from '../../core/rule';
import { everyMustBeTrue } from '../lib/property-value';
import { runL2Checks } from '../../core/cdk/check';
import { documentdbClusterEncryptedCdk } from './documentdb-cluster-encrypted.cdk';

/** Compliant: every DocumentDB cluster sets `StorageEncrypted: true`. */
export const documentdbClusterEncrypted: Rule = {
  meta: {
    id: 'documentdb-cluster-encrypted',
    title: 'DocumentDB clusters are encrypted at rest',
    compliant: '`AWS::DocDB::DBCluster` has `StorageEncrypted: true`.',
    description:
      'A DocumentDB cluster stores its data, indexes, logs and snapshots unencrypted unless `StorageEncrypted` is true. ' +
      'Encryption can only be chosen when the cluster is created.',
    category: 'encryption-at-rest',
    severity: 'error',
    profile: 'recommended',
    resourceTypes: ['AWS::DocDB::DBCluster'],
    syntaxes: ['cfn-yaml', 'cfn-json', 'cdk-ts', 'cdk-py'],
    references: [
      {
        title: 'Encrypting Amazon DocumentDB data at rest',
        url: 'https://docs.aws.amazon.com/documentdb/latest/developerguide/encryption-at-rest.html',
      },
      {
        title: 'AWS::DocDB::DBCluster',
        url: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-docdb-dbcluster.html',
      },
    ],
    controls: ['DocumentDB.1'],
    equivalents: { checkov: ['CKV_AWS_74'], cdkNag: ['AwsSolutions-DOC1', 'DocumentDBClusterEncryptionAtRest'] },
    fix: 'Sets `StorageEncrypted: true` (the cluster is replaced).',
    fixSafety: 'suggestion',
  },
  template(t, ctx) {
    everyMustBeTrue(t, ctx, ['AWS::DocDB::DBCluster'], () => ({
      path: ['StorageEncrypted'],
      fixTitle: 'Set StorageEncrypted: true (causes replacement of the cluster)',
      missing: {
        message: 'The DocumentDB cluster is not encrypted at rest: StorageEncrypted defaults to false. Set StorageEncrypted: true.',
      },
      bad: () => 'The DocumentDB cluster is not encrypted at rest (StorageEncrypted is false). Set StorageEncrypted: true.',
    }));
  },
  source(ctx) {
    runL2Checks(ctx, documentdbClusterEncryptedCdk);
  },
};
