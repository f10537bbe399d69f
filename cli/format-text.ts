import { escapeField, workflowSafeLine } from './escape';
import { ScanReport } from './report';

function plural(n: number, word: string): string {
  if (n === 1 || word === 'info') return `${n} ${word}`;
  return `${n} ${word}${/(s|x|sh|ch)$/.test(word) ? 'es' : 's'}`;
}

/**
 * One `file:line:col severity ruleId message` line per finding (1-based), the errors, then a
 * summary. File names and messages come from the scanned repository: control characters are
 * escaped and no line can be a GitHub Actions workflow command (cli/escape.ts).
 */
export function formatText(r: ScanReport): string {
  const lines: string[] = [];
  for (const f of r.findings) {
    const at = `${escapeField(f.file)}:${f.range.start.line + 1}:${f.range.start.character + 1}`;
    lines.push(workflowSafeLine(`${at} ${f.severity} ${f.ruleId} ${escapeField(f.message)}`));
  }
  if (r.errors.length) {
    if (lines.length) lines.push('');
    for (const e of r.errors) lines.push(workflowSafeLine(`${escapeField(e.file)}: ${escapeField(e.message)}`));
  }
  const bySeverity = new Map<string, number>();
  for (const f of r.findings) bySeverity.set(f.severity, (bySeverity.get(f.severity) ?? 0) + 1);
  const parts = ['error', 'warning', 'info', 'hint'].filter((s) => bySeverity.has(s)).map((s) => plural(bySeverity.get(s)!, s));
  let summary = `${plural(r.findings.length, 'finding')}${parts.length ? ` (${parts.join(', ')})` : ''} in ${plural(r.files, 'file')} scanned`;
  if (r.errors.length) summary += `; ${r.errors.length} ${r.errors.length === 1 ? 'error or skip' : 'errors and skips'} listed above`;
  if (r.baselined !== undefined) summary += `; ${plural(r.baselined, 'finding')} in the baseline not shown`;
  if (r.fixMode) summary += `; ${plural(r.fixed, 'fix')} applied in ${plural(r.fixedFiles, 'file')}`;
  if (r.notFixed) summary += `; ${plural(r.notFixed, 'file')} not fixed`;
  if (lines.length) lines.push('');
  lines.push(summary);
  return `${lines.join('\n')}\n`;
}
