import * as assert from 'node:assert/strict';
import { Diagnostic } from 'vscode-languageserver-protocol';
import { buildOnce, fileUri, IMDS_BAD, ofRule, TestClient } from './harness';

/** After each bad document, the server must still answer and still analyse a normal one. */
async function stillServing(client: TestClient, name: string): Promise<void> {
  const uri = fileUri(`after-${name}.yaml`);
  const d = await client.open(uri, IMDS_BAD);
  assert.equal(ofRule(d.diagnostics, 'ec2-imdsv2-required').length, 1, `normal document after ${name}`);
  assert.ok(await client.hover(uri, { line: 8, character: 24 }));
  await client.close(uri);
}

const codes = (ds: Diagnostic[]): string[] => ds.map((d) => String(d.code));

describe('protocol: bad input never stops the server', function () {
  this.timeout(120_000);
  let client: TestClient;
  before(async () => {
    buildOnce();
    client = await TestClient.start({ settings: () => ({}) });
  });
  after(async () => {
    await client?.stop();
  });
  afterEach(function () {
    assert.ok(client.alive, `server exited during "${this.currentTest?.title}": ${client.stderr.join('').slice(-2000)}`);
  });

  it('malformed YAML: one diagnostic at the error, and the next request is answered', async () => {
    const text = 'Resources:\n  Bucket:\n    Type: AWS::S3::Bucket\n    Properties: {BucketName: [unclosed\n';
    const uri = fileUri('malformed.yaml');
    const d = await client.open(uri, text);
    const parse = d.diagnostics.filter((x) => x.code === 'parse-error');
    assert.ok(parse.length >= 1, JSON.stringify(d.diagnostics));
    assert.equal(parse[0].source, 'parapet');
    assert.ok(parse[0].range.start.line >= 3, `at the error, not the top: ${JSON.stringify(parse[0].range)}`);
    assert.deepEqual(await client.codeActions(uri, parse[0].range, parse), []);
    await client.close(uri);
    await stillServing(client, 'malformed');
  });

  it('malformed JSON: a diagnostic at the error', async () => {
    const text = '{\n  "Resources": {\n    "Bucket": { "Type": "AWS::S3::Bucket", }\n    "Oops" \n  }\n}\n';
    const uri = fileUri('malformed.json');
    const d = await client.open(uri, text, 'json');
    const parse = d.diagnostics.filter((x) => x.code === 'parse-error');
    assert.ok(parse.length >= 1, JSON.stringify(d.diagnostics));
    assert.ok(parse[0].range.start.line >= 2);
    await client.close(uri);
  });

  it('a YAML alias bomb finishes with a diagnostic', async () => {
    const lines = ['Resources:', '  a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 1; i < 10; i++) {
      const prev = String.fromCharCode(96 + i);
      const cur = String.fromCharCode(97 + i);
      lines.push(`  ${cur}: &${cur} [${Array(9).fill(`*${prev}`).join(',')}]`);
    }
    const uri = fileUri('alias-bomb.yaml');
    const d = await client.open(uri, `${lines.join('\n')}\n`);
    assert.ok(codes(d.diagnostics).includes('yaml-alias'), JSON.stringify(codes(d.diagnostics)));
    await client.close(uri);
    await stillServing(client, 'alias-bomb');
  });

  it('a 20 MB YAML template finishes with a too-large diagnostic', async () => {
    const head = 'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n';
    const block = '  Queue%: {Type: AWS::SQS::Queue, Properties: {QueueName: padding-padding-padding-padding-padding}}\n';
    const parts = [head];
    let size = head.length;
    for (let i = 0; size < 20 * 1024 * 1024; i++) {
      const line = block.replace('%', String(i));
      parts.push(line);
      size += line.length;
    }
    const uri = fileUri('huge.yaml');
    const d = await client.open(uri, parts.join(''));
    assert.deepEqual(codes(d.diagnostics), ['too-large']);
    await client.close(uri);
    await stillServing(client, 'huge');
  });

  it('a binary template.yaml finishes with a binary diagnostic', async () => {
    const bytes = Buffer.alloc(4096);
    for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 7919) % 256;
    const text = `Resources:\n${bytes.toString('latin1')}\u0000\u0000`;
    const uri = fileUri('template.yaml');
    const d = await client.open(uri, text);
    assert.deepEqual(codes(d.diagnostics), ['binary']);
    await client.close(uri);
    await stillServing(client, 'binary');
  });

  it('10,000 levels of nesting finish with a too-deep diagnostic', async () => {
    const depth = 10_000;
    const flow = `Resources:\n  Deep:\n    Type: AWS::S3::Bucket\n    Properties:\n      Tags: ${'['.repeat(depth)}1${']'.repeat(depth)}\n`;
    const uri = fileUri('deep.yaml');
    const d = await client.open(uri, flow);
    assert.ok(codes(d.diagnostics).includes('too-deep'), JSON.stringify(codes(d.diagnostics)));
    await client.close(uri);

    // Block form: compact nested sequences (`- - - 1`), since indented mappings 10,000 deep exceed the size limit.
    const block = `Resources:\n  Deep:\n    Type: AWS::S3::Bucket\n    Properties:\n      Tags:\n        ${'- '.repeat(depth)}1\n`;
    const uri2 = fileUri('deep-block.yaml');
    const d2 = await client.open(uri2, block);
    assert.ok(codes(d2.diagnostics).includes('too-deep'), JSON.stringify(codes(d2.diagnostics)));
    await client.close(uri2);

    const json = `{"Resources": {"Deep": {"Type": "AWS::S3::Bucket", "Properties": ${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}}}}`;
    const uri3 = fileUri('deep.json');
    const d3 = await client.open(uri3, json, 'json');
    assert.ok(codes(d3.diagnostics).includes('too-deep'), JSON.stringify(codes(d3.diagnostics)));
    await client.close(uri3);
    await stillServing(client, 'deep');
  });

  it('pathological text (issue 9 item 8): one diagnostic each, and the document opened meanwhile is answered', async () => {
    const head = 'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n';
    const texts: [string, string, string][] = [
      ['commas.yaml', head + 'a,'.repeat(500_000), 'too-complex'],
      ['quotes.yaml', head + '"'.repeat(1_000_000), 'too-complex'],
      ['braces.yaml', head + '{'.repeat(1_000_000), 'too-deep'],
      ['quote-lines.yaml', head + '"\n'.repeat(100_000), 'parse-error'],
    ];
    for (const [name, text, code] of texts) {
      const uri = fileUri(name);
      const other = fileUri(`beside-${name}`);
      // Both opened before either answer is awaited: the normal one waits at most for one bounded parse.
      const [d, o] = await Promise.all([client.open(uri, text), client.open(other, IMDS_BAD)]);
      assert.deepEqual(codes(d.diagnostics), [code], name);
      assert.equal(ofRule(o.diagnostics, 'ec2-imdsv2-required').length, 1, `the document opened beside ${name}`);
      await client.close(uri);
      await client.close(other);
    }
    await stillServing(client, 'pathological');
  });

  it('an empty file and a whitespace-only file publish no diagnostics', async () => {
    assert.deepEqual((await client.open(fileUri('empty.yaml'), '')).diagnostics, []);
    assert.deepEqual((await client.open(fileUri('blank.json'), '  \n\n', 'json')).diagnostics, []);
    await client.close(fileUri('empty.yaml'));
    await client.close(fileUri('blank.json'));
    await stillServing(client, 'empty');
  });

  it('requests about unknown documents and malformed params are answered, not fatal', async () => {
    const nowhere = fileUri('never-opened.yaml');
    assert.equal(await client.hover(nowhere, { line: 0, character: 0 }), null);
    assert.deepEqual(await client.codeActions(nowhere, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, []), []);
    const cmd = await client.request('workspace/executeCommand', { command: 'parapet.applyFixAll', arguments: [42] });
    assert.deepEqual(cmd, { applied: 0 });
    // A diagnostic with garbage data gets no action rather than an error.
    const uri = fileUri('garbage-data.yaml');
    await client.open(uri, IMDS_BAD);
    const fake = {
      range: { start: { line: 8, character: 22 }, end: { line: 8, character: 30 } },
      message: 'x',
      source: 'parapet',
      code: 'ec2-imdsv2-required',
      data: { ruleId: 7 },
    };
    assert.deepEqual(await client.codeActions(uri, fake.range, [fake]), []);
    await client.close(uri);
    await stillServing(client, 'garbage');
  });

  it('an exception inside a handler is logged as an error and the server keeps serving', async () => {
    const uri = fileUri('throws.yaml');
    await client.open(uri, IMDS_BAD);
    const before = client.logs.length;
    // A null position makes the hover handler throw inside the server.
    assert.equal(await client.request('textDocument/hover', { textDocument: { uri }, position: null }), null);
    assert.ok(
      client.logs.slice(before).some((m) => /^hover failed: /.test(m)),
      JSON.stringify(client.logs.slice(before)),
    );
    assert.ok(!client.logs.slice(before).some((m) => m.includes('HttpTokens')), 'the log never holds document text');
    await client.close(uri);
    await stillServing(client, 'exception');
  });

  it('a secret in a finding is masked in the diagnostic', async () => {
    const secret = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
    const text = `Resources:\n  Fn:\n    Type: AWS::Lambda::Function\n    Properties:\n      Environment:\n        Variables:\n          AWS_SECRET_ACCESS_KEY: ${secret}\n`;
    const uri = fileUri('secret.yaml');
    const d = await client.open(uri, text);
    // Some rule must flag the secret's line, or this test would pass on silence.
    assert.ok(
      d.diagnostics.some((x) => x.range.start.line === 6 && x.source === 'parapet'),
      JSON.stringify(d.diagnostics),
    );
    const all = JSON.stringify(d.diagnostics);
    assert.ok(!all.includes(secret), 'the full secret never appears');
    const report = JSON.stringify(await client.request('parapet/report', null));
    assert.ok(!report.includes(secret));
    await client.close(uri);
  });
});
