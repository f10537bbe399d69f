/**
 * The fuzz script's language-server target: one real LSP session over stdio (the protocol tests'
 * client) that opens each input, edits it once, asks for code actions and a hover, and closes it,
 * each step with the per-input deadline. A server that stops answering, exits or does not start is
 * restarted. Open → diagnostics is timed on the wall clock and in the server's CPU time (Linux).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { rng } from '../../bench/generate';
import { decodeText } from '../../core/files';
import { TestClient, withDeadline } from '../../test/protocol/harness';
import { Input } from './inputs';

export interface ServerCheck {
  id: number;
  crash?: string;
  hang?: string;
  /** Open → diagnostics, in ms (the server's analysis plus the message round trip). */
  ms: number;
  /** The server process's CPU time over the same span (undefined where /proc is not there): load does not inflate it. */
  cpuMs?: number;
}

/** A process's CPU time (user + system) in ms from /proc, or undefined. Ticks are 100 a second on Linux. */
function cpuMsOf(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces: count fields after its closing parenthesis.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return undefined;
  }
}

const LANGUAGE: Record<string, string> = {
  '.yaml': 'yaml',
  '.yml': 'yaml',
  '.template': 'yaml',
  '.json': 'json',
  '.ts': 'typescript',
  '.py': 'python',
};

/** Log lines of a failure the server caught (a handler, a rule) or did not (its last resort). */
const FAILURE = /failed:|uncaught exception|unhandled rejection/i;

export class ServerTarget {
  private client: TestClient | undefined;

  constructor(
    private readonly folder: string,
    private readonly deadlineMs: number,
  ) {}

  private async started(): Promise<TestClient> {
    if (this.client) return this.client;
    const client = await TestClient.start({
      settings: () => ({}),
      initializationOptions: { debounceMs: 0 },
      deadlineMs: this.deadlineMs * 3,
    });
    // Warm up: TypeScript loads on the first CDK file (about half a second), which is no input's time.
    for (const [name, text, language] of [
      ['warm.ts', "import * as s3 from 'aws-cdk-lib/aws-s3';\nnew s3.Bucket(this, 'B');\n", 'typescript'],
      ['warm.py', "from aws_cdk import aws_s3 as s3\ns3.Bucket(self, 'B')\n", 'python'],
    ]) {
      const uri = pathToFileURL(path.join(this.folder, name)).href;
      await client.open(uri, text, language);
      await client.close(uri);
    }
    this.client = client;
    return client;
  }

  /** Ends the session (also after a hang, where the server may be stuck: it is killed). */
  async stop(): Promise<void> {
    const c = this.client;
    this.client = undefined;
    if (!c) return;
    if (c.alive) await withDeadline(c.stop(), 'server stop', 5000).catch(() => c.proc.kill('SIGKILL'));
  }

  /** One input through the server; `deadlineMs` overrides the per-step deadline (a second chance after a hang). */
  async run(input: Input, deadlineMs = this.deadlineMs): Promise<ServerCheck> {
    const out: ServerCheck = { id: input.id, ms: 0 };
    let client: TestClient;
    try {
      client = await this.started();
    } catch (e) {
      out.hang = `server start: ${e instanceof Error ? e.message : String(e)}`;
      return out;
    }
    client.deadlineMs = deadlineMs;
    const logsBefore = client.logs.length;
    const uri = pathToFileURL(path.join(this.folder, `i${input.id}${input.ext}`)).href;
    const text = decodeText(input.bytes);
    const r = rng(input.id + 7);
    const ms = deadlineMs;
    let step = 'open';
    try {
      const t0 = performance.now();
      const cpu0 = cpuMsOf(client.proc.pid);
      const first = await withDeadline(client.open(uri, text, LANGUAGE[input.ext] ?? 'yaml'), 'diagnostics after open', ms);
      out.ms = performance.now() - t0;
      const cpu1 = cpuMsOf(client.proc.pid);
      if (cpu0 !== undefined && cpu1 !== undefined) out.cpuMs = cpu1 - cpu0;
      step = 'edit';
      const doc = client.doc(uri);
      const at = doc.positionAt(Math.floor(r() * (text.length + 1)));
      await withDeadline(
        client.change(uri, [{ range: { start: at, end: at }, newText: ['x', ':', '\n', '"', '  - '][Math.floor(r() * 5)] }]),
        'diagnostics after an edit',
        ms,
      );
      step = 'code actions';
      const d = first.diagnostics[0];
      if (d)
        await client.request(
          'textDocument/codeAction',
          { textDocument: { uri }, range: d.range, context: { diagnostics: [d] } },
          undefined,
          ms,
        );
      step = 'hover';
      await client.request(
        'textDocument/hover',
        { textDocument: { uri }, position: doc.positionAt(Math.floor(r() * (text.length + 1))) },
        undefined,
        ms,
      );
      step = 'close';
      await withDeadline(client.close(uri), 'diagnostics after close', ms);
    } catch (e) {
      if (!client.alive) out.crash = `server exited during ${step}: ${client.stderr.join('').slice(-300)}`;
      else out.hang = `${step}: ${e instanceof Error ? e.message : String(e)}`;
      await this.stop();
      return out;
    }
    const failure = client.logs.slice(logsBefore).find((l) => FAILURE.test(l));
    if (failure) out.crash = failure.slice(0, 300);
    return out;
  }
}
