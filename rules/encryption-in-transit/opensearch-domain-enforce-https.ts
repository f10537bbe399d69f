import { Rule } from '../../core/rule';
import { everyMustBeTrue } from '../lib/property-value';
import { runL2Checks } from '../../core/cdk/check';
import { opensearchDomainEnforceHttpsCdk } from './opensearch-domain-enforce-https.cdk';

/** Compliant: every OpenSearch / Elasticsearch domain sets `DomainEndpointOptions.EnforceHTTPS: true`. */
export const opensearchDomainEnforceHttps: Rule = {
  meta: {
    id: 'opensearch-domain-enforce-https',
    title: 'OpenSearch domains require HTTPS',
    compliant: '`DomainEndpointOptions.EnforceHTTPS: true` on `AWS::OpenSearchService::Domain` and `AWS::Elasticsearch::Domain`.',
    description:
      'Unless `EnforceHTTPS` is true, the domain endpoint also answers plain HTTP, so queries, documents and signed requests can travel unencrypted. ' +
      'The default is false.',
    category: 'encryption-in-transit',
    severity: 'warning',
    profile: 'recommended',
    resourceTypes: ['AWS::OpenSearchService::Domain', 'AWS::Elasticsearch::Domain'],
    syntaxes: ['cfn-yaml', 'cfn-json', 'cdk-ts', 'cdk-py'],
    references: [
      {
        title: 'Amazon OpenSearch Service: require HTTPS',
        url: 'https://docs.aws.amazon.com/opensearch-service/latest/developerguide/infrastructure-security.html',
      },
      {
        title: 'AWS::OpenSearchService::Domain DomainEndpointOptions',
        url: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-opensearchservice-domain-domainendpointoptions.html',
      },
    ],
    controls: ['Opensearch.8', 'ES.8'],
    equivalents: { guard: ['OPENSEARCH_HTTPS_REQUIRED', 'ELASTICSEARCH_HTTPS_REQUIRED'], checkov: ['CKV_AWS_83'] },
    fix: 'Sets `DomainEndpointOptions.EnforceHTTPS: true`.',
    fixSafety: 'suggestion',
  },
  template(t, ctx) {
    everyMustBeTrue(t, ctx, ['AWS::OpenSearchService::Domain', 'AWS::Elasticsearch::Domain'], () => ({
      path: ['DomainEndpointOptions', 'EnforceHTTPS'],
      fixTitle: 'Set DomainEndpointOptions.EnforceHTTPS: true',
      missing: { message: 'The domain endpoint also accepts plain HTTP: DomainEndpointOptions.EnforceHTTPS is not set. Set it to true.' },
      bad: () => 'The domain endpoint accepts plain HTTP (EnforceHTTPS is false). Set it to true.',
    }));
  },
  source(ctx) {
    runL2Checks(ctx, opensearchDomainEnforceHttpsCdk);
  },
};
