import { DocumentCache, ParsedDocument, parseDocument } from '../../core/document';
import { analyze, AnalysisOptions, AnalysisResult, Finding } from '../../core/engine';
import { fixAll, FixAllResult } from '../../core/fix/apply';
import { Rule, WorkspaceFacts } from '../../core/rule';
import { Logger } from './log';
import { analysisKey, Settings } from './settings';

/** The few fields of an LSP text document the analysis needs. */
export interface DocumentLike {
  uri: string;
  version: number;
  languageId: string;
  getText(): string;
}

/** Documents whose parse and analysis stay cached: the ones being edited and looked at, with room to spare. */
export const KEEP_ANALYSED = 20;

/**
 * The service layer between LSP handlers and the core: one parse per (uri, version) through the
 * core's `DocumentCache`, and one analysis per (uri, version, settings) shared by diagnostics,
 * code actions, hover and commands.
 */
export class Analyzer {
  // Memory: only the most recently used documents keep their tree and analysis (500 open templates
  // kept all: ~120 MB); the others are parsed and analysed again when a request needs them.
  private readonly parses = new DocumentCache(KEEP_ANALYSED);
  private readonly results = new Map<string, { version: number; key: string; result: AnalysisResult; fixAll: Map<string, FixAllResult> }>();

  constructor(
    readonly rules: readonly Rule[],
    private readonly log: Logger,
    private readonly timeBudgetMs?: number,
    /** What the other files of the workspace set up (rules that judge across files read it). */
    private readonly workspace: () => WorkspaceFacts | undefined = () => undefined,
  ) {}

  /** Engine options for a document's settings. */
  options(settings: Settings): AnalysisOptions {
    return {
      severity: settings.rules,
      profile: settings.profile,
      timeBudgetMs: this.timeBudgetMs,
      log: (m) => this.log.error(m),
      workspace: this.workspace(),
    };
  }

  /** The parse of an open document's current version. */
  parse(doc: DocumentLike): ParsedDocument {
    return this.parses.get(doc.uri, doc.version, doc.getText(), doc.languageId);
  }

  /** The analysis of an open document's current version under these settings (cached). */
  analyzeOpen(doc: DocumentLike, settings: Settings): AnalysisResult {
    const key = analysisKey(settings);
    const hit = this.results.get(doc.uri);
    const parsed = this.parse(doc);
    if (hit && hit.version === doc.version && hit.key === key && hit.result.doc === parsed) return hit.result;
    const result = analyze(parsed, this.rules, this.options(settings));
    this.results.delete(doc.uri);
    this.results.set(doc.uri, { version: doc.version, key, result, fixAll: new Map() });
    // Map order is insertion order: the first entries are the least recently analysed.
    for (const oldest of this.results.keys()) {
      if (this.results.size <= KEEP_ANALYSED) break;
      this.results.delete(oldest);
    }
    return result;
  }

  /**
   * Every fix of the document (or of one rule) applied, through the core's iterative `fixAll`.
   * Cached with the analysis: editors ask for code actions on every cursor move.
   */
  fixAllOpen(doc: DocumentLike, settings: Settings, ruleId?: string): FixAllResult {
    const result = this.analyzeOpen(doc, settings);
    const entry = this.results.get(doc.uri);
    const hit = entry?.result === result ? entry.fixAll.get(ruleId ?? '') : undefined;
    if (hit) return hit;
    const filter = ruleId === undefined ? undefined : (f: Finding) => f.ruleId === ruleId;
    const fixed = fixAll(result.doc, this.rules, this.options(settings), filter);
    if (entry?.result === result) entry.fixAll.set(ruleId ?? '', fixed);
    return fixed;
  }

  /** Analyses a file that is not open (workspace scan); nothing is cached, so memory stays flat. */
  analyzeText(uri: string, text: string, settings: Settings): AnalysisResult {
    return analyze(parseDocument(uri, 0, text), this.rules, this.options(settings));
  }

  /** Drops a closed document's parse and analysis. */
  forget(uri: string): void {
    this.parses.delete(uri);
    this.results.delete(uri);
  }

  /** The document's analysis is recomputed on next use (its parse stays valid). */
  invalidate(uri: string): void {
    this.results.delete(uri);
  }

  /** Settings changed: analyses are recomputed on next use (parses stay valid). */
  invalidateResults(): void {
    this.results.clear();
  }
}
