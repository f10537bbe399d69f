import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CodeAction, Diagnostic, DiagnosticSeverity, MarkupContent, TextDocumentEdit, TextEdit } from 'vscode-languageserver-protocol';
import { fork } from 'node:child_process';
import { createMessageConnection, IPCMessageReader, IPCMessageWriter } from 'vscode-jsonrpc/node';
import {
  buildOnce,
  fileUri,
  IMDS_BAD,
  IMDS_BAD_JSON,
  ofRule,
  positionOf,
  ROOT,
  SERVER,
  TestClient,
  TWO_IMDS_BAD,
  TWO_ROTATION_OFF,
  USER_ONLY,
  withDeadline,
} from './harness';

describe('protocol: diagnostics, code actions, hover (bundled server over stdio)', function () {
  this.timeout(60_000);
  let client: TestClient;

  before(async () => {
    buildOnce();
    client = await TestClient.start({ settings: () => ({}) });
  });
  after(async () => {
    await client?.stop();
  });

  it('declares its capabilities and commands', () => {
    const caps = client.initializeResult!.capabilities;
    assert.equal(caps.hoverProvider, true);
    assert.deepEqual((caps.codeActionProvider as { codeActionKinds: string[] }).codeActionKinds, ['quickfix', 'source.fixAll.parapet']);
    assert.deepEqual(caps.executeCommandProvider?.commands.sort(), ['parapet.applyFixAll', 'parapet.showRuleDocs']);
    assert.deepEqual(caps.textDocumentSync, { openClose: true, change: 2 });
  });

  it('open → diagnostics → quick fix → edit applied → empty diagnostics', async () => {
    const uri = fileUri('spine.yaml');
    const first = await client.open(uri, IMDS_BAD);
    const imds = ofRule(first.diagnostics, 'ec2-imdsv2-required');
    assert.equal(imds.length, 1);
    const d = imds[0];
    assert.equal(d.source, 'parapet');
    assert.equal(d.severity, DiagnosticSeverity.Error);
    const message = typeof d.message === 'string' ? d.message : d.message.value;
    assert.doesNotMatch(message, /ec2-imdsv2-required/, 'the rule id is never in the message');
    assert.match(message, /IMDSv1/);
    // The diagnostic points at `optional`.
    assert.deepEqual(d.range.start, positionOf(IMDS_BAD, 'optional'));
    const href = d.codeDescription!.href;
    assert.ok(href.startsWith('file://'), href);
    assert.equal(fileURLToPath(href), path.join(ROOT, 'docs', 'rules', 'ec2-imdsv2-required.md'));
    assert.deepEqual(
      {
        ruleId: (d.data as { ruleId: string }).ruleId,
        version: (d.data as { version: number }).version,
        fixable: (d.data as { fixable: boolean }).fixable,
      },
      { ruleId: 'ec2-imdsv2-required', version: 1, fixable: true },
    );

    const actions = await client.codeActions(uri, d.range, [d]);
    const fix = actions.find((a) => a.title.startsWith('Require IMDSv2'));
    assert.ok(fix, `the IMDSv2 fix among ${actions.map((a) => a.title).join(', ')}`);
    assert.equal(fix.kind, 'quickfix');
    // Requiring IMDSv2 is a suggestion: offered, marked, never preferred (editors apply a preferred fix on their own).
    assert.match(fix.title, /\(suggestion: review the change\)$/);
    assert.equal(fix.isPreferred, false);
    const change = fix.edit!.documentChanges![0] as TextDocumentEdit;
    assert.deepEqual(change.textDocument, { uri, version: 1 });
    const fixed = client.applyToText(fix.edit!, uri);
    assert.ok(fixed?.includes('HttpTokens: required'), fixed);
    const after = await client.change(uri, change.edits as TextEdit[]);
    assert.equal(client.doc(uri).getText(), fixed);
    assert.deepEqual(ofRule(after.diagnostics, 'ec2-imdsv2-required'), []);
    assert.deepEqual(after.diagnostics, []);
    await client.close(uri);
    assert.deepEqual(client.logs, [], 'quiet by default: nothing logged on a normal edit cycle');
  });

  it('refuses a stale edit: a diagnostic from an older version gets no action', async () => {
    const uri = fileUri('stale.yaml');
    const first = await client.open(uri, IMDS_BAD);
    const old = ofRule(first.diagnostics, 'ec2-imdsv2-required')[0];
    // Insert a comment line at the top: version 2, the old diagnostic's range is now wrong.
    const second = await client.change(uri, [
      { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: '# a comment\n' },
    ]);
    const fresh = ofRule(second.diagnostics, 'ec2-imdsv2-required')[0];
    assert.equal((fresh.data as { version: number }).version, 2);
    assert.deepEqual(await client.codeActions(uri, old.range, [old]), []);
    const actions = await client.codeActions(uri, fresh.range, [fresh]);
    const fix = actions.find((a) => a.title.startsWith('Require IMDSv2'));
    assert.ok(fix?.edit, actions.map((a) => a.title).join(', '));
    // An edit computed for version 2 is refused by an editor once the document is at version 3.
    await client.change(uri, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: '# another\n' }]);
    assert.equal(client.applyToText(fix.edit!, uri), undefined);
    await client.close(uri);
  });

  it('"suppress with a reason" inserts an indented comment whose TODO reason is not honoured', async () => {
    const uri = fileUri('suppress.yaml');
    const first = await client.open(uri, IMDS_BAD);
    const d = ofRule(first.diagnostics, 'ec2-imdsv2-required')[0];
    const actions = await client.codeActions(uri, d.range, [d]);
    const suppress = actions.find((a) => a.title === 'Suppress ec2-imdsv2-required with a reason');
    assert.ok(suppress, actions.map((a) => a.title).join(', '));
    assert.equal(suppress.isPreferred, undefined);
    const text = client.applyToText(suppress.edit!, uri)!;
    assert.match(text, /\n {10}# parapet-ignore ec2-imdsv2-required: TODO explain why this risk is accepted\n {10}HttpTokens: optional\n/);
    // With the placeholder reason the finding stays, and the suppression itself is reported.
    const after = await client.change(uri, text);
    assert.equal(ofRule(after.diagnostics, 'ec2-imdsv2-required').length, 1);
    assert.equal(ofRule(after.diagnostics, 'suppression-reason-required').length, 1);
    // Once the user writes a reason, the finding goes.
    const reasoned = await client.change(
      uri,
      text.replace('TODO explain why this risk is accepted', 'legacy AMI without IMDSv2 support, retired in Q3'),
    );
    assert.deepEqual(reasoned.diagnostics, []);
    await client.close(uri);
  });

  it('"suppress with a reason" in a JSON template adds a Metadata.parapet.ignore entry', async () => {
    const uri = fileUri('suppress.json');
    const first = await client.open(uri, IMDS_BAD_JSON, 'json');
    const d = ofRule(first.diagnostics, 'ec2-imdsv2-required')[0];
    const actions = await client.codeActions(uri, d.range, [d]);
    const suppress = actions.find((a) => a.title === 'Suppress ec2-imdsv2-required with a reason')!;
    const text = client.applyToText(suppress.edit!, uri)!;
    const parsed = JSON.parse(text) as { Resources: { WebTemplate: { Metadata: unknown } } };
    assert.deepEqual(parsed.Resources.WebTemplate.Metadata, {
      parapet: { ignore: [{ rule: 'ec2-imdsv2-required', reason: 'TODO explain why this risk is accepted' }] },
    });
    const after = await client.change(uri, text.replace('TODO explain why this risk is accepted', 'vendor appliance, cannot do IMDSv2'));
    assert.deepEqual(ofRule(after.diagnostics, 'ec2-imdsv2-required'), []);
    await client.close(uri);
  });

  it('"show documentation" runs parapet.showRuleDocs, which opens the bundled page', async () => {
    const uri = fileUri('docs.yaml');
    const first = await client.open(uri, USER_ONLY);
    const d = ofRule(first.diagnostics, 'iam-no-user')[0];
    assert.ok(d, 'iam-no-user reported');
    const actions = await client.codeActions(uri, d.range, [d]);
    const show = actions.find((a) => a.title === 'Show documentation for iam-no-user');
    assert.ok(show?.command);
    assert.equal(show.command.command, 'parapet.showRuleDocs');
    assert.deepEqual(show.command.arguments, ['iam-no-user']);
    // No automatic fix for IAM users, so nothing is preferred.
    assert.equal(actions.filter((a) => a.isPreferred).length, 0);
    const before = client.requests.length;
    const answer = await client.request<{ uri: string }>('workspace/executeCommand', show.command);
    assert.equal(fileURLToPath(answer.uri), path.join(ROOT, 'docs', 'rules', 'iam-no-user.md'));
    const shown = client.requests.slice(before).find((r) => r.method === 'window/showDocument');
    assert.deepEqual(shown?.params, { uri: answer.uri, takeFocus: true });
    await client.close(uri);
  });

  it('"fix all <rule>" and source.fixAll.parapet fix every finding of the file that has a safe fix', async () => {
    const uri = fileUri('fixall.yaml');
    const first = await client.open(uri, TWO_ROTATION_OFF);
    const keys = ofRule(first.diagnostics, 'kms-key-rotation-enabled');
    assert.equal(keys.length, 2);
    const actions = await client.codeActions(uri, keys[0].range, [keys[0]]);
    const ruleAll = actions.find((a) => a.title === 'Fix all kms-key-rotation-enabled problems in this file');
    assert.ok(ruleAll, actions.map((a) => a.title).join(', '));
    const ruleFixed = client.applyToText(ruleAll.edit!, uri)!;
    assert.equal(ruleFixed.match(/EnableKeyRotation: true/g)?.length, 2);

    // Only source actions when only source.fixAll is asked for.
    const source = await client.codeActions(uri, keys[0].range, [], ['source.fixAll']);
    assert.deepEqual(
      source.map((a: CodeAction) => a.kind),
      ['source.fixAll.parapet'],
    );
    const text = client.applyToText(source[0].edit!, uri)!;
    const after = await client.change(uri, text);
    assert.deepEqual(ofRule(after.diagnostics, 'kms-key-rotation-enabled'), []);
    // The IAM user has no fix and IMDSv2 only a suggestion: both stay.
    assert.equal(ofRule(after.diagnostics, 'iam-no-user').length, 1);
    assert.equal(ofRule(after.diagnostics, 'ec2-imdsv2-required').length, 1);
    assert.match(text, /HttpTokens: optional/);
    // Nothing left that fix-all may fix: no source action.
    assert.deepEqual(await client.codeActions(uri, keys[0].range, [], ['source.fixAll.parapet']), []);
    await client.close(uri);
  });

  it('parapet.applyFixAll applies the fixes through workspace/applyEdit', async () => {
    const uri = fileUri('command.yaml');
    await client.open(uri, TWO_ROTATION_OFF);
    const before = client.requests.length;
    const answer = await client.request<{ applied: number }>('workspace/executeCommand', {
      command: 'parapet.applyFixAll',
      arguments: [uri],
    });
    assert.ok(answer.applied >= 2, `applied ${answer.applied}`); // other rules' fixes may apply too
    const apply = client.requests.slice(before).find((r) => r.method === 'workspace/applyEdit');
    assert.ok(apply);
    const edit = (apply.params as { edit: Parameters<TestClient['applyToText']>[0] }).edit;
    assert.equal((edit.documentChanges![0] as TextDocumentEdit).textDocument.version, 1);
    assert.equal(client.applyToText(edit, uri)!.match(/EnableKeyRotation: true/g)?.length, 2);
    await client.close(uri);
  });

  it('clears diagnostics on close', async () => {
    const uri = fileUri('close.yaml');
    const first = await client.open(uri, IMDS_BAD);
    assert.ok(first.diagnostics.length > 0);
    const closed = await client.close(uri);
    assert.deepEqual(closed.diagnostics, []);
  });

  it('hover on a finding explains the rule, its practice and links the docs', async () => {
    const uri = fileUri('hover.yaml');
    await client.open(uri, IMDS_BAD);
    const h = await client.hover(uri, positionOf(IMDS_BAD, 'optional', 2));
    assert.ok(h);
    const md = (h.contents as MarkupContent).value;
    assert.equal((h.contents as MarkupContent).kind, 'markdown');
    assert.match(md, /\*\*EC2 instances require IMDSv2\*\*/);
    assert.match(md, /\*\*Risk\.\*\* With IMDSv1/);
    assert.match(md, /\*\*Practice\.\*\* IMDSv2 only/);
    assert.match(md, /\*\*Compliant\.\*\* MetadataOptions\.HttpTokens is `required`/);
    assert.match(md, /\(command:parapet\.showRuleDocs\?%5B%22ec2-imdsv2-required%22%5D\)/);
    assert.match(md, /\(file:\/\/[^)]*\/docs\/rules\/ec2-imdsv2-required\.md\)/);
    assert.deepEqual(h.range?.start, positionOf(IMDS_BAD, 'optional'));
    // Away from any finding: nothing.
    assert.equal(await client.hover(uri, positionOf(IMDS_BAD, 'ImageId')), null);
    await client.close(uri);
  });

  it('hover joins the core hover providers (IAM action descriptions)', async () => {
    const text = `Resources:
  ReadRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Statement:
          - Effect: Allow
            Principal: { Service: ec2.amazonaws.com }
            Action: sts:AssumeRole
      Policies:
        - PolicyName: read
          PolicyDocument:
            Statement:
              - Effect: Allow
                Action: s3:GetObject
                Resource: arn:aws:s3:::my-bucket/*
`;
    const uri = fileUri('iam-hover.yaml');
    await client.open(uri, text);
    const h = await client.hover(uri, positionOf(text, 's3:GetObject', 4));
    assert.ok(h, 'the IAM hover answered through the server');
    assert.match((h.contents as MarkupContent).value, /GetObject/);
    assert.deepEqual(h.range?.start, positionOf(text, 's3:GetObject'));
    await client.close(uri);
  });

  it('related information points where an access key secret is read', async () => {
    const text = `Resources:
  Key:
    Type: AWS::IAM::AccessKey
    Properties:
      UserName: deployer
Outputs:
  Secret:
    Value: !GetAtt Key.SecretAccessKey
`;
    const uri = fileUri('related.yaml');
    const d = ofRule((await client.open(uri, text)).diagnostics, 'iam-no-access-key')[0];
    assert.ok(d, 'iam-no-access-key reported');
    assert.equal(d.relatedInformation?.length, 1);
    assert.equal(d.relatedInformation![0].location.uri, uri);
    assert.deepEqual(d.relatedInformation![0].location.range.start, positionOf(text, '!GetAtt'));
    await client.close(uri);
  });

  it('carries the finding data quick fixes key on', async () => {
    const uri = fileUri('data.yaml');
    const first = await client.open(uri, USER_ONLY);
    const d: Diagnostic = ofRule(first.diagnostics, 'iam-no-user')[0];
    const data = d.data as { ruleId: string; version: number; index: number; fingerprint: string; fixable: boolean };
    assert.equal(data.fixable, false);
    assert.equal(typeof data.index, 'number');
    assert.match(data.fingerprint, /^iam-no-user:\d+:\d+$/);
    await client.close(uri);
  });

  it('CDK TypeScript: diagnostics, the fix, and a // suppression comment', async () => {
    const uri = fileUri('stack.ts');
    const text = fs.readFileSync(path.join(ROOT, 'test', 'fixtures', 'rules', 'ec2-imdsv2-required', 'bad.ts'), 'utf8');
    const first = await client.open(uri, text, 'typescript');
    const imds = ofRule(first.diagnostics, 'ec2-imdsv2-required');
    assert.ok(imds.length >= 1, JSON.stringify(first.diagnostics));
    const d = imds.find((x) => x.range.start.line === positionOf(text, 'LaunchTemplateHttpTokens.OPTIONAL').line) ?? imds[0];
    const actions = await client.codeActions(uri, d.range, [d]);
    const suppress = actions.find((a) => a.title === 'Suppress ec2-imdsv2-required with a reason')!;
    const line = d.range.start.line;
    const indent = /^\s*/.exec(text.split('\n')[line])![0];
    assert.equal(
      client.applyToText(suppress.edit!, uri)!.split('\n')[line],
      `${indent}// parapet-ignore ec2-imdsv2-required: TODO explain why this risk is accepted`,
    );
    const fix = actions.find((a) => a.title.startsWith('Require IMDSv2'));
    assert.ok(fix, actions.map((a) => a.title).join(', '));
    const fixed = client.applyToText(fix.edit!, uri)!;
    const after = await client.change(uri, fixed);
    assert.equal(ofRule(after.diagnostics, 'ec2-imdsv2-required').length, imds.length - 1);
    await client.close(uri);
  });

  it('parapet/threatModel builds the skeleton of an open template or CDK file with its findings', async () => {
    const uri = fileUri('threat.yaml');
    await client.open(uri, TWO_IMDS_BAD);
    const tm = await client.request<{ markdown: string; kind: string } | null>('parapet/threatModel', { uri });
    assert.ok(tm, 'a template gets a threat model');
    assert.equal(tm.kind, 'cfn');
    assert.match(tm.markdown, /STRIDE|Spoofing/);
    assert.ok(tm.markdown.includes('ec2-imdsv2-required'), 'findings are pre-filled');
    await client.close(uri);
    const ts = fileUri('threat-stack.ts');
    await client.open(
      ts,
      fs.readFileSync(path.join(ROOT, 'test', 'fixtures', 'rules', 'ec2-imdsv2-required', 'bad.ts'), 'utf8'),
      'typescript',
    );
    const cdk = await client.request<{ markdown: string; kind: string } | null>('parapet/threatModel', { uri: ts });
    assert.equal(cdk?.kind, 'cdk-ts');
    assert.ok(cdk.markdown.includes('ec2-imdsv2-required'));
    await client.close(ts);
    const other = fileUri('notes.yaml');
    await client.open(other, 'just: a file\n');
    assert.equal(await client.request('parapet/threatModel', { uri: other }), null);
    await client.close(other);
  });

  it('parapet/report returns the findings shown', async () => {
    const uri = fileUri('report.yaml');
    await client.open(uri, TWO_IMDS_BAD);
    const report = await client.request<{
      version: number;
      files: number;
      findings: { uri: string; ruleId: string; title: string; fixable: boolean }[];
    }>('parapet/report', null);
    assert.equal(report.version, 1);
    const mine = report.findings.filter((f) => f.uri === uri);
    assert.deepEqual(
      mine.filter((f) => f.ruleId === 'ec2-imdsv2-required').map((f) => f.fixable),
      [true, true],
    );
    assert.ok(mine.some((f) => f.ruleId === 'iam-no-user' && f.title === 'No IAM users'));
    await client.close(uri);
    const after = await client.request<{ findings: { uri: string }[] }>('parapet/report', null);
    assert.equal(after.findings.filter((f) => f.uri === uri).length, 0);
  });
});

