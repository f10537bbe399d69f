import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Diagnostic, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { copyApp, filesUnder, lineOf, touchLater } from '../cloud-assembly/helpers';
import { buildOnce, ofRule, TestClient } from './harness';

/** The diagnostic of a rule that comes from the synthesized template (`data.synth`), if there is one. */
function synthDiag(p: PublishDiagnosticsParams, ruleId: string): Diagnostic | undefined {
  return ofRule(p.diagnostics, ruleId).find((d) => (d.data as { synth?: boolean } | undefined)?.synth === true);
}

function messageOf(d: Diagnostic): string {
  return typeof d.message === 'string' ? d.message : d.message.value;
}

function hasSynth(p: PublishDiagnosticsParams): boolean {
  return p.diagnostics.some((d) => (d.data as { synth?: boolean } | undefined)?.synth === true);
}

/** Every file of the assembly marked newer, as a new `cdk synth` leaves it. */
function resynth(outDir: string): void {
  const t = Date.now() / 1000 + 120;
  for (const f of filesUnder(outDir)) fs.utimesSync(path.join(outDir, f), t, t);
}

describe('protocol: CDK source with a cdk.out gets the synthesized findings', function () {
  this.timeout(120_000);
  let client: TestClient | undefined;
  const dirs: string[] = [];

  before(() => buildOnce());
  afterEach(async () => {
    await client?.stop();
    client = undefined;
  });
  after(() => {
    for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
  });

  async function openApp(name: 'ts-app' | 'py-app', rel: string): Promise<{ dir: string; uri: string; text: string }> {
    const dir = copyApp(name);
    dirs.push(dir);
    client = await TestClient.start({ workspaceFolders: [pathToFileURL(dir).href], initializationOptions: { debounceMs: 10 } });
    const file = path.join(dir, rel);
    const uri = pathToFileURL(file).href;
    return { dir, uri, text: fs.readFileSync(file, 'utf8') };
  }

  it('adds them to a TypeScript file, on the construct and on the prop, once per rule and construct', async () => {
    const { uri, text } = await openApp('ts-app', 'lib/main-stack.ts');
    const c = client!;
    const withSynth = c.nextDiagnostics(uri, hasSynth);
    const first = await c.open(uri, text, 'typescript');
    // The first analysis does not wait for cdk.out: it is read in a worker, then the document is analysed again.
    assert.equal(synthDiag(first, 's3-bucket-no-public-acl'), undefined);
    const d = await withSynth;
    const acl = synthDiag(d, 's3-bucket-no-public-acl');
    assert.ok(acl, JSON.stringify(d.diagnostics.map((x) => x.code)));
    assert.equal(acl.range.start.line, lineOf(text, "new s3.Bucket(this, 'Reports'"));
    assert.match(messageOf(acl), /PublicRead.*\(cdk\.out\/Main\.template\.json\)$/);
    assert.equal(acl.relatedInformation?.length, 1);
    assert.ok(acl.relatedInformation!.every((r) => /\/cdk\.out\/.*template\.json$/.test(r.location.uri)));
    const db = synthDiag(d, 'db-not-publicly-accessible');
    assert.equal(db?.range.start.line, lineOf(text, 'publiclyAccessible: props.publicDb'));
    // The source reports the unencrypted queue itself (with its fix): the template adds no second finding.
    assert.equal(ofRule(d.diagnostics, 'sqs-queue-encrypted').length, 1);
    assert.equal(synthDiag(d, 'sqs-queue-encrypted'), undefined);
    // No quick fix is offered for a synthesized finding (and none of another finding's).
    const actions = await c.codeActions(uri, acl.range, [acl]);
    assert.deepEqual(
      actions.filter((a) => a.kind === 'quickfix'),
      [],
    );
  });

  it('says "from the last synth" once the buffer differs from what was synthesized', async () => {
    const { uri, text } = await openApp('ts-app', 'lib/main-stack.ts');
    const c = client!;
    const ready = c.nextDiagnostics(uri, hasSynth);
    await c.open(uri, text, 'typescript');
    assert.doesNotMatch(messageOf(synthDiag(await ready, 'db-not-publicly-accessible')!), /last synth/);
    const edited = await c.change(uri, `// a comment\n${text}`);
    const db = synthDiag(edited, 'db-not-publicly-accessible');
    assert.equal(db?.range.start.line, lineOf(text, 'publiclyAccessible: props.publicDb') + 1);
    assert.match(messageOf(db), /from the last synth: the source changed since\)$/);
  });

  it('follows cdk.out when the client reports it changed: removed, then synthesized again', async () => {
    const { dir, uri, text } = await openApp('ts-app', 'lib/main-stack.ts');
    const c = client!;
    const manifest = pathToFileURL(path.join(dir, 'cdk.out', 'manifest.json')).href;
    const ready = c.nextDiagnostics(uri, hasSynth);
    await c.open(uri, text, 'typescript');
    await ready;
    fs.renameSync(path.join(dir, 'cdk.out'), path.join(dir, 'cdk.out.old'));
    const gone = c.nextDiagnostics(uri, (p) => !hasSynth(p));
    await c.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: manifest, type: 3 }] });
    const without = await gone;
    assert.equal(ofRule(without.diagnostics, 'sqs-queue-encrypted').length, 1, 'the source findings stay');
    fs.renameSync(path.join(dir, 'cdk.out.old'), path.join(dir, 'cdk.out'));
    touchLater(path.join(dir, 'lib', 'main-stack.ts'));
    resynth(path.join(dir, 'cdk.out'));
    const back = c.nextDiagnostics(uri, hasSynth);
    await c.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: manifest, type: 1 }] });
    assert.ok(synthDiag(await back, 's3-bucket-no-public-acl'));
  });

  it('adds them to a Python file through its construct ids', async () => {
    const { uri, text } = await openApp('py-app', 'py_app/main_stack.py');
    const c = client!;
    const ready = c.nextDiagnostics(uri, hasSynth);
    await c.open(uri, text, 'python');
    const d = await ready;
    assert.equal(synthDiag(d, 's3-bucket-no-public-acl')?.range.start.line, lineOf(text, 's3.Bucket(self, "Reports"'));
    assert.equal(synthDiag(d, 'db-not-publicly-accessible')?.range.start.line, lineOf(text, 'publicly_accessible=public_db'));
  });
});
