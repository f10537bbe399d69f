/**
 * A real LSP client for protocol tests: spawns the bundled `dist/server.js --stdio`, speaks
 * JSON-RPC over its pipes, answers the server's requests (configuration, progress, applyEdit,
 * showDocument) and lets a test await the next matching notification, with a deadline.
 */
import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  CancellationToken,
  createMessageConnection,
  MessageConnection,
  StreamMessageReader,
  StreamMessageWriter,
} from 'vscode-jsonrpc/node';
import {
  ClientCapabilities,
  CodeAction,
  Diagnostic,
  Hover,
  InitializeResult,
  Position,
  PublishDiagnosticsParams,
  Range,
  TextDocumentEdit,
  TextEdit,
  WorkspaceEdit,
} from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';

export const ROOT = path.resolve(__dirname, '..', '..', '..');
export const SERVER = path.join(ROOT, 'dist', 'server.js');

/** How long a test waits for an event before it fails. A bound on a hang, not a speed assertion. */
export const DEADLINE_MS = 15_000;

let built = false;
/** Bundles once per test run, so the server under test is the current source. */
export function buildOnce(): void {
  // PARAPET_TEST_NO_BUILD=1 reuses an existing bundle while iterating on tests.
  if (built || (process.env.PARAPET_TEST_NO_BUILD === '1' && fs.existsSync(SERVER))) return;
  const r = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: ROOT, encoding: 'utf8', timeout: 180_000 });
  // Another engineer's half-finished client or CLI may fail its own bundle; the server bundle is still written.
  if (r.status !== 0 && !fs.existsSync(SERVER)) throw new Error(`build failed:\n${r.stderr}`);
  built = true;
}

interface Waiter {
  method: string;
  match: (params: unknown) => boolean;
  resolve: (params: unknown) => void;
}

export interface StartOptions {
  initializationOptions?: Record<string, unknown>;
  /** Answer to `workspace/configuration` for a scope URI; undefined means the client lacks the capability. */
  settings?: (scopeUri: string | undefined) => unknown;
  workspaceFolders?: string[];
  capabilities?: ClientCapabilities;
  /** Declare `codeAction.resolveSupport` for `edit`, as VS Code does. */
  resolveEdits?: boolean;
  /** The default deadline of every wait (DEADLINE_MS); the fuzz script gives a busy machine longer. */
  deadlineMs?: number;
}

/** A document the test keeps in step with what it sent. */
export interface OpenDoc {
  uri: string;
  doc: TextDocument;
}

export class TestClient {
  readonly conn: MessageConnection;
  readonly stderr: string[] = [];
  /** `window/logMessage` messages. */
  readonly logs: string[] = [];
  /** Requests the server made, by method, with their params. */
  readonly requests: { method: string; params: unknown }[] = [];
  /** Answer to `workspace/applyEdit`. */
  applyEditAnswer = true;
  /** Every `publishDiagnostics`, in order. */
  readonly published: PublishDiagnosticsParams[] = [];
  private readonly waiters: Waiter[] = [];
  private readonly docs = new Map<string, TextDocument>();
  private exited = false;
  initializeResult: InitializeResult | undefined;
  /** The deadline of every wait that is not given one: requests, notifications, diagnostics. */
  deadlineMs: number;

  private constructor(
    readonly proc: ChildProcess,
    private readonly opts: StartOptions,
  ) {
    this.deadlineMs = opts.deadlineMs ?? DEADLINE_MS;
    this.conn = createMessageConnection(new StreamMessageReader(proc.stdout!), new StreamMessageWriter(proc.stdin!));
    proc.stderr!.setEncoding('utf8').on('data', (d: string) => this.stderr.push(d));
    proc.on('exit', () => {
      this.exited = true;
    });
    this.conn.onNotification((method: string, params: unknown) => this.dispatch(method, params));
    // vscode-jsonrpc routes `$/progress` to per-token handlers; the test's tokens come from the server.
    this.conn.onUnhandledProgress((params) => this.dispatch('$/progress', params));
    this.conn.onRequest((method: string, params: unknown) => {
      this.requests.push({ method, params });
      switch (method) {
        case 'workspace/configuration': {
          const items = (params as { items: { scopeUri?: string; section?: string }[] }).items;
          return items.map((i) => this.opts.settings?.(i.scopeUri) ?? null);
        }
        case 'workspace/applyEdit':
          return { applied: this.applyEditAnswer };
        case 'window/showDocument':
          return { success: true };
        default:
          return null; // registerCapability, workDoneProgress/create, …
      }
    });
    this.conn.listen();
  }

