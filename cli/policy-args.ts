/** `parapet policy <check> …`: the offline Access Analyzer checks' command line (docs/policy-checks.md). */
import { UsageError } from './usage-error';

export type PolicyCheck = 'check-no-new-access' | 'check-access-not-granted' | 'check-no-public-access';
export const POLICY_CHECKS: readonly PolicyCheck[] = ['check-no-new-access', 'check-access-not-granted', 'check-no-public-access'];

export interface PolicyArgs {
  command: 'policy';
  check: PolicyCheck;
  paths: string[];
  /** check-no-new-access: a file, or `REF:path` read with `git show`. */
  baseline?: string;
  /** check-access-not-granted: the deny-list; undefined → the shipped one. */
  actions?: string[];
  resources: string[];
  format: 'text' | 'json';
  output?: string;
}

export const POLICY_HELP = `Usage: parapet policy <check> [options]

Checks (offline versions of IAM Access Analyzer's custom policy checks; docs/policy-checks.md):
  check-no-new-access <file> --baseline <file|REF:path>
                         Does the policy (or every policy of the template or CDK stack) allow
                         anything the baseline does not? REF:path is read with git show.
  check-access-not-granted [paths...] [--actions a,b] [--resources arn,...]
                         Does any policy grant a critical action? Without --actions: the shipped
                         list (Permissions-management actions and reviewed exfiltration actions).
  check-no-public-access [paths...]
                         Does any resource or trust policy grant access to everyone?

Options:
  --format <f>           text (default) | json
  --output <file>        Write the report to a file instead of stdout

Exit codes: 0 the check passes, 1 it fails (each reason printed), 2 usage or I/O error.
`;

function list(v: string): string[] {
  return v
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

/** Parses the arguments after `policy`. */
export function parsePolicyArgs(rest: readonly string[]): PolicyArgs {
  const [check, ...more] = rest;
  if (check === undefined) throw new UsageError(`policy needs a check: ${POLICY_CHECKS.join(', ')}`);
  if (!POLICY_CHECKS.includes(check as PolicyCheck)) throw new UsageError(`unknown policy check '${check}'`);
  const out: PolicyArgs = { command: 'policy', check: check as PolicyCheck, paths: [], resources: [], format: 'text' };
  for (let i = 0; i < more.length; i++) {
    const arg = more[i];
    if (!arg.startsWith('--')) {
      out.paths.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = eq > 0 ? arg.slice(0, eq) : arg;
    const value = (): string => {
      const v = eq > 0 ? arg.slice(eq + 1) : more[++i];
      if (v === undefined || v === '' || (eq < 0 && v.startsWith('--'))) throw new UsageError(`${name} needs a value`);
      return v;
    };
    const only = (c: PolicyCheck): void => {
      if (out.check !== c) throw new UsageError(`${name} applies to ${c} only`);
    };
    switch (name) {
      case '--baseline':
        only('check-no-new-access');
        out.baseline = value();
        break;
      case '--actions':
        only('check-access-not-granted');
        out.actions = [...(out.actions ?? []), ...list(value())];
        break;
      case '--resources':
        only('check-access-not-granted');
        out.resources.push(...list(value()));
        break;
      case '--format': {
        const v = value();
        if (v !== 'text' && v !== 'json') throw new UsageError(`unknown format '${v}' (text or json)`);
        out.format = v;
        break;
      }
      case '--output':
        out.output = value();
        break;
      default:
        throw new UsageError(`unknown option '${arg}'`);
    }
  }
  if (out.check === 'check-no-new-access') {
    if (out.paths.length !== 1) throw new UsageError('check-no-new-access takes one file');
    if (!out.baseline) throw new UsageError('check-no-new-access needs --baseline <file|REF:path>');
  } else if (!out.paths.length) out.paths.push('.');
  if (out.actions && !out.actions.length) throw new UsageError('--actions needs at least one action');
  return out;
}
