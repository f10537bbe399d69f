/**
 * The synthesized template in the editor (docs/lsp.md, "CDK: the synthesized template"): when an open
 * CDK source file belongs to an app with a `cdk.out`, its diagnostics include the findings of the
 * synthesized templates that map back to it (core/cloud-assembly), merged with the source findings.
 *
 * Off the keystroke path: `prepare` (before an analysis) only finds the app and looks at the
 * manifest's modification time; when it changed, the templates are read and analysed in a worker
 * thread (synth-worker.ts) and the app's source files indexed in the background, and the app's open
 * documents are analysed again when that is done. `merge` (after an analysis) maps the cached
 * findings onto the document's current text. Nothing is executed; only `cdk.out` and the app's
 * source files inside the workspace are read.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import {
  AnalysedAssembly,
  CdkApp,
  FileSites,
  findApp,
  isInside,
  mapAssembly,
  mergeInto,
  runAsync,
  SourceIndex,
  sitesOf,
} from '../../core/cloud-assembly';
import { AnalysisResult } from '../../core/engine';
import { Rule } from '../../core/rule';
import { describeError, Logger } from './log';
import { analysisKey, Settings } from './settings';
import { refreshSources, SavedSource } from './synth-sources';
import { analyseInWorker, WorkerOptions } from './synth-worker';
import { fsPathOf, WorkspaceFolders } from './workspace';

/** One CDK app and what is known of its last synth. */
interface AppState {
  app: CdkApp;
  realApp: string;
  /** The manifest's modification time the results are for (undefined: no cdk.out). */
  manifestMtime?: number;
  /** The analysed assembly per settings key (undefined: none, or it could not be read). */
  results: Map<string, AnalysedAssembly | undefined>;
  /** The engine options of every settings key asked for. */
  wanted: Map<string, WorkerOptions>;
  /** The app's saved source files, by absolute path. */
  sources: Map<string, SavedSource>;
  running?: Promise<void>;
  /** Asked to refresh again while a refresh ran. */
  again: boolean;
}

const SOURCE = /\.(?:tsx?|py)$/i;

export class SynthService {
  /** Folder → its app (the nearest cdk.json above it, inside the workspace folder). */
  private readonly appOfDir = new Map<string, Promise<CdkApp | undefined>>();
  private readonly apps = new Map<string, AppState>();
  /** Document URI → the app folder `prepare` found for it. */
  private readonly appOfUri = new Map<string, string>();

  constructor(
    private readonly rules: readonly Rule[],
    private readonly folders: WorkspaceFolders,
    private readonly log: Logger,
    /** Called when an app's synthesized findings changed: its open documents are analysed again. */
    private readonly onReady: (appDir: string) => void,
  ) {}

  /** The innermost workspace folder holding the file, as a path. */
  private folderOf(file: string): string | undefined {
    let best: string | undefined;
    for (const uri of this.folders.list()) {
      const dir = fsPathOf(uri);
      if (dir && isInside(file, path.resolve(dir)) && (!best || dir.length > best.length)) best = path.resolve(dir);
    }
    return best;
  }

  private async findAppOf(file: string, folder: string): Promise<CdkApp | undefined> {
    const dir = path.dirname(file);
    let hit = this.appOfDir.get(dir);
    if (!hit) {
      // cdk.json files are read only inside the workspace folder (its real path bounds every read).
      hit = fs.realpath(folder).then(
        (root) => runAsync(findApp(file, folder), root),
        () => undefined,
      );
      this.appOfDir.set(dir, hit);
    }
    return hit;
  }

  /**
   * Before a CDK source document is analysed: finds its app and, when the app's cloud assembly is
   * new or changed (its manifest's modification time), starts reading it in the background.
   * Never waits for that: the document is analysed again when it is done.
   */
  async prepare(uri: string, settings: Settings, opts: WorkerOptions): Promise<void> {
    const file = fsPathOf(uri);
    const folder = file && SOURCE.test(file) ? this.folderOf(path.resolve(file)) : undefined;
    if (!file || !folder) return;
    const app = await this.findAppOf(path.resolve(file), folder);
    if (!app) {
      this.appOfUri.delete(uri);
      return;
    }
    this.appOfUri.set(uri, app.dir);
    let state = this.apps.get(app.dir);
    if (!state) {
      const realApp = await fs.realpath(app.dir).catch(() => app.dir);
      state = this.apps.get(app.dir) ?? { app, realApp, results: new Map(), wanted: new Map(), sources: new Map(), again: false };
      this.apps.set(app.dir, state);
    }
    const key = analysisKey(settings);
    state.wanted.set(key, opts);
    // A refresh under way ends with the app's documents analysed again, which comes back here.
    if (state.running) return;
    const mtime = await manifestMtime(state.app);
    if (mtime !== state.manifestMtime || !state.results.has(key)) this.refresh(state);
  }

