import {
  CancellationToken,
  CodeActionKind,
  Connection,
  DidChangeConfigurationNotification,
  InitializeParams,
  InitializeResult,
  TextDocuments,
  TextDocumentSyncKind,
} from 'vscode-languageserver/node';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { importersOf, setOpenModule } from '../../core/cdk/modules';
import { setProjectReads } from '../../core/cdk/project';
import { rules } from '../../rules';
import { Analyzer } from './analysis';
import { codeActions, resolveCodeAction } from './code-actions';
import { executeCommand, serverCommands } from './commands';
import { ClientFlags, ServerContext } from './context';
import { findDocsRoot } from './docs';
import { guard, runLogged } from './guard';
import { hover } from './hover';
import { PolicyChecks } from './policy-checks';
import { connectionLogger } from './log';
import {
  FIX_ALL_KIND,
  InitializationOptions,
  ReportParams,
  ReportRequest,
  ScanWorkspaceParams,
  ScanWorkspaceRequest,
  ThreatModelParams,
  ThreatModelRequest,
} from './protocol';
import { threatModel } from './threat-model';
import { FindingsStore } from './report';
import { DEFAULT_SETTINGS, normalizeSettings, Settings, SettingsStore } from './settings';
import { SynthService } from './synth';
import { Validator } from './validation';
import { WorkspaceFolders } from './workspace';
import { WorkspaceFactsService } from './workspace-facts';
import { WorkspaceScanner } from './workspace-scan';

const DEFAULT_DEBOUNCE_MS = 150;

function clientFlags(params: InitializeParams): ClientFlags {
  const c = params.capabilities ?? {};
  return {
    configuration: c.workspace?.configuration === true,
    workspaceFolders: c.workspace?.workspaceFolders === true,
    workDoneProgress: c.window?.workDoneProgress === true,
    showDocument: c.window?.showDocument?.support === true,
    documentChanges: c.workspace?.workspaceEdit?.documentChanges === true,
    resolveEdit: c.textDocument?.codeAction?.resolveSupport?.properties.includes('edit') === true,
  };
}

function readOptions(raw: unknown): InitializationOptions {
  if (!raw || typeof raw !== 'object') return {};
  const o = raw as Record<string, unknown>;
  const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : undefined);
  return {
    debounceMs: num(o.debounceMs),
    holdBackTyping: typeof o.holdBackTyping === 'boolean' ? o.holdBackTyping : undefined,
    timeBudgetMs: num(o.timeBudgetMs),
    clientCommands: Array.isArray(o.clientCommands) ? o.clientCommands.filter((c): c is string => typeof c === 'string') : undefined,
    settings: o.settings,
    docsRoot: typeof o.docsRoot === 'string' ? o.docsRoot : undefined,
  };
}

/**
 * Wires the LSP connection to the feature modules. Every handler is guarded: an exception is
 * logged and answered with an empty result, and the server keeps serving.
 */