  private dispatch(method: string, params: unknown): void {
    if (method === 'textDocument/publishDiagnostics') this.published.push(params as PublishDiagnosticsParams);
    if (method === 'window/logMessage') this.logs.push((params as { message: string }).message);
    for (const w of [...this.waiters]) {
      if (w.method === method && w.match(params)) {
        this.waiters.splice(this.waiters.indexOf(w), 1);
        w.resolve(params);
      }
    }
  }

  /** Spawns the bundled server and completes the `initialize` handshake. */
  static async start(opts: StartOptions = {}): Promise<TestClient> {
    const proc = spawn(process.execPath, [SERVER, '--stdio'], { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
    const client = new TestClient(proc, opts);
    const capabilities: ClientCapabilities = opts.capabilities ?? {
      workspace: {
        configuration: opts.settings !== undefined,
        workspaceFolders: true,
        workspaceEdit: { documentChanges: true },
        didChangeConfiguration: { dynamicRegistration: true },
      },
      window: { workDoneProgress: true, showDocument: { support: true } },
      textDocument: {
        publishDiagnostics: { relatedInformation: true, versionSupport: true, codeDescriptionSupport: true, dataSupport: true },
        codeAction: {
          dataSupport: true,
          isPreferredSupport: true,
          codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source', 'source.fixAll'] } },
          ...(opts.resolveEdits ? { resolveSupport: { properties: ['edit'] } } : {}),
        },
        hover: { contentFormat: ['markdown', 'plaintext'] },
      },
    };
    const folders = opts.workspaceFolders ?? [];
    try {
      client.initializeResult = await client.request<InitializeResult>('initialize', {
        processId: process.pid,
        rootUri: folders[0] ?? null,
        workspaceFolders: folders.map((uri, i) => ({ uri, name: `folder${i}` })),
        capabilities,
        // holdBackTyping off: a test's change() waits for the publish of its version, which must be complete.
        initializationOptions: { debounceMs: 20, holdBackTyping: false, ...opts.initializationOptions },
      });
    } catch (e) {
      // A server that never answered would outlive the test (or the fuzz run) that started it.
      proc.kill('SIGKILL');
      client.conn.dispose();
      throw e;
    }
    await client.conn.sendNotification('initialized', {});
    return client;
  }

  /** A request with a deadline. */
  request<R>(method: string, params: unknown, token?: CancellationToken, ms = this.deadlineMs): Promise<R> {
    // An undefined third argument would be sent as a positional parameter.
    const sent = token ? this.conn.sendRequest<R>(method, params, token) : this.conn.sendRequest<R>(method, params);
    return withDeadline(sent, `response to ${method}`, ms);
  }

  /**
   * Resolves with the params of the next `method` notification that matches, rejecting after the
   * deadline. Call it before the action that causes the notification.
   */
  next<P>(method: string, match: (params: P) => boolean = () => true, ms = this.deadlineMs): Promise<P> {
    return withDeadline(
      new Promise<P>((resolve) => {
        this.waiters.push({ method, match: (p) => match(p as P), resolve: (p) => resolve(p as P) });
      }),
      `notification ${method}`,
      ms,
    );
  }

  /** The next diagnostics for `uri` (optionally for a given version, or matching a test). */
  nextDiagnostics(
    uri: string,
    match: (p: PublishDiagnosticsParams) => boolean = () => true,
    ms = this.deadlineMs,
  ): Promise<PublishDiagnosticsParams> {
    return this.next<PublishDiagnosticsParams>('textDocument/publishDiagnostics', (p) => p.uri === uri && match(p), ms);
  }

  /** Opens a document and returns its next diagnostics. */
  async open(uri: string, text: string, languageId = 'yaml', version = 1): Promise<PublishDiagnosticsParams> {
    const diags = this.nextDiagnostics(uri, (p) => p.version === version);
    this.docs.set(uri, TextDocument.create(uri, languageId, version, text));
    await this.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version, text } });
    return diags;
  }

  /** Sends incremental edits (or a full replacement) and returns the diagnostics for the new version. */
  async change(uri: string, edits: TextEdit[] | string): Promise<PublishDiagnosticsParams> {
    const old = this.doc(uri);
    const version = old.version + 1;
    const changes = typeof edits === 'string' ? [{ text: edits }] : edits.map((e) => ({ range: e.range, text: e.newText }));
    const text = typeof edits === 'string' ? edits : TextDocument.applyEdits(old, edits);
    this.docs.set(uri, TextDocument.create(uri, old.languageId, version, text));
    const diags = this.nextDiagnostics(uri, (p) => p.version === version);
    await this.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: changes });
    return diags;
  }

  async close(uri: string): Promise<PublishDiagnosticsParams> {
    const diags = this.nextDiagnostics(uri);
    this.docs.delete(uri);
    await this.conn.sendNotification('textDocument/didClose', { textDocument: { uri } });
    return diags;
  }

  /** The client's copy of an open document. */
  doc(uri: string): TextDocument {
    const d = this.docs.get(uri);
    if (!d) throw new Error(`not open: ${uri}`);
    return d;
  }

  codeActions(uri: string, range: Range, diagnostics: Diagnostic[], only?: string[]): Promise<CodeAction[]> {
    return this.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri },
      range,
      context: { diagnostics, ...(only ? { only } : {}) },
    });
  }

  hover(uri: string, position: Position): Promise<Hover | null> {
    return this.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position });
  }

  /**
   * Applies a workspace edit to the client's copy the way an editor does: a `TextDocumentEdit`
   * whose version is not the document's is refused. Returns the new text, or undefined if refused.
   */
  applyToText(edit: WorkspaceEdit, uri: string): string | undefined {
    const doc = this.doc(uri);
    const edits: TextEdit[] = [];
    for (const change of edit.documentChanges ?? []) {
      if (!TextDocumentEdit.is(change) || change.textDocument.uri !== uri) continue;
      if (change.textDocument.version !== null && change.textDocument.version !== doc.version) return undefined;
      edits.push(...(change.edits as TextEdit[]));
    }
    edits.push(...(edit.changes?.[uri] ?? []));
    return TextDocument.applyEdits(doc, edits);
  }

  /** `shutdown` + `exit`, then waits for the process (killing it if it lingers past the deadline). */
  async stop(): Promise<void> {
    if (this.exited) return;
    const gone = new Promise<void>((resolve) => this.proc.once('exit', () => resolve()));
    try {
      await this.request('shutdown', null);
      await this.conn.sendNotification('exit');
      await withDeadline(gone, 'server exit');
    } catch {
      this.proc.kill();
    } finally {
      this.conn.dispose();
    }
  }

  get alive(): boolean {
    return !this.exited;
  }
}

