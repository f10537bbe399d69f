import { Rule } from '../../core/rule';
import { Resource } from '../../core/template';
import { checkProperty, outcomesOf } from '../lib/property-value';
import { Reporter } from '../lib/reporter';
import { tlsParamFor } from '../lib/rds-tls';
import { runL2Checks } from '../../core/cdk/check';
import { rdsParameterGroupForceSslCdk } from './rds-parameter-group-force-ssl.cdk';

/** Compliant: every RDS parameter group of a PostgreSQL, SQL Server, MySQL or MariaDB family forces TLS connections. */
export const rdsParameterGroupForceSsl: Rule = {
  meta: {
    id: 'rds-parameter-group-force-ssl',
    title: 'RDS parameter groups force TLS connections',
    compliant:
      '`rds.force_ssl: 1` (PostgreSQL before 15, Aurora PostgreSQL, SQL Server) or `require_secure_transport: 1`/`ON` (MySQL, MariaDB, Aurora MySQL cluster groups) in `AWS::RDS::DBParameterGroup` / `DBClusterParameterGroup`.',
    description:
      'RDS accepts unencrypted client connections unless the parameter group forces TLS, so an application or tool that does not ask for TLS sends queries, results and passwords in plain text. ' +
      'PostgreSQL 15 and later force TLS by default; the other engines do not.',
    category: 'encryption-in-transit',
    severity: 'warning',
    profile: 'recommended',
    resourceTypes: ['AWS::RDS::DBParameterGroup', 'AWS::RDS::DBClusterParameterGroup'],
    syntaxes: ['cfn-yaml', 'cfn-json', 'cdk-ts', 'cdk-py'],
    references: [
      {
        title: 'Using SSL/TLS to encrypt a connection to a DB instance or cluster',
        url: 'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/UsingWithRDS.SSL.html',
      },
      {
        title: 'Requiring SSL/TLS for all connections to a PostgreSQL DB instance',
        url: 'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/PostgreSQL.Concepts.General.SSL.html',
      },
      {
        title: 'AWS::RDS::DBParameterGroup',
        url: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-rds-dbparametergroup.html',
      },
    ],
    equivalents: { checkov: ['CKV2_AWS_69'] },
    fix: "Sets `rds.force_ssl` or `require_secure_transport` in the group's `Parameters` (a static parameter for some engines: applied at the next reboot).",
    fixSafety: 'suggestion',
  },
  template(t, ctx) {
    const rep = new Reporter(ctx);
    const check = (r: Resource, cluster: boolean): void => {
      for (const fam of outcomesOf(t, r.node, ['Properties', 'Family'])) {
        if (fam.kind !== 'value' || typeof fam.value !== 'string') continue;
        const need = tlsParamFor(fam.value, cluster);
        if (!need) continue;
        checkProperty(t, rep, r, {
          path: ['Parameters', need.param],
          judge: need.ok,
          fixValue: need.safe,
          fixTitle: `Set ${need.param}: ${need.safe}`,
          missing: need.defaultSafe
            ? undefined
            : { message: `The ${fam.value} parameter group does not force TLS: ${need.param} is not set. Set it to ${need.safe}.` },
          bad: (v) =>
            `The ${fam.value} parameter group lets clients connect without TLS (${need.param}: ${String(v)}). Set it to ${need.safe}.`,
        });
      }
    };
    for (const r of t.byType.get('AWS::RDS::DBParameterGroup') ?? []) check(r, false);
    for (const r of t.byType.get('AWS::RDS::DBClusterParameterGroup') ?? []) check(r, true);
  },
  source(ctx) {
    runL2Checks(ctx, rdsParameterGroupForceSslCdk);
  },
};
