import { sitesOf } from '../../core/cdk/check';
import { CdkValue, entryOf } from '../../core/cdk/model';
import { CdkAnalysis, Site, valueAt } from '../../core/cdk/site';
import type { PropCheck } from '../../core/cdk/table';
import { SERVERLESS_V1_TLS, tlsParamFor } from '../lib/rds-tls';

const RDS = 'aws-rds';
type Family = 'mysql' | 'force_ssl';

/** The major version an engine call names (`PostgresEngineVersion.VER_14_7` → 14). */
function majorOf(v: Extract<CdkValue, { k: 'call' }>, versions = 'PostgresEngineVersion'): number | undefined {
  const at = valueAt(v.kw ?? v.args[0], ['version']);
  if (typeof at !== 'object' || at.v.k !== 'ref') return undefined;
  const m = new RegExp(`\\.${versions}\\.VER_(\\d+)`).exec(at.v.path);
  return m ? Number(m[1]) : undefined;
}

/**
 * Which parameter forces TLS for an instance engine the file names, when the default does not: MySQL and MariaDB
 * (`require_secure_transport`), SQL Server and PostgreSQL before 15 (`rds.force_ssl`); for a cluster, the Aurora engines.
 * PostgreSQL 15+ forces TLS by default, and an engine the file does not decide is not judged here (nor an Aurora
 * engine in a `ParameterGroup`, which may become an instance group, where these parameters do nothing).
 */
function familyOf(engine: CdkValue | undefined, cluster: boolean): Family | undefined {
  if (cluster) {
    // Aurora clusters: require_secure_transport (Aurora MySQL) and rds.force_ssl (Aurora PostgreSQL) are off in the
    // default cluster groups. AWS documents no version where Aurora PostgreSQL turns rds.force_ssl on (RDS for
    // PostgreSQL did from 15); a version the file does not state is not judged.
    if (engine?.k === 'call' && engine.fqn === `${RDS}.DatabaseClusterEngine.auroraPostgres`) {
      return majorOf(engine, 'AuroraPostgresEngineVersion') !== undefined ? 'force_ssl' : undefined;
    }
    if (engine?.k === 'call' && engine.fqn === `${RDS}.DatabaseClusterEngine.auroraMysql`) return 'mysql';
    if (engine?.k === 'ref' && engine.path === `${RDS}.DatabaseClusterEngine.AURORA_MYSQL`) return 'mysql';
    return undefined;
  }
  if (engine?.k === 'ref') {
    if (/\.DatabaseInstanceEngine\.(MYSQL|MARIADB)$/.test(engine.path)) return 'mysql';
    if (/\.DatabaseInstanceEngine\.SQL_SERVER_/.test(engine.path)) return 'force_ssl';
    return undefined;
  }
  if (engine?.k !== 'call' || !engine.fqn.startsWith(`${RDS}.DatabaseInstanceEngine.`)) return undefined;
  const name = engine.fqn.slice(`${RDS}.DatabaseInstanceEngine.`.length);
  if (name === 'mysql' || name === 'mariadb') return 'mysql';
  if (name.startsWith('sqlServer')) return 'force_ssl';
  if (name === 'postgres') {
    const major = majorOf(engine);
    return major !== undefined && major < 15 ? 'force_ssl' : undefined;
  }
  return undefined;
}

const CLUSTERS = ['DatabaseCluster', 'DatabaseClusterFromSnapshot', 'ServerlessCluster', 'ServerlessClusterFromSnapshot'];
const INSTANCES = ['DatabaseInstance', 'DatabaseInstanceFromSnapshot'];
type Kind = 'group' | 'instance' | 'cluster';

/** Parameter groups, instances and clusters (whose `parameters` make a group; none means the default group) of one family. */
function sites(fqns: string[], family: Family, cluster: boolean): (a: CdkAnalysis) => Site[] {
  return (a) =>
    sitesOf(a, { kind: 'construct', fqn: fqns.map((f) => `${RDS}.${f}`) }).filter((s) => {
      const engine = valueAt(s.props, ['engine']);
      if (typeof engine !== 'object' || familyOf(engine.v, cluster) !== family) return false;
      // A database given a parameter group is judged where that group is created (or imported).
      if (fqns[0] === 'ParameterGroup') return !forServerlessV1(a, s);
      return valueAt(s.props, ['parameterGroup']) === 'absent';
    });
}

const ON = ['1', 'ON', 'on', 'true', 'TRUE', 1, true];
const OFF = ['0', 'OFF', 'off', 'false', 'FALSE', 0, false];

const paramOf = (family: Family): string => (family === 'mysql' ? 'require_secure_transport' : 'rds.force_ssl');
/** Aurora MySQL takes ON/OFF for require_secure_transport; the other engines 1/0. */
const safeOf = (family: Family, cluster: boolean): string => (family === 'mysql' && cluster ? 'ON' : '1');

