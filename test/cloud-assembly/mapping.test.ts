import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Mapped, synthOf } from '../../core/cloud-assembly';
import { initCdkPython } from '../../core/cdk/py-init';
import { AnalysisResult, Finding } from '../../core/engine';
import { rules } from '../../rules';
import { mergeInto } from '../../core/cloud-assembly';
import { copyApp, LoadedApp, lineOf, loadApp, touchLater } from './helpers';

const TS_SOURCES = ['lib/main-stack.ts', 'lib/archive.ts', 'lib/aspects.ts', 'bin/app.ts'];
const PY_SOURCES = ['py_app/main_stack.py', 'py_app/archive.py', 'py_app/aspects.py', 'app.py'];

function only(result: AnalysisResult | undefined, ruleId: string, resource?: string): Finding {
  const found = (result?.findings ?? []).filter((f) => f.ruleId === ruleId && (resource === undefined || f.resource === resource));
  assert.equal(found.length, 1, `${ruleId}: ${JSON.stringify(found.map((f) => f.message))}`);
  return found[0];
}

function mappedOf(app: LoadedApp, ruleId: string, constructPath: string): Mapped {
  const m = app.mapped.find((x) => x.sf.finding.ruleId === ruleId && x.sf.constructPath === constructPath);
  assert.ok(
    m,
    `${ruleId} on ${constructPath} is mapped (${app.mapped.map((x) => `${x.sf.finding.ruleId}@${x.sf.constructPath}`).join(', ')})`,
  );
  return m;
}

/** The 0-based line where a mapped finding is placed. */
function lineAt(app: LoadedApp, m: Mapped): number {
  return app.index.files.get(m.target.uri)!.doc.lines.positionAt(m.target.start).line;
}

/** The synthesized findings of a file on their own: the file's source findings left out, so the rule catalogue's CDK coverage does not matter. */
function synthOnly(app: LoadedApp, rel: string): Finding[] {
  const base = app.merged.get(rel)!;
  return mergeInto({ ...base, findings: [] }, app.mapped, rules, app.index).findings;
}

