import * as assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { buildOnce, fileUri, TestClient } from './harness';

/** Template text written to be rendered: images that load from a server, raw HTML, a command link. */
const EVIL = {
  image: '![x](https://evil.example/a.png)',
  html: 's3:<img src="https://evil.example/b.png">*',
  command: '[run](command:workbench.action.terminal.sendSequence)',
};

const TEMPLATE = `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  "![id](https://evil.example/c.png)":
    Type: AWS::S3::Bucket
  Policy:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument:
        Version: '2012-10-17'
        Statement:
          - Effect: Allow
            Action: ['${EVIL.image}', '${EVIL.html}', '${EVIL.command}']
            Resource: '*'
`;

/** Markdown constructs a template must never get into rendered output: images, links, raw HTML, autolinks. */
function unsafe(md: string): string[] {
  const out: string[] = [];
  for (const re of [/(?<!\\)!(?<!\\)\[/g, /(?<!\\)\]\(/g, /(?<!\\)<[a-z/!]/gi, /(?<!\\)<https?:/gi]) {
    for (const m of md.matchAll(re)) out.push(md.slice(Math.max(0, m.index - 20), m.index + 30));
  }
  return out;
}

describe('protocol: Markdown built from template text cannot load anything (bundled server over stdio)', function () {
  this.timeout(60_000);
  let client: TestClient;
  const uri = fileUri('evil-markdown.yaml');
  const doc = TextDocument.create(uri, 'yaml', 1, TEMPLATE);

  before(async () => {
    buildOnce();
    client = await TestClient.start({ settings: () => ({}) });
  });
  after(async () => {
    await client?.stop();
  });

  it('hovers escape template text: only Parapet’s own two links remain', async () => {
    await client.open(uri, TEMPLATE);
    let hovers = 0;
    for (const text of Object.values(EVIL)) {
      const hover = await client.hover(uri, doc.positionAt(TEMPLATE.indexOf(text) + 3));
      assert.ok(hover, `a hover on ${text}`);
      hovers++;
      const md = (hover.contents as { value: string }).value;
      // Parapet's own links: the docs command and the docs page.
      const own = md.replace(/\[Show documentation\]\(command:parapet\.showRuleDocs\?[^)\s]+\) · \[open page\]\(file:[^)\s]+\)/g, '');
      assert.deepEqual(unsafe(own), [], md);
      assert.doesNotMatch(own, /(?<!\\)\]\(command:workbench/, "no link to a command but Parapet's");
    }
    assert.equal(hovers, 3);
  });

  it('the threat model escapes logical ids, facts and finding messages', async () => {
    const tm = await client.request<{ markdown: string } | null>('parapet/threatModel', { uri });
    assert.ok(tm);
    assert.ok(tm.markdown.includes('evil.example'), 'the text is shown, escaped');
    assert.deepEqual(unsafe(tm.markdown), []);
    await client.close(uri);
  });
});
