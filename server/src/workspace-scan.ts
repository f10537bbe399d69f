import { pathToFileURL } from 'node:url';
import { CancellationToken } from 'vscode-languageserver';
import { MAX_DOCUMENT_BYTES } from '../../core/document';
import { decodeText, describeFailure, readRegularFile } from '../../core/files';
import { Candidate, collectCandidates } from './candidates';
import { ServerContext } from './context';
import { toDiagnostics, toReport } from './diagnostics';
import { describeError } from './log';
import { ScanWorkspaceParams, ScanWorkspaceResult } from './protocol';
import { loadProjectOf, titleOf } from './validation';

/** Lets the event loop serve queued messages (hovers, edits on open files) between two files. */
const yieldToLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * `parapet/scanWorkspace`: analyses every candidate file under the workspace folders and publishes
 * diagnostics for the files that are not open. Reports `$/progress` through a server-initiated
 * work-done progress, stops on either cancellation, and yields to the event loop between files.
 * A second scan cancels the first.
 */
export class WorkspaceScanner {
  private readonly published = new Set<string>();
  /** Every file the last scans found, by URI: a scanned file closed in the editor gets its on-disk findings back. */
  private readonly covered = new Map<string, Candidate>();
  private current: { cancelled: boolean } | undefined;

  constructor(private readonly ctx: ServerContext) {}

  async scan(params: ScanWorkspaceParams | null | undefined, token: CancellationToken): Promise<ScanWorkspaceResult> {
    if (this.current) this.current.cancelled = true;
    const run = { cancelled: false };
    this.current = run;
    const progress = await this.ctx.connection.window.createWorkDoneProgress();
    const stopped = (): boolean => run.cancelled || token.isCancellationRequested || progress.token.isCancellationRequested;
    const result: ScanWorkspaceResult = { files: 0, findings: 0, skipped: 0, cancelled: false };
    try {
      progress.begin('Parapet: scanning the workspace', 0, 'Looking for templates…', true);
      const folders = this.foldersOf(params);
      const candidates: Candidate[] = [];
      for (const folder of folders) {
        if (stopped()) break;
        await collectCandidates(this.ctx, folder, candidates, stopped);
      }
      let lastPercent = 0;
      for (let i = 0; i < candidates.length; i++) {
        if (stopped()) break;
        await this.scanFile(candidates[i], result);
        const percent = Math.floor(((i + 1) * 100) / candidates.length);
        if (percent !== lastPercent) {
          lastPercent = percent;
          progress.report(percent, `${i + 1}/${candidates.length} files`);
        }
        await yieldToLoop();
      }
      result.cancelled = stopped();
    } finally {
      progress.done();
      if (this.current === run) this.current = undefined;
    }
    this.ctx.log.info(
      `workspace scan: ${result.files} files, ${result.findings} findings, ${result.skipped} skipped${result.cancelled ? ', cancelled' : ''}`,
    );
    return result;
  }

  private foldersOf(params: ScanWorkspaceParams | null | undefined): string[] {
    const asked = Array.isArray(params?.folders) ? params.folders.filter((f): f is string => typeof f === 'string') : [];
    return asked.length ? asked : this.ctx.folders.list();
  }

  private async scanFile(c: Candidate, result: ScanWorkspaceResult): Promise<void> {
    const uri = pathToFileURL(c.file).href;
    this.covered.set(uri, c);
    if (this.ctx.documents.get(uri)) {
      // Open documents keep the diagnostics of the text in the editor.
      result.files++;
      result.findings += this.ctx.findings.count(uri);
      return;
    }
    // A FIFO, a device or a link to /dev/zero under a candidate name is refused without blocking; at most the size limit is read.
    const read = await readRegularFile(c.file, MAX_DOCUMENT_BYTES);
    if (!read.ok) {
      result.skipped++;
      if (read.reason !== 'too-large') this.ctx.log.info(`scan: skipped a file: ${describeFailure(read)}`);
      return;
    }
    const text = decodeText(read.bytes);
    await loadProjectOf(uri, text);
    let analysis;
    try {
      analysis = this.ctx.analyzer.analyzeText(uri, text, c.settings);
    } catch (e) {
      result.skipped++;
      this.ctx.log.error(`scan: analysis failed on ${c.rel}: ${describeError(e)}`);
      return;
    }
    result.files++;
    result.findings += analysis.findings.length;
    const diagnostics = toDiagnostics(analysis, null, this.ctx.docsRoot);
    if (diagnostics.length || this.published.has(uri)) {
      await this.ctx.connection.sendDiagnostics({ uri, diagnostics });
      if (diagnostics.length) this.published.add(uri);
      else this.published.delete(uri);
    }
    this.ctx.findings.set(uri, toReport(analysis, titleOf));
  }

  /** An open document took over this URI's diagnostics. */
  opened(uri: string): void {
    this.published.delete(uri);
  }

  /**
   * A document was closed: if a scan covered its file, the Problems view shows the file's saved
   * text again (as it did before the file was opened) instead of nothing.
   */
  async closed(uri: string): Promise<void> {
    const c = this.covered.get(uri);
    if (!c || this.ctx.documents.get(uri)) return;
    await this.scanFile(c, { files: 0, findings: 0, skipped: 0, cancelled: false });
  }
}
