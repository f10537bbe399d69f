import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { buildOnce, IMDS_BAD, removeTemps, ROTATION_OFF, runCli, tempTree } from './helpers';

interface JsonReport {
  files: number;
  findings: { ruleId: string; file: string }[];
  errors: { file: string; message: string }[];
}

/** A CDK stack whose CloudFront finding depends on a cdk.json feature flag. */
export const CLOUDFRONT_STACK = `import { Stack } from 'aws-cdk-lib';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
export class Site extends Stack {
  build(): void {
    new cloudfront.Distribution(this, 'D', { defaultBehavior: { origin: new origins.HttpOrigin('example.com') } });
  }
}
`;
/** The cdk.json that makes CloudFront redirect to HTTPS by default. */
export const REDIRECT_FLAG = JSON.stringify({ context: { '@aws-cdk/aws-cloudfront:defaultViewerProtocolPolicyRedirectToHttps': true } });

/** Makes a FIFO (named pipe); reading one without a writer waits forever. */
export function mkfifo(file: string): void {
  const r = spawnSync('mkfifo', [file], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`mkfifo failed: ${r.stderr}`);
}

/** A hang is a failure: the CLI gets this long, far more than any of these scans needs. */
const DEADLINE_MS = 20_000;

async function scanJson(dir: string, args: string[]): Promise<JsonReport> {
  const r = await runCli(['scan', '--format', 'json', '--fail-on', 'never', ...args], dir, { deadlineMs: DEADLINE_MS });
  assert.notEqual(r.code, null, `the CLI hung (killed after ${DEADLINE_MS} ms)`);
  assert.equal(r.code, 0, r.stderr);
  return JSON.parse(r.stdout) as JsonReport;
}

const cloudfront = (rep: JsonReport): string[] => rep.findings.filter((f) => f.ruleId === 'cloudfront-viewer-https').map((f) => f.file);

describe('cli: files Parapet did not get from the editor (FIFOs, devices, links)', function () {
  this.timeout(60_000);
  before(function () {
    if (process.platform === 'win32') this.skip();
    buildOnce();
  });
  after(() => removeTemps());

  it("reads a CDK project's regular cdk.json: its feature flag decides the finding", async () => {
    const dir = tempTree({ 'app/stack.ts': CLOUDFRONT_STACK, 'app/cdk.json': REDIRECT_FLAG, 'plain/stack.ts': CLOUDFRONT_STACK });
    const rep = await scanJson(dir, ['app/stack.ts', 'plain/stack.ts']);
    assert.deepEqual(cloudfront(rep), ['plain/stack.ts']);
  });

  it('a FIFO named cdk.json, package.json, requirements.txt or pyproject.toml is not read: the scan finishes with the defaults', async () => {
    const dir = tempTree({ 'app/stack.ts': CLOUDFRONT_STACK });
    for (const name of ['cdk.json', 'package.json', 'requirements.txt', 'pyproject.toml']) mkfifo(path.join(dir, 'app', name));
    for (const jobs of ['1', '2']) {
      const rep = await scanJson(dir, ['app/stack.ts', '--jobs', jobs]);
      assert.deepEqual(cloudfront(rep), ['app/stack.ts'], `--jobs ${jobs}`);
      assert.deepEqual(rep.errors, []);
    }
  });

  it('project files linked to /dev/zero are not read (no unbounded read)', async () => {
    const dir = tempTree({ 'app/stack.ts': CLOUDFRONT_STACK });
    for (const name of ['cdk.json', 'package.json', 'requirements.txt', 'pyproject.toml', 'setup.py', 'Pipfile']) {
      fs.symlinkSync('/dev/zero', path.join(dir, 'app', name));
    }
    const rep = await scanJson(dir, ['app/stack.ts']);
    assert.deepEqual(cloudfront(rep), ['app/stack.ts']);
  });

  it('a FIFO or a device link under a template name, met while walking, is skipped and said', async () => {
    const dir = tempTree({ 'a/lt.yaml': IMDS_BAD });
    mkfifo(path.join(dir, 'a', 'fifo.yaml'));
    fs.symlinkSync('/dev/zero', path.join(dir, 'a', 'zero.json'));
    fs.symlinkSync('/dev/null', path.join(dir, 'a', 'null.yaml'));
    const rep = await scanJson(dir, []);
    assert.deepEqual(
      rep.findings.map((f) => f.file),
      ['a/lt.yaml'],
    );
    assert.deepEqual(rep.errors, [
      { file: 'a/fifo.yaml', message: 'skipped: not a regular file (a FIFO)' },
      { file: 'a/null.yaml', message: 'skipped: symbolic link to a file outside the scanned folders' },
      { file: 'a/zero.json', message: 'skipped: symbolic link to a file outside the scanned folders' },
    ]);
  });

  it('a FIFO named on the command line is an error (exit 2), not a hang', async () => {
    const dir = tempTree({ 'lt.yaml': IMDS_BAD });
    mkfifo(path.join(dir, 'pipe.yaml'));
    const r = await runCli(['scan', 'pipe.yaml', 'lt.yaml', '--format', 'json'], dir, { deadlineMs: DEADLINE_MS });
    assert.equal(r.code, 2);
    const rep = JSON.parse(r.stdout) as JsonReport;
    assert.deepEqual(rep.errors, [{ file: 'pipe.yaml', message: 'not a regular file or folder (a FIFO)' }]);
    assert.deepEqual(
      rep.findings.map((f) => f.file),
      ['lt.yaml'],
    );
  });
});