  /** Reads the assembly again when its manifest changed, and the app's changed source files; then tells `onReady`. */
  private refresh(state: AppState): void {
    if (state.running) {
      state.again = true;
      return;
    }
    state.running = (async () => {
      do {
        state.again = false;
        await this.refreshOnce(state);
      } while (state.again);
    })()
      .catch((e: unknown) => this.log.error(`reading ${state.app.outDir} failed: ${describeError(e)}`))
      .finally(() => {
        state.running = undefined;
        this.onReady(state.app.dir);
      });
  }

  private async refreshOnce(state: AppState): Promise<void> {
    const mtime = await manifestMtime(state.app);
    if (mtime !== state.manifestMtime) state.results.clear();
    state.manifestMtime = mtime;
    for (const [key, opts] of state.wanted) {
      if (state.results.has(key)) continue;
      state.results.set(key, mtime === undefined && !state.app.problem ? undefined : await this.analyse(state.app, opts));
    }
    if ([...state.results.values()].some((a) => a && !a.assembly.error)) {
      await refreshSources(state.app.dir, state.app.outDir, state.realApp, state.sources);
    } else state.sources.clear();
  }

  private async analyse(app: CdkApp, opts: WorkerOptions): Promise<AnalysedAssembly | undefined> {
    const started = Date.now();
    try {
      const analysed = await analyseInWorker(app, opts);
      if (!analysed) return undefined;
      const asm = analysed.assembly;
      if (asm.error) this.log.error(`${app.outDir}: the cloud assembly cannot be read: ${asm.error}`);
      for (const p of [...asm.problems, ...analysed.problems]) this.log.error(`${app.outDir}: ${p}`);
      this.log.info(
        `read ${app.outDir}: ${asm.templates.length} templates, ${analysed.findings.length} findings, ${Date.now() - started} ms`,
      );
      return analysed;
    } catch (e) {
      this.log.error(`reading ${app.outDir} failed: ${describeError(e)}`);
      return undefined;
    }
  }

  /**
   * The document's analysis with the synthesized findings that map back to it, when its app's
   * assembly has been read (else the analysis as it is). Call it right after the analysis: the
   * construct sites come from the parse the analysis made.
   */
  merge(result: AnalysisResult, settings: Settings): AnalysisResult {
    const uri = result.doc.uri;
    const appDir = this.appOfUri.get(uri);
    const state = appDir ? this.apps.get(appDir) : undefined;
    const analysed = state?.results.get(analysisKey(settings));
    const file = fsPathOf(uri);
    if (!state || !analysed || analysed.assembly.error || !file) return result;
    const found = sitesOf(result.doc);
    if (!found) return result;
    const saved = state.sources.get(path.resolve(file));
    const self: FileSites = {
      uri,
      doc: result.doc,
      ...found,
      mtimeMs: saved?.mtimeMs,
      dirty: saved ? saved.text !== result.doc.text : true,
    };
    const others = [...state.sources.values()].flatMap((s) => (s.sites && s.sites.uri !== uri ? [s.sites] : []));
    const index = new SourceIndex([...others, self]);
    return mergeInto(result, mapAssembly(analysed, index).mapped, this.rules, index);
  }

  /** Watched files changed: a cdk.json finds apps anew; a change inside an app reads what changed there. */
  changed(uris: readonly string[]): void {
    const touched = new Set<AppState>();
    for (const uri of uris) {
      const file = fsPathOf(uri);
      if (!file) continue;
      if (path.basename(file) === 'cdk.json') {
        // Apps are found anew (a new, removed or moved output folder); the documents below it are analysed again.
        this.appOfDir.clear();
        this.apps.delete(path.dirname(file));
        this.onReady(path.dirname(file));
        continue;
      }
      for (const state of this.apps.values()) if (isInside(path.resolve(file), state.app.dir)) touched.add(state);
    }
    for (const state of touched) this.refresh(state);
  }

  /** A closed document no longer needs its app. */
  forget(uri: string): void {
    this.appOfUri.delete(uri);
  }
}

async function manifestMtime(app: CdkApp): Promise<number | undefined> {
  return fs.stat(path.join(app.outDir, 'manifest.json')).then(
    (s) => (s.isFile() ? s.mtimeMs : undefined),
    () => undefined,
  );
}
