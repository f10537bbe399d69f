import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildOnce as buildCli, CLI, ROOT } from '../cli/helpers';
import { buildOnce as buildServer, ofRule, TestClient } from '../protocol/harness';

const BAD = path.join(ROOT, 'test', 'fixtures', 'rules', 's3-bucket-enforce-tls', 'bad.py');

function run(script: string, args: string[], cwd: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      stdout += d;
    });
    child.stderr.setEncoding('utf8').on('data', (d: string) => {
      stderr += d;
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

// The bundles load web-tree-sitter's CommonJS build and both .wasm files from beside themselves.
describe('CDK Python in the bundles (dist/cli.js, dist/server.js)', function () {
  this.timeout(120_000);
  let tmp: string;

  before(() => {
    buildCli();
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'parapet-py-bundle-'));
  });
  after(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('dist/ ships both wasm files', () => {
    for (const f of ['web-tree-sitter.wasm', 'tree-sitter-python.wasm'])
      assert.ok(fs.existsSync(path.join(ROOT, 'dist', f)), `dist/${f} is missing`);
  });

  it('dist/cli.js, copied away from any node_modules with its wasm files, flags a Python stack', async () => {
    // Outside the repository nothing can be found in node_modules: only the files beside the bundle count.
    const bin = path.join(tmp, 'bin');
    fs.mkdirSync(bin);
    for (const f of ['cli.js', 'web-tree-sitter.wasm', 'tree-sitter-python.wasm'])
      fs.copyFileSync(path.join(ROOT, 'dist', f), path.join(bin, f));
    const dataDir = path.join(ROOT, 'dist', 'iam-data');
    if (fs.existsSync(dataDir)) fs.cpSync(dataDir, path.join(bin, 'iam-data'), { recursive: true });
    fs.copyFileSync(BAD, path.join(tmp, 'stack.py'));
    const r = await run(path.join(bin, 'cli.js'), ['scan', 'stack.py', '--format', 'json', '--fail-on', 'never'], tmp);
    assert.equal(r.code, 0, r.stderr);
    const report = JSON.parse(r.stdout) as { files: number; findings: { ruleId: string; file: string }[] };
    assert.deepEqual(report.findings.map((f) => f.ruleId).sort(), ['s3-bucket-access-logging', 's3-bucket-enforce-tls'], r.stdout);
    assert.ok(!r.stderr.includes('unavailable'), r.stderr);
  });

  it('dist/cli.js scans Python through its worker threads too', async () => {
    const dir = path.join(tmp, 'many');
    fs.mkdirSync(dir);
    for (let i = 0; i < 4; i++) fs.copyFileSync(BAD, path.join(dir, `stack${i}.py`));
    const r = await run(CLI, ['scan', dir, '--format', 'json', '--fail-on', 'never', '--jobs', '2'], tmp);
    assert.equal(r.code, 0, r.stderr);
    const report = JSON.parse(r.stdout) as { findings: { ruleId: string }[] };
    assert.equal(report.findings.filter((f) => f.ruleId === 's3-bucket-enforce-tls').length, 4, r.stdout);
  });

  it('dist/server.js publishes diagnostics and a quick fix for a Python document', async () => {
    buildServer();
    const client = await TestClient.start({ settings: () => ({}) });
    try {
      const uri = pathToFileURL(path.join(tmp, 'server-stack.py')).href;
      const text = fs.readFileSync(BAD, 'utf8');
      const published = await client.open(uri, text, 'python');
      const diags = ofRule(published.diagnostics, 's3-bucket-enforce-tls');
      assert.equal(diags.length, 1, JSON.stringify(published.diagnostics));
      const actions = await client.codeActions(uri, diags[0].range, diags, ['quickfix']);
      const fix = actions.find((a) => a.isPreferred);
      assert.ok(fix, JSON.stringify(actions.map((a) => a.title)));
    } finally {
      await client.stop();
    }
  });
});
