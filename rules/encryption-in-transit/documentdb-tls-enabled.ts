import { Rule } from '../../core/rule';
import { checkProperty, oneOf } from '../lib/property-value';
import { Reporter } from '../lib/reporter';

/** Compliant: no DocumentDB cluster parameter group turns TLS off (`tls` stays `enabled`). */
export const documentdbTlsEnabled: Rule = {
  meta: {
    id: 'documentdb-tls-enabled',
    title: 'DocumentDB clusters keep TLS on',
    compliant:
      '`AWS::DocDB::DBClusterParameterGroup` `Parameters.tls` is absent or `enabled` (or a `fips-140-3`/`tls1.2+`/`tls1.3+` mode).',
    description:
      'Setting the `tls` parameter to `disabled` lets clients connect to DocumentDB without encryption, so documents and credentials cross the network in plain text. ' +
      'TLS is on by default.',
    category: 'encryption-in-transit',
    severity: 'warning',
    profile: 'recommended',
    resourceTypes: ['AWS::DocDB::DBClusterParameterGroup'],
    syntaxes: ['cfn-yaml', 'cfn-json', 'cdk-ts', 'cdk-py'],
    references: [
      {
        title: 'Encrypting data in transit (Amazon DocumentDB)',
        url: 'https://docs.aws.amazon.com/documentdb/latest/developerguide/security.encryption.ssl.html',
      },
      {
        title: 'AWS::DocDB::DBClusterParameterGroup',
        url: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-docdb-dbclusterparametergroup.html',
      },
    ],
    equivalents: { checkov: ['CKV_AWS_90'] },
    fix: 'Sets `tls: enabled`.',
    fixSafety: 'suggestion',
  },
  template(t, ctx) {
    const rep = new Reporter(ctx);
    for (const r of t.byType.get('AWS::DocDB::DBClusterParameterGroup') ?? []) {
      checkProperty(t, rep, r, {
        path: ['Parameters', 'tls'],
        judge: oneOf('enabled', 'fips-140-3', 'tls1.2+', 'tls1.3+'),
        fixValue: 'enabled',
        fixTitle: 'Set tls: enabled',
        bad: (v) => `The cluster parameter group lets clients connect without TLS (tls: ${String(v)}). Set it to enabled.`,
      });
    }
  },
};
