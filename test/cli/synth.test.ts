import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { copyApp, lineOf } from '../cloud-assembly/helpers';
import { buildOnce, runCli } from './helpers';

interface Finding {
  ruleId: string;
  file: string;
  range: { start: { line: number; character: number } };
  resource: string | null;
  message: string;
}

interface Report {
  files: number;
  findings: Finding[];
  errors: { file: string; message: string }[];
}

async function scanJson(dir: string, args: string[] = []): Promise<{ code: number | null; report: Report }> {
  const r = await runCli(['scan', '.', '--format', 'json', '--fail-on', 'never', ...args], dir);
  assert.equal(r.stderr, '');
  return { code: r.code, report: JSON.parse(r.stdout) as Report };
}

function one(report: Report, ruleId: string, file: string, resource?: string): Finding {
  const found = report.findings.filter(
    (f) => f.ruleId === ruleId && f.file === file && (resource === undefined || f.resource === resource),
  );
  assert.equal(found.length, 1, `${ruleId} in ${file}: ${JSON.stringify(report.findings.map((f) => `${f.ruleId}@${f.file}`))}`);
  return found[0];
}

describe('CLI: parapet scan on a CDK app with a cdk.out', () => {
  const dirs: string[] = [];
  before(() => buildOnce());
  after(() => {
    for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
  });
  const app = (name: 'ts-app' | 'py-app'): string => {
    const d = copyApp(name);
    dirs.push(d);
    return d;
  };

  it('reports the synthesized findings on the source file and line, the templates themselves not scanned', async () => {
    const dir = app('ts-app');
    const text = fs.readFileSync(path.join(dir, 'lib/main-stack.ts'), 'utf8');
    const { code, report } = await scanJson(dir);
    assert.equal(code, 0);
    assert.ok(!report.findings.some((f) => f.file.startsWith('cdk.out/')), 'every finding is placed in the source');
    assert.deepEqual(report.errors, [{ file: 'cdk.out', message: 'skipped: cdk.out folder' }]);
    const db = one(report, 'db-not-publicly-accessible', 'lib/main-stack.ts');
    assert.equal(db.range.start.line, lineOf(text, 'publiclyAccessible: props.publicDb'));
    assert.equal(db.resource, 'Db');
    assert.match(db.message, /\(cdk\.out\/Main\.template\.json\)$/);
    const acl = one(report, 's3-bucket-no-public-acl', 'lib/main-stack.ts');
    assert.equal(acl.range.start.line, lineOf(text, "new s3.Bucket(this, 'Reports'"));
    one(report, 'sqs-queue-encrypted', 'lib/main-stack.ts');
    // The listener `addListener` creates: reported by the source and the template, shown once.
    assert.equal(one(report, 'elbv2-listener-https', 'lib/main-stack.ts', 'Web').range.start.line, lineOf(text, 'port: 80'));
    // The listener whose port the file does not decide: the template's finding, on that prop.
    assert.equal(one(report, 'elbv2-listener-https', 'lib/main-stack.ts', 'Api').range.start.line, lineOf(text, 'port: props.apiPort'));
    assert.equal(report.files, 4);
  });

  it('gives SARIF results the source location and the template as a related location', async () => {
    const dir = app('ts-app');
    const r = await runCli(['scan', '.', '--format', 'sarif', '--fail-on', 'never'], dir);
    const sarif = JSON.parse(r.stdout) as {
      runs: {
        results: {
          ruleId: string;
          locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[];
          relatedLocations?: { physicalLocation: { artifactLocation: { uri: string } }; message: { text: string } }[];
        }[];
      }[];
    };
    const db = sarif.runs[0].results.find((x) => x.ruleId === 'db-not-publicly-accessible');
    assert.ok(db);
    assert.equal(db.locations[0].physicalLocation.artifactLocation.uri, 'lib/main-stack.ts');
    assert.equal(db.relatedLocations?.[0].physicalLocation.artifactLocation.uri, 'cdk.out/Main.template.json');
    assert.match(db.relatedLocations?.[0].message.text ?? '', /^Synthesized as Db \(Main\/Db\) in cdk\.out\/Main\.template\.json$/);
  });

  it('places Python source findings the same way', async () => {
    const dir = app('py-app');
    const text = fs.readFileSync(path.join(dir, 'py_app/main_stack.py'), 'utf8');
    const { report } = await scanJson(dir);
    assert.equal(
      one(report, 'db-not-publicly-accessible', 'py_app/main_stack.py').range.start.line,
      lineOf(text, 'publicly_accessible=public_db'),
    );
    assert.equal(
      one(report, 's3-bucket-no-public-acl', 'py_app/main_stack.py').range.start.line,
      lineOf(text, 's3.Bucket(self, "Reports"'),
    );
  });

  it('says when a broken cdk.out cannot be read, and keeps the source findings', async () => {
    const dir = app('ts-app');
    fs.writeFileSync(path.join(dir, 'cdk.out', 'manifest.json'), 'not json');
    const { code, report } = await scanJson(dir);
    assert.equal(code, 0);
    assert.ok(
      report.errors.some((e) => e.file === 'cdk.out' && /^the cloud assembly cannot be read: manifest\.json is not/.test(e.message)),
    );
    assert.ok(!report.findings.some((f) => f.ruleId === 'db-not-publicly-accessible'));
    one(report, 'sqs-queue-encrypted', 'lib/main-stack.ts');
  });

  it('scans as before when the app was never synthesized', async () => {
    const dir = app('ts-app');
    fs.rmSync(path.join(dir, 'cdk.out'), { recursive: true });
    const { report } = await scanJson(dir);
    assert.deepEqual(report.errors, []);
    assert.deepEqual(
      report.findings.map((f) => `${f.ruleId} ${f.file}`).sort(),
      [
        'sqs-queue-encrypted lib/main-stack.ts',
        's3-bucket-access-logging lib/main-stack.ts',
        'kms-key-rotation-enabled lib/main-stack.ts',
        'vpc-flow-logs-enabled lib/main-stack.ts',
        'elb-access-logging lib/main-stack.ts',
        'elbv2-listener-https lib/main-stack.ts',
        's3-bucket-access-logging lib/archive.ts',
      ].sort(),
    );
  });

  it('marks findings from a synth older than the source', async () => {
    const dir = app('ts-app');
    const file = path.join(dir, 'lib', 'main-stack.ts');
    const later = Date.now() / 1000 + 60;
    fs.utimesSync(file, later, later);
    const { report } = await scanJson(dir);
    assert.match(
      one(report, 'db-not-publicly-accessible', 'lib/main-stack.ts').message,
      /from the last synth: the source changed since\)$/,
    );
  });
});
