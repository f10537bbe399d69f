import { Rule } from '../../core/rule';
import { Resource, Template } from '../../core/template';
import { checkProperty, outcomesOf } from '../lib/property-value';
import { Reporter } from '../lib/reporter';
import { defaultGroupGap, majorOfVersion, SERVERLESS_V1_TLS, tlsParamFor } from '../lib/rds-tls';
import { runL2Checks } from '../../core/cdk/check';
import { rdsParameterGroupForceSslCdk } from './rds-parameter-group-force-ssl.cdk';

/** Compliant: every RDS parameter group of a PostgreSQL, SQL Server, MySQL or MariaDB family forces TLS connections. */
export const rdsParameterGroupForceSsl: Rule = {
  meta: {
    id: 'rds-parameter-group-force-ssl',
    title: 'RDS parameter groups force TLS connections',
    compliant:
      "`rds.force_ssl: 1` (PostgreSQL before 15, Aurora PostgreSQL, SQL Server) or `require_secure_transport: 1`/`ON` (MySQL, MariaDB, Aurora MySQL cluster groups) in `AWS::RDS::DBParameterGroup` / `DBClusterParameterGroup`, and no database of those engines on RDS's default group.",
    description:
      'RDS accepts unencrypted client connections unless the parameter group forces TLS, so an application or tool that does not ask for TLS sends queries, results and passwords in plain text. ' +
      'RDS for PostgreSQL 15 and later force TLS by default; the other engines do not, Aurora PostgreSQL included (AWS documents `rds.force_ssl` as off by default there, for every version). ' +
      "A DB instance or Aurora cluster with no parameter group of its own uses RDS's default group, which cannot be changed: it is judged by its engine, and for PostgreSQL by the version the template states (none stated: not judged). " +
      'Aurora Serverless v1 clusters support neither parameter (they use TLS unless the client turns it off, and cannot require it): the finding says to move to Serverless v2.',
    category: 'encryption-in-transit',
    severity: 'warning',
    profile: 'recommended',
    resourceTypes: ['AWS::RDS::DBParameterGroup', 'AWS::RDS::DBClusterParameterGroup', 'AWS::RDS::DBInstance', 'AWS::RDS::DBCluster'],
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
        title:
          'Updating applications to connect to PostgreSQL DB instances using new SSL/TLS certificates (rds.force_ssl defaults: 0 before 15, 1 from 15)',
        url: 'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/ssl-certificate-rotation-postgresql.html',
      },
      {
        title:
          'Updating applications to connect to Aurora PostgreSQL DB clusters using new SSL/TLS certificates (rds.force_ssl defaults to 0)',
        url: 'https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/ssl-certificate-rotation-aurora-postgresql.html',
      },
      {
        title: 'Using TLS/SSL with Aurora Serverless v1',
        url: 'https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/aurora-serverless.html#aurora-serverless.tls',
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
    for (const r of t.byType.get('AWS::RDS::DBInstance') ?? []) onDefaultGroup(t, rep, r, false);
    for (const r of t.byType.get('AWS::RDS::DBCluster') ?? []) onDefaultGroup(t, rep, r, true);
  },
  source(ctx) {
    runL2Checks(ctx, rdsParameterGroupForceSslCdk);
  },
};

/** The one value a property has (a string), `missing`, or undefined when it varies or the analysis cannot know it. */
function single(t: Template, r: Resource, prop: string): string | 'missing' | undefined {
  const outs = outcomesOf(t, r.node, ['Properties', prop]);
  if (outs.every((o) => o.kind === 'missing')) return 'missing';
  const values = new Set(outs.map((o) => (o.kind === 'value' && typeof o.value === 'string' ? o.value : undefined)));
  const [v] = values;
  return values.size === 1 ? v : undefined;
}

/**
 * A database without a parameter group of its own (none named, or RDS's `default.<family>`) runs on RDS's default group,
 * which cannot be changed: judged by its engine and stated version. An Aurora instance is judged at its cluster. An
 * Aurora Serverless v1 cluster (`EngineMode: serverless`) supports neither parameter, whatever its group: it uses TLS
 * unless the client turns it off, and cannot require it.
 */
function onDefaultGroup(t: Template, rep: Reporter, r: Resource, cluster: boolean): void {
  if (!cluster && single(t, r, 'DBClusterIdentifier') !== 'missing') return;
  const mode = cluster ? single(t, r, 'EngineMode') : 'missing';
  if (mode === 'serverless') {
    rep.report({ node: r.keyNode, resource: r, message: `DB cluster ${r.id}: ${SERVERLESS_V1_TLS}` });
    return;
  }
  if (mode !== 'missing' && mode !== 'provisioned') return;
  const group = single(t, r, cluster ? 'DBClusterParameterGroupName' : 'DBParameterGroupName');
  if (group === undefined || (group !== 'missing' && !group.startsWith('default.'))) return;
  const engine = single(t, r, 'Engine');
  if (engine === undefined || engine === 'missing') return;
  const version = single(t, r, 'EngineVersion');
  const named = group === 'missing' ? undefined : group.slice('default.'.length);
  // `default.postgres14` names the major version even where EngineVersion does not.
  const major = majorOfVersion(version === 'missing' ? undefined : version) ?? majorOfVersion(named?.replace(/^[a-z-]+/, ''));
  const gap = defaultGroupGap(engine, major, cluster);
  if (!gap) return;
  const kind = cluster ? 'DB cluster' : 'DB instance';
  rep.report({
    node: r.keyNode,
    resource: r,
    message:
      `${kind} ${r.id} uses RDS's default ${gap.group}${named ? ` (default.${named})` : ''}, where ${gap.param} is off, so clients may connect without TLS. ` +
      `Give it a ${gap.group} of its own that sets ${gap.param} to ${gap.safe}.`,
  });
}