/** Rejects if `p` does not settle within `ms`. */
export function withDeadline<T>(p: Promise<T>, what: string, ms = DEADLINE_MS): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no ${what} within ${ms} ms`)), ms);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

/** The position of the first occurrence of `snippet` (plus `delta` characters) in `text`. */
export function positionOf(text: string, snippet: string, delta = 0): Position {
  const i = text.indexOf(snippet);
  if (i < 0) throw new Error(`snippet not found: ${snippet}`);
  const doc = TextDocument.create('x:', 'yaml', 0, text);
  return doc.positionAt(i + delta);
}

/** A `file://` URI for a name under a scratch folder (nothing is written). */
export function fileUri(name: string, folder = path.join(ROOT, '.test-output', 'protocol')): string {
  return pathToFileURL(path.join(folder, name)).href;
}

export const IMDS_BAD = `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  WebTemplate:
    Type: AWS::EC2::LaunchTemplate
    Properties:
      LaunchTemplateData:
        ImageId: ami-12345678
        MetadataOptions:
          HttpTokens: optional
`;

export const TWO_IMDS_BAD = `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  WebTemplate:
    Type: AWS::EC2::LaunchTemplate
    Properties:
      LaunchTemplateData:
        MetadataOptions:
          HttpTokens: optional
  WorkerTemplate:
    Type: AWS::EC2::LaunchTemplate
    Properties:
      LaunchTemplateData:
        ImageId: ami-12345678
  Deployer:
    Type: AWS::IAM::User
`;

/** Two keys that do not rotate (safe fixes), a launch template allowing IMDSv1 (a suggestion) and an IAM user (no fix). */
export const TWO_ROTATION_OFF = `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  DataKey:
    Type: AWS::KMS::Key
    Properties:
      EnableKeyRotation: false
  LogKey:
    Type: AWS::KMS::Key
    Properties:
      Description: logs
      EnableKeyRotation: false
  WebTemplate:
    Type: AWS::EC2::LaunchTemplate
    Properties:
      LaunchTemplateData:
        MetadataOptions:
          HttpTokens: optional
  Deployer:
    Type: AWS::IAM::User
`;

export const IMDS_BAD_JSON = `{
  "AWSTemplateFormatVersion": "2010-09-09",
  "Resources": {
    "WebTemplate": {
      "Type": "AWS::EC2::LaunchTemplate",
      "Properties": {
        "LaunchTemplateData": {
          "MetadataOptions": { "HttpTokens": "optional" }
        }
      }
    }
  }
}
`;

export const USER_ONLY = `Resources:
  Deployer:
    Type: AWS::IAM::User
`;

/** Diagnostics of one rule. */
export function ofRule(diagnostics: Diagnostic[], ruleId: string): Diagnostic[] {
  return diagnostics.filter((d) => d.code === ruleId);
}
