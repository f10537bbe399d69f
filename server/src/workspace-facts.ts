import { pathToFileURL } from 'node:url';
import { MAX_DOCUMENT_BYTES } from '../../core/document';
import { decodeText, readRegularFile } from '../../core/files';
import { WorkspaceFacts } from '../../core/rule';
import { baselineInText, BASELINE_SERVICES } from '../../core/workspace-facts';
import { CANDIDATE_EXTENSIONS, Candidate, collectCandidates, SKIPPED_FOLDERS } from './candidates';
import { describeError, Logger } from './log';
import { SettingsStore } from './settings';
import { fsPathOf, WorkspaceFolders } from './workspace';

/** Files read between two turns of the event loop: edits and hovers stay answered during the pass. */
const FILES_PER_TURN = 20;

/**
 * The facts rules judge across files (the account baseline), collected as `parapet scan` collects them over the
 * files it scans: from the saved text of every candidate file of the workspace folders, and the editor's text of
 * every open document. Until the first pass over the folders ends, every service counts as set up elsewhere, so
 * the editor never shows a finding the pass would take back.
 */
export class WorkspaceFactsService {
  private readonly saved = new Map<string, readonly string[]>();
  private readonly open = new Map<string, readonly string[]>();
  private known = false;
  private run: { cancelled: boolean } | undefined;
  private current: WorkspaceFacts = { baseline: BASELINE_SERVICES };

  constructor(
    private readonly ctx: { settings: SettingsStore; log: Logger; folders: WorkspaceFolders },
    /** Called when the facts changed, with the open documents they can change the findings of. */
    private readonly changed: (uris: string[]) => void,
  ) {}

  /** The facts the analysis of any document of the workspace is given. */
  facts(): WorkspaceFacts {
    return this.current;
  }

  /** Reads every workspace folder again (at start, and when the folders change); a new pass cancels the last. */
  async start(): Promise<void> {
    if (this.run) this.run.cancelled = true;
    const run = { cancelled: false };
    this.run = run;
    const candidates: Candidate[] = [];
    for (const folder of this.ctx.folders.list()) await collectCandidates(this.ctx, folder, candidates, () => run.cancelled);
    const saved = new Map<string, readonly string[]>();
    for (let i = 0; i < candidates.length && !run.cancelled; i++) {
      const ids = await this.read(candidates[i].file);
      if (ids.length) saved.set(pathToFileURL(candidates[i].file).href, ids);
      if (i % FILES_PER_TURN === FILES_PER_TURN - 1) await new Promise((resolve) => setImmediate(resolve));
    }
    if (run.cancelled) return;
    this.run = undefined;
    this.saved.clear();
    for (const [uri, ids] of saved) this.saved.set(uri, ids);
    this.known = true;
    this.ctx.log.info(`workspace facts: ${candidates.length} files read, baseline services set up: ${this.union().join(', ') || 'none'}`);
    this.update();
  }

  /** An open document's text changed (or it was opened). */
  editorText(uri: string, text: string): void {
    const ids = baselineInText(text);
    if (same(this.open.get(uri), ids)) return;
    this.open.set(uri, ids);
    this.update();
  }

  /** An open document was closed: its saved text counts again. */
  closed(uri: string): void {
    if (this.open.delete(uri)) this.update();
  }

  /** Files changed on disk (the client's file watcher). */
  async filesChanged(uris: readonly string[]): Promise<void> {
    let any = false;
    for (const uri of uris) {
      const file = fsPathOf(uri);
      if (!file || !CANDIDATE_EXTENSIONS.some((e) => file.toLowerCase().endsWith(e))) continue;
      if (file.split(/[\\/]/).some((part) => SKIPPED_FOLDERS.has(part))) continue;
      const settings = await this.ctx.settings.get(uri);
      const ids = settings.enable && !this.ctx.folders.excluded(uri, settings.exclude) ? await this.read(file) : [];
      if (same(this.saved.get(uri), ids)) continue;
      if (ids.length) this.saved.set(uri, ids);
      else this.saved.delete(uri);
      any = true;
    }
    if (any) this.update();
  }

  private async read(file: string): Promise<string[]> {
    try {
      const read = await readRegularFile(file, MAX_DOCUMENT_BYTES);
      return read.ok ? baselineInText(decodeText(read.bytes)) : [];
    } catch (e) {
      this.ctx.log.info(`workspace facts: cannot read a file: ${describeError(e)}`);
      return [];
    }
  }

  private union(): string[] {
    const all = new Set<string>();
    for (const [uri, ids] of this.saved) if (!this.open.has(uri)) ids.forEach((id) => all.add(id));
    for (const ids of this.open.values()) ids.forEach((id) => all.add(id));
    return [...all].sort();
  }

  private update(): void {
    if (!this.known) return;
    const baseline = this.union();
    if (same(this.current.baseline, baseline)) return;
    this.current = { baseline };
    // Only a document that sets up a baseline service itself is judged against the others (the rule needs two).
    const affected = [...this.open].filter(([, ids]) => ids.length > 0).map(([uri]) => uri);
    if (affected.length) this.changed(affected);
  }
}

function same(a: readonly string[] | undefined, b: readonly string[]): boolean {
  return a !== undefined && a.length === b.length && a.every((x, i) => x === b[i]);
}
