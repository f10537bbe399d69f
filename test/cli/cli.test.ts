import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  buildOnce,
  CLEAN,
  IMDS_BAD,
  IMDS_BAD_JSON,
  MALFORMED,
  positionOf,
  removeTemps,
  ROOT,
  ROTATION_OFF,
  ROTATION_OFF_JSON,
  runCli,
  tempTree,
  USER_ONLY,
} from './helpers';

interface JsonReport {
  version: number;
  files: number;
  findings: {
    ruleId: string;
    category: string;
    severity: string;
    file: string;
    range: { start: { line: number; character: number }; end: { line: number; character: number } };
    resource: string | null;
    message: string;
  }[];
  errors: { file: string; message: string }[];
}

/** A recommended finding (an unencrypted queue) beside two strict-only ones (an unstated SSE-SQS default, Lambda's own key). */
const STRICT_ONLY = `Resources:
  Plain:
    Type: AWS::SQS::Queue
    Properties:
      SqsManagedSseEnabled: false
  Unstated:
    Type: AWS::SQS::Queue
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Runtime: python3.12
      Handler: index.handler
      Role: arn:aws:iam::111122223333:role/fn
      Code: { ZipFile: 'def handler(e, c): return e' }
      Environment:
        Variables:
          STAGE: prod
`;

function parseReport(stdout: string): JsonReport {
  return JSON.parse(stdout) as JsonReport;
}

