import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import * as path from 'node:path';
import { OUTPUT, ROOT } from './harness';

interface Diag {
  lnum: number;
  col: number;
  message: string;
  source?: string;
  code?: string;
  severity: number;
}
interface Result {
  nvim: { major: number; minor: number; patch: number };
  before?: Diag[];
  actions?: string[];
  applied?: string;
  after?: Diag[];
  text?: string;
  error?: string;
}

/** Which nvim to run, or why none can run here. */
function nvimOrReason(): { bin: string } | { reason: string } {
  if (process.env.PARAPET_SKIP_EDITORS === '1') return { reason: 'PARAPET_SKIP_EDITORS=1' };
  for (const bin of ['/usr/bin/nvim', '/usr/local/bin/nvim']) if (existsSync(bin)) return { bin };
  return { reason: 'Neovim is not installed (run bash test/editors/setup.sh)' };
}

describe('Neovim built-in LSP client (headless) with the bundled server', function () {
  this.timeout(90_000);
  let result: Result;

  before(async function () {
    const nvim = nvimOrReason();
    if ('reason' in nvim) {
      console.log(`      Neovim test did not run: ${nvim.reason}`);
      this.skip();
    }
    const server = path.join(ROOT, 'dist', 'server.js');
    assert.ok(existsSync(server), 'dist/server.js is built');
    const dir = path.join(OUTPUT, 'nvim');
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    const fixture = path.join(dir, 'web.yaml');
    copyFileSync(path.join(ROOT, 'test', 'editors', 'workspace', 'templates', 'web.yaml'), fixture);
    const out = path.join(dir, 'result.json');
    const script = path.join(ROOT, 'test', 'editors', 'nvim', 'run-test.lua');
    let stderr = '';
    const code = await new Promise<number | null>((resolve, reject) => {
      const child = spawn(nvim.bin, ['--headless', '--clean', '-c', `luafile ${script}`], {
        cwd: dir,
        env: { ...process.env, PARAPET_SERVER: server, PARAPET_FIXTURE: fixture, PARAPET_OUT: out },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      child.stderr.on('data', (d: Buffer) => {
        stderr += d.toString();
      });
      child.on('error', reject);
      // The Lua side waits with deadlines of its own; this one only guards against a hung nvim.
      const timer = setTimeout(() => {
        if (child.pid) process.kill(child.pid, 'SIGKILL');
      }, 80_000);
      child.on('exit', (c) => {
        clearTimeout(timer);
        resolve(c);
      });
    });
    assert.ok(existsSync(out), `nvim wrote no result (exit ${String(code)}): ${stderr}`);
    result = JSON.parse(readFileSync(out, 'utf8')) as Result;
    console.log(
      `      Neovim ${result.nvim.major}.${result.nvim.minor}.${result.nvim.patch}; diagnostics received: ${JSON.stringify(result.before?.map((d) => `${d.code}@${d.lnum + 1}`))}`,
    );
    assert.equal(result.error, undefined, result.error);
    assert.equal(code, 0);
  });

  it('receives Parapet diagnostics with rule ids as codes and source parapet', () => {
    const codes = (result.before ?? []).map((d) => d.code);
    assert.ok(codes.includes('ec2-imdsv2-required'), JSON.stringify(result.before));
    assert.ok(codes.includes('iam-no-user'), JSON.stringify(result.before));
    for (const d of result.before ?? []) assert.equal(d.source, 'parapet');
    const imds = result.before!.find((d) => d.code === 'ec2-imdsv2-required')!;
    assert.equal(imds.lnum, 3, 'on the WebLaunchTemplate key (0-based line 3)');
    assert.equal(imds.severity, 1, 'error');
  });

  it('gets code actions and applies the fix: the text changes and the finding goes away', () => {
    assert.ok(
      result.actions?.some((t) => /Suppress ec2-imdsv2-required/.test(t)),
      JSON.stringify(result.actions),
    );
    assert.match(result.applied ?? '', /IMDSv2/);
    assert.match(result.text ?? '', /MetadataOptions:\n\s+HttpTokens: required/);
    assert.ok(!(result.after ?? []).some((d) => d.code === 'ec2-imdsv2-required'));
    assert.ok(
      (result.after ?? []).some((d) => d.code === 'iam-no-user'),
      'other findings stay',
    );
  });
});
