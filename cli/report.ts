import { Severity } from '../core/rule';
import { FailOn } from './args';
import { findingKey, withOrdinals } from './fingerprint';
import { FileResult, OutFinding } from './scan-file';
import { ScanError } from './walk';

/** Everything a scan produced, in deterministic order, ready for any output format. */
export interface ScanReport {
  /** Files analysed as CloudFormation, a policy or CDK; other files are left alone and not counted. */
  files: number;
  findings: OutFinding[];
  /** Findings hidden by suppressions in the files: SARIF lists them as suppressed, the other formats leave them out. */
  suppressed: OutFinding[];
  /** Findings left out because the baseline holds them (`scan --baseline`); undefined without a baseline. */
  baselined?: number;
  errors: ScanError[];
  /** The folder SARIF URIs are relative to (the working directory). */
  root: string;
  fixMode: boolean;
  fixed: number;
  fixedFiles: number;
  /** Files `--fix` could not write (each is in `errors`). */
  notFixed: number;
  /** A path named on the command line could not be read, or `--fix` could not write a file: exit code 2. */
  fatal: boolean;
}

function byFile(a: { file: string }, b: { file: string }): number {
  return a.file < b.file ? -1 : a.file > b.file ? 1 : 0;
}

function byPosition(a: OutFinding, b: OutFinding): number {
  return (
    a.range.start.line - b.range.start.line ||
    a.range.start.character - b.range.start.character ||
    (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0)
  );
}

/** Sets each finding's fingerprint: its key (or, for a finding no source line belongs to, its message's) and ordinal. */
function fingerprint(findings: OutFinding[]): void {
  const keys = findings.map((f) => f.key ?? findingKey(f.ruleId, f.file, f.resource, f.message));
  const prints = withOrdinals(keys);
  findings.forEach((f, i) => (f.fingerprint = prints[i]));
}

/** Gathers per-file results (in any order) into one report sorted by file, then position, then rule. */
export function buildReport(
  results: readonly FileResult[],
  walkErrors: readonly ScanError[],
  root: string,
  fixMode: boolean,
  fatal: boolean,
): ScanReport {
  const sorted = [...results].sort(byFile);
  const findings: OutFinding[] = [];
  const suppressed: OutFinding[] = [];
  const errors: ScanError[] = [...walkErrors];
  let files = 0;
  let fixed = 0;
  let fixedFiles = 0;
  let notFixed = 0;
  for (const r of sorted) {
    if (r.analysed) files++;
    if (r.notFixed) notFixed++;
    if (r.fixed) {
      fixed += r.fixed;
      fixedFiles++;
    }
    const fs = [...r.findings].sort(byPosition);
    findings.push(...fs);
    if (r.suppressed) suppressed.push(...[...r.suppressed].sort(byPosition));
    errors.push(...r.errors);
  }
  fingerprint(findings);
  fingerprint(suppressed);
  // Stable sort: errors of one file keep their order.
  errors.sort(byFile);
  return { files, findings, suppressed, errors, root, fixMode, fixed, fixedFiles, notFixed, fatal: fatal || notFixed > 0 };
}

const RANK: Record<Severity, number> = { error: 3, warning: 2, info: 1, hint: 0 };

/** 2 for an I/O error on a named path or a fix that could not be written, 1 for findings at or above the fail level, else 0. */
export function exitCode(r: ScanReport, failOn: FailOn): number {
  if (r.fatal) return 2;
  if (failOn === 'never') return 0;
  const floor = RANK[failOn];
  return r.findings.some((f) => RANK[f.severity] >= floor) ? 1 : 0;
}
