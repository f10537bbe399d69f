import * as assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { ALL_SECRETS, FLAGGED_KEYS, leaks, offsetOf, SECRET_TEMPLATE } from '../secret-corpus';
import { buildOnce, fileUri, TestClient } from './harness';

describe('protocol: no secret in any output (secret corpus, bundled server over stdio)', function () {
  this.timeout(60_000);
  let client: TestClient;
  const uri = fileUri('secrets.yaml');
  const doc = TextDocument.create(uri, 'yaml', 1, SECRET_TEMPLATE);

  before(async () => {
    buildOnce();
    client = await TestClient.start({ settings: () => ({}) });
  });
  after(async () => {
    await client?.stop();
  });

  it('diagnostics, hovers, the threat model and the report mask every credential', async () => {
    const published = await client.open(uri, SECRET_TEMPLATE);
    const creds = published.diagnostics.filter((d) => d.code === 'no-credentials-in-template');
    for (const key of FLAGGED_KEYS) {
      const at = doc.positionAt(offsetOf(key)).line;
      assert.ok(
        creds.some((d) => d.range.start.line <= at && at <= d.range.end.line),
        `${key.slice(0, 4)}… on line ${at + 1} is a diagnostic`,
      );
    }
    assert.deepEqual(leaks(JSON.stringify(published)), [], 'diagnostics');
    for (const secret of ALL_SECRETS) {
      const hover = await client.hover(uri, doc.positionAt(offsetOf(secret) + 2));
      assert.deepEqual(leaks(JSON.stringify(hover)), [], `hover on ${secret.slice(0, 4)}…`);
    }
    const tm = await client.request<{ markdown: string } | null>('parapet/threatModel', { uri });
    assert.ok(tm);
    assert.deepEqual(leaks(tm.markdown), [], 'threat model');
    const report = await client.request<unknown>('parapet/report', null);
    assert.deepEqual(leaks(JSON.stringify(report)), [], 'report');
    await client.close(uri);
  });
});
