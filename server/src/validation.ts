import { Diagnostic } from 'vscode-languageserver';
import { loadProject } from '../../core/cdk/project';
import { syntaxOf } from '../../core/document';
import { ruleById } from '../../rules';
import { ServerContext } from './context';
import { toDiagnostics, toReport } from './diagnostics';
import { runLogged } from './guard';
import { Settings } from './settings';

/** Human title of a rule, for the report; the id itself for built-in codes. */
export function titleOf(ruleId: string): string {
  return ruleById.get(ruleId)?.meta.title ?? ruleId;
}

/**
 * Reads (asynchronously, once per folder) the CDK project of a TypeScript or Python file before
 * it is analysed: the analysis itself never reads files in the server (core/cdk/project.ts).
 */
export async function loadProjectOf(uri: string, text: string, languageId?: string): Promise<void> {
  const syntax = syntaxOf(uri, text, languageId);
  if (syntax === 'typescript' || syntax === 'python') await loadProject(uri);
}

/**
 * Analyses open documents a short while after the last edit (one timer per URI) and pushes their
 * diagnostics. A run that finds the document changed or closed meanwhile drops its result:
 * the later run publishes instead.
 */
export class Validator {
  private readonly timers = new Map<string, NodeJS.Timeout>();

  constructor(
    private readonly ctx: ServerContext,
    private readonly debounceMs: number,
  ) {}

  /** (Re)starts the URI's timer. */
  schedule(uri: string, delayMs = this.debounceMs): void {
    const old = this.timers.get(uri);
    if (old) clearTimeout(old);
    this.timers.set(
      uri,
      setTimeout(() => {
        this.timers.delete(uri);
        runLogged(this.ctx.log, 'validation', () => this.validate(uri));
      }, delayMs),
    );
  }

  /** Analyses the document's current version now and publishes. */
  async validate(uri: string): Promise<void> {
    const doc = this.ctx.documents.get(uri);
    if (!doc) return;
    const version = doc.version;
    const settings = await this.ctx.settings.get(uri);
    await loadProjectOf(uri, doc.getText(), doc.languageId);
    const now = this.ctx.documents.get(uri);
    if (!now || now.version !== version) return;
    if (!this.applies(uri, settings)) {
      this.publish(uri, version, []);
      this.ctx.findings.delete(uri);
      return;
    }
    const started = Date.now();
    const result = this.ctx.analyzer.analyzeOpen(now, settings);
    for (const e of result.ruleErrors) this.ctx.log.error(`rule ${e.ruleId} failed: ${e.message}`);
    this.publish(uri, version, toDiagnostics(result, version, this.ctx.docsRoot));
    this.ctx.findings.set(uri, toReport(result, titleOf));
    this.ctx.log.info(
      `analysed ${uri} v${version}: ${result.findings.length} findings, ${result.problems.length} problems, ${Date.now() - started} ms`,
    );
  }

  /** False when Parapet is disabled for the document or an `exclude` glob covers it. */
  applies(uri: string, settings: Settings): boolean {
    return settings.enable && !this.ctx.folders.excluded(uri, settings.exclude);
  }

  /** The document was closed: stop its timer and clear its diagnostics. */
  closed(uri: string): void {
    const t = this.timers.get(uri);
    if (t) clearTimeout(t);
    this.timers.delete(uri);
    this.ctx.analyzer.forget(uri);
    this.ctx.settings.forget(uri);
    this.ctx.findings.delete(uri);
    this.publish(uri, undefined, []);
  }

  /** Settings changed: every open document is analysed again. */
  revalidateAll(): void {
    this.ctx.analyzer.invalidateResults();
    for (const d of this.ctx.documents.all()) this.schedule(d.uri, 0);
  }

  private publish(uri: string, version: number | undefined, diagnostics: Diagnostic[]): void {
    runLogged(this.ctx.log, 'publishDiagnostics', () => this.ctx.connection.sendDiagnostics({ uri, version, diagnostics }));
  }
}
