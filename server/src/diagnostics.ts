import { Diagnostic, DiagnosticSeverity } from 'vscode-languageserver';
import { AnalysisResult, Finding } from '../../core/engine';
import { synthOf } from '../../core/cloud-assembly';
import { Severity } from '../../core/rule';
import { ruleDocsUri } from './docs';
import { FindingData, ProblemData, ReportFinding, ReportProblem } from './protocol';

/** Every diagnostic and report entry says where it comes from with this. */
export const SOURCE = 'parapet';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** `<ruleId>:<start>:<end>`: identifies a finding within one document version. */
export function fingerprintOf(f: Finding): string {
  return `${f.ruleId}:${f.start}:${f.end}`;
}

/**
 * The diagnostics for one analysis. `code` is the rule id (or the problem code), the message is the
 * finding's own (already masked by the engine, never holding the id), and `data` lets code actions
 * find the finding again.
 */
export function toDiagnostics(result: AnalysisResult, version: number | null, docsRoot: string): Diagnostic[] {
  const uri = result.doc.uri;
  const out: Diagnostic[] = [];
  for (const p of result.problems) {
    const data: ProblemData = { problem: p.code, version };
    out.push({
      range: result.doc.lines.range(p.start, p.end),
      severity: SEVERITY[p.severity],
      code: p.code,
      source: SOURCE,
      message: p.message,
      data,
    });
  }
  result.findings.forEach((f, index) => {
    const data: FindingData = { ruleId: f.ruleId, version, index, fingerprint: fingerprintOf(f), fixable: f.fixes.length > 0 };
    if (f.data) data.rule = f.data;
    const synth = synthOf(f);
    if (synth) data.synth = true;
    const d: Diagnostic = {
      range: f.range,
      severity: SEVERITY[f.severity],
      code: f.ruleId,
      codeDescription: { href: ruleDocsUri(docsRoot, f.ruleId) },
      source: SOURCE,
      message: f.message,
      data,
    };
    if (f.related.length) d.relatedInformation = f.related.map((r) => ({ location: { uri, range: r.range }, message: r.message }));
    // A finding from the synthesized template points at the resource there too.
    if (synth) d.relatedInformation = synth.locations.map((l) => ({ location: { uri: l.uri, range: l.range }, message: l.message }));
    out.push(d);
  });
  return out;
}

/** True when a diagnostic's `data` is a Parapet finding's. */
export function isFindingData(data: unknown): data is FindingData {
  if (!data || typeof data !== 'object') return false;
  const d = data as Record<string, unknown>;
  return typeof d.ruleId === 'string' && (typeof d.version === 'number' || d.version === null) && typeof d.fingerprint === 'string';
}

/** The finding a diagnostic was made from, in the current analysis of the same version. */
export function findingFor(result: AnalysisResult, data: FindingData): Finding | undefined {
  // Code actions read the source analysis, which has no synthesized findings: never take another finding for one.
  if (data.synth) return undefined;
  const byPrint = result.findings.find((f) => f.ruleId === data.ruleId && fingerprintOf(f) === data.fingerprint);
  if (byPrint) return byPrint;
  const byIndex = result.findings[data.index];
  return byIndex?.ruleId === data.ruleId ? byIndex : undefined;
}

/** Report entries for one analysis (the `parapet/report` answer is built from these). */
export function toReport(
  result: AnalysisResult,
  titleOf: (ruleId: string) => string,
): { findings: ReportFinding[]; problems: ReportProblem[] } {
  const uri = result.doc.uri;
  return {
    findings: result.findings.map((f) => ({
      ruleId: f.ruleId,
      title: titleOf(f.ruleId),
      category: f.category,
      severity: f.severity,
      uri,
      range: f.range,
      ...(f.resource !== undefined ? { resource: f.resource } : {}),
      message: f.message,
      fixable: f.fixes.length > 0,
    })),
    problems: result.problems.map((p) => ({
      code: p.code,
      severity: p.severity,
      uri,
      range: result.doc.lines.range(p.start, p.end),
      message: p.message,
    })),
  };
}
