import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { DiagnosticSeverity } from 'vscode-languageserver-protocol';
import { buildOnce, fileUri, ofRule, ROOT, TestClient } from './harness';

const WORKSPACE = path.join(ROOT, '.test-output', 'protocol-policy-checks');
const folderUri = pathToFileURL(WORKSPACE).href;

const policy = (...statements: unknown[]): string => JSON.stringify({ Version: '2012-10-17', Statement: statements }, null, 2);
const BASE = policy({ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::data/*' });
const WIDER = policy({ Effect: 'Allow', Action: ['s3:GetObject', 's3:DeleteObject'], Resource: 'arn:aws:s3:::data/*' });

describe('protocol: policy checks from settings', function () {
  this.timeout(60_000);
  let client: TestClient | undefined;
  before(() => {
    buildOnce();
    fs.mkdirSync(WORKSPACE, { recursive: true });
    fs.writeFileSync(path.join(WORKSPACE, 'baseline.json'), BASE);
  });
  afterEach(async () => {
    await client?.stop();
    client = undefined;
  });

  it('parapet.policyChecks.baseline: new access is a warning on the action, with the reason on hover', async () => {
    client = await TestClient.start({
      workspaceFolders: [folderUri],
      settings: () => ({ policyChecks: { baseline: 'baseline.json', criticalActions: [] } }),
    });
    const uri = fileUri('app.policy.json', WORKSPACE);
    const d = await client.open(uri, WIDER, 'json');
    const found = ofRule(d.diagnostics, 'policy-check-no-new-access');
    assert.equal(found.length, 1, JSON.stringify(d.diagnostics));
    assert.equal(found[0].severity, DiagnosticSeverity.Warning);
    assert.match(
      String(found[0].message),
      /New access compared with the baseline baseline\.json: s3:DeleteObject on arn:aws:s3:::data\/\*/,
    );
    const line = WIDER.split('\n').findIndex((l) => l.includes('s3:DeleteObject'));
    const hover = await client.hover(uri, { line, character: WIDER.split('\n')[line].indexOf('s3:DeleteObject') + 3 });
    const text = JSON.stringify(hover);
    assert.match(text, /no Allow statement of the baseline grants it/);
    assert.equal(ofRule(d.diagnostics, 'policy-check-access-not-granted').length, 0);
  });

  it('parapet.policyChecks.criticalActions: the shipped list by default, a list of its own, off with []', async () => {
    const grants = policy({ Effect: 'Allow', Action: ['iam:PutRolePolicy', 's3:ListBucket'], Resource: '*' });
    const answers: Record<string, unknown> = {};
    client = await TestClient.start({ workspaceFolders: [folderUri], settings: (scope) => answers[scope ?? ''] ?? {} });
    const byDefault = await client.open(fileUri('default.policy.json', WORKSPACE), grants, 'json');
    const shipped = ofRule(byDefault.diagnostics, 'policy-check-access-not-granted');
    assert.equal(shipped.length, 1, JSON.stringify(byDefault.diagnostics));
    assert.equal(shipped[0].severity, DiagnosticSeverity.Information);
    assert.match(String(shipped[0].message), /iam:PutRolePolicy/);
    const own = fileUri('own.policy.json', WORKSPACE);
    answers[own] = { policyChecks: { criticalActions: ['s3:List*'] } };
    const listed = ofRule((await client.open(own, grants, 'json')).diagnostics, 'policy-check-access-not-granted');
    assert.equal(listed.length, 1);
    assert.match(String(listed[0].message), /s3:ListBucket/);
    const off = fileUri('off.policy.json', WORKSPACE);
    answers[off] = { policyChecks: { criticalActions: [] } };
    assert.equal(ofRule((await client.open(off, grants, 'json')).diagnostics, 'policy-check-access-not-granted').length, 0);
  });
});
