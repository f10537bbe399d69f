import { ReportFinding, ReportProblem, ReportResult } from './protocol';

/**
 * What the server currently shows, per URI: the answer to `parapet/report`. It mirrors the
 * published diagnostics, so open documents and scanned files appear exactly as in the editor.
 */
export class FindingsStore {
  private readonly byUri = new Map<string, { findings: ReportFinding[]; problems: ReportProblem[] }>();

  set(uri: string, entry: { findings: ReportFinding[]; problems: ReportProblem[] }): void {
    if (entry.findings.length === 0 && entry.problems.length === 0) this.byUri.delete(uri);
    else this.byUri.set(uri, entry);
  }

  delete(uri: string): void {
    this.byUri.delete(uri);
  }

  /** Findings currently shown for a URI. */
  count(uri: string): number {
    return this.byUri.get(uri)?.findings.length ?? 0;
  }

  /** Every current finding and problem, files in URI order; only under `folders` (URIs) when given. */
  report(folders?: readonly string[]): ReportResult {
    const roots = folders?.map((f) => (f.endsWith('/') ? f : `${f}/`));
    const uris = [...this.byUri.keys()].filter((u) => !roots?.length || roots.some((r) => u.startsWith(r))).sort();
    const findings: ReportFinding[] = [];
    const problems: ReportProblem[] = [];
    for (const uri of uris) {
      const e = this.byUri.get(uri)!;
      findings.push(...e.findings);
      problems.push(...e.problems);
    }
    return { version: 1, files: uris.length, findings, problems };
  }
}
