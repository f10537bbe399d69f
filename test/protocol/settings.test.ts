import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { DiagnosticSeverity } from 'vscode-languageserver-protocol';
import { buildOnce, fileUri, IMDS_BAD, ofRule, ROOT, TestClient, TWO_IMDS_BAD } from './harness';

const WORKSPACE = path.join(ROOT, '.test-output', 'protocol-settings');
const folderUri = pathToFileURL(WORKSPACE).href;
const inWorkspace = (rel: string): string => fileUri(rel, WORKSPACE);

describe('protocol: settings per resource (workspace/configuration)', function () {
  this.timeout(60_000);
  let client: TestClient | undefined;
  before(() => buildOnce());
  afterEach(async () => {
    await client?.stop();
    client = undefined;
  });

  it('a rule set to off disappears and a severity override applies', async () => {
    client = await TestClient.start({ settings: () => ({ rules: { 'iam-no-user': 'off', 'ec2-imdsv2-required': 'hint' } }) });
    const uri = fileUri('overrides.yaml');
    const d = await client.open(uri, TWO_IMDS_BAD);
    assert.deepEqual(ofRule(d.diagnostics, 'iam-no-user'), []);
    const imds = ofRule(d.diagnostics, 'ec2-imdsv2-required');
    assert.equal(imds.length, 2);
    assert.ok(imds.every((x) => x.severity === DiagnosticSeverity.Hint));
  });

  it('settings are asked per document and differ by resource', async () => {
    const scopes: (string | undefined)[] = [];
    client = await TestClient.start({
      settings: (scope) => {
        scopes.push(scope);
        return scope?.endsWith('quiet.yaml') ? { rules: { 'ec2-imdsv2-required': 'off' } } : {};
      },
    });
    const quiet = await client.open(fileUri('quiet.yaml'), IMDS_BAD);
    const loud = await client.open(fileUri('loud.yaml'), IMDS_BAD);
    assert.deepEqual(ofRule(quiet.diagnostics, 'ec2-imdsv2-required'), []);
    assert.equal(ofRule(loud.diagnostics, 'ec2-imdsv2-required').length, 1);
    assert.ok(scopes.includes(fileUri('quiet.yaml')) && scopes.includes(fileUri('loud.yaml')));
    // Cached per URI: an edit does not ask again.
    const asked = scopes.length;
    await client.change(fileUri('loud.yaml'), `${IMDS_BAD}# edited\n`);
    assert.equal(scopes.length, asked);
  });

  it('didChangeConfiguration drops the cache and re-analyses open documents', async () => {
    let level = 'error';
    client = await TestClient.start({ settings: () => ({ rules: { 'ec2-imdsv2-required': level } }) });
    const uri = fileUri('reconfigured.yaml');
    const first = await client.open(uri, IMDS_BAD);
    assert.equal(ofRule(first.diagnostics, 'ec2-imdsv2-required')[0].severity, DiagnosticSeverity.Error);
    level = 'off';
    const next = client.nextDiagnostics(uri);
    await client.conn.sendNotification('workspace/didChangeConfiguration', { settings: null });
    assert.deepEqual(ofRule((await next).diagnostics, 'ec2-imdsv2-required'), []);
  });

  it('enable: false publishes nothing for the document', async () => {
    client = await TestClient.start({ settings: () => ({ enable: false }) });
    const d = await client.open(fileUri('disabled.yaml'), IMDS_BAD);
    assert.deepEqual(d.diagnostics, []);
    const h = await client.hover(fileUri('disabled.yaml'), { line: 8, character: 24 });
    assert.equal(h, null);
  });

  it('exclude globs match the path relative to the workspace folder, and names at any depth', async () => {
    client = await TestClient.start({
      workspaceFolders: [folderUri],
      settings: () => ({ exclude: ['generated/**', '*.skip.yaml'] }),
    });
    assert.deepEqual((await client.open(inWorkspace('generated/deep/stack.yaml'), IMDS_BAD)).diagnostics, []);
    assert.deepEqual((await client.open(inWorkspace('src/one.skip.yaml'), IMDS_BAD)).diagnostics, []);
    const kept = await client.open(inWorkspace('src/generated-not.yaml'), IMDS_BAD);
    assert.equal(ofRule(kept.diagnostics, 'ec2-imdsv2-required').length, 1);
  });

  it('a client without workspace/configuration gets the defaults, or pushed settings', async () => {
    client = await TestClient.start({});
    assert.ok(!client.requests.some((r) => r.method === 'workspace/configuration'));
    const uri = fileUri('defaults.yaml');
    const d = await client.open(uri, IMDS_BAD);
    assert.equal(ofRule(d.diagnostics, 'ec2-imdsv2-required')[0].severity, DiagnosticSeverity.Error);
    // Settings pushed the old way (`settings.parapet`) apply to every document.
    const next = client.nextDiagnostics(uri);
    await client.conn.sendNotification('workspace/didChangeConfiguration', {
      settings: { parapet: { rules: { 'ec2-imdsv2-required': 'warning' } } },
    });
    assert.equal(ofRule((await next).diagnostics, 'ec2-imdsv2-required')[0].severity, DiagnosticSeverity.Warning);
    assert.ok(!client.requests.some((r) => r.method === 'workspace/configuration'));
  });

  it('initializationOptions.settings apply when the client has no other way to send them', async () => {
    client = await TestClient.start({ initializationOptions: { settings: { rules: { 'ec2-imdsv2-required': 'off' } } } });
    const d = await client.open(fileUri('init-options.yaml'), IMDS_BAD);
    assert.deepEqual(ofRule(d.diagnostics, 'ec2-imdsv2-required'), []);
  });

  it('initializationOptions.timeBudgetMs time-boxes the analysis, with a timeout diagnostic', async () => {
    client = await TestClient.start({ settings: () => ({}), initializationOptions: { timeBudgetMs: 1 } });
    // 600 launch templates: far more than 1 ms of rules, so the engine stops and says so.
    let text = 'Resources:\n';
    for (let i = 0; i < 600; i++)
      text += `  T${i}:\n    Type: AWS::EC2::LaunchTemplate\n    Properties:\n      LaunchTemplateData:\n        ImageId: ami-1\n`;
    const d = await client.open(fileUri('timeboxed.yaml'), text);
    const timeout = d.diagnostics.filter((x) => x.code === 'timeout');
    assert.equal(timeout.length, 1, JSON.stringify(d.diagnostics.map((x) => x.code)));
    assert.equal(timeout[0].source, 'parapet');
  });

  it('invalid settings values fall back to the defaults', async () => {
    client = await TestClient.start({ settings: () => ({ enable: 'yes', rules: { 'ec2-imdsv2-required': 'loud' }, exclude: 'all' }) });
    const d = await client.open(fileUri('invalid.yaml'), IMDS_BAD);
    assert.equal(ofRule(d.diagnostics, 'ec2-imdsv2-required')[0].severity, DiagnosticSeverity.Error);
  });
});