describe('protocol: node-ipc transport', function () {
  this.timeout(60_000);
  before(() => buildOnce());

  it('serves over --node-ipc as VS Code TransportKind.ipc starts it', async () => {
    const proc = fork(SERVER, ['--node-ipc'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
    const conn = createMessageConnection(new IPCMessageReader(proc), new IPCMessageWriter(proc));
    try {
      const diags = new Promise<{ uri: string; diagnostics: Diagnostic[] }>((resolve) => {
        conn.onNotification('textDocument/publishDiagnostics', (p: { uri: string; diagnostics: Diagnostic[] }) => resolve(p));
      });
      conn.listen();
      const init = await withDeadline(
        conn.sendRequest<{ capabilities: { hoverProvider?: boolean } }>('initialize', {
          processId: process.pid,
          rootUri: null,
          capabilities: {},
        }),
        'initialize over ipc',
      );
      assert.equal(init.capabilities.hoverProvider, true);
      await conn.sendNotification('initialized', {});
      const uri = fileUri('ipc.yaml');
      await conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text: IMDS_BAD } });
      const d = await withDeadline(diags, 'diagnostics over ipc');
      assert.equal(ofRule(d.diagnostics, 'ec2-imdsv2-required').length, 1);
      await withDeadline(conn.sendRequest('shutdown'), 'shutdown over ipc');
    } finally {
      conn.dispose();
      proc.kill();
    }
  });
});

