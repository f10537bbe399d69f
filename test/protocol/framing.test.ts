import * as assert from 'node:assert/strict';
import { ChildProcess, spawn } from 'node:child_process';
import { buildOnce, DEADLINE_MS, ROOT, SERVER, withDeadline } from './harness';

/** One JSON-RPC message framed as LSP sends it. */
function frame(body: object | string): string {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  return `Content-Length: ${Buffer.byteLength(text, 'utf8')}\r\n\r\n${text}`;
}

const INITIALIZE = { jsonrpc: '2.0', id: 1, method: 'initialize', params: { processId: null, rootUri: null, capabilities: {} } };

/** The real server over stdio, written to byte by byte, with what it answered and how it ended. */
class RawServer {
  readonly proc: ChildProcess;
  stdout = '';
  stderr = '';
  readonly exited: Promise<number | null>;

  constructor() {
    this.proc = spawn(process.execPath, [SERVER, '--stdio'], { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
    this.proc.stdout!.setEncoding('utf8').on('data', (d: string) => (this.stdout += d));
    this.proc.stderr!.setEncoding('utf8').on('data', (d: string) => (this.stderr += d));
    this.exited = new Promise((resolve) => this.proc.once('exit', (code) => resolve(code)));
  }

  send(bytes: string): void {
    this.proc.stdin!.write(bytes);
  }

  /** Resolves once stdout holds `text`, or fails at the deadline. */
  async answered(text: string): Promise<void> {
    await withDeadline(
      new Promise<void>((resolve) => {
        const check = (): void => {
          if (this.stdout.includes(text)) {
            this.proc.stdout!.off('data', check);
            resolve();
          }
        };
        this.proc.stdout!.on('data', check);
        check();
      }),
      `an answer holding ${text}`,
    );
  }

  kill(): void {
    if (this.proc.exitCode === null) this.proc.kill();
  }
}

describe('protocol: a message the server cannot read ends it with an error, so the client restarts it', function () {
  this.timeout(60_000);
  const servers: RawServer[] = [];
  before(() => buildOnce());
  after(() => servers.forEach((s) => s.kill()));

  const broken: [string, string][] = [
    ['a Content-Length that is not a number', 'Content-Length: abc\r\n\r\n{"jsonrpc":"2.0","id":2,"method":"shutdown"}'],
    ['no Content-Length header', 'Content-Type: application/vscode-jsonrpc\r\n\r\n{"jsonrpc":"2.0","id":2,"method":"shutdown"}'],
    ['a header line without a colon', 'Content-Length 46\r\n\r\n{"jsonrpc":"2.0","id":2,"method":"shutdown"}'],
  ];
  for (const [what, bytes] of broken) {
    it(`${what}: logged, exit code 1`, async () => {
      const s = new RawServer();
      servers.push(s);
      s.send(frame(INITIALIZE));
      await s.answered('"id":1');
      s.send(bytes);
      const code = await withDeadline(s.exited, 'the server to exit', DEADLINE_MS);
      assert.equal(code, 1, s.stderr);
      assert.match(s.stderr, /cannot read a message from the client/);
    });
  }

  it('a body that is not JSON, in a well-framed message, is skipped: the server keeps answering', async () => {
    const s = new RawServer();
    servers.push(s);
    s.send(frame(INITIALIZE));
    await s.answered('"id":1');
    s.send(frame('{"jsonrpc": "2.0", "id": 2, "method": '));
    s.send(frame({ jsonrpc: '2.0', id: 3, method: 'shutdown' }));
    await s.answered('"id":3');
    s.send(frame({ jsonrpc: '2.0', method: 'exit' }));
    assert.equal(await withDeadline(s.exited, 'the server to exit'), 0);
  });

  it('stdin closing without shutdown ends the server with code 1, after shutdown with 0', async () => {
    const a = new RawServer();
    servers.push(a);
    a.send(frame(INITIALIZE));
    await a.answered('"id":1');
    a.proc.stdin!.end();
    assert.equal(await withDeadline(a.exited, 'the server to exit'), 1);
    const b = new RawServer();
    servers.push(b);
    b.send(frame(INITIALIZE));
    await b.answered('"id":1');
    b.send(frame({ jsonrpc: '2.0', id: 2, method: 'shutdown' }));
    await b.answered('"id":2');
    b.proc.stdin!.end();
    assert.equal(await withDeadline(b.exited, 'the server to exit'), 0);
  });
});
