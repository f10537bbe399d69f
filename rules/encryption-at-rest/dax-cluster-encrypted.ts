import { Rule } from '../../core/rule';
import { everyMustBeTrue } from '../lib/property-value';

/** Compliant: every DAX cluster sets `SSESpecification.SSEEnabled: true`. */
export const daxClusterEncrypted: Rule = {
  meta: {
    id: 'dax-cluster-encrypted',
    title: 'DAX clusters are encrypted at rest',
    compliant: '`AWS::DAX::Cluster` has `SSESpecification.SSEEnabled: true`.',
    description:
      'Unlike DynamoDB itself, a DynamoDB Accelerator cluster is unencrypted unless server-side encryption is asked for: cached items, configuration and logs sit in plaintext on its nodes. ' +
      'Encryption can only be chosen when the cluster is created.',
    category: 'encryption-at-rest',
    severity: 'error',
    profile: 'recommended',
    resourceTypes: ['AWS::DAX::Cluster'],
    syntaxes: ['cfn-yaml', 'cfn-json', 'cdk-ts', 'cdk-py'],
    references: [
      { title: 'DAX encryption at rest', url: 'https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/DAXEncryptionAtRest.html' },
      {
        title: 'AWS::DAX::Cluster',
        url: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-dax-cluster.html',
      },
    ],
    controls: ['DynamoDB.3'],
    equivalents: {
      guard: ['DAX_ENCRYPTION_ENABLED'],
      cfnNag: ['W83'],
      checkov: ['CKV_AWS_47'],
      cdkNag: ['AwsSolutions-DDB4', 'DAXEncrypted'],
    },
    fix: 'Sets `SSESpecification.SSEEnabled: true` (the cluster is replaced).',
    fixSafety: 'suggestion',
  },
  template(t, ctx) {
    everyMustBeTrue(t, ctx, ['AWS::DAX::Cluster'], () => ({
      path: ['SSESpecification', 'SSEEnabled'],
      fixTitle: 'Set SSESpecification.SSEEnabled: true (causes replacement of the cluster)',
      missing: { message: 'The DAX cluster is not encrypted at rest: SSESpecification.SSEEnabled is not set. Set it to true.' },
      bad: () => 'The DAX cluster is not encrypted at rest (SSEEnabled is false). Set it to true.',
    }));
  },
};
