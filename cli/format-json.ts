import { escapeJsonText } from './escape';
import { ScanReport } from './report';

/** The JSON report, exactly the shape docs/cli.md documents (0-based LSP positions). */
export function formatJson(r: ScanReport): string {
  const out = {
    version: 1,
    files: r.files,
    findings: r.findings.map((f) => ({
      ruleId: f.ruleId,
      category: f.category,
      severity: f.severity,
      file: f.file,
      range: {
        start: { line: f.range.start.line, character: f.range.start.character },
        end: { line: f.range.end.line, character: f.range.end.character },
      },
      resource: f.resource,
      message: f.message,
    })),
    errors: r.errors.map((e) => ({ file: e.file, message: e.message })),
    // Only with `scan --baseline`: how many findings the baseline held.
    ...(r.baselined !== undefined ? { baselined: r.baselined } : {}),
  };
  return `${escapeJsonText(JSON.stringify(out, null, 2))}\n`;
}