describe('protocol: fix-all edits resolved lazily (codeAction/resolve)', function () {
  this.timeout(60_000);
  let client: TestClient;
  before(async () => {
    buildOnce();
    client = await TestClient.start({ settings: () => ({}), resolveEdits: true });
  });
  after(async () => {
    await client?.stop();
  });

  it('fix-all actions come without an edit, and resolve fills it in for the current version only', async () => {
    const uri = fileUri('resolve.yaml');
    const first = await client.open(uri, TWO_ROTATION_OFF);
    const keys = ofRule(first.diagnostics, 'kms-key-rotation-enabled');
    const actions = await client.codeActions(uri, keys[0].range, [keys[0]]);
    const ruleAll = actions.find((a) => a.title === 'Fix all kms-key-rotation-enabled problems in this file')!;
    assert.equal(ruleAll.edit, undefined);
    // The single fix still carries its edit: it is cheap.
    assert.ok(actions.find((a) => a.isPreferred)?.edit);
    const resolved = await client.request<CodeAction>('codeAction/resolve', ruleAll);
    assert.equal(client.applyToText(resolved.edit!, uri)!.match(/EnableKeyRotation: true/g)?.length, 2);

    const [source] = await client.codeActions(uri, keys[0].range, [], ['source.fixAll.parapet']);
    assert.equal(source.kind, 'source.fixAll.parapet');
    await client.change(uri, `${TWO_ROTATION_OFF}# edited\n`);
    const stale = await client.request<CodeAction>('codeAction/resolve', source);
    assert.equal(stale.edit, undefined, 'no edit for a version that is gone');
    const fresh = await client.codeActions(uri, keys[0].range, [], ['source.fixAll.parapet']);
    const fixed = client.applyToText((await client.request<CodeAction>('codeAction/resolve', fresh[0])).edit!, uri)!;
    assert.ok(fixed.endsWith('# edited\n'));
    const after = await client.change(uri, fixed);
    assert.deepEqual(ofRule(after.diagnostics, 'kms-key-rotation-enabled'), []);
    await client.close(uri);
  });
});
