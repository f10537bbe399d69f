import { Connection, TextDocuments } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { Analyzer } from './analysis';
import { Logger } from './log';
import { PolicyChecks } from './policy-checks';
import { FindingsStore } from './report';
import { SettingsStore } from './settings';
import { SynthService } from './synth';
import { WorkspaceFolders } from './workspace';
import { WorkspaceFactsService } from './workspace-facts';

/** What the client said it can do, read once from `initialize`. */
export interface ClientFlags {
  configuration: boolean;
  workspaceFolders: boolean;
  workDoneProgress: boolean;
  showDocument: boolean;
  /** `TextDocumentEdit` in `WorkspaceEdit.documentChanges`. */
  documentChanges: boolean;
  /** The client resolves a code action's `edit` lazily (`codeAction/resolve`). */
  resolveEdit: boolean;
}

/** The services every feature module is given; the only state the server keeps. */
export interface ServerContext {
  connection: Connection;
  documents: TextDocuments<TextDocument>;
  analyzer: Analyzer;
  settings: SettingsStore;
  folders: WorkspaceFolders;
  findings: FindingsStore;
  /** Findings of the user's last `cdk synth`, mapped back to CDK source. */
  synth: SynthService;
  /** The offline Access Analyzer checks (settings `parapet.policyChecks.*`). */
  policyChecks: PolicyChecks;
  /** What every file of the workspace sets up, for rules that judge across files. */
  workspaceFacts: WorkspaceFactsService;
  docsRoot: string;
  log: Logger;
  client: ClientFlags;
}