describe('cli: parapet (bundled dist/cli.js)', function () {
  this.timeout(60_000);
  before(() => buildOnce());
  after(() => removeTemps());

  describe('commands and usage', () => {
    it('--help prints the usage and exits 0', async () => {
      const r = await runCli(['--help'], ROOT);
      assert.equal(r.code, 0);
      assert.match(r.stdout, /parapet <command>/);
      assert.match(r.stdout, /--fail-on/);
    });

    it('--version prints the package version', async () => {
      const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };
      const r = await runCli(['--version'], ROOT);
      assert.equal(r.code, 0);
      assert.equal(r.stdout.trim(), pkg.version);
    });

    it('rules lists the catalogue, as text and JSON', async () => {
      const text = await runCli(['rules'], ROOT);
      assert.equal(text.code, 0);
      assert.match(text.stdout, /^ec2-imdsv2-required\s+instance-metadata\s+error\s+recommended\s+suggestion\s+/m);
      assert.match(text.stdout, /^lambda-environment-kms-key\s+encryption-at-rest\s+info\s+strict\s+suggestion\s+/m);
      const json = await runCli(['rules', '--format', 'json'], ROOT);
      const list = JSON.parse(json.stdout) as { id: string; category: string; fix: boolean }[];
      const imds = list.find((r) => r.id === 'ec2-imdsv2-required');
      assert.deepEqual(imds && { category: imds.category, fix: imds.fix }, { category: 'instance-metadata', fix: true });
      assert.equal((list as { id: string; profile?: string }[]).find((r) => r.id === 'sns-topic-encrypted')?.profile, 'strict');
      assert.ok(list.some((r) => r.id === 'iam-no-user'));
    });

    for (const args of [
      ['scan', '--bogus'],
      ['scan', '--format', 'xml'],
      ['scan', '--fail-on', 'sometimes'],
      ['scan', '--profile', 'paranoid'],
      ['rules', '--profile', 'strict'],
      ['scan', '--output'],
      ['deploy'],
      [],
    ]) {
      it(`exits 2 on a usage error: ${JSON.stringify(args)}`, async () => {
        const dir = tempTree({ 'a.yaml': IMDS_BAD });
        const r = await runCli(args, dir);
        assert.equal(r.code, 2);
        assert.equal(r.stdout, '');
        assert.match(r.stderr, /^parapet: .+\nRun 'parapet --help' for usage\.\n$/);
      });
    }

    it('--profile strict adds the strict rules and strict-only findings; recommended is the default', async () => {
      const dir = tempTree({ 'a.yaml': STRICT_ONLY });
      const ids = async (extra: string[]): Promise<string[]> => {
        const r = await runCli(['scan', '--format', 'json', '--fail-on', 'never', ...extra, 'a.yaml'], dir);
        assert.equal(r.code, 0, r.stderr);
        const mine = parseReport(r.stdout).findings.filter((f) => f.ruleId !== 'sqs-queue-enforce-tls');
        return mine.map((f) => `${f.ruleId}@${f.resource}`);
      };
      const byDefault = await ids([]);
      assert.deepEqual(await ids(['--profile', 'recommended']), byDefault);
      // The explicit SqsManagedSseEnabled: false stays; the unstated queue and the Lambda key are strict-only.
      assert.deepEqual(byDefault, ['sqs-queue-encrypted@Plain']);
      assert.deepEqual((await ids(['--profile=strict'])).sort(), [
        'lambda-environment-kms-key@Fn',
        'sqs-queue-encrypted@Plain',
        'sqs-queue-encrypted@Unstated',
      ]);
    });

    it('exits 2 on a missing path, still reporting the other paths', async () => {
      const dir = tempTree({ 'a.yaml': IMDS_BAD });
      const r = await runCli(['scan', 'a.yaml', 'nowhere.yaml', '--format', 'json'], dir);
      assert.equal(r.code, 2);
      const rep = parseReport(r.stdout);
      assert.deepEqual(rep.errors, [{ file: 'nowhere.yaml', message: 'no such file or directory' }]);
      assert.equal(rep.files, 1);
      assert.ok(rep.findings.some((f) => f.ruleId === 'ec2-imdsv2-required'));
    });
  });

  describe('formats', () => {
    it('JSON has exactly the documented shape, with 0-based positions', async () => {
      const dir = tempTree({ 'templates/lt.yaml': IMDS_BAD, 'templates/lt.json': IMDS_BAD_JSON });
      const r = await runCli(['scan', '--format', 'json'], dir);
      assert.equal(r.code, 1);
      const rep = parseReport(r.stdout);
      assert.deepEqual(Object.keys(rep), ['version', 'files', 'findings', 'errors']);
      assert.equal(rep.version, 1);
      assert.equal(rep.files, 2);
      assert.deepEqual(rep.errors, []);
      const yaml = rep.findings.find((f) => f.file === 'templates/lt.yaml' && f.ruleId === 'ec2-imdsv2-required');
      assert.ok(yaml, 'finding in the YAML template');
      assert.deepEqual(Object.keys(yaml), ['ruleId', 'category', 'severity', 'file', 'range', 'resource', 'message']);
      assert.deepEqual(Object.keys(yaml.range), ['start', 'end']);
      assert.deepEqual(Object.keys(yaml.range.start), ['line', 'character']);
      const at = positionOf(IMDS_BAD, 'WebLaunchTemplate:');
      assert.deepEqual(yaml.range.start, at);
      assert.deepEqual(yaml.range.end, { line: at.line, character: at.character + 'WebLaunchTemplate'.length });
      assert.equal(yaml.category, 'instance-metadata');
      assert.equal(yaml.severity, 'error');
      assert.equal(yaml.resource, 'WebLaunchTemplate');
      assert.ok(!yaml.message.includes('ec2-imdsv2-required'), 'the rule id is not in the message');
      const json = rep.findings.find((f) => f.file === 'templates/lt.json' && f.ruleId === 'ec2-imdsv2-required');
      assert.ok(json, 'finding in the JSON template');
      assert.deepEqual(json.range.start, positionOf(IMDS_BAD_JSON, '"JsonLaunchTemplate"'));
      // Sorted by file: lt.json before lt.yaml.
      assert.ok(rep.findings.indexOf(json) < rep.findings.indexOf(yaml));
    });

    it('text prints 1-based file:line:col severity ruleId message lines and a summary', async () => {
      const dir = tempTree({ 'lt.yaml': IMDS_BAD, 'user.yaml': USER_ONLY });
      const r = await runCli(['scan', '.'], dir);
      assert.equal(r.code, 1);
      const at = positionOf(IMDS_BAD, 'WebLaunchTemplate:');
      const lines = r.stdout.split('\n');
      assert.ok(
        lines.some((l) =>
          l.startsWith(`lt.yaml:${at.line + 1}:${at.character + 1} error ec2-imdsv2-required WebLaunchTemplate: IMDSv1 is allowed`),
        ),
        r.stdout,
      );
      const u = positionOf(USER_ONLY, 'DeployUser:');
      assert.ok(
        lines.some((l) => l.startsWith(`user.yaml:${u.line + 1}:${u.character + 1} warning iam-no-user `)),
        r.stdout,
      );
      // Other rules may add findings as the catalogue grows; the summary's shape is what matters here.
      assert.match(r.stdout, /\n\d+ findings \(\d+ errors?, \d+ warnings?(, \d+ info)?(, \d+ hints?)?\) in 2 files scanned\n$/);
    });

    it('--output writes the report to a file and nothing to stdout', async () => {
      const dir = tempTree({ 'lt.yaml': IMDS_BAD });
      const r = await runCli(['scan', '--format', 'json', '--output', 'report.json'], dir);
      assert.equal(r.code, 1);
      assert.equal(r.stdout, '');
      const rep = parseReport(fs.readFileSync(path.join(dir, 'report.json'), 'utf8'));
      assert.equal(rep.findings[0].ruleId, 'ec2-imdsv2-required');
    });

    it('--output to a path that cannot be written exits 2', async () => {
      const dir = tempTree({ 'lt.yaml': IMDS_BAD, 'taken/.keep': '' });
      const r = await runCli(['scan', 'lt.yaml', '--output', 'taken'], dir);
      assert.equal(r.code, 2);
      assert.match(r.stderr, /cannot write taken/);
    });
  });

  describe('exit codes and --fail-on', () => {
    const cases: [string, Record<string, string>, string[], number][] = [
      ['clean template, default', { 'ok.yaml': CLEAN }, [], 0],
      ['error finding, default (error)', { 'lt.yaml': IMDS_BAD }, [], 1],
      ['error finding, --fail-on never', { 'lt.yaml': IMDS_BAD }, ['--fail-on', 'never'], 0],
      ['warning only, default (error)', { 'u.yaml': USER_ONLY }, [], 0],
      ['warning only, --fail-on warning', { 'u.yaml': USER_ONLY }, ['--fail-on', 'warning'], 1],
      ['warning only, --fail-on=warning', { 'u.yaml': USER_ONLY }, ['--fail-on=warning'], 1],
      ['error finding, --fail-on warning', { 'lt.yaml': IMDS_BAD }, ['--fail-on', 'warning'], 1],
    ];
    for (const [name, files, extra, code] of cases) {
      it(`${name} → ${code}`, async () => {
        const dir = tempTree(files);
        const r = await runCli(['scan', ...extra], dir);
        assert.equal(r.code, code, r.stdout + r.stderr);
      });
    }
  });

  describe('folder walking', () => {
    it('skips node_modules, .git, cdk.out, .aws-sam and oversized files, reporting each skip', async () => {
      const big = `${IMDS_BAD}#${'x'.repeat(5 * 1024 * 1024 + 10)}\n`;
      const dir = tempTree({
        'app/lt.yaml': IMDS_BAD,
        'node_modules/pkg/template.yaml': IMDS_BAD,
        '.git/objects/t.yaml': IMDS_BAD,
        'cdk.out/Stack.template.json': IMDS_BAD_JSON,
        '.aws-sam/build/template.yaml': IMDS_BAD,
        'huge.yaml': big,
        'notes.txt': IMDS_BAD,
        'package.json': '{ "name": "not-a-template" }',
      });
      const r = await runCli(['scan', '--format', 'json'], dir);
      const rep = parseReport(r.stdout);
      assert.deepEqual(
        rep.findings.map((f) => f.file),
        ['app/lt.yaml'],
      );
      assert.equal(rep.files, 1, 'package.json is left alone and not counted; notes.txt is not a candidate');
      assert.deepEqual(rep.errors, [
        { file: '.aws-sam', message: 'skipped: .aws-sam folder' },
        { file: '.git', message: 'skipped: .git folder' },
        { file: 'cdk.out', message: 'skipped: cdk.out folder' },
        { file: 'huge.yaml', message: 'skipped: larger than 5 MB' },
        { file: 'node_modules', message: 'skipped: node_modules folder' },
      ]);
      assert.equal(r.code, 1, 'skips are reported but do not make the scan fail');
    });

    it('reports unreadable entries (dangling link, link to itself, link loop) and goes on', async () => {
      const dir = tempTree({ 'a/lt.yaml': IMDS_BAD });
      fs.symlinkSync(path.join(dir, 'missing.yaml'), path.join(dir, 'a', 'dangling.yaml'));
      fs.symlinkSync('self.yaml', path.join(dir, 'a', 'self.yaml'));
      fs.symlinkSync('..', path.join(dir, 'a', 'up'));
      const r = await runCli(['scan', '--format', 'json'], dir);
      const rep = parseReport(r.stdout);
      assert.equal(r.code, 1);
      assert.deepEqual(
        rep.findings.map((f) => f.file),
        ['a/lt.yaml'],
      );
      assert.deepEqual(rep.errors, [
        { file: 'a/dangling.yaml', message: 'no such file or directory' },
        { file: 'a/self.yaml', message: 'too many levels of symbolic links' },
        { file: 'a/up', message: 'skipped: folder already scanned (symbolic link loop)' },
      ]);
    });

    it('a folder named like a template, given on the command line, is walked, not read', async () => {
      const dir = tempTree({ 'x.yaml/inner.yaml': IMDS_BAD });
      const r = await runCli(['scan', 'x.yaml', '--format', 'json'], dir);
      assert.deepEqual(
        parseReport(r.stdout).findings.map((f) => f.file),
        ['x.yaml/inner.yaml'],
      );
    });

    it('puts a malformed template into errors and scans the rest', async () => {
      const dir = tempTree({
        'bad.yaml': MALFORMED,
        'good.yaml': IMDS_BAD,
        'bad.json': '{ "AWSTemplateFormatVersion": "2010-09-09", "Resources": { "X": { "Type": "AWS::IAM::User" } }',
      });
      const r = await runCli(['scan', '--format', 'json'], dir);
      const rep = parseReport(r.stdout);
      assert.equal(r.code, 1);
      assert.ok(rep.findings.some((f) => f.file === 'good.yaml'));
      const bad = rep.errors.filter((e) => e.file === 'bad.yaml');
      assert.ok(bad.length >= 1, JSON.stringify(rep.errors));
      assert.match(bad[0].message, /^\d+:\d+ YAML syntax error: .*\(parse-error\)$/);
      assert.ok(
        rep.errors.some((e) => e.file === 'bad.json' && /JSON syntax error/.test(e.message)),
        JSON.stringify(rep.errors),
      );
    });

    it('gives the same report from the worker pool as in-process, sorted by file', async () => {
      const files: Record<string, string> = {};
      for (let i = 0; i < 120; i++) {
        const name = `t/${String(i).padStart(3, '0')}`;
        if (i % 3 === 0) files[`${name}-user.yaml`] = USER_ONLY;
        else if (i % 2) files[`${name}-lt.yaml`] = IMDS_BAD;
        else files[`${name}-lt.json`] = IMDS_BAD_JSON;
      }
      files['t/050-lt.json'] = MALFORMED;
      const dir = tempTree(files);
      const pooled = await runCli(['scan', '--format', 'json', '--jobs', '2'], dir);
      const single = await runCli(['scan', '--format', 'json', '--jobs', '1'], dir);
      const auto = await runCli(['scan', '--format', 'json'], dir);
      assert.equal(pooled.stdout, single.stdout);
      assert.equal(auto.stdout, single.stdout);
      const rep = parseReport(single.stdout);
      assert.equal(rep.files, 120);
      const order = rep.findings.map((f) => f.file);
      assert.deepEqual(order, [...order].sort());
      const mine = rep.findings.filter((f) => f.ruleId === 'ec2-imdsv2-required' || f.ruleId === 'iam-no-user');
      assert.equal(mine.length, 119, 'one finding of these rules per template, none for the malformed one');
    });
  });

  describe('CDK sources', () => {
    it('analyses CDK Python (the grammar loads in-process and in each worker) and CDK TypeScript', async () => {
      const fixtures = path.join(ROOT, 'test', 'fixtures', 'rules', 'ebs-volume-encrypted');
      const dir = tempTree({
        'app/stack.py': fs.readFileSync(path.join(fixtures, 'bad.py'), 'utf8'),
        'app/stack.ts': fs.readFileSync(path.join(fixtures, 'bad.ts'), 'utf8'),
        'app/util.py': 'def helper():\n    return 1\n',
      });
      for (const jobs of ['1', '2']) {
        const rep = parseReport((await runCli(['scan', '--format', 'json', '--jobs', jobs], dir)).stdout);
        const files = rep.findings
          .filter((f) => f.ruleId === 'ebs-volume-encrypted')
          .map((f) => f.file)
          .sort();
        assert.deepEqual(files, ['app/stack.py', 'app/stack.ts'], `--jobs ${jobs}`);
        assert.equal(rep.files, 2, 'util.py is not CDK: left alone and not counted');
        assert.deepEqual(rep.errors, []);
      }
    });
  });

  describe('secrets', () => {
    it('never echoes a secret value in text, JSON or SARIF output', async () => {
      // Built at run time, so the repository itself holds no credential-shaped string.
      const secretKey = ['q8Fz3vL0pR7sT2uW9xY4', 'zA1bC6dE5fG8hJ0kL3mN'].join('');
      const password = ['Sup3rS3cret', 'Passw0rd!'].join('');
      const template = `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Runtime: nodejs20.x
      Handler: index.handler
      Role: arn:aws:iam::123456789012:role/x
      Code:
        ZipFile: exports.handler = async () => 1;
      Environment:
        Variables:
          AWS_SECRET_ACCESS_KEY: ${secretKey}
          DB_PASSWORD: ${password}
`;
      const dir = tempTree({ 'fn.yaml': template });
      for (const format of ['text', 'json', 'sarif']) {
        const r = await runCli(['scan', '--format', format], dir);
        assert.equal(r.code, 1, `${format}: the secrets are findings`);
        assert.ok(r.stdout.includes('fn.yaml'), `${format}: reports the file`);
        for (const secret of [secretKey, password]) {
          assert.ok(!r.stdout.includes(secret) && !r.stderr.includes(secret), `${format} output echoes a secret`);
        }
      }
    });
  });

  describe('--fix', () => {
    it('applies safe fixes in place, reports the count and what remains', async () => {
      const dir = tempTree({ 'key.yaml': ROTATION_OFF, 'u.yaml': USER_ONLY, 'key.json': ROTATION_OFF_JSON, 'lt.yaml': IMDS_BAD });
      const before = parseReport((await runCli(['scan', '--format', 'json'], dir)).stdout);
      const r = await runCli(['scan', '--fix'], dir);
      // Other rules' safe fixes may apply too as the catalogue grows: at least the two rotation fixes.
      const m = /; (\d+) fix(?:es)? applied in (\d+) files?\n$/.exec(r.stdout);
      assert.ok(m && Number(m[1]) >= 2 && Number(m[2]) >= 2, r.stdout);
      const fixed = fs.readFileSync(path.join(dir, 'key.yaml'), 'utf8');
      assert.equal(fixed, ROTATION_OFF.replace('EnableKeyRotation: false', 'EnableKeyRotation: true'), 'the rest of the file is kept');
      assert.match(fs.readFileSync(path.join(dir, 'key.json'), 'utf8'), /"EnableKeyRotation": true/);
      assert.doesNotMatch(r.stdout, /kms-key-rotation-enabled/);
      assert.match(r.stdout, /^u\.yaml:\d+:\d+ warning iam-no-user /m, 'a finding without a fix remains');
      // Requiring IMDSv2 is a suggestion (software may still call IMDSv1): --fix leaves it to the user.
      assert.equal(fs.readFileSync(path.join(dir, 'lt.yaml'), 'utf8'), IMDS_BAD);
      assert.match(r.stdout, /^lt\.yaml:\d+:\d+ error ec2-imdsv2-required /m, 'a finding whose fix is a suggestion remains');
      const after = parseReport((await runCli(['scan', '--format', 'json'], dir)).stdout);
      assert.deepEqual(
        after.findings.filter((f) => f.ruleId === 'kms-key-rotation-enabled'),
        [],
      );
      assert.equal(after.findings.filter((f) => f.ruleId === 'iam-no-user').length, 1);
      assert.equal(after.findings.filter((f) => f.ruleId === 'ec2-imdsv2-required').length, 1);
      assert.ok(after.findings.length < before.findings.length);
      assert.deepEqual(after.errors, [], 'every fixed file still parses');
    });
  });
});
