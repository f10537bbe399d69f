/**
 * `parapet baseline` and `scan --baseline`: the findings a project accepts today, so CI reports only
 * new ones. A finding is matched by its fingerprint (cli/fingerprint.ts), never by its line.
 */
import * as fs from 'node:fs';
import { escapeJsonText } from './escape';
import { version } from './package-info';
import { ScanReport } from './report';

export const BASELINE_VERSION = 1;

/** The baseline file: the fingerprints, with what each finding was, for the reviewer of the file's diffs. */
export function formatBaseline(r: ScanReport): string {
  const out = {
    version: BASELINE_VERSION,
    generator: `parapet ${version()}`,
    findings: r.findings.map((f) => ({
      fingerprint: f.fingerprint,
      ruleId: f.ruleId,
      file: f.file,
      resource: f.resource,
      message: f.message,
    })),
  };
  return `${escapeJsonText(JSON.stringify(out, null, 2))}\n`;
}

/** The fingerprints of a baseline file, or why it cannot be used. */
export function readBaseline(file: string): { prints: Set<string> } | { error: string } {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    return { error: `cannot read the baseline ${file}: ${(e as NodeJS.ErrnoException).code ?? String(e)}` };
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return { error: `the baseline ${file} is not JSON` };
  }
  const d = data as { version?: unknown; findings?: unknown };
  if (typeof data !== 'object' || data === null || d.version !== BASELINE_VERSION || !Array.isArray(d.findings)) {
    return { error: `the baseline ${file} is not a version ${BASELINE_VERSION} Parapet baseline (write it with parapet baseline)` };
  }
  const prints = new Set<string>();
  for (const f of d.findings as unknown[]) {
    const p = (f as { fingerprint?: unknown } | null)?.fingerprint;
    if (typeof p === 'string') prints.add(p);
  }
  return { prints };
}

/** Leaves out of the report the findings the baseline holds, counting them. */
export function applyBaseline(r: ScanReport, prints: ReadonlySet<string>): ScanReport {
  const findings = r.findings.filter((f) => f.fingerprint === undefined || !prints.has(f.fingerprint));
  return { ...r, findings, baselined: r.findings.length - findings.length };
}
