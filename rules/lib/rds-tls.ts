import { Scalar } from '../../core/nodes';
import { Verdict } from './property-value';

/** The parameter that forces TLS for a parameter-group family, its safe value, and whether the engine's default is safe. */
export interface TlsParam {
  param: string;
  safe: string;
  ok: (v: Scalar) => Verdict;
  defaultSafe: boolean;
}

const truthy = (v: Scalar): Verdict =>
  ['1', 'on', 'true'].includes(String(v).toLowerCase())
    ? 'ok'
    : ['0', 'off', 'false'].includes(String(v).toLowerCase())
      ? 'bad'
      : 'unknown';

/**
 * Which parameter forces TLS for a parameter-group family (`mysql8.0`, `aurora-postgresql10`), or undefined for
 * families Parapet does not judge. `cluster`: the group is a cluster's (Aurora reads these from the cluster group).
 */
export function tlsParamFor(family: string, cluster: boolean): TlsParam | undefined {
  const f = family.toLowerCase();
  let m: RegExpExecArray | null;
  if ((m = /^postgres(\d+)/.exec(f))) return { param: 'rds.force_ssl', safe: '1', ok: truthy, defaultSafe: Number(m[1]) >= 15 };
  if (f.startsWith('aurora-postgresql')) return cluster ? { param: 'rds.force_ssl', safe: '1', ok: truthy, defaultSafe: false } : undefined;
  if (f.startsWith('sqlserver')) return { param: 'rds.force_ssl', safe: '1', ok: truthy, defaultSafe: false };
  if (f.startsWith('mysql') || f.startsWith('mariadb'))
    return { param: 'require_secure_transport', safe: '1', ok: truthy, defaultSafe: false };
  // Aurora MySQL reads require_secure_transport from the cluster parameter group only.
  if (f.startsWith('aurora-mysql') || f === 'aurora5.6')
    return cluster ? { param: 'require_secure_transport', safe: 'ON', ok: truthy, defaultSafe: false } : undefined;
  return undefined;
}

/** What a database on RDS's default parameter group is missing: the parameter, its safe value, and which group. */
export interface DefaultGroupGap {
  param: string;
  safe: string;
  /** `DB parameter group` or `DB cluster parameter group`. */
  group: string;
}

/**
 * Whether an engine (`Engine` of a DB instance or an Aurora cluster) on RDS's default parameter group lets clients connect
 * without TLS: MySQL, MariaDB and SQL Server instances, RDS for PostgreSQL before 15 (15 and later turn rds.force_ssl on),
 * Aurora MySQL clusters, and Aurora PostgreSQL clusters of a stated version (AWS documents rds.force_ssl as off by
 * default there). `major` is the engine's major version when the template states it. Undefined: TLS is forced, or
 * the analysis cannot know.
 */
export function defaultGroupGap(engine: string, major: number | undefined, cluster: boolean): DefaultGroupGap | undefined {
  const e = engine.toLowerCase();
  if (cluster) {
    if (e === 'aurora-mysql' || e === 'aurora')
      return { param: 'require_secure_transport', safe: 'ON', group: 'DB cluster parameter group' };
    if (e === 'aurora-postgresql' && major !== undefined) return { param: 'rds.force_ssl', safe: '1', group: 'DB cluster parameter group' };
    return undefined;
  }
  const group = 'DB parameter group';
  if (e === 'mysql' || e === 'mariadb') return { param: 'require_secure_transport', safe: '1', group };
  if (e.startsWith('sqlserver-')) return { param: 'rds.force_ssl', safe: '1', group };
  if (e === 'postgres' && major !== undefined && major < 15) return { param: 'rds.force_ssl', safe: '1', group };
  return undefined;
}

/** The major version of an RDS engine version string (`14.9` → 14, `5.7.mysql_aurora.2.11.2` → 5), or undefined. */
export function majorOfVersion(version: string | undefined): number | undefined {
  const m = version === undefined ? null : /^(\d+)/.exec(version.trim());
  return m ? Number(m[1]) : undefined;
}

/** Aurora Serverless v1 (retired) supports neither TLS parameter: what to say of a v1 cluster. */
export const SERVERLESS_V1_TLS =
  'Aurora Serverless v1 cannot require TLS: it supports neither rds.force_ssl nor require_secure_transport, so a client that does not ask for TLS connects in plain text. ' +
  'Move it to Aurora Serverless v2 (v1 reached end of life on March 31, 2025), whose cluster parameter group can force TLS.';
