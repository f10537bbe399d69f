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
