/**
 * Parapet's additions to LSP: command ids, custom requests, initialization options and the shape
 * of `Diagnostic.data`. Clients (VS Code, Neovim, tests) follow docs/lsp.md, which describes these.
 */
// Types only: the VS Code client imports this module too (client/src), and must not load the server's library.
import type { Range } from 'vscode-languageserver';

/** Commands the server can execute (`workspace/executeCommand`). */
export const Commands = {
  /** Args `[uri]` or `[{ uri, ruleId? }]`: applies every available fix in the file via `workspace/applyEdit`. */
  applyFixAll: 'parapet.applyFixAll',
  /** Args `[ruleId]`: opens the rule's bundled docs page (the server answers with `window/showDocument`). */
  showRuleDocs: 'parapet.showRuleDocs',
} as const;

/** Code action kind of "fix everything Parapet can fix in this file". */
export const FIX_ALL_KIND = 'source.fixAll.parapet';

/** Options a client may pass in `initializationOptions`; every field is optional. */
export interface InitializationOptions {
  /**
   * The pause after the last edit that means "the user stopped typing" (ms). Default 150. An edit is
   * analysed sooner, after about twice the document's recent analysis time (at least 8 ms, at most
   * this); until the pause, new findings on the edited lines are held back (see `holdBackTyping`).
   */
  debounceMs?: number;
  /** Hold back new findings on the lines being edited until the typing pauses. Default true. */
  holdBackTyping?: boolean;
  /** Per-document analysis time box (ms), passed to the engine. Default: the engine's (1000). */
  timeBudgetMs?: number;
  /** Commands the client implements itself: the server leaves them out of `executeCommandProvider`. */
  clientCommands?: string[];
  /** Settings to use when the client supports neither `workspace/configuration` nor pushed settings. */
  settings?: unknown;
  /** Folder holding `<rule-id>.md` pages; default: `docs/rules` beside the installed extension. */
  docsRoot?: string;
}

/** What every Parapet diagnostic for a rule finding carries in `data`. Quick fixes key on this, never on text. */
export interface FindingData {
  ruleId: string;
  /** Document version the diagnostic was computed for; `null` for files from a workspace scan. */
  version: number | null;
  /** Position of the finding in the analysis result. */
  index: number;
  /** `<ruleId>:<startOffset>:<endOffset>`: finds the same finding again in the same version. */
  fingerprint: string;
  /** True when the rule offers an automatic fix for this finding. */
  fixable: boolean;
  /** Rule-specific data from the finding, if any. */
  rule?: Record<string, string | number | boolean>;
  /** True for a finding from the synthesized template (`cdk.out`): it has no fix. */
  synth?: true;
}

/** `data` of a diagnostic for a document problem (parse error, limit hit, suppression without reason). */
export interface ProblemData {
  problem: string;
  version: number | null;
}

/** Params of `parapet/scanWorkspace`. */
export interface ScanWorkspaceParams {
  /** Folder URIs to scan; default: every workspace folder. */
  folders?: string[];
}

/** Result of `parapet/scanWorkspace`. */
export interface ScanWorkspaceResult {
  /** Files analysed. */
  files: number;
  /** Findings in those files. */
  findings: number;
  /** Files left out: too large, unreadable. Excluded and skipped folders are not counted. */
  skipped: number;
  cancelled: boolean;
}

/** One finding in the `parapet/report` answer. */
export interface ReportFinding {
  ruleId: string;
  title: string;
  category: string;
  severity: 'error' | 'warning' | 'info' | 'hint';
  uri: string;
  range: Range;
  resource?: string;
  message: string;
  fixable: boolean;
}

/** One document problem in the `parapet/report` answer. */
export interface ReportProblem {
  code: string;
  severity: 'error' | 'warning' | 'info';
  uri: string;
  range: Range;
  message: string;
}

/** Params of `parapet/report`. */
export interface ReportParams {
  /** Folder URIs: only files under them are reported. Default: everything the server shows. */
  folders?: string[];
}

/** Result of `parapet/report`: what the server currently shows, open documents and scanned files alike. */
export interface ReportResult {
  version: 1;
  files: number;
  findings: ReportFinding[];
  problems: ReportProblem[];
}

/** Params of `parapet/threatModel`: an open document. */
export interface ThreatModelParams {
  uri: string;
}

/** Result of `parapet/threatModel` (null when the document is not Parapet's). */
export interface ThreatModelResult {
  markdown: string;
  kind: string;
}

export const ThreatModelRequest = 'parapet/threatModel';
export const ScanWorkspaceRequest = 'parapet/scanWorkspace';
export const ReportRequest = 'parapet/report';
