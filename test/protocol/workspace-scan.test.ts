import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { CancellationTokenSource } from 'vscode-jsonrpc/node';
import { PublishDiagnosticsParams, WorkDoneProgressBegin, WorkDoneProgressReport } from 'vscode-languageserver-protocol';
import { buildOnce, IMDS_BAD, ofRule, TestClient, USER_ONLY } from './harness';

interface ProgressParams {
  token: string | number;
  value: unknown;
}
interface ScanResult {
  files: number;
  findings: number;
  skipped: number;
  cancelled: boolean;
}

const CLEAN =
  'AWSTemplateFormatVersion: "2010-09-09"\nDescription: nothing to see\nResources:\n  Handle:\n    Type: AWS::CloudFormation::WaitConditionHandle\n';
const SCAN_DEADLINE_MS = 120_000;

function write(root: string, rel: string, text: string | Buffer): string {
  const file = path.join(root, rel);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
  return pathToFileURL(file).href;
}

describe('protocol: parapet/scanWorkspace and parapet/report', function () {
  this.timeout(180_000);
  const temps: string[] = [];
  let client: TestClient | undefined;
  const mkTemp = (): string => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parapet-scan-'));
    temps.push(dir);
    return dir;
  };

  before(() => buildOnce());
  afterEach(async () => {
    await client?.stop();
    client = undefined;
  });
  after(() => {
    for (const t of temps) fs.rmSync(t, { recursive: true, force: true });
  });

  it('scans candidate files, skips vendored folders, large files and excluded globs, and publishes for files not open', async () => {
    const root = mkTemp();
    const bad = write(root, 'stacks/web.yaml', IMDS_BAD);
    const user = write(root, 'stacks/iam.template', USER_ONLY);
    const clean = write(root, 'stacks/clean.yml', CLEAN);
    write(root, 'stacks/notes.txt', IMDS_BAD); // not a candidate ending
    write(root, 'package.json', '{ "name": "x" }'); // a candidate, but not Parapet's
    for (const skip of ['node_modules/pkg/t.yaml', '.git/t.yaml', 'cdk.out/t.yaml', '.aws-sam/build/t.yaml', 'legacy/old.yaml'])
      write(root, skip, IMDS_BAD);
    write(root, 'stacks/huge.yaml', `Resources:\n${'#'.repeat(6 * 1024 * 1024)}\n`);
    const open = write(root, 'stacks/open.yaml', IMDS_BAD);
    const rootUri = pathToFileURL(root).href;
    client = await TestClient.start({ workspaceFolders: [rootUri], settings: () => ({ exclude: ['legacy/**'] }) });
    await client.open(open, USER_ONLY); // the editor's text differs from the disk: the editor wins

    const before = client.published.length;
    const result = await client.request<ScanResult>('parapet/scanWorkspace', {}, undefined, SCAN_DEADLINE_MS);
    // web.yaml, iam.template, clean.yml, package.json, open.yaml; huge.yaml skipped.
    assert.deepEqual(
      { files: result.files, skipped: result.skipped, cancelled: result.cancelled },
      { files: 5, skipped: 1, cancelled: false },
    );
    const published = client.published.slice(before);
    const byUri = new Map<string, PublishDiagnosticsParams>(published.map((p) => [p.uri, p]));
    assert.equal(ofRule(byUri.get(bad)!.diagnostics, 'ec2-imdsv2-required').length, 1);
    assert.equal((byUri.get(bad)!.diagnostics[0].data as { version: unknown }).version, null);
    assert.equal(ofRule(byUri.get(user)!.diagnostics, 'iam-no-user').length, 1);
    assert.ok(!byUri.has(clean) || byUri.get(clean)!.diagnostics.length === 0);
    assert.ok(!byUri.has(open), 'an open document keeps its own diagnostics');
    for (const p of published) assert.doesNotMatch(p.uri, /node_modules|\.git\/|cdk\.out|\.aws-sam|legacy|huge/);
    // Findings count every rule's findings: the scanned files' plus the open document's.
    const scanned = [...byUri.values()].reduce(
      (n, p) => n + p.diagnostics.filter((d) => typeof d.data === 'object' && d.data !== null && 'ruleId' in d.data).length,
      0,
    );
    const openFindings = client.published
      .filter((p) => p.uri === open)
      .at(-1)!
      .diagnostics.filter((d) => typeof d.data === 'object' && d.data !== null && 'ruleId' in d.data).length;
    assert.equal(result.findings, scanned + openFindings);

    const report = await client.request<{ files: number; findings: { uri: string; ruleId: string }[] }>('parapet/report', null);
    assert.ok(report.findings.some((f) => f.uri === bad && f.ruleId === 'ec2-imdsv2-required'));
    assert.ok(report.findings.some((f) => f.uri === open && f.ruleId === 'iam-no-user'));
    assert.ok(!report.findings.some((f) => f.uri === open && f.ruleId === 'ec2-imdsv2-required'));
    // Restricted to folders: only files under them.
    const elsewhere = await client.request<{ files: number; findings: unknown[] }>('parapet/report', {
      folders: [pathToFileURL(path.join(root, 'legacy')).href],
    });
    assert.deepEqual({ files: elsewhere.files, findings: elsewhere.findings.length }, { files: 0, findings: 0 });
    const stacks = await client.request<{ files: number; findings: { uri: string }[] }>('parapet/report', {
      folders: [pathToFileURL(path.join(root, 'stacks')).href],
    });
    assert.equal(stacks.findings.length, report.findings.length);
  });

  it("a scanned file opened and closed again shows its saved text's findings, not nothing", async () => {
    const root = mkTemp();
    const bad = write(root, 'web.yaml', IMDS_BAD);
    const never = write(mkTemp(), 'never-scanned.yaml', IMDS_BAD);
    client = await TestClient.start({ workspaceFolders: [pathToFileURL(root).href] });
    await client.request<ScanResult>('parapet/scanWorkspace', {}, undefined, SCAN_DEADLINE_MS);
    // Opened with other text (unsaved edits), then closed without saving: the disk's findings come back.
    const opened = await client.open(bad, USER_ONLY);
    assert.equal(ofRule(opened.diagnostics, 'ec2-imdsv2-required').length, 0);
    const restored = client.nextDiagnostics(bad, (p) => ofRule(p.diagnostics, 'ec2-imdsv2-required').length === 1);
    await client.close(bad);
    const back = await restored;
    assert.equal(ofRule(back.diagnostics, 'iam-no-user').length, 0);
    const report = await client.request<{ findings: { uri: string; ruleId: string }[] }>('parapet/report', null);
    assert.ok(report.findings.some((f) => f.uri === bad && f.ruleId === 'ec2-imdsv2-required'));
    // A file outside every scan is cleared on close, as before.
    await client.open(never, IMDS_BAD);
    const cleared = await client.close(never);
    assert.deepEqual(cleared.diagnostics, []);
  });

  describe('over 2,000 templates', () => {
    let big: string;
    before(() => {
      big = mkTemp();
      for (let i = 0; i < 2000; i++) write(big, `t${Math.floor(i / 100)}/stack-${i}.yaml`, i % 2 ? IMDS_BAD : CLEAN);
    });

    it('reports progress, and hovers and edits on open documents are answered while it runs', async () => {
      client = await TestClient.start({ workspaceFolders: [pathToFileURL(big).href], settings: () => ({}) });
      const openUri = 'untitled:Scratch-1';
      await client.open(openUri, IMDS_BAD);
      const begin = client.next<ProgressParams>('$/progress', (p) => (p.value as WorkDoneProgressBegin).kind === 'begin');
      const firstReport = client.next<ProgressParams>('$/progress', (p) => (p.value as WorkDoneProgressReport).kind === 'report');
      const end = client.next<ProgressParams>('$/progress', (p) => (p.value as { kind: string }).kind === 'end', SCAN_DEADLINE_MS);
      let scanDone = false;
      const scan = client.request<ScanResult>('parapet/scanWorkspace', {}, undefined, SCAN_DEADLINE_MS).then((r) => {
        scanDone = true;
        return r;
      });
      const b = await begin;
      assert.equal((b.value as WorkDoneProgressBegin).cancellable, true);
      assert.ok(
        client.requests.some((r) => r.method === 'window/workDoneProgress/create' && (r.params as { token: unknown }).token === b.token),
      );
      await firstReport;
      const h = await client.hover(openUri, { line: 8, character: 24 });
      assert.ok(h, 'hover answered');
      const edited = await client.change(openUri, `${IMDS_BAD}# typing\n`);
      assert.equal(ofRule(edited.diagnostics, 'ec2-imdsv2-required').length, 1);
      assert.equal(scanDone, false, 'the hover and the edit were answered while the scan was still running');
      const result = await scan;
      await end;
      assert.deepEqual({ ...result, findings: 0 }, { files: 2000, findings: 0, skipped: 0, cancelled: false });
      assert.ok(result.findings >= 1000, `one IMDS finding in each of 1,000 bad templates (${result.findings})`);
    });

    it('stops when the request is cancelled', async () => {
      client = await TestClient.start({ workspaceFolders: [pathToFileURL(big).href], settings: () => ({}) });
      const firstReport = client.next<ProgressParams>('$/progress', (p) => (p.value as WorkDoneProgressReport).kind === 'report');
      const source = new CancellationTokenSource();
      const scan = client.request<ScanResult>('parapet/scanWorkspace', {}, source.token, SCAN_DEADLINE_MS);
      await firstReport;
      source.cancel();
      const result = await scan;
      assert.equal(result.cancelled, true);
      assert.ok(result.files < 2000, `stopped early (${result.files} files)`);
    });

    it('stops when the user cancels the progress', async () => {
      client = await TestClient.start({ workspaceFolders: [pathToFileURL(big).href], settings: () => ({}) });
      const firstReport = client.next<ProgressParams>('$/progress', (p) => (p.value as WorkDoneProgressReport).kind === 'report');
      const scan = client.request<ScanResult>('parapet/scanWorkspace', { folders: [pathToFileURL(big).href] }, undefined, SCAN_DEADLINE_MS);
      const report = await firstReport;
      await client.conn.sendNotification('window/workDoneProgress/cancel', { token: report.token });
      const result = await scan;
      assert.equal(result.cancelled, true);
      assert.ok(result.files < 2000, `stopped early (${result.files} files)`);
    });
  });
});