export function startServer(connection: Connection): void {
  // CDK project files are read asynchronously before analysis (validation.ts), never by the analysis on the event loop.
  setProjectReads('preloaded');
  const log = connectionLogger(connection);
  const documents = new TextDocuments(TextDocument);
  let ctx: ServerContext | undefined;
  let validator: Validator | undefined;
  let scanner: WorkspaceScanner | undefined;
  const opening = new Set<string>();
  const applies = (uri: string, s: Settings): boolean => validator?.applies(uri, s) ?? false;

  connection.onInitialize((params): InitializeResult => {
    const options = readOptions(params.initializationOptions);
    const client = clientFlags(params);
    const folders = new WorkspaceFolders();
    folders.set(params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []));
    const docsRoot = findDocsRoot(options.docsRoot);
    const fallback: Settings = options.settings !== undefined ? normalizeSettings(options.settings) : { ...DEFAULT_SETTINGS };
    const settings = new SettingsStore(connection, client.configuration, log, fallback);
    // The account baseline is judged across the workspace, as `parapet scan` judges it across the files it scans.
    const workspaceFacts = new WorkspaceFactsService({ settings, log, folders }, (uris) => validator?.revalidate(uris));
    ctx = {
      connection,
      documents,
      client,
      folders,
      log,
      analyzer: new Analyzer(rules, log, options.timeBudgetMs, () => workspaceFacts.facts()),
      settings,
      findings: new FindingsStore(),
      synth: new SynthService(rules, folders, log, (dir) => validator?.revalidateUnder(dir)),
      docsRoot,
      policyChecks: new PolicyChecks(folders, log, pathToFileURL(path.join(docsRoot, '..', 'policy-checks.md')).href),
      workspaceFacts,
    };
    validator = new Validator(ctx, options.debounceMs ?? DEFAULT_DEBOUNCE_MS, options.holdBackTyping ?? true);
    scanner = new WorkspaceScanner(ctx);
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND], resolveProvider: true },
        hoverProvider: true,
        executeCommandProvider: { commands: serverCommands(options.clientCommands) },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'parapet' },
    };
  });

  connection.onInitialized(() =>
    runLogged(log, 'initialized', async () => {
      if (!ctx) return;
      const caps = ctx.client;
      if (caps.workspaceFolders) {
        connection.workspace.onDidChangeWorkspaceFolders((e) => {
          ctx?.folders.remove(e.removed.map((f) => f.uri));
          ctx?.folders.add(e.added.map((f) => f.uri));
          runLogged(log, 'workspace facts', () => ctx?.workspaceFacts.start());
        });
      }
      if (caps.configuration) {
        // Clients that pull settings are asked to tell us when they change (VS Code may also push them).
        await connection.client.register(DidChangeConfigurationNotification.type, { section: 'parapet' }).catch(() => undefined);
      }
      runLogged(log, 'workspace facts', () => ctx?.workspaceFacts.start());
    }),
  );

  connection.onDidChangeConfiguration((change) =>
    runLogged(log, 'didChangeConfiguration', () => {
      if (!ctx || !validator) return;
      const settings = (change.settings as { parapet?: unknown } | null | undefined)?.parapet;
      ctx.settings.changed(settings);
      validator.revalidateAll();
    }),
  );

  // The client watches templates and source files (VS Code: `synchronize.fileEvents`); a new synth rewrites cdk.out.
  connection.onDidChangeWatchedFiles((e) =>
    runLogged(log, 'didChangeWatchedFiles', () => {
      const uris = e.changes.map((c) => c.uri);
      ctx?.synth.changed(uris);
      // A project module changed on disk: the documents that import it read it again (core/cdk/modules.ts).
      validator?.modulesChanged(uris.flatMap(importersOf));
      return ctx?.workspaceFacts.filesChanged(uris);
    }),
  );

  documents.onDidOpen((e) => {
    opening.add(e.document.uri);
    scanner?.opened(e.document.uri);
  });
  documents.onDidChangeContent((e) =>
    runLogged(log, 'didChange', () => {
      // The first content of a document is analysed at once; an edit waits as long as the document's analysis costs.
      const first = opening.delete(e.document.uri);
      validator?.schedule(e.document.uri, first ? 0 : undefined);
      // An open module's buffer is what the files that import it read, not its file on disk.
      setOpenModule(e.document.uri, e.document.getText(), e.document.version);
      validator?.modulesChanged(importersOf(e.document.uri).filter((u) => u !== e.document.uri));
    }),
  );
  documents.onDidClose((e) =>
    runLogged(log, 'didClose', () => {
      opening.delete(e.document.uri);
      validator?.closed(e.document.uri);
      setOpenModule(e.document.uri, undefined);
      validator?.modulesChanged(importersOf(e.document.uri));
      return scanner?.closed(e.document.uri);
    }),
  );

  connection.onCodeAction(guard(log, 'codeAction', [], (params) => (ctx ? codeActions(ctx, params, applies) : [])));
  connection.onCodeActionResolve((action) =>
    guard(log, 'codeAction/resolve', action, () => (ctx ? resolveCodeAction(ctx, action, applies) : action))(),
  );
  connection.onHover(guard(log, 'hover', null, (params) => (ctx ? hover(ctx, params, applies) : null)));
  connection.onExecuteCommand(guard(log, 'executeCommand', null, (params) => (ctx ? executeCommand(ctx, params, applies) : null)));
  connection.onRequest(
    ScanWorkspaceRequest,
    guard(
      log,
      'scanWorkspace',
      { files: 0, findings: 0, skipped: 0, cancelled: true },
      (params: ScanWorkspaceParams | undefined, token: CancellationToken) => scanner!.scan(params, token),
    ),
  );
  connection.onRequest(
    ReportRequest,
    guard(log, 'report', { version: 1, files: 0, findings: [], problems: [] }, (params: ReportParams | null | undefined) => {
      const folders = Array.isArray(params?.folders) ? params.folders.filter((f): f is string => typeof f === 'string') : undefined;
      return ctx!.findings.report(folders);
    }),
  );

  connection.onRequest(
    ThreatModelRequest,
    guard(log, 'threatModel', null, (params: ThreatModelParams) => (ctx ? threatModel(ctx, params, applies) : null)),
  );

  documents.listen(connection);
  connection.listen();
}
