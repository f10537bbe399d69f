import * as path from 'node:path';
import { Diagnostic } from 'vscode-languageserver';
import { isInside } from '../../core/cloud-assembly';
import { loadModules } from '../../core/cdk/modules';
import { loadProject } from '../../core/cdk/project';
import { ParsedDocument, syntaxOf } from '../../core/document';
import { ruleById } from '../../rules';
import { ServerContext } from './context';
import { toDiagnostics, toReport } from './diagnostics';
import { runLogged } from './guard';
import { describeError } from './log';
import { editedLines, holdBack, Pacing } from './pacing';
import { Settings } from './settings';
import { WorkerOptions } from './synth-worker';
import { fsPathOf } from './workspace';

/** Human title of a rule, for the report; the id itself for built-in codes. */
export function titleOf(ruleId: string): string {
  return ruleById.get(ruleId)?.meta.title ?? ruleId;
}

/**
 * Reads (asynchronously, once per folder) the CDK project of a TypeScript or Python file, and the
 * project modules it imports, before it is analysed: the analysis itself never reads files in the server (core/cdk/project.ts).
 */
export async function loadProjectOf(uri: string, text: string, languageId?: string): Promise<void> {
  const syntax = syntaxOf(uri, text, languageId);
  if (syntax !== 'typescript' && syntax !== 'python') return;
  await loadProject(uri);
  // The modules a CDK file imports (core/cdk/modules.ts), read again when they changed on disk.
  if (/aws[-_]cdk|@aws-cdk/.test(text)) await loadModules(uri, text, syntax === 'typescript' ? 'ts' : 'py');
}

/**
 * Analyses open documents after an edit, after a wait that follows each document's analysis cost
 * (server/src/pacing.ts; one timer per URI), and pushes their diagnostics. A run that finds the
 * document changed or closed meanwhile drops its result: the later run publishes instead. Until the
 * typing pauses (the configured debounce), new findings on the lines being edited are held back.
 */
export class Validator {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly settleTimers = new Map<string, NodeJS.Timeout>();
  private readonly pacing: Pacing;
  /** When the document was last edited (absent: opened or revalidated since, nothing is being typed). */
  private readonly lastEdit = new Map<string, number>();
  /** The text of the document's last analysis: the edit since is what differs from it. */
  private readonly analysedText = new Map<string, string>();
  /** What the client shows for each document. */
  private readonly shown = new Map<string, Diagnostic[]>();

  constructor(
    private readonly ctx: ServerContext,
    debounceMs: number,
    private readonly holdBackTyping = true,
  ) {
    this.pacing = new Pacing(debounceMs);
  }

  /** (Re)starts the URI's timer; with no delay, the document's own (an edit). */
  schedule(uri: string, delayMs?: number): void {
    const old = this.timers.get(uri);
    if (old) clearTimeout(old);
    this.clearSettle(uri);
    if (delayMs === undefined) this.lastEdit.set(uri, Date.now());
    else this.lastEdit.delete(uri);
    this.timers.set(
      uri,
      setTimeout(
        () => {
          this.timers.delete(uri);
          runLogged(this.ctx.log, 'validation', () => this.validate(uri));
        },
        delayMs ?? this.pacing.delay(uri),
      ),
    );
  }

  /** Analyses the document's current version now and publishes. */
  async validate(uri: string): Promise<void> {
    const doc = this.ctx.documents.get(uri);
    if (!doc) return;
    const version = doc.version;
    const settings = await this.ctx.settings.get(uri);
    await loadProjectOf(uri, doc.getText(), doc.languageId);
    if (this.applies(uri, settings)) await this.ctx.synth.prepare(uri, settings, this.workerOptions(settings));
    const now = this.ctx.documents.get(uri);
    if (!now || now.version !== version) return;
    if (!this.applies(uri, settings)) {
      this.publish(uri, version, []);
      this.ctx.findings.delete(uri);
      return;
    }
    // Before the analysis: a baseline service added or removed here changes what the other documents are told.
    this.ctx.workspaceFacts.editorText(uri, now.getText());
    const started = Date.now();
    const analysed = this.ctx.analyzer.analyzeOpen(now, settings);
    const cost = Date.now() - started;
    this.pacing.record(uri, cost);
    // Right after the analysis: the synthesized findings are placed through the parse it made.
    const result = this.ctx.synth.merge(analysed, settings);
    for (const e of result.ruleErrors) this.ctx.log.error(`rule ${e.ruleId} failed: ${e.message}`);
    const checks = await this.policyChecks(result.doc, settings);
    if (this.ctx.documents.get(uri)?.version !== version) return;
    this.publishPaced(uri, version, now.getText(), [...toDiagnostics(result, version, this.ctx.docsRoot), ...checks]);
    this.ctx.findings.set(uri, toReport(result, titleOf));
    this.ctx.log.info(`analysed ${uri} v${version}: ${result.findings.length} findings, ${result.problems.length} problems, ${cost} ms`);
  }

