import { Rule } from '../../core/rule';
import { everyMustBeTrue } from '../lib/property-value';
import { runL2Checks } from '../../core/cdk/check';
import { opensearchDomainEncryptedAtRestCdk } from './opensearch-domain-encrypted-at-rest.cdk';

/** Compliant: every OpenSearch / Elasticsearch domain has `EncryptionAtRestOptions.Enabled: true`. */
export const opensearchDomainEncryptedAtRest: Rule = {
  meta: {
    id: 'opensearch-domain-encrypted-at-rest',
    title: 'OpenSearch domains are encrypted at rest',
    compliant: '`AWS::OpenSearchService::Domain` / `AWS::Elasticsearch::Domain` has `EncryptionAtRestOptions.Enabled: true`.',
    description:
      'Without encryption at rest, an OpenSearch domain keeps its indices, swap files, logs and automated snapshots in plaintext. ' +
      'Search clusters often index exactly the documents an attacker wants.',
    category: 'encryption-at-rest',
    severity: 'error',
    profile: 'recommended',
    resourceTypes: ['AWS::OpenSearchService::Domain', 'AWS::Elasticsearch::Domain'],
    syntaxes: ['cfn-yaml', 'cfn-json', 'cdk-ts', 'cdk-py'],
    references: [
      {
        title: 'Encryption of data at rest for Amazon OpenSearch Service',
        url: 'https://docs.aws.amazon.com/opensearch-service/latest/developerguide/encryption-at-rest.html',
      },
      {
        title: 'AWS::OpenSearchService::Domain',
        url: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-opensearchservice-domain.html',
      },
    ],
    controls: ['Opensearch.1', 'ES.1'],
    equivalents: {
      guard: ['OPENSEARCH_ENCRYPTED_AT_REST', 'ELASTICSEARCH_ENCRYPTED_AT_REST'],
      cfnNag: ['W54'],
      checkov: ['CKV_AWS_5'],
      cdkNag: ['AwsSolutions-OS8', 'OpenSearchEncryptedAtRest'],
    },
    fix: 'Sets `EncryptionAtRestOptions.Enabled: true`.',
    fixSafety: 'mixed',
  },
  template(t, ctx) {
    everyMustBeTrue(t, ctx, ['AWS::OpenSearchService::Domain', 'AWS::Elasticsearch::Domain'], () => ({
      path: ['EncryptionAtRestOptions', 'Enabled'],
      fixTitle: 'Set EncryptionAtRestOptions.Enabled: true',
      // Adding the options updates the domain in place; changing a written false deletes and recreates it.
      fixSafety: { missing: 'safe', bad: 'suggestion' },
      missing: { message: 'The domain is not encrypted at rest: EncryptionAtRestOptions.Enabled is not set. Set it to true.' },
      bad: () => 'The domain is not encrypted at rest (EncryptionAtRestOptions.Enabled is false). Set it to true.',
    }));
  },
  source(ctx) {
    runL2Checks(ctx, opensearchDomainEncryptedAtRestCdk);
  },
};