function missingText(kind: Kind, param: string, safe: string): string {
  if (kind === 'group')
    return `The parameter group does not force TLS: ${param} is not set, so clients may connect without TLS. Set it to 1.`;
  const whose = kind === 'instance' ? "The instance's" : "The cluster's";
  return `${whose} parameter group does not force TLS: no parameterGroup is given and its parameters do not set ${param}, which is off in the engine's defaults, so clients may connect without TLS. Set ${param} to ${safe} in parameters.`;
}

function check(fqns: string[], family: Family, kind: Kind): PropCheck {
  const param = paramOf(family);
  const safe = safeOf(family, kind === 'cluster');
  const what =
    kind === 'group' ? 'The parameter group' : kind === 'instance' ? "The instance's parameter group" : "The cluster's parameter group";
  return {
    target: { kind: 'custom', sites: sites(fqns, family, kind === 'cluster') },
    anyOf: [{ path: ['parameters', param], good: [{ lit: ON }], bad: [{ lit: OFF }] }],
    missing: missingText(kind, param, safe),
    bad: `${what} lets clients connect without TLS ({value}). Set ${param} to ${safe}.`,
    // No automatic fix: a static parameter on some engines, applied at the next reboot.
  };
}

/** Aurora Serverless v1 clusters: they support neither rds.force_ssl nor require_secure_transport (they use TLS unless the client turns it off). */
const SERVERLESS_V1 = [`${RDS}.ServerlessCluster`, `${RDS}.ServerlessClusterFromSnapshot`];

/** True when a parameter group (created or imported at the site) is the `parameterGroup` of an Aurora Serverless v1 cluster. */
function forServerlessV1(a: CdkAnalysis, s: Site): boolean {
  const at = s.call?.start;
  const name = s.variable;
  return a.model.constructs.some((c) => {
    if (!SERVERLESS_V1.includes(c.call.fqn)) return false;
    const pg = valueAt(c.props, ['parameterGroup']);
    if (typeof pg !== 'object') return false;
    return pg.v.start === at || (name !== undefined && pg.v.k === 'unknown' && pg.v.name === name);
  });
}

/** True when an import sits at a cluster's own `parameterGroup` (not an instance's inside it). */
function inClusterGroup(s: Site): boolean {
  const c = s.construct;
  if (!c || !CLUSTERS.some((f) => c.call.fqn === `${RDS}.${f}`)) return false;
  const at = valueAt(c.props, ['parameterGroup']);
  return typeof at === 'object' && at.v.start === s.call?.start;
}

/** `ParameterGroup.fromParameterGroupName(scope, id, 'default.mysql5.7')`: RDS's default group of a family whose default lets clients skip TLS. */
function defaultGroups(fam: Family, cluster: boolean): (a: CdkAnalysis) => Site[] {
  return (a) =>
    sitesOf(a, { kind: 'call', fqn: [`${RDS}.ParameterGroup.fromParameterGroupName`], propsArg: 3 }).filter((s) => {
      const name = s.call?.args[2] ?? entryOf(s.call?.kw, 'parameterGroupName')?.value;
      if (name?.k !== 'lit' || typeof name.v !== 'string' || !name.v.startsWith('default.')) return false;
      if (inClusterGroup(s) !== cluster || forServerlessV1(a, s)) return false;
      const family = name.v.slice('default.'.length);
      const need = tlsParamFor(family, cluster);
      return need !== undefined && !need.defaultSafe && need.param === paramOf(fam);
    });
}

function defaultGroupCheck(family: Family, cluster: boolean): PropCheck {
  const param = paramOf(family);
  return {
    target: { kind: 'custom', sites: defaultGroups(family, cluster) },
    anyOf: [],
    missing: `RDS's default parameter group does not force TLS: ${param} is off in it, and a default group cannot be changed, so clients may connect without TLS. Use a ParameterGroup of your own that sets ${param} to ${safeOf(family, cluster)}.`,
    bad: `RDS's default parameter group does not force TLS.`,
  };
}

/** How rds-parameter-group-force-ssl reads CDK L2 constructs (core/cdk/check.ts evaluates it); L1 `Cfn*` constructs reach the `template` hook. */
export const rdsParameterGroupForceSslCdk: PropCheck[] = (['mysql', 'force_ssl'] as Family[])
  .flatMap((family) => [
    check(['ParameterGroup'], family, 'group'),
    check(INSTANCES, family, 'instance'),
    check(CLUSTERS.slice(0, 2), family, 'cluster'),
    defaultGroupCheck(family, false),
    defaultGroupCheck(family, true),
  ])
  .concat([
    // Aurora Serverless v1 (retired) supports neither parameter, whatever its group.
    { target: { kind: 'construct', fqn: SERVERLESS_V1 }, anyOf: [], missing: SERVERLESS_V1_TLS, bad: SERVERLESS_V1_TLS },
  ]);