describe('cli: symbolic links stay inside the scanned folders', function () {
  this.timeout(60_000);
  before(function () {
    if (process.platform === 'win32') this.skip();
    buildOnce();
  });
  after(() => removeTemps());

  it('a link to a file or folder outside is skipped, said, and never written by --fix', async () => {
    const root = tempTree({ 'outside/lt.yaml': ROTATION_OFF, 'outside/dir/lt2.yaml': ROTATION_OFF, 'tree/own.yaml': ROTATION_OFF });
    fs.symlinkSync(path.join(root, 'outside', 'lt.yaml'), path.join(root, 'tree', 'linked.yaml'));
    fs.symlinkSync(path.join(root, 'outside', 'dir'), path.join(root, 'tree', 'linked-dir'));
    const r = await runCli(['scan', '--fix', '--format', 'json'], path.join(root, 'tree'), { deadlineMs: DEADLINE_MS });
    assert.equal(r.code, 0, r.stderr);
    const rep = JSON.parse(r.stdout) as JsonReport;
    assert.deepEqual(rep.errors, [
      { file: 'linked-dir', message: 'skipped: symbolic link to a folder outside the scanned folders' },
      { file: 'linked.yaml', message: 'skipped: symbolic link to a file outside the scanned folders' },
    ]);
    assert.equal(rep.files, 1);
    assert.equal(fs.readFileSync(path.join(root, 'outside', 'lt.yaml'), 'utf8'), ROTATION_OFF, 'the file outside is untouched');
    assert.equal(fs.readFileSync(path.join(root, 'outside', 'dir', 'lt2.yaml'), 'utf8'), ROTATION_OFF);
    assert.notEqual(fs.readFileSync(path.join(root, 'tree', 'own.yaml'), 'utf8'), ROTATION_OFF, 'the file inside is fixed');
  });

  it('a file reached twice (itself and a link, or two links) is scanned once, under its own name', async () => {
    const dir = tempTree({ 'b/real.yaml': IMDS_BAD, 'c/other.yaml': IMDS_BAD });
    fs.symlinkSync(path.join('b', 'real.yaml'), path.join(dir, 'a-link.yaml'));
    fs.symlinkSync(path.join('..', 'b', 'real.yaml'), path.join(dir, 'c', 'again.yaml'));
    fs.symlinkSync('other.yaml', path.join(dir, 'c', 'z-link.yaml'));
    const rep = await scanJson(dir, []);
    assert.deepEqual(
      rep.findings.map((f) => f.file),
      ['b/real.yaml', 'c/other.yaml'],
    );
    assert.equal(rep.files, 2);
    assert.deepEqual(rep.errors, [
      { file: 'a-link.yaml', message: 'skipped: same file as b/real.yaml' },
      { file: 'c/again.yaml', message: 'skipped: same file as b/real.yaml' },
      { file: 'c/z-link.yaml', message: 'skipped: same file as c/other.yaml' },
    ]);
  });

  it('links between two named folders stay allowed, and the file is scanned once', async () => {
    const root = tempTree({ 'one/lt.yaml': IMDS_BAD, 'two/x.yaml': IMDS_BAD });
    fs.symlinkSync(path.join(root, 'one', 'lt.yaml'), path.join(root, 'two', 'link.yaml'));
    const rep = await scanJson(root, ['two', 'one']);
    assert.deepEqual(
      rep.findings.map((f) => f.file),
      ['one/lt.yaml', 'two/x.yaml'],
    );
    assert.deepEqual(rep.errors, [{ file: 'two/link.yaml', message: 'skipped: same file as one/lt.yaml' }]);
  });
});