describe('cloud assembly: synthesized findings mapped back to TypeScript', () => {
  let dir: string;
  let app: LoadedApp;
  let text: string;

  before(() => {
    dir = copyApp('ts-app');
    app = loadApp(dir, TS_SOURCES);
    text = fs.readFileSync(path.join(dir, 'lib/main-stack.ts'), 'utf8');
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('reads every template: the stack, its nested stack and the stage assembly', () => {
    assert.equal(app.asm.error, undefined);
    assert.deepEqual(app.asm.problems, []);
    assert.deepEqual(
      app.asm.templates.map((t) => t.path),
      ['Main', 'Main/Nested', 'Prod/Main', 'Prod/Main/Nested'],
    );
    assert.deepEqual(app.unmapped, []);
  });

  it('puts a finding only the synthesized template shows (an aspect) on the construct that creates the resource', () => {
    const f = only(app.merged.get('lib/main-stack.ts'), 's3-bucket-no-public-acl');
    assert.equal(f.range.start.line, lineOf(text, "new s3.Bucket(this, 'Reports'"));
    assert.equal(f.resource, 'Reports');
    assert.equal(synthOf(f)?.precision, 'construct');
    assert.match(f.message, /PublicRead.*\(cdk\.out\/Main\.template\.json\)$/);
    assert.deepEqual(f.fixes, []);
    const loc = synthOf(f)!.locations[0];
    assert.ok(loc.uri.endsWith('/cdk.out/Main.template.json'));
    assert.match(loc.message, /^Synthesized as Reports[0-9A-F]{8} \(Main\/Reports\/Resource\) in cdk\.out\/Main\.template\.json$/);
  });

  it('puts a property the source cannot evaluate on the prop that sets it', () => {
    const f = only(app.merged.get('lib/main-stack.ts'), 'db-not-publicly-accessible');
    const line = lineOf(text, 'publiclyAccessible: props.publicDb');
    assert.deepEqual(f.range.start, { line, character: text.split('\n')[line].indexOf('publiclyAccessible') });
    assert.equal(synthOf(f)?.precision, 'property');
    assert.equal(synthOf(f)?.stale, false);
  });

  it('keeps the source finding, with its range and fix, when both report the rule on the construct', () => {
    assert.equal(app.mapped.filter((m) => m.sf.finding.ruleId === 'sqs-queue-encrypted').length, 2);
    const f = only(app.merged.get('lib/main-stack.ts'), 'sqs-queue-encrypted');
    assert.equal(synthOf(f), undefined);
    assert.equal(f.range.start.line, lineOf(text, 'encryption: sqs.QueueEncryption.UNENCRYPTED'));
    assert.ok(f.fixes.length > 0);
  });

  it('reports a listener added with addListener once: the source finding, not the template copy too', () => {
    assert.ok(app.mapped.some((m) => m.sf.finding.ruleId === 'elbv2-listener-https' && m.sf.constructPath === 'Main/Lb/Web/Resource'));
    const f = only(app.merged.get('lib/main-stack.ts'), 'elbv2-listener-https', 'Web');
    assert.equal(synthOf(f), undefined);
    assert.equal(f.range.start.line, lineOf(text, 'port: 80'));
    assert.equal(f.resource, 'Web');
  });

  it("maps a nested stack's resource to the prop of the construct created in it", () => {
    const m = mappedOf(app, 'kms-key-rotation-enabled', 'Main/Nested/DataKey/Resource');
    assert.ok(m.sf.template.file.endsWith('MainNested3F44D81B.nested.template.json'));
    assert.equal(m.target.precision, 'property');
    assert.equal(text.slice(m.target.start, m.target.end), 'enableKeyRotation: false');
  });

  it('gives one finding for a construct that every stage synthesizes, with each template location', () => {
    assert.ok(mappedOf(app, 'kms-key-rotation-enabled', 'Prod/Main/Nested/DataKey/Resource'));
    const f = synthOnly(app, 'lib/main-stack.ts').filter((x) => x.ruleId === 'kms-key-rotation-enabled');
    assert.equal(f.length, 1);
    assert.deepEqual(
      synthOf(f[0])!.locations.map((l) => path.basename(l.uri)),
      ['MainNested3F44D81B.nested.template.json', 'ProdMainNestedEB8A646C.nested.template.json'],
    );
    assert.match(f[0].message, /\(cdk\.out\/MainNested3F44D81B\.nested\.template\.json and 1 more\)$/);
  });

  it("puts an L2 prop the source cannot evaluate on the L2 prop, not the construct (a listener's port decides its protocol)", () => {
    const f = synthOnly(app, 'lib/main-stack.ts').find((x) => x.ruleId === 'elbv2-listener-https' && x.resource === 'Api');
    assert.ok(f);
    const line = lineOf(text, 'port: props.apiPort');
    assert.deepEqual(f.range.start, { line, character: text.split('\n')[line].indexOf('port') });
    assert.equal(synthOf(f)?.precision, 'property');
  });

  it('puts a block device on its item of the L2 list, and a managed policy on its item though a method appends more', () => {
    const disk = mappedOf(app, 'ec2-block-device-encrypted', 'Main/Nodes/Resource');
    assert.equal(disk.target.precision, 'property');
    assert.equal(lineAt(app, disk), lineOf(text, 'encrypted: props.encryptVolumes'));
    const admin = mappedOf(app, 'iam-no-admin-managed-policy', 'Main/Ops/Resource');
    assert.equal(text.slice(admin.target.start, admin.target.end), 'iam.ManagedPolicy.fromAwsManagedPolicyName(props.opsPolicy)');
  });

  it('keeps a default on the construct: no prop is written for what the template reports', () => {
    const m = mappedOf(app, 's3-bucket-no-public-acl', 'Main/Reports/Resource');
    assert.deepEqual(m.sf.propertyPath, ['AccessControl']);
    assert.equal(m.target.precision, 'construct');
  });

  it("follows a construct class into its own file (Archive's bucket)", () => {
    const m = mappedOf(app, 's3-bucket-access-logging', 'Main/Archive/Bucket/Resource');
    assert.ok(m.target.uri.endsWith('/lib/archive.ts'));
    const archive = fs.readFileSync(path.join(dir, 'lib/archive.ts'), 'utf8');
    assert.equal(
      app.index.files.get(m.target.uri)!.doc.lines.positionAt(m.target.start).line,
      lineOf(archive, "new s3.Bucket(this, 'Bucket'"),
    );
  });
});

describe('cloud assembly: staleness, creation stacks and suppressions', () => {
  let dir: string;
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('says a finding is from the last synth when the source was saved after it', () => {
    dir = copyApp('ts-app');
    touchLater(path.join(dir, 'lib/main-stack.ts'));
    const f = only(loadApp(dir, TS_SOURCES).merged.get('lib/main-stack.ts'), 'db-not-publicly-accessible');
    assert.equal(synthOf(f)?.stale, true);
    assert.match(f.message, /\(cdk\.out\/Main\.template\.json, from the last synth: the source changed since\)$/);
  });

  it("still places a stale synth's finding on the prop, and says it is from the last synth", () => {
    dir = copyApp('ts-app');
    const file = path.join(dir, 'lib/main-stack.ts');
    touchLater(file);
    const text = fs.readFileSync(file, 'utf8');
    const app = loadApp(dir, TS_SOURCES);
    const f = synthOnly(app, 'lib/main-stack.ts').find((x) => x.ruleId === 'elbv2-listener-https' && x.resource === 'Api');
    assert.ok(f);
    assert.equal(f.range.start.line, lineOf(text, 'port: props.apiPort'));
    assert.equal(synthOf(f)?.stale, true);
    assert.match(f.message, /from the last synth: the source changed since\)$/);
  });

  it('leaves a list item on the construct when the source list has items it cannot see (a spread)', () => {
    dir = copyApp('ts-app');
    const file = path.join(dir, 'lib/main-stack.ts');
    const text = fs.readFileSync(file, 'utf8');
    const spread = text.replace('managedPolicies: [', 'managedPolicies: [...props.extraPolicies, ');
    assert.notEqual(spread, text);
    fs.writeFileSync(file, spread);
    fs.utimesSync(file, Date.now() / 1000 - 3600, Date.now() / 1000 - 3600);
    const m = mappedOf(loadApp(dir, TS_SOURCES), 'iam-no-admin-managed-policy', 'Main/Ops/Resource');
    assert.equal(m.target.precision, 'construct');
  });

  it('places a construct whose id the source computes through its creation stack', () => {
    dir = copyApp('ts-app');
    const file = path.join(dir, 'lib/main-stack.ts');
    const text = fs.readFileSync(file, 'utf8');
    const computed = text.replace("new s3.Bucket(this, 'Reports'", "new s3.Bucket(this, ['Rep', 'orts'].join('')");
    assert.notEqual(computed, text);
    fs.writeFileSync(file, computed);
    // Same lines as at synth time: the creation stack still holds.
    fs.utimesSync(file, Date.now() / 1000 - 3600, Date.now() / 1000 - 3600);
    const f = only(loadApp(dir, TS_SOURCES).merged.get('lib/main-stack.ts'), 's3-bucket-no-public-acl');
    assert.equal(f.range.start.line, lineOf(computed, "['Rep', 'orts']"));

    // Saved since the synth: the creation stack no longer counts, and the computed id matches nothing.
    touchLater(file);
    const stale = loadApp(dir, TS_SOURCES);
    assert.ok(!stale.mapped.some((m) => m.sf.finding.ruleId === 's3-bucket-no-public-acl' && m.target.precision !== 'stack'));
  });

  it("walks the construct path when the only creation-stack frame is the stack's (a resource a library creates later)", () => {
    dir = copyApp('ts-app');
    const meta = path.join(dir, 'cdk.out', 'Main.metadata.json');
    const entries = JSON.parse(fs.readFileSync(meta, 'utf8')) as Record<string, { type: string }[]>;
    entries['/Main/Reports/Resource'] = entries['/Main/Reports/Resource'].filter((e) => e.type !== 'aws:cdk:creationStack');
    fs.writeFileSync(meta, JSON.stringify(entries));
    const stack = fs.readFileSync(path.join(dir, 'lib/main-stack.ts'), 'utf8');
    const f = only(loadApp(dir, TS_SOURCES).merged.get('lib/main-stack.ts'), 's3-bucket-no-public-acl');
    assert.equal(f.range.start.line, lineOf(stack, "new s3.Bucket(this, 'Reports'"));
  });

  it('honours a parapet-ignore comment in the source', () => {
    dir = copyApp('ts-app');
    const file = path.join(dir, 'lib/main-stack.ts');
    const text = fs.readFileSync(file, 'utf8');
    fs.writeFileSync(
      file,
      text.replace(
        'publiclyAccessible: props.publicDb,',
        'publiclyAccessible: props.publicDb, // parapet-ignore db-not-publicly-accessible: only the dev stage is public',
      ),
    );
    const app = loadApp(dir, TS_SOURCES);
    assert.ok(app.mapped.some((m) => m.sf.finding.ruleId === 'db-not-publicly-accessible'));
    assert.ok(!app.merged.get('lib/main-stack.ts')!.findings.some((f) => f.ruleId === 'db-not-publicly-accessible'));
  });
});

describe('cloud assembly: synthesized findings mapped back to Python', () => {
  let dir: string;
  let app: LoadedApp;
  let text: string;

  before(async () => {
    await initCdkPython();
    dir = copyApp('py-app');
    app = loadApp(dir, PY_SOURCES);
    text = fs.readFileSync(path.join(dir, 'py_app/main_stack.py'), 'utf8');
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('has no creation stacks to go by (a Python app has no Python frames in them)', () => {
    assert.equal(app.asm.traces.size, 0);
    assert.deepEqual(app.unmapped, []);
  });

  it('places the aspect finding on the construct by its id', () => {
    const f = only(app.merged.get('py_app/main_stack.py'), 's3-bucket-no-public-acl');
    assert.equal(f.range.start.line, lineOf(text, 's3.Bucket(self, "Reports"'));
    assert.equal(synthOf(f)?.precision, 'construct');
  });

  it('places a property on its keyword argument', () => {
    const f = only(app.merged.get('py_app/main_stack.py'), 'db-not-publicly-accessible');
    assert.equal(f.range.start.line, lineOf(text, 'publicly_accessible=public_db'));
    assert.equal(synthOf(f)?.precision, 'property');
    const m = mappedOf(app, 'kms-key-rotation-enabled', 'Main/Nested/DataKey/Resource');
    assert.equal(text.slice(m.target.start, m.target.end), 'enable_key_rotation=False');
  });

  it('puts L2 props the source cannot evaluate on their keyword arguments and list items', () => {
    const f = synthOnly(app, 'py_app/main_stack.py').find((x) => x.ruleId === 'elbv2-listener-https' && x.resource === 'Api');
    assert.ok(f);
    assert.equal(f.range.start.line, lineOf(text, 'port=api_port'));
    assert.equal(synthOf(f)?.precision, 'property');
    const disk = mappedOf(app, 'ec2-block-device-encrypted', 'Main/Nodes/Resource');
    assert.equal(lineAt(app, disk), lineOf(text, 'encrypted=encrypt_volumes'));
    const admin = mappedOf(app, 'iam-no-admin-managed-policy', 'Main/Ops/Resource');
    assert.equal(text.slice(admin.target.start, admin.target.end), 'iam.ManagedPolicy.from_aws_managed_policy_name(ops_policy)');
  });

  it('follows a construct class into its own module', () => {
    const m = mappedOf(app, 's3-bucket-access-logging', 'Main/Archive/Bucket/Resource');
    assert.ok(m.target.uri.endsWith('/py_app/archive.py'));
  });

  it('reports a listener added with add_listener once: the source finding, not the template copy too', () => {
    const m = mappedOf(app, 'elbv2-listener-https', 'Main/Lb/Web/Resource');
    assert.equal(text.slice(m.target.start, m.target.end), 'port=80');
    assert.equal(m.target.precision, 'property');
    const f = only(app.merged.get('py_app/main_stack.py'), 'elbv2-listener-https', 'Web');
    assert.equal(synthOf(f), undefined);
    assert.equal(f.range.start.line, lineOf(text, 'port=80'));
  });

  it('keeps the source finding when both report the rule on the construct', () => {
    const f = only(app.merged.get('py_app/main_stack.py'), 'sqs-queue-encrypted');
    assert.equal(synthOf(f), undefined);
    assert.ok(f.fixes.length > 0);
  });
});
