import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import * as http from 'node:http';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Browser, Page } from 'playwright-core';

export const ROOT = path.resolve(__dirname, '../../..');
export const OUTPUT = path.join(ROOT, '.test-output', 'editors');
export const CODE_SERVER_VERSION = '4.100.3';

/** Where test/editors/setup.sh put code-server (kept in step with that script). */
export function codeServerBin(): string {
  const cache = process.env.PARAPET_CACHE ?? path.join(process.env.XDG_CACHE_HOME ?? path.join(os.homedir(), '.cache'), 'parapet');
  return path.join(cache, `code-server-${CODE_SERVER_VERSION}`, 'node_modules', '.bin', 'code-server');
}

/** Why the real-editor tests cannot run here, or undefined when they can. */
export function editorsUnavailable(): string | undefined {
  if (process.env.PARAPET_SKIP_EDITORS === '1') return 'PARAPET_SKIP_EDITORS=1';
  if (!existsSync(codeServerBin())) return `code-server is not installed at ${codeServerBin()} (run bash test/editors/setup.sh)`;
  if (!existsSync('/usr/bin/chromium')) return 'Debian chromium is not installed (run bash test/editors/setup.sh)';
  return undefined;
}

/** Polls a condition until it holds or the deadline passes; the message says what did not happen. */
export async function waitFor<T>(
  what: string,
  timeoutMs: number,
  check: () => Promise<T | undefined | false> | T | undefined | false,
  everyMs = 100,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await check();
      if (v) return v;
    } catch (e) {
      last = e;
    }
    if (Date.now() > deadline)
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${last ? ` (last error: ${String(last)})` : ''}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

function httpOk(url: string): Promise<boolean> {
  return new Promise((resolve) => {
    const req = http.get(url, (res) => {
      res.resume();
      resolve((res.statusCode ?? 500) < 500);
    });
    req.on('error', () => resolve(false));
    req.setTimeout(2000, () => {
      req.destroy();
      resolve(false);
    });
  });
}

/** One code-server with its own user data and extensions, the VSIX installed, stopped by its pid. */
export class CodeServer {
  private child: ChildProcess | undefined;
  private log = '';
  port = 0;
  readonly userData: string;
  readonly extensions: string;

  constructor(
    readonly name: string,
    settings: Record<string, unknown>,
  ) {
    const base = path.join(OUTPUT, 'state', name);
    rmSync(base, { recursive: true, force: true });
    this.userData = path.join(base, 'user-data');
    this.extensions = path.join(base, 'extensions');
    mkdirSync(path.join(this.userData, 'User'), { recursive: true });
    mkdirSync(this.extensions, { recursive: true });
    writeFileSync(path.join(this.userData, 'User', 'settings.json'), JSON.stringify(settings, null, 2));
  }

  private env(): NodeJS.ProcessEnv {
    // Its config file goes beside the test state, not into the user's home.
    return {
      ...process.env,
      XDG_CONFIG_HOME: path.join(OUTPUT, 'state', this.name, 'config'),
      XDG_DATA_HOME: path.join(OUTPUT, 'state', this.name, 'data'),
    };
  }

  /** `code-server --install-extension <vsix>` into this instance's extensions folder. */
  install(vsix: string): void {
    const r = spawnSync(
      codeServerBin(),
      ['--extensions-dir', this.extensions, '--user-data-dir', this.userData, '--install-extension', vsix],
      { encoding: 'utf8', env: this.env(), timeout: 120_000 },
    );
    if (r.status !== 0) throw new Error(`installing ${vsix} failed: ${r.stderr}${r.stdout}`);
  }

  async start(): Promise<void> {
    this.port = await freePort();
    this.child = spawn(
      codeServerBin(),
      [
        '--auth',
        'none',
        '--bind-addr',
        `127.0.0.1:${this.port}`,
        '--disable-telemetry',
        '--disable-update-check',
        '--extensions-dir',
        this.extensions,
        '--user-data-dir',
        this.userData,
      ],
      { env: this.env(), stdio: ['ignore', 'pipe', 'pipe'] },
    );
    this.child.stdout?.on('data', (d: Buffer) => {
      this.log += d.toString();
    });
    this.child.stderr?.on('data', (d: Buffer) => {
      this.log += d.toString();
    });
    let exited: number | null | undefined;
    this.child.on('exit', (code) => {
      exited = code;
    });
    await waitFor(
      `code-server on port ${this.port}`,
      60_000,
      async () => {
        if (exited !== undefined) throw new Error(`code-server exited with ${String(exited)}: ${this.log}`);
        return httpOk(`http://127.0.0.1:${this.port}/healthz`);
      },
      200,
    );
  }

  url(folder: string): string {
    return `http://127.0.0.1:${this.port}/?folder=${encodeURIComponent(folder)}`;
  }

  get output(): string {
    return this.log;
  }

  /** Stops the process this object started, by its pid, and waits for it to go. */
  async stop(): Promise<void> {
    const child = this.child;
    this.child = undefined;
    if (!child?.pid || child.exitCode !== null) return;
    const gone = new Promise<void>((r) => child.once('exit', () => r()));
    process.kill(child.pid, 'SIGTERM');
    const timer = setTimeout(() => {
      if (child.exitCode === null && child.pid) process.kill(child.pid, 'SIGKILL');
    }, 10_000);
    await gone;
    clearTimeout(timer);
  }
}

/** A scratch folder the test may edit: a copy of the bundled workspace, or empty. */
export function scratchWorkspace(name: string, copy = true): string {
  const dir = path.join(OUTPUT, 'workspaces', name);
  rmSync(dir, { recursive: true, force: true });
  if (copy) cpSync(path.join(ROOT, 'test', 'editors', 'workspace'), dir, { recursive: true });
  else mkdirSync(dir, { recursive: true });
  return dir;
}

export async function launchBrowser(): Promise<Browser> {
  const { chromium } = await import('playwright-core');
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** Saves a screenshot under .test-output/editors/ and returns its path. */
export async function shot(page: Page, name: string): Promise<string> {
  mkdirSync(OUTPUT, { recursive: true });
  const file = path.join(OUTPUT, `${name}.png`);
  await page.screenshot({ path: file });
  return file;
}