  /** Publishes, holding back what is new on the edited lines while the user may still be typing. */
  private publishPaced(uri: string, version: number, text: string, diagnostics: Diagnostic[]): void {
    const before = this.analysedText.get(uri);
    this.analysedText.set(uri, text);
    const editedAt = this.lastEdit.get(uri);
    const since = editedAt === undefined ? Infinity : Date.now() - editedAt;
    const lines = this.holdBackTyping && before !== undefined && since < this.pacing.settleMs ? editedLines(before, text) : undefined;
    const split = lines ? holdBack(this.shown.get(uri) ?? [], diagnostics, lines) : undefined;
    if (!split?.held) {
      this.publish(uri, version, diagnostics);
      return;
    }
    this.publish(uri, version, split.now);
    this.settleTimers.set(
      uri,
      setTimeout(() => {
        this.settleTimers.delete(uri);
        if (this.ctx.documents.get(uri)?.version === version) this.publish(uri, version, diagnostics);
      }, this.pacing.settleMs - since),
    );
  }

  private clearSettle(uri: string): void {
    const t = this.settleTimers.get(uri);
    if (t) clearTimeout(t);
    this.settleTimers.delete(uri);
  }

  private workerOptions(settings: Settings): WorkerOptions {
    const { severity, profile, timeBudgetMs } = this.ctx.analyzer.options(settings);
    return { severity, profile, timeBudgetMs };
  }

  /** The open documents under a folder are analysed again (an app's synthesized findings changed). */
  revalidateUnder(dir: string): void {
    for (const d of this.ctx.documents.all()) {
      const file = fsPathOf(d.uri);
      if (file && isInside(path.resolve(file), dir)) this.schedule(d.uri, 0);
    }
  }

  /** The policy checks' diagnostics; a failure there is logged and costs only those. */
  private async policyChecks(doc: ParsedDocument, settings: Settings): Promise<Diagnostic[]> {
    try {
      return this.ctx.policyChecks.diagnostics(doc, await this.ctx.policyChecks.items(doc, settings.policyChecks));
    } catch (e) {
      this.ctx.log.error(`policy checks failed: ${describeError(e)}`);
      return [];
    }
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
    this.clearSettle(uri);
    this.pacing.forget(uri);
    this.lastEdit.delete(uri);
    this.analysedText.delete(uri);
    this.ctx.analyzer.forget(uri);
    this.ctx.synth.forget(uri);
    this.ctx.policyChecks.forget(uri);
    this.ctx.workspaceFacts.closed(uri);
    this.ctx.settings.forget(uri);
    this.ctx.findings.delete(uri);
    this.publish(uri, undefined, []);
  }

  /** These open documents are analysed again: what they are judged against changed. */
  revalidate(uris: readonly string[]): void {
    for (const uri of uris) {
      this.ctx.analyzer.invalidate(uri);
      if (this.ctx.documents.get(uri)) this.schedule(uri, 0);
    }
  }

  /** A project module these open documents import changed (core/cdk/modules.ts): their parse read the old values, so both go. */
  modulesChanged(uris: readonly string[]): void {
    for (const uri of new Set(uris)) {
      if (!this.ctx.documents.get(uri)) continue;
      this.ctx.analyzer.forget(uri);
      this.schedule(uri, 0);
    }
  }

  /** Settings changed: every open document is analysed again. */
  revalidateAll(): void {
    this.ctx.analyzer.invalidateResults();
    for (const d of this.ctx.documents.all()) this.schedule(d.uri, 0);
  }

  private publish(uri: string, version: number | undefined, diagnostics: Diagnostic[]): void {
    if (version === undefined) this.shown.delete(uri);
    else this.shown.set(uri, diagnostics);
    runLogged(this.ctx.log, 'publishDiagnostics', () => this.ctx.connection.sendDiagnostics({ uri, version, diagnostics }));
  }
}
