import { Rule } from '../../core/rule';
import { everyMustBeTrue } from '../lib/property-value';
import { runL2Checks } from '../../core/cdk/check';
import { opensearchNodeToNodeEncryptedCdk } from './opensearch-node-to-node-encrypted.cdk';

/** Compliant: every OpenSearch / Elasticsearch domain sets `NodeToNodeEncryptionOptions.Enabled: true`. */
export const opensearchNodeToNodeEncrypted: Rule = {
  meta: {
    id: 'opensearch-node-to-node-encrypted',
    title: 'OpenSearch domains encrypt traffic between nodes',
    compliant: '`NodeToNodeEncryptionOptions.Enabled: true` on `AWS::OpenSearchService::Domain` and `AWS::Elasticsearch::Domain`.',
    description:
      "Without node-to-node encryption, shards, replicas and query results travel between the domain's nodes in plain text inside the VPC. " +
      'It is also a prerequisite for fine-grained access control.',
    category: 'encryption-in-transit',
    severity: 'warning',
    profile: 'recommended',
    resourceTypes: ['AWS::OpenSearchService::Domain', 'AWS::Elasticsearch::Domain'],
    syntaxes: ['cfn-yaml', 'cfn-json', 'cdk-ts', 'cdk-py'],
    references: [
      {
        title: 'Node-to-node encryption for Amazon OpenSearch Service',
        url: 'https://docs.aws.amazon.com/opensearch-service/latest/developerguide/ntn.html',
      },
      {
        title: 'AWS::OpenSearchService::Domain NodeToNodeEncryptionOptions',
        url: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-opensearchservice-domain-nodetonodeencryptionoptions.html',
      },
    ],
    controls: ['Opensearch.3', 'ES.3'],
    equivalents: {
      guard: ['OPENSEARCH_NODE_TO_NODE_ENCRYPTION_CHECK', 'ELASTICSEARCH_NODE_TO_NODE_ENCRYPTION_CHECK'],
      cfnNag: ['W85'],
      checkov: ['CKV_AWS_6'],
      cdkNag: ['AwsSolutions-OS2', 'OpenSearchNodeToNodeEncryption'],
    },
    fix: 'Sets `NodeToNodeEncryptionOptions.Enabled: true`.',
    fixSafety: 'safe',
  },
  template(t, ctx) {
    everyMustBeTrue(t, ctx, ['AWS::OpenSearchService::Domain', 'AWS::Elasticsearch::Domain'], () => ({
      path: ['NodeToNodeEncryptionOptions', 'Enabled'],
      fixTitle: 'Set NodeToNodeEncryptionOptions.Enabled: true',
      missing: {
        message: "Traffic between the domain's nodes is not encrypted: NodeToNodeEncryptionOptions.Enabled is not set. Set it to true.",
      },
      bad: () => "Traffic between the domain's nodes is not encrypted (NodeToNodeEncryptionOptions.Enabled is false). Set it to true.",
    }));
  },
  source(ctx) {
    runL2Checks(ctx, opensearchNodeToNodeEncryptedCdk);
  },
};
