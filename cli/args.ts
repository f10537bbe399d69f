/** Command-line parsing for `parapet`, with no dependency: the grammar is small and documented in docs/cli.md. */

import { Profile, PROFILES } from '../core/rule';
import { PolicyArgs, parsePolicyArgs } from './policy-args';
import { UsageError } from './usage-error';

export { UsageError };

export type Format = 'text' | 'json' | 'sarif';
export type FailOn = 'error' | 'warning' | 'never';

export interface ScanArgs {
  command: 'scan';
  paths: string[];
  format: Format;
  output?: string;
  failOn: FailOn;
  fix: boolean;
  /** `recommended` (default) or `strict`: which rules and findings run. */
  profile: Profile;
  /** Threads that scan, the main one included (1 = in-process); 0 picks one per core for large scans and stays in-process for small ones. */
  jobs: number;
  /** A file `parapet baseline` wrote: only findings it does not hold are reported. */
  baseline?: string;
}

/** `parapet baseline`: scans like `scan` and writes every finding's fingerprint to `output`. */
export interface BaselineArgs {
  command: 'baseline';
  paths: string[];
  output: string;
  profile: Profile;
  jobs: number;
}

/** `parapet suppressions`: lists every suppression written in the files (an audit). */
export interface SuppressionsArgs {
  command: 'suppressions';
  paths: string[];
  format: 'text' | 'json';
  output?: string;
}

export type Args =
  | ScanArgs
  | BaselineArgs
  | SuppressionsArgs
  | PolicyArgs
  | { command: 'rules'; format: Format; output?: string }
  | { command: 'help' }
  | { command: 'policy-help' }
  | { command: 'version' };

/** Where `parapet baseline` writes when no `--output` is given. */
export const DEFAULT_BASELINE = '.parapet-baseline.json';

export const HELP = `Usage: parapet <command> [options]

Commands:
  scan [paths...]        Scan files and folders (default: the current folder)
  baseline [paths...]    Write the current findings to a baseline file (default ${DEFAULT_BASELINE})
  suppressions [paths...]
                         List every suppression in the files: rule, reason, expiry, source (an audit)
  rules                  List the rule catalogue
  policy <check> ...     Offline Access Analyzer checks: check-no-new-access,
                         check-access-not-granted, check-no-public-access
                         ('parapet policy --help'; docs/policy-checks.md)

Options for scan:
  --format <f>           text (default) | json | sarif
  --output <file>        Write the report to a file instead of stdout
  --fail-on <level>      error (default) | warning | never
  --profile <p>          recommended (default) | strict: strict adds customer-managed-key and
                         state-the-default findings where AWS's own default is already safe
  --fix                  Apply every safe quick fix in place, then report what remains
  --jobs <n>             Threads that scan (default: one per core for large scans; 1 = in-process)
  --baseline <file>      Report only findings that are not in this baseline file

Options for baseline:
  --output <file>        The baseline file to write (default ${DEFAULT_BASELINE})
  --profile <p>, --jobs <n>  As for scan

Options for suppressions and rules:
  --format <f>           text (default) | json
  --output <file>        Write the list to a file instead of stdout

  -h, --help             Show this help
  -v, --version          Show the version

Exit codes: 0 nothing at or above the fail level, 1 findings at or above it, 2 usage or I/O error.
Folders are walked, skipping node_modules, .git, cdk.out, .aws-sam and files over 5 MB.
`;

const FORMATS: readonly Format[] = ['text', 'json', 'sarif'];
const COMMANDS = ['scan', 'rules', 'baseline', 'suppressions'] as const;
/** Commands that scan, so take --profile and --jobs. */
const SCANS: readonly string[] = ['scan', 'baseline'];
const FAIL_ON: readonly FailOn[] = ['error', 'warning', 'never'];

/** Parses argv (without `node` and the script), throwing `UsageError` on any mistake. */
export function parseArgs(argv: readonly string[]): Args {
  if (argv[0] === 'policy')
    return argv.includes('-h') || argv.includes('--help') ? { command: 'policy-help' } : parsePolicyArgs(argv.slice(1));
  if (argv.includes('-h') || argv.includes('--help') || argv[0] === 'help') return { command: 'help' };
  if (argv.includes('-v') || argv.includes('--version')) return { command: 'version' };
  const [command, ...rest] = argv;
  if (command === undefined) throw new UsageError('missing command');
  if (!(COMMANDS as readonly string[]).includes(command)) throw new UsageError(`unknown command '${command}'`);

  const paths: string[] = [];
  let format: Format = 'text';
  let output: string | undefined;
  let failOn: FailOn = 'error';
  let fix = false;
  let profile: Profile = 'recommended';
  let jobs = 0;
  let baseline: string | undefined;
  let onlyPaths = false;
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i];
    if (onlyPaths || !arg.startsWith('-') || arg === '-') {
      paths.push(arg);
      continue;
    }
    if (arg === '--') {
      onlyPaths = true;
      continue;
    }
    // Accept both `--format json` and `--format=json`.
    const eq = arg.indexOf('=');
    const name = eq > 0 ? arg.slice(0, eq) : arg;
    const value = (): string => {
      if (eq > 0) return arg.slice(eq + 1);
      const v = rest[++i];
      if (v === undefined || (v.startsWith('-') && v.length > 1)) throw new UsageError(`${name} needs a value`);
      return v;
    };
    switch (name) {
      case '--format': {
        const v = value();
        if (command === 'baseline') throw new UsageError(`${name} is not an option of baseline (it writes JSON)`);
        if (!FORMATS.includes(v as Format) || (command !== 'scan' && v === 'sarif')) throw new UsageError(`unknown format '${v}'`);
        format = v as Format;
        break;
      }
      case '--output':
      case '-o':
        output = value();
        break;
      case '--fail-on': {
        if (command !== 'scan') throw new UsageError(`${name} applies to scan only`);
        const v = value();
        if (!FAIL_ON.includes(v as FailOn)) throw new UsageError(`unknown --fail-on level '${v}'`);
        failOn = v as FailOn;
        break;
      }
      case '--profile': {
        if (!SCANS.includes(command)) throw new UsageError(`${name} applies to scan only`);
        const v = value();
        if (!PROFILES.includes(v as Profile)) throw new UsageError(`unknown profile '${v}' (recommended or strict)`);
        profile = v as Profile;
        break;
      }
      case '--fix':
        if (command !== 'scan' || eq > 0) throw new UsageError(`${arg} is not an option of ${command}`);
        fix = true;
        break;
      case '--jobs': {
        if (!SCANS.includes(command)) throw new UsageError(`${name} applies to scan only`);
        const v = value();
        if (!/^\d{1,3}$/.test(v)) throw new UsageError(`--jobs needs a number, not '${v}'`);
        jobs = Number(v);
        break;
      }
      case '--baseline':
        if (command !== 'scan') throw new UsageError(`${name} applies to scan only`);
        baseline = value();
        break;
      default:
        throw new UsageError(`unknown option '${arg}'`);
    }
  }
  if (command === 'rules') {
    if (paths.length) throw new UsageError('rules takes no paths');
    return { command, format, output };
  }
  const targets = paths.length ? paths : ['.'];
  if (command === 'baseline') return { command, paths: targets, output: output ?? DEFAULT_BASELINE, profile, jobs };
  if (command === 'suppressions') return { command, paths: targets, format: format === 'json' ? 'json' : 'text', output };
  return { command: 'scan', paths: targets, format, output, failOn, fix, profile, jobs, ...(baseline !== undefined ? { baseline } : {}) };
}
