import { Rule } from '../../core/rule';
import { everyMustBeTrue } from '../lib/property-value';

/** Compliant: every Neptune cluster sets `StorageEncrypted: true`. */
export const neptuneClusterEncrypted: Rule = {
  meta: {
    id: 'neptune-cluster-encrypted',
    title: 'Neptune clusters are encrypted at rest',
    compliant: '`AWS::Neptune::DBCluster` has `StorageEncrypted: true`.',
    description:
      'A Neptune cluster created by CloudFormation is unencrypted unless `StorageEncrypted` is true, and so are its replicas and snapshots. ' +
      'Encryption can only be chosen when the cluster is created.',
    category: 'encryption-at-rest',
    severity: 'error',
    profile: 'recommended',
    resourceTypes: ['AWS::Neptune::DBCluster'],
    syntaxes: ['cfn-yaml', 'cfn-json', 'cdk-ts', 'cdk-py'],
    references: [
      { title: 'Encrypting Neptune resources at rest', url: 'https://docs.aws.amazon.com/neptune/latest/userguide/encrypt.html' },
      {
        title: 'AWS::Neptune::DBCluster',
        url: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-neptune-dbcluster.html',
      },
    ],
    controls: ['Neptune.1'],
    equivalents: { cfnNag: ['F30'], checkov: ['CKV_AWS_44'], cdkNag: ['AwsSolutions-N4', 'NeptuneClusterEncryptionAtRest'] },
    fix: 'Sets `StorageEncrypted: true` (the cluster is replaced).',
    fixSafety: 'suggestion',
  },
  template(t, ctx) {
    everyMustBeTrue(t, ctx, ['AWS::Neptune::DBCluster'], () => ({
      path: ['StorageEncrypted'],
      fixTitle: 'Set StorageEncrypted: true (causes replacement of the cluster)',
      missing: {
        message: 'The Neptune cluster is not encrypted at rest: StorageEncrypted defaults to false. Set StorageEncrypted: true.',
      },
      bad: () => 'The Neptune cluster is not encrypted at rest (StorageEncrypted is false). Set StorageEncrypted: true.',
    }));
  },
};
