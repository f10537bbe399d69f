import { pathToFileURL } from 'node:url';
import { MAX_DOCUMENT_BYTES, parseDocument, ParsedDocument } from '../core/document';
import { analyze, AnalysisOptions, AnalysisResult, Finding } from '../core/engine';
import { decodeText, describeFailure, readRegularFileSync } from '../core/files';
import { fixAll, FixAllResult } from '../core/fix/apply';
import { Range } from '../core/positions';
import { DocumentProblem } from '../core/parse/problems';
import { CATEGORIES, Category, Profile, Severity, SUPPRESSION_EXPIRED_ID, WorkspaceFacts } from '../core/rule';
import { matches, sourceOf, SuppressionSource, SuppressionTool } from '../core/suppress';
import { findingKey } from './fingerprint';
import { rules } from '../rules';
import { ScanError } from './walk';
import { writeBack } from './write-back';

/** One finding as the JSON report writes it (0-based LSP positions). */
export interface OutFinding {
  ruleId: string;
  category: Category;
  severity: Severity;
  file: string;
  range: Range;
  /** Logical id of the resource, or null when the finding belongs to none. */
  resource: string | null;
  message: string;
  /** Other places the finding concerns (the synthesized template, for a finding mapped from `cdk.out`); SARIF `relatedLocations`. */
  related?: { file: string; range: Range; message: string }[];
  /** Fingerprint without its ordinal (cli/fingerprint.ts); the report appends the ordinal. */
  key?: string;
  /** `key:ordinal`, unique in the report, stable when lines move: baselines and SARIF `partialFingerprints`. */
  fingerprint?: string;
  /** For a suppressed finding: the suppression's source and reason (SARIF `suppressions`). */
  suppression?: { source: SuppressionSource; reason?: string };
}

/** What scanning one file produced; plain data, so it crosses worker threads unchanged. */
export interface FileResult {
  file: string;
  /** True when the file was analysed as CloudFormation, a policy or CDK (kind other than `none`). */
  analysed: boolean;
  findings: OutFinding[];
  /** Findings hidden by a suppression in the file (SARIF shows them as suppressed; other formats leave them out). */
  suppressed?: OutFinding[];
  errors: ScanError[];
  /** Fixes applied with `--fix`. */
  fixed: number;
  /** `--fix` had fixes for the file but could not write them (conflict, read-only, not UTF-8, I/O): exit code 2. */
  notFixed: boolean;
}

export interface ScanFileOptions {
  fix: boolean;
  /** Which rules and findings run; `recommended` when absent. */
  profile?: Profile;
  /** Facts about every file of the scan, for rules that judge across files (core/workspace-facts.ts). */
  workspace?: WorkspaceFacts;
}

function outFinding(file: string, doc: ParsedDocument, f: Finding): OutFinding {
  const resource = f.resource ?? null;
  return {
    ruleId: f.ruleId,
    category: f.category,
    severity: f.severity,
    file,
    range: f.range,
    resource,
    message: f.message,
    key: findingKey(f.ruleId, file, resource, doc.lines.lineText(f.range.start.line)),
  };
}

/** An expired suppression is a finding of its own, in the category of the rule it named (when one rule matches). */
function expiredFinding(file: string, doc: ParsedDocument, p: DocumentProblem): OutFinding | undefined {
  const d = p.data;
  if (p.code !== SUPPRESSION_EXPIRED_ID || !d) return undefined;
  const named = { rule: d.rule, tool: d.tool as SuppressionTool };
  const category = (CATEGORIES as readonly string[]).includes(d.rule)
    ? (d.rule as Category)
    : rules.find((r) => matches(named, r.meta))?.meta.category;
  if (!category) return undefined;
  const range = doc.lines.range(p.start, p.end);
  return {
    ruleId: SUPPRESSION_EXPIRED_ID,
    category,
    severity: 'warning',
    file,
    range,
    resource: null,
    message: p.message,
    key: findingKey(SUPPRESSION_EXPIRED_ID, file, null, `${d.rule} ${d.until}`),
  };
}

function toOut(file: string, result: AnalysisResult): { findings: OutFinding[]; suppressed: OutFinding[]; errors: ScanError[] } {
  const doc = result.doc;
  const findings = result.findings.map((f) => outFinding(file, doc, f));
  const suppressed = result.suppressed.map(({ finding, suppression }) => ({
    ...outFinding(file, doc, finding),
    suppression: { source: sourceOf(suppression, doc), ...(suppression.reason ? { reason: suppression.reason } : {}) },
  }));
  const errors: ScanError[] = [];
  for (const p of result.problems) {
    const expired = expiredFinding(file, doc, p);
    if (expired) {
      findings.push(expired);
      continue;
    }
    const pos = doc.lines.positionAt(p.start);
    errors.push({ file, message: `${pos.line + 1}:${pos.character + 1} ${p.message} (${p.code})` });
  }
  for (const e of result.ruleErrors) errors.push({ file, message: `rule ${e.ruleId} failed: ${e.message}` });
  return { findings, suppressed, errors };
}

/** `fixAll`, whose failure costs the file its fixes but not its findings. */
function fixAllSafely(doc: ParsedDocument, options: AnalysisOptions): FixAllResult | { error: string } {
  try {
    return fixAll(doc, rules, options);
  } catch (e) {
    return { error: e instanceof Error ? e.message : String(e) };
  }
}

/** Reads, parses and analyses one file; never throws: every failure becomes an error entry. */
export function scanFile(abs: string, file: string, opts: ScanFileOptions): FileResult {
  const out: FileResult = { file, analysed: false, findings: [], errors: [], fixed: 0, notFixed: false };
  // The walk saw a regular file; it may have changed since, so the read checks again and reads at most the limit.
  const read = readRegularFileSync(abs, MAX_DOCUMENT_BYTES);
  if (!read.ok) {
    const folder = read.reason === 'not-a-file' && read.what === 'a folder';
    const message =
      read.reason === 'io' ? `cannot read (${read.code})` : folder ? describeFailure(read) : `skipped: ${describeFailure(read)}`;
    out.errors.push({ file, message });
    return out;
  }
  const text = decodeText(read.bytes);
  try {
    const uri = pathToFileURL(abs).href;
    let doc: ParsedDocument = parseDocument(uri, 1, text);
    if (doc.kind === 'none' && !doc.problems.length) return out;
    out.analysed = doc.kind !== 'none';
    const options = { profile: opts.profile, workspace: opts.workspace };
    let result = analyze(doc, rules, options);
    if (opts.fix && result.findings.some((f) => f.fixes.length > 0)) {
      const fixed = fixAllSafely(doc, options);
      if ('error' in fixed) {
        out.notFixed = true;
        out.errors.push({ file, message: `not fixed: internal error (${fixed.error})` });
      } else if (fixed.applied > 0 && fixed.text !== text) {
        const written = writeBack(abs, read.bytes, fixed.text);
        if (written.ok) {
          out.fixed = fixed.applied;
          doc = parseDocument(uri, 2, fixed.text);
          result = analyze(doc, rules, options);
        } else {
          // The findings of the text on disk still stand; the failure is an error of its own.
          out.notFixed = true;
          out.errors.push({ file, message: `not fixed: ${written.message}` });
        }
      }
    }
    const { findings, suppressed, errors } = toOut(file, result);
    out.findings = findings;
    if (suppressed.length) out.suppressed = suppressed;
    out.errors.push(...errors);
  } catch (e) {
    // A crash in the core must not end the scan of the other files; the message names no file content.
    out.errors.push({ file, message: `internal error: ${e instanceof Error ? e.message : String(e)}` });
  }
  return out;
}
