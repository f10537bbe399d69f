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

  it('parapet.policyChecks.criticalActions: off by default, the shipped list as `default` (or null), a list of its own, both', async () => {
    const grants = policy({ Effect: 'Allow', Action: ['iam:PutRolePolicy', 's3:ListBucket'], Resource: '*' });
    const answers: Record<string, unknown> = {};
    client = await TestClient.start({ workspaceFolders: [folderUri], settings: (scope) => answers[scope ?? ''] ?? {} });
    const critical = async (name: string, criticalActions?: unknown): Promise<string[]> => {
      const uri = fileUri(name, WORKSPACE);
      if (criticalActions !== undefined) answers[uri] = { policyChecks: { criticalActions } };
      const found = ofRule((await client!.open(uri, grants, 'json')).diagnostics, 'policy-check-access-not-granted');
      for (const d of found) assert.equal(d.severity, DiagnosticSeverity.Information);
      return found.map((d) => String(d.message));
    };
    // Opt-in: a grant of a listed action is marked only when the user asks for the check.
    assert.deepEqual(await critical('default.policy.json'), []);
    for (const [name, setting] of [
      ['shipped.policy.json', ['default']],
      ['null.policy.json', null],
    ] as const) {
      const shipped = await critical(name, setting);
      assert.equal(shipped.length, 1, name);
      assert.match(shipped[0], /iam:PutRolePolicy/);
      assert.doesNotMatch(shipped[0], /s3:ListBucket/);
    }
    const own = await critical('own.policy.json', ['s3:List*']);
    assert.equal(own.length, 1);
    assert.match(own[0], /s3:ListBucket/);
    assert.doesNotMatch(own[0], /iam:PutRolePolicy/);
    const both = await critical('both.policy.json', ['DEFAULT', 's3:ListBucket']);
    // One diagnostic per action item: the shipped list's and the user's own.
    assert.equal(both.length, 2, JSON.stringify(both));
    assert.ok(both.some((m) => /iam:PutRolePolicy/.test(m)) && both.some((m) => /s3:ListBucket/.test(m)));
    assert.deepEqual(await critical('off.policy.json', []), []);
  });
});
