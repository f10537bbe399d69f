import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildOnce, fileUri, IMDS_BAD, ofRule, TestClient } from './harness';

const CLOUDFRONT_STACK = `import { Stack } from 'aws-cdk-lib';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
export class Site extends Stack {
  build(): void {
    new cloudfront.Distribution(this, 'D', { defaultBehavior: { origin: new origins.HttpOrigin('example.com') } });
  }
}
`;
const REDIRECT_FLAG = JSON.stringify({ context: { '@aws-cdk/aws-cloudfront:defaultViewerProtocolPolicyRedirectToHttps': true } });

interface ScanResult {
  files: number;
  findings: number;
  skipped: number;
  cancelled: boolean;
}

function mkfifo(file: string): void {
  const r = spawnSync('mkfifo', [file], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`mkfifo failed: ${r.stderr}`);
}

describe('protocol: project files that are not files (FIFO, /dev/zero) never stop the server', function () {
  this.timeout(120_000);
  let client: TestClient | undefined;
  let root: string;
  before(function () {
    if (process.platform === 'win32') this.skip();
    buildOnce();
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'parapet-project-'));
  });
  afterEach(async () => {
    await client?.stop();
    client = undefined;
  });
  after(() => {
    if (root) fs.rmSync(root, { recursive: true, force: true });
  });

  const folder = (name: string): string => {
    const dir = path.join(root, name);
    fs.mkdirSync(dir, { recursive: true });
    return dir;
  };

  /** The server must still answer a hover on another document and analyse it. */
  async function stillServing(c: TestClient): Promise<void> {
    const uri = fileUri('after-project.yaml');
    const d = await c.open(uri, IMDS_BAD);
    assert.equal(ofRule(d.diagnostics, 'ec2-imdsv2-required').length, 1);
    assert.ok(await c.hover(uri, { line: 8, character: 24 }));
  }

  it('reads a regular cdk.json (asynchronously, before the analysis): its flag decides the finding', async () => {
    const dir = folder('regular');
    fs.writeFileSync(path.join(dir, 'cdk.json'), REDIRECT_FLAG);
    client = await TestClient.start({ settings: () => ({}) });
    const d = await client.open(pathToFileURL(path.join(dir, 'stack.ts')).href, CLOUDFRONT_STACK, 'typescript');
    assert.deepEqual(ofRule(d.diagnostics, 'cloudfront-viewer-https'), []);
    const plain = await client.open(pathToFileURL(path.join(folder('plain'), 'stack.ts')).href, CLOUDFRONT_STACK, 'typescript');
    assert.equal(ofRule(plain.diagnostics, 'cloudfront-viewer-https').length, 1);
  });

  it('a FIFO named cdk.json, package.json or requirements.txt: the file is analysed with the defaults and the server keeps answering', async () => {
    const dir = folder('fifo');
    for (const name of ['cdk.json', 'package.json', 'requirements.txt', 'pyproject.toml']) mkfifo(path.join(dir, name));
    client = await TestClient.start({ settings: () => ({}) });
    const d = await client.open(pathToFileURL(path.join(dir, 'stack.ts')).href, CLOUDFRONT_STACK, 'typescript');
    assert.equal(ofRule(d.diagnostics, 'cloudfront-viewer-https').length, 1);
    await stillServing(client);
  });

  it('project files linked to /dev/zero: analysed with the defaults, nothing read', async () => {
    const dir = folder('zero');
    for (const name of ['cdk.json', 'package.json', 'requirements.txt', 'pyproject.toml'])
      fs.symlinkSync('/dev/zero', path.join(dir, name));
    client = await TestClient.start({ settings: () => ({}) });
    const d = await client.open(pathToFileURL(path.join(dir, 'stack.ts')).href, CLOUDFRONT_STACK, 'typescript');
    assert.equal(ofRule(d.diagnostics, 'cloudfront-viewer-https').length, 1);
    await stillServing(client);
  });

  it('a workspace scan over FIFOs and device links finishes, scanning the rest', async () => {
    const dir = folder('scan');
    fs.writeFileSync(path.join(dir, 'stack.ts'), CLOUDFRONT_STACK);
    fs.writeFileSync(path.join(dir, 'lt.yaml'), IMDS_BAD);
    mkfifo(path.join(dir, 'cdk.json'));
    mkfifo(path.join(dir, 'pipe.yaml'));
    fs.symlinkSync('/dev/zero', path.join(dir, 'package.json'));
    fs.symlinkSync('/dev/zero', path.join(dir, 'zero.yaml'));
    client = await TestClient.start({ settings: () => ({}), workspaceFolders: [pathToFileURL(dir).href] });
    const result = await client.request<ScanResult>('parapet/scanWorkspace', {});
    assert.equal(result.cancelled, false);
    assert.equal(result.files, 2, JSON.stringify(result));
    assert.equal(result.findings >= 2, true, JSON.stringify(result));
    await stillServing(client);
  });
});
