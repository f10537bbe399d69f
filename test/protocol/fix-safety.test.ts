import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CodeAction } from 'vscode-languageserver-protocol';
import { buildOnce, fileUri, ofRule, ROOT, TestClient } from './harness';

const JUDGEMENT = fs.readFileSync(path.join(ROOT, 'test', 'fixtures', 'fix-safety', 'judgement.yaml'), 'utf8');

describe('protocol: suggestions are offered, never applied by fix-all (bundled server over stdio)', function () {
  this.timeout(60_000);
  let client: TestClient;

  before(async () => {
    buildOnce();
    client = await TestClient.start({ settings: () => ({}) });
  });
  after(async () => {
    await client?.stop();
  });

  it('marks suggestions in the quick-fix menu: not preferred, quickfix kind, said in the title', async () => {
    const uri = fileUri('suggestion-menu.yaml');
    const first = await client.open(uri, JUDGEMENT);
    const wild = ofRule(first.diagnostics, 'iam-no-wildcard-action');
    assert.equal(wild.length, 2, 'kms:*, and s3:* with dynamodb:* in one statement');
    const actions = await client.codeActions(uri, wild[0].range, [wild[0]]);
    const narrowing = actions.filter((a) => a.title.startsWith('Replace kms:*'));
    assert.ok(narrowing.length > 0, actions.map((a) => a.title).join(' | '));
    for (const a of narrowing) {
      assert.equal(a.kind, 'quickfix');
      assert.notEqual(a.isPreferred, true, `${a.title} is not preferred`);
      assert.match(a.title, /\(suggestion: review the change\)$/);
    }
    // Findings with fixes, but none safe: no "fix all of this rule".
    assert.equal(actions.filter((a) => a.title.startsWith('Fix all')).length, 0, actions.map((a) => a.title).join(' | '));
    // A safe fix is preferred and carries no mark.
    const rotation = ofRule(first.diagnostics, 'kms-key-rotation-enabled')[0];
    const safe = (await client.codeActions(uri, rotation.range, [rotation])).find((a) => a.isPreferred);
    assert.equal(safe?.title, 'Set EnableKeyRotation: true');
    await client.close(uri);
  });

  it('source.fixAll.parapet and parapet.applyFixAll apply the safe fix and leave the wildcards', async () => {
    const uri = fileUri('suggestion-fixall.yaml');
    await client.open(uri, JUDGEMENT);
    const source = await client.codeActions(
      uri,
      { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      [],
      ['source.fixAll.parapet'],
    );
    assert.deepEqual(
      source.map((a: CodeAction) => a.kind),
      ['source.fixAll.parapet'],
    );
    let action = source[0];
    if (!action.edit) action = await client.request<CodeAction>('codeAction/resolve', action);
    const text = client.applyToText(action.edit!, uri)!;
    assert.match(text, /EnableKeyRotation: true/);
    assert.match(text, /Action: kms:\*$/m);
    assert.match(text, /Action: \['s3:\*', 'dynamodb:\*'\]/);

    const before = client.requests.length;
    const answer = await client.request<{ applied: number }>('workspace/executeCommand', {
      command: 'parapet.applyFixAll',
      arguments: [uri],
    });
    assert.equal(answer.applied, 1);
    const apply = client.requests.slice(before).find((r) => r.method === 'workspace/applyEdit');
    const applied = client.applyToText((apply!.params as { edit: Parameters<TestClient['applyToText']>[0] }).edit, uri)!;
    assert.equal(applied, text);
    await client.close(uri);
  });
});
