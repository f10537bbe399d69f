/**
 * `parapet`: scans CloudFormation, IAM policy and CDK files from the command line (text, JSON, SARIF).
 * Large scans run on a pool of worker threads; this same bundle is each worker's entry.
 */
// First: V8 tuning for short runs (cli/jit.ts), before the engine's code starts running.
import './jit';
import * as fs from 'node:fs';
import { rules } from '../rules';
import { Profile } from '../core/rule';
import { Args, BaselineArgs, HELP, parseArgs, ScanArgs, UsageError } from './args';
import { applyBaseline, formatBaseline, readBaseline } from './baseline';
import { escapeField, workflowSafeLine } from './escape';
import { formatJson } from './format-json';
import { formatSarif } from './format-sarif';
import { formatText } from './format-text';
import { POLICY_HELP } from './policy-args';
import { runPolicyCheck } from './policy';
import { version } from './package-info';
import { scanFiles } from './pool';
import { buildReport, exitCode, ScanReport } from './report';
import { synthPass } from './synth';
import { suppressionsReport } from './suppressions';
import { walk } from './walk';
import { MAX_DOCUMENT_BYTES } from '../core/document';
import { decodeText, readRegularFileSync } from '../core/files';
import { WorkspaceFacts } from '../core/rule';
import { workspaceFacts } from '../core/workspace-facts';
import { isScanWorker } from './worker';

function write(text: string, output: string | undefined): boolean {
  if (output === undefined) {
    process.stdout.write(text);
    return true;
  }
  try {
    fs.writeFileSync(output, text, 'utf8');
    return true;
  } catch (e) {
    process.stderr.write(`parapet: cannot write ${output}: ${(e as NodeJS.ErrnoException).code ?? String(e)}\n`);
    return false;
  }
}

function listRules(format: 'text' | 'json' | 'sarif', output: string | undefined): number {
  if (format === 'json') {
    const list = rules.map((r) => ({
      id: r.meta.id,
      title: r.meta.title,
      category: r.meta.category,
      severity: r.meta.severity,
      profile: r.meta.profile,
      syntaxes: r.meta.syntaxes,
      fix: r.meta.fix !== undefined,
      // safe: `--fix` applies it; suggestion: offered in the editor only; mixed: some of each.
      fixSafety: r.meta.fix !== undefined ? (r.meta.fixSafety ?? 'suggestion') : null,
    }));
    return write(`${JSON.stringify(list, null, 2)}\n`, output) ? 0 : 2;
  }
  const width = Math.max(2, ...rules.map((r) => r.meta.id.length));
  const catWidth = Math.max(8, ...rules.map((r) => r.meta.category.length));
  const profWidth = 'recommended'.length;
  const lines = rules.map(
    (r) =>
      `${r.meta.id.padEnd(width)}  ${r.meta.category.padEnd(catWidth)}  ${r.meta.severity.padEnd(7)}  ${r.meta.profile.padEnd(profWidth)}  ${(r.meta.fix ? (r.meta.fixSafety ?? 'suggestion') : '').padEnd(10)}  ${r.meta.title}`,
  );
  lines.push('', `${rules.length} rules; fix: safe (applied by --fix), suggestion (offered in the editor only), mixed (some of each)`);
  return write(`${lines.join('\n')}\n`, output) ? 0 : 2;
}

/** The workspace facts of the scanned files, read as text (a file that cannot be read contributes nothing). */
function workspaceOf(files: readonly string[]): WorkspaceFacts {
  return workspaceFacts(textsOf(files));
}

/** The texts of files, one in memory at a time: a large scan must not hold every text at once. */
function* textsOf(files: readonly string[]): Iterable<string> {
  for (const abs of files) {
    const read = readRegularFileSync(abs, MAX_DOCUMENT_BYTES);
    if (read.ok) yield decodeText(read.bytes);
  }
}

/** Walks, scans (worker pool), adds the synth pass's findings: the report every scanning command starts from. */
async function scanReport(paths: string[], profile: Profile, jobs: number, fix: boolean): Promise<ScanReport> {
  const cwd = process.cwd();
  const walked = walk(paths, cwd);
  // CDK Python's tree-sitter wasm is loaded by the pool, in-process or per worker, only when .py files are scanned.
  // Rules that judge across files (the account baseline) see every scanned file: one cheap text pass first.
  const workspace = workspaceOf(walked.files.map((f) => f.abs));
  const results = await scanFiles(walked.files, { fix, profile, workspace }, jobs);
  // CDK apps with a cdk.out: the synthesized templates' findings, placed on the scanned source.
  const synth = synthPass(walked.files, results, { profile }, cwd);
  return buildReport([...results, ...synth.results], [...walked.errors, ...synth.errors], cwd, fix, walked.fatal);
}

async function scan(args: ScanArgs): Promise<number> {
  const baseline = args.baseline === undefined ? undefined : readBaseline(args.baseline);
  if (baseline && 'error' in baseline) {
    process.stderr.write(`parapet: ${baseline.error}\n`);
    return 2;
  }
  let report = await scanReport(args.paths, args.profile, args.jobs, args.fix);
  if (baseline) report = applyBaseline(report, baseline.prints);
  const text = args.format === 'json' ? formatJson(report) : args.format === 'sarif' ? formatSarif(report, rules) : formatText(report);
  if (!write(text, args.output)) return 2;
  if (args.fix && (args.format !== 'text' || args.output !== undefined)) {
    const notFixed = report.notFixed ? `; ${report.notFixed} files not fixed (see errors)` : '';
    process.stderr.write(`parapet: ${report.fixed} fixes applied in ${report.fixedFiles} files${notFixed}\n`);
  }
  return exitCode(report, args.failOn);
}

async function writeBaseline(args: BaselineArgs): Promise<number> {
  const report = await scanReport(args.paths, args.profile, args.jobs, false);
  if (!write(formatBaseline(report), args.output)) return 2;
  for (const e of report.errors) process.stderr.write(`${workflowSafeLine(`${escapeField(e.file)}: ${escapeField(e.message)}`)}\n`);
  process.stderr.write(`parapet: ${report.findings.length} findings written to ${args.output}\n`);
  return report.fatal ? 2 : 0;
}

async function listSuppressions(paths: string[], format: 'text' | 'json', output: string | undefined): Promise<number> {
  const { text, code } = await suppressionsReport(paths, format);
  return write(text, output) ? code : 2;
}

/** Runs one command line; resolves to the exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  let args: Args;
  try {
    args = parseArgs(argv);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    process.stderr.write(`parapet: ${e.message}\nRun 'parapet --help' for usage.\n`);
    return 2;
  }
  switch (args.command) {
    case 'help':
      process.stdout.write(HELP);
      return 0;
    case 'policy-help':
      process.stdout.write(POLICY_HELP);
      return 0;
    case 'policy':
      return runPolicyCheck(args);
    case 'version':
      process.stdout.write(`${version()}\n`);
      return 0;
    case 'rules':
      return listRules(args.format, args.output);
    case 'scan':
      return scan(args);
    case 'baseline':
      return writeBaseline(args);
    case 'suppressions':
      return listSuppressions(args.paths, args.format, args.output);
  }
}

if (require.main === module && !isScanWorker()) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      process.stderr.write(`parapet: internal error: ${e instanceof Error ? e.message : String(e)}\n`);
      process.exitCode = 2;
    },
  );
}
