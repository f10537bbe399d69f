import { sitesOf } from '../../core/cdk/check';
import { CdkValue } from '../../core/cdk/model';
import { CdkAnalysis, Site, valueAt } from '../../core/cdk/site';
import type { PropCheck } from '../../core/cdk/table';

const RDS = 'aws-rds';
type Family = 'mysql' | 'force_ssl';

/** The version a `DatabaseInstanceEngine.postgres({ version })` call names (`PostgresEngineVersion.VER_14_7` → 14). */
function postgresMajor(v: Extract<CdkValue, { k: 'call' }>): number | undefined {
  const at = valueAt(v.kw ?? v.args[0], ['version']);
  if (typeof at !== 'object' || at.v.k !== 'ref') return undefined;
  const m = /\.PostgresEngineVersion\.VER_(\d+)/.exec(at.v.path);
  return m ? Number(m[1]) : undefined;
}

/**
 * Which parameter forces TLS for an instance engine the file names, when the default does not: MySQL and MariaDB
 * (`require_secure_transport`), SQL Server and PostgreSQL before 15 (`rds.force_ssl`). PostgreSQL 15+ forces TLS by
 * default, and an engine the file does not decide (or an Aurora cluster engine) is not judged here.
 */
function familyOf(engine: CdkValue | undefined): Family | undefined {
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
    const major = postgresMajor(engine);
    return major !== undefined && major < 15 ? 'force_ssl' : undefined;
  }
  return undefined;
}

/** Parameter groups and instances (whose `parameters` make a group; none means the default group) of one family. */
function sites(fqn: string, family: Family): (a: CdkAnalysis) => Site[] {
  return (a) =>
    sitesOf(a, { kind: 'construct', fqn: [`${RDS}.${fqn}`] }).filter((s) => {
      const engine = valueAt(s.props, ['engine']);
      if (typeof engine !== 'object' || familyOf(engine.v) !== family) return false;
      // An instance given a parameter group is judged where that group is created.
      return fqn === 'ParameterGroup' || valueAt(s.props, ['parameterGroup']) === 'absent';
    });
}

const ON = ['1', 'ON', 'on', 'true', 'TRUE', 1, true];
const OFF = ['0', 'OFF', 'off', 'false', 'FALSE', 0, false];

function check(fqn: string, family: Family): PropCheck {
  const param = family === 'mysql' ? 'require_secure_transport' : 'rds.force_ssl';
  const what = fqn === 'ParameterGroup' ? 'The parameter group' : "The instance's parameter group";
  return {
    target: { kind: 'custom', sites: sites(fqn, family) },
    anyOf: [{ path: ['parameters', param], good: [{ lit: ON }], bad: [{ lit: OFF }] }],
    missing:
      fqn === 'ParameterGroup'
        ? `The parameter group does not force TLS: ${param} is not set, so clients may connect without TLS. Set it to 1.`
        : `The instance's parameter group does not force TLS: no parameterGroup is given and its parameters do not set ${param}, which is off in the engine's defaults, so clients may connect without TLS. Set ${param} to 1 in parameters.`,
    bad: `${what} lets clients connect without TLS ({value}). Set ${param} to 1.`,
    // No automatic fix: a static parameter on some engines, applied at the next reboot.
  };
}

/** How rds-parameter-group-force-ssl reads CDK L2 constructs (core/cdk/check.ts evaluates it); L1 `Cfn*` constructs reach the `template` hook. */
export const rdsParameterGroupForceSslCdk: PropCheck[] = (['mysql', 'force_ssl'] as Family[]).flatMap((family) => [
  check('ParameterGroup', family),
  check('DatabaseInstance', family),
]);
