import { Rule } from '../../core/rule';
import { runL2Checks } from '../../core/cdk/check';
import { opensearchDomainTls12Cdk } from './opensearch-domain-tls-1-2.cdk';
import { checkProperty, oneOf, outcomesOf } from '../lib/property-value';
import { ofTypes } from '../lib/read-nodes';
import { Reporter } from '../lib/reporter';

const SAFE = 'Policy-Min-TLS-1-2-2019-07';

/** Compliant: every OpenSearch / Elasticsearch domain that enforces HTTPS uses a TLS 1.2 security policy. */
export const opensearchDomainTls12: Rule = {
  meta: {
    id: 'opensearch-domain-tls-1-2',
    title: 'OpenSearch domains require TLS 1.2',
    compliant: '`DomainEndpointOptions.TLSSecurityPolicy` is `Policy-Min-TLS-1-2-2019-07` or `Policy-Min-TLS-1-2-PFS-2023-10`.',
    description:
      'The default policy `Policy-Min-TLS-1-0-2019-07` still accepts TLS 1.0 and 1.1, which are deprecated and open to downgrade attacks. ' +
      'A TLS 1.2 policy refuses clients that cannot negotiate a modern protocol.',
    category: 'encryption-in-transit',
    severity: 'warning',
    profile: 'recommended',
    resourceTypes: ['AWS::OpenSearchService::Domain', 'AWS::Elasticsearch::Domain'],
    syntaxes: ['cfn-yaml', 'cfn-json', 'cdk-ts', 'cdk-py'],
    references: [
      {
        title: 'Amazon OpenSearch Service security policies',
        url: 'https://docs.aws.amazon.com/opensearch-service/latest/developerguide/infrastructure-security.html',
      },
      {
        title: 'AWS::OpenSearchService::Domain DomainEndpointOptions',
        url: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-opensearchservice-domain-domainendpointoptions.html',
      },
    ],
    controls: ['Opensearch.8', 'ES.8'],
    fix: `Sets \`DomainEndpointOptions.TLSSecurityPolicy: ${SAFE}\`.`,
    fixSafety: 'safe',
  },
  template(t, ctx) {
    const rep = new Reporter(ctx);
    for (const r of ofTypes(t, 'AWS::OpenSearchService::Domain', 'AWS::Elasticsearch::Domain')) {
      // A domain that does not enforce HTTPS at all is the other rule's finding; its policy is reported as well only when written.
      const enforced = outcomesOf(t, r.node, ['Properties', 'DomainEndpointOptions', 'EnforceHTTPS']).some(
        (o) => o.kind === 'value' && String(o.value).toLowerCase() === 'true',
      );
      checkProperty(t, rep, r, {
        path: ['DomainEndpointOptions', 'TLSSecurityPolicy'],
        judge: oneOf(SAFE, 'Policy-Min-TLS-1-2-PFS-2023-10', 'Policy-Min-TLS-1-2-RFC9151-FIPS-2024-08'),
        fixValue: SAFE,
        fixTitle: `Set TLSSecurityPolicy: ${SAFE}`,
        missing: enforced
          ? { message: `The domain accepts TLS 1.0 and 1.1: TLSSecurityPolicy defaults to Policy-Min-TLS-1-0-2019-07. Set it to ${SAFE}.` }
          : undefined,
        bad: (v) => `TLSSecurityPolicy ${String(v)} accepts TLS 1.0 and 1.1. Use ${SAFE}.`,
      });
    }
  },
  source(ctx) {
    runL2Checks(ctx, opensearchDomainTls12Cdk);
  },
};
