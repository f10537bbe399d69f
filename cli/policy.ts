/**
 * `parapet policy check-no-new-access | check-access-not-granted | check-no-public-access`:
 * IAM Access Analyzer's custom policy checks, offline, on the one policy model (core/policy).
 * Exit codes: 0 the check passes, 1 it fails (each reason printed), 2 usage or I/O error.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ParsedDocument } from '../core/document';
import { compareAll, granting } from '../core/policy/access/compare';
import { checkAccessNotGranted, criticalListOf, defaultCriticalList } from '../core/policy/access/not-granted';
import { checkNoPublicAccess } from '../core/policy/access/public';
import { PolicyDocument, policiesOf, Statement } from '../core/policy/model';
import { Node } from '../core/nodes';
import { Range } from '../core/positions';
import { maskText } from '../core/secrets';
import { PolicyArgs } from './policy-args';
import { loadBaseline, loadFile, Loaded } from './policy-input';
import { displayPath, walk } from './walk';

/** One reason a check fails, as the JSON report writes it (0-based LSP positions). */
export interface PolicyFinding {
  file: string;
  range: Range;
  /** Logical or construct id of the policy's resource, or null for a standalone policy. */
  resource: string | null;
  policy: string;
  statement: string | null;
  verdict: 'new' | 'granted' | 'public' | 'undecided';
  actions: string[];
  resources: string;
  reason: string;
}

export interface PolicyReport {
  version: 1;
  check: PolicyArgs['check'];
  result: 'pass' | 'fail';
  files: number;
  findings: PolicyFinding[];
  errors: { file: string; message: string }[];
}

function finding(
  file: string,
  parsed: ParsedDocument,
  doc: PolicyDocument,
  st: Statement,
  node: Node,
  f: Pick<PolicyFinding, 'verdict' | 'actions' | 'resources' | 'reason'>,
): PolicyFinding {
  return {
    file,
    range: parsed.lines.range(node.start, node.end),
    resource: doc.resource?.id ?? null,
    policy: doc.where,
    statement: st.sid ?? null,
    ...f,
    reason: maskText(f.reason),
  };
}

async function loadAll(
  paths: readonly string[],
  cwd: string,
  errors: PolicyReport['errors'],
): Promise<{ loaded: Loaded[]; fatal: boolean }> {
  const walked = walk(paths, cwd);
  errors.push(...walked.errors);
  const loaded: Loaded[] = [];
  for (const f of walked.files) loaded.push(await loadFile(f.abs, f.file));
  return { loaded, fatal: walked.fatal };
}

async function noNewAccess(args: PolicyArgs, cwd: string, report: PolicyReport): Promise<boolean> {
  const abs = path.resolve(cwd, args.paths[0]);
  const next = await loadFile(abs, displayPath(abs, cwd));
  const base = await loadBaseline(args.baseline!, cwd);
  for (const l of [next, base]) if (!l.ok) report.errors.push({ file: l.file, message: l.message });
  if (!next.ok || !base.ok) return false;
  report.files = 1;
  const baseDocs = policiesOf(base.doc);
  if (!granting(baseDocs).length && base.doc.kind === 'none') {
    report.errors.push({ file: base.file, message: 'not a policy, template or CDK source' });
    return false;
  }
  for (const a of compareAll(policiesOf(next.doc), baseDocs))
    report.findings.push(
      finding(next.file, next.doc, a.doc, a.statement, a.node, {
        verdict: a.verdict,
        actions: a.actions,
        resources: a.resource,
        reason: a.reason,
      }),
    );
  return true;
}

async function notGranted(args: PolicyArgs, cwd: string, report: PolicyReport): Promise<boolean> {
  const { loaded, fatal } = await loadAll(args.paths, cwd, report.errors);
  const list = args.actions ? criticalListOf(args.actions) : defaultCriticalList();
  for (const l of loaded) {
    if (!l.ok) {
      report.errors.push({ file: l.file, message: l.message });
      continue;
    }
    if (l.doc.kind !== 'none') report.files++;
    for (const doc of granting(policiesOf(l.doc)))
      for (const g of checkAccessNotGranted(doc, list, args.resources))
        report.findings.push(
          finding(l.file, l.doc, g.doc, g.statement, g.node, {
            verdict: g.verdict,
            actions: g.actions,
            resources: g.resource,
            reason: g.reason,
          }),
        );
  }
  return !fatal;
}

async function noPublicAccess(args: PolicyArgs, cwd: string, report: PolicyReport): Promise<boolean> {
  const { loaded, fatal } = await loadAll(args.paths, cwd, report.errors);
  for (const l of loaded) {
    if (!l.ok) {
      report.errors.push({ file: l.file, message: l.message });
      continue;
    }
    if (l.doc.kind !== 'none') report.files++;
    for (const doc of policiesOf(l.doc))
      for (const p of checkNoPublicAccess(doc)) {
        const actions = (p.statement.action?.items ?? []).map((i) => i.value ?? i.text ?? '?');
        const resources =
          (p.statement.resource?.items ?? []).map((i) => i.value ?? i.text ?? '?').join(', ') || (p.resourceType ?? 'this resource');
        report.findings.push(
          finding(l.file, l.doc, p.doc, p.statement, p.principal.node, { verdict: 'public', actions, resources, reason: p.reason }),
        );
      }
  }
  return !fatal;
}

const LABEL: Record<PolicyFinding['verdict'], string> = {
  new: 'new access',
  granted: 'critical access',
  public: 'public access',
  undecided: 'cannot decide statically',
};

/** Text: one line per reason, 1-based `file:line:col`. */
export function formatPolicyText(r: PolicyReport): string {
  const lines = r.findings.map((f) => {
    const shown = f.actions.length > 6 ? `${f.actions.slice(0, 6).join(', ')}, … (${f.actions.length} actions)` : f.actions.join(', ');
    return `${f.file}:${f.range.start.line + 1}:${f.range.start.character + 1}  ${LABEL[f.verdict]}: ${shown || '(actions)'} on ${f.resources}: ${f.reason}`;
  });
  for (const e of r.errors) lines.push(`${e.file}: error: ${e.message}`);
  const fails = r.findings.length;
  lines.push(
    `${r.check}: ${r.result === 'pass' ? 'PASS' : 'FAIL'} (${fails} reason${fails === 1 ? '' : 's'}, ${r.files} file${r.files === 1 ? '' : 's'})`,
  );
  return `${lines.join('\n')}\n`;
}

/** Runs one check; resolves to the exit code. */
export async function runPolicyCheck(args: PolicyArgs, cwd = process.cwd()): Promise<number> {
  const report: PolicyReport = { version: 1, check: args.check, result: 'pass', files: 0, findings: [], errors: [] };
  const run = args.check === 'check-no-new-access' ? noNewAccess : args.check === 'check-access-not-granted' ? notGranted : noPublicAccess;
  const ok = await run(args, cwd, report);
  report.result = report.findings.length ? 'fail' : 'pass';
  const text = args.format === 'json' ? `${JSON.stringify(report, null, 2)}\n` : formatPolicyText(report);
  if (args.output === undefined) process.stdout.write(text);
  else
    try {
      fs.writeFileSync(args.output, text, 'utf8');
    } catch (e) {
      process.stderr.write(`parapet: cannot write ${args.output}: ${(e as NodeJS.ErrnoException).code ?? String(e)}\n`);
      return 2;
    }
  if (!ok) return 2;
  return report.findings.length ? 1 : 0;
}
