import { get, isScalar, stringValue } from '../../core/nodes';
import { FixOp, Rule } from '../../core/rule';
import { Resource } from '../../core/template';
import { outcomesOf } from '../lib/property-value';
import { items } from '../lib/read-nodes';
import { Reporter } from '../lib/reporter';

/** The parameter the fix writes. */
const REQUIRE_SSL = { ParameterName: 'require_ssl', ParameterValue: 'true' };

/** Compliant: every Redshift cluster uses a parameter group in the template with `require_ssl: true`. */
export const redshiftRequireSsl: Rule = {
  meta: {
    id: 'redshift-require-ssl',
    title: 'Redshift clusters require TLS connections',
    compliant: 'Every `AWS::Redshift::ClusterParameterGroup` sets `require_ssl` to `true`.',
    description:
      "Redshift accepts unencrypted client connections unless the cluster's parameter group sets `require_ssl`. Since 2025 the default parameter group of new clusters sets it, so a custom group that leaves it out (or sets it false) is what weakens a cluster. " +
      'Warehouse queries and results are exactly the data an eavesdropper wants.',
    category: 'encryption-in-transit',
    severity: 'warning',
    profile: 'recommended',
    resourceTypes: ['AWS::Redshift::ClusterParameterGroup'],
    syntaxes: ['cfn-yaml', 'cfn-json', 'cdk-ts', 'cdk-py'],
    references: [
      {
        title: 'Configuring security options for Amazon Redshift connections',
        url: 'https://docs.aws.amazon.com/redshift/latest/mgmt/connecting-ssl-support.html',
      },
      {
        title: 'AWS::Redshift::ClusterParameterGroup',
        url: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-redshift-clusterparametergroup.html',
      },
    ],
    controls: ['Redshift.2'],
    equivalents: { checkov: ['CKV_AWS_105'], cdkNag: ['AwsSolutions-RS1', 'RedshiftRequireTlsSSL'] },
    fix: 'Sets the `require_ssl` parameter to `true`, adding it when absent.',
    fixSafety: 'suggestion',
  },
  template(t, ctx) {
    const rep = new Reporter(ctx);
    for (const r of t.byType.get('AWS::Redshift::ClusterParameterGroup') ?? []) {
      for (const o of outcomesOf(t, r.node, ['Properties', 'Parameters'])) {
        if (o.kind === 'missing' && o.map) notSet(rep, r, { op: 'set', map: o.map, path: o.path, value: [REQUIRE_SSL] });
        if (o.kind !== 'node' || o.node.kind !== 'seq') continue;
        const seq = o.node;
        const entry = items(seq).find((p) => stringValue(get(p, 'ParameterName')) === 'require_ssl');
        const value = get(entry, 'ParameterValue');
        if (!entry) notSet(rep, r, { op: 'append', seq, value: REQUIRE_SSL });
        else if (isScalar(value) && String(value.value).toLowerCase() === 'false') {
          rep.report({
            node: value,
            resource: r,
            message: 'The parameter group lets clients connect without TLS (require_ssl: false). Set it to true.',
            fix: { title: 'Set require_ssl to true', ops: [{ op: 'replace', node: value, value: 'true' }] },
          });
        }
      }
    }
  },
};

/** require_ssl is absent, so false: reported at the group, with the op that adds it. */
function notSet(rep: Reporter, r: Resource, op: FixOp): void {
  rep.report({
    node: r.keyNode,
    resource: r,
    message: 'The parameter group does not require TLS: require_ssl is not set (false). Set require_ssl to true.',
    fix: { title: 'Add require_ssl: true', ops: [op] },
  });
}
