import { ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import { createMessageConnection, MessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-languageserver/node';

interface PublishParams {
  uri: string;
  version?: number;
  diagnostics: unknown[];
}

/** A minimal LSP client for the benchmark: spawn a server, open and edit documents, await diagnostics. */
export class LspClient {
  readonly proc: ChildProcess;
  private readonly conn: MessageConnection;
  private waiters: { uri: string; accept: (p: PublishParams) => boolean; resolve: (p: PublishParams) => void }[] = [];
  /** Latest diagnostics per URI. */
  readonly published = new Map<string, PublishParams>();

  constructor(command: string, args: string[], settings: unknown) {
    this.proc = spawn(command, args, { stdio: ['pipe', 'pipe', 'ignore'] });
    this.conn = createMessageConnection(new StreamMessageReader(this.proc.stdout!), new StreamMessageWriter(this.proc.stdin!));
    this.conn.onNotification('textDocument/publishDiagnostics', (p: PublishParams) => {
      this.published.set(p.uri, p);
      const keep: typeof this.waiters = [];
      for (const w of this.waiters) {
        if (w.uri === p.uri && w.accept(p)) w.resolve(p);
        else keep.push(w);
      }
      this.waiters = keep;
    });
    // Answer what servers ask of a client; the settings go to every configuration item.
    this.conn.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => settings));
    this.conn.onRequest('client/registerCapability', () => null);
    this.conn.onRequest('window/workDoneProgress/create', () => null);
    this.conn.onNotification(() => undefined);
    this.conn.listen();
  }

  async initialize(rootUri: string, initializationOptions: unknown, settings: unknown): Promise<void> {
    await this.conn.sendRequest('initialize', {
      processId: process.pid,
      rootUri,
      workspaceFolders: [{ uri: rootUri, name: 'bench' }],
      initializationOptions,
      capabilities: {
        workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true } },
        textDocument: { publishDiagnostics: { versionSupport: true }, synchronization: { dynamicRegistration: true } },
      },
    });
    await this.conn.sendNotification('initialized', {});
    await this.conn.sendNotification('workspace/didChangeConfiguration', { settings });
  }

  /** Resolves with the next diagnostics for `uri` that `accept` takes; rejects after `deadlineMs`. */
  next(uri: string, accept: (p: PublishParams) => boolean = () => true, deadlineMs = 30_000): Promise<PublishParams> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no diagnostics for ${uri} within ${deadlineMs} ms`)), deadlineMs);
      this.waiters.push({
        uri,
        accept,
        resolve: (p) => {
          clearTimeout(timer);
          resolve(p);
        },
      });
    });
  }

  async open(uri: string, languageId: string, text: string): Promise<void> {
    await this.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
  }

  /** One ranged edit, as an editor sends for a keystroke. */
  async change(
    uri: string,
    version: number,
    range: { start: { line: number; character: number }; end: { line: number; character: number } },
    text: string,
  ): Promise<void> {
    await this.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ range, text }] });
  }

  /** Resident memory of the server process, from /proc (Linux). */
  rssMb(): number {
    const status = fs.readFileSync(`/proc/${this.proc.pid}/status`, 'utf8');
    const m = /VmRSS:\s+(\d+)\s+kB/.exec(status);
    return m ? Number(m[1]) / 1024 : NaN;
  }

  async close(): Promise<void> {
    try {
      await Promise.race([this.conn.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 2000))]);
      await this.conn.sendNotification('exit');
    } catch {
      // the server may already be gone
    }
    this.conn.dispose();
    if (this.proc.exitCode === null) this.proc.kill();
  }
}
