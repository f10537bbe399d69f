import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { parseArgs, UsageError } from '../../cli/args';
import { findingKey, normalisedLine, withOrdinals } from '../../cli/fingerprint';
import { buildOnce, removeTemps, ROOT, ROTATION_OFF, runCli, tempTree, USER_ONLY } from './helpers';

interface SarifResult {
  ruleId: string;
  ruleIndex?: number;
  partialFingerprints: Record<string, string>;
  baselineState?: string;
  suppressions?: { kind: string; justification: string; properties: { source: string } }[];
  properties: { resource?: string };
}
interface Sarif {
  runs: { tool: { driver: { rules: { id: string }[] } }; results: SarifResult[] }[];
}

const TWO_USERS = `Resources:
  Alice:
    Type: AWS::IAM::User
  Bob:
    Type: AWS::IAM::User
`;

async function sarif(dir: string, extra: string[] = []): Promise<SarifResult[]> {
  const r = await runCli(['scan', '.', '--format', 'sarif', '--fail-on', 'never', ...extra], dir);
  assert.equal(r.code, 0, r.stderr);
  const log = JSON.parse(r.stdout) as Sarif;
  return log.runs[0].results;
}

const printOf = (res: SarifResult[], rule: string, resource: string): string | undefined =>
  res.find((r) => r.ruleId === rule && r.properties.resource === resource)?.partialFingerprints['parapetFindingHash/v2'];

describe('cli: baseline, fingerprints and suppressions for CI', function () {
  this.timeout(60_000);
  before(() => buildOnce());
  after(() => removeTemps());

  describe('argument parsing', () => {
    it('reads baseline, suppressions and scan --baseline', () => {
      assert.deepEqual(parseArgs(['baseline']), {
        command: 'baseline',
        paths: ['.'],
        output: '.parapet-baseline.json',
        profile: 'recommended',
        jobs: 0,
      });
      assert.deepEqual(parseArgs(['baseline', 'infra', '-o', 'b.json', '--profile', 'strict']), {
        command: 'baseline',
        paths: ['infra'],
        output: 'b.json',
        profile: 'strict',
        jobs: 0,
      });
      assert.deepEqual(parseArgs(['suppressions', 'a', '--format=json']), {
        command: 'suppressions',
        paths: ['a'],
        format: 'json',
        output: undefined,
      });
      const scan = parseArgs(['scan', '--baseline', 'b.json']);
      assert.equal(scan.command === 'scan' && scan.baseline, 'b.json');
      const plain = parseArgs(['scan']);
      assert.equal(plain.command === 'scan' && plain.baseline, undefined);
    });

    for (const args of [
      ['rules', '--baseline', 'b.json'],
      ['baseline', '--baseline', 'b.json'],
      ['baseline', '--format', 'json'],
      ['suppressions', '--format', 'sarif'],
      ['suppressions', '--fail-on', 'error'],
      ['scan', '--baseline'],
    ]) {
      it(`refuses ${JSON.stringify(args)}`, () => {
        assert.throws(() => parseArgs(args), UsageError);
      });
    }
  });

  describe('fingerprints', () => {
    it('key on rule, file, resource and the normalised line, not on its position', () => {
      assert.equal(normalisedLine('   "EnableKeyRotation":   false,  '), '"EnableKeyRotation": false');
      const k = findingKey('r', 'a.yaml', 'Key', '  EnableKeyRotation: false');
      assert.equal(k, findingKey('r', 'a.yaml', 'Key', 'EnableKeyRotation: false   '));
      for (const other of [
        findingKey('s', 'a.yaml', 'Key', 'EnableKeyRotation: false'),
        findingKey('r', 'b.yaml', 'Key', 'EnableKeyRotation: false'),
        findingKey('r', 'a.yaml', 'Key2', 'EnableKeyRotation: false'),
        findingKey('r', 'a.yaml', 'Key', 'EnableKeyRotation: true'),
      ])
        assert.notEqual(other, k);
      assert.deepEqual(withOrdinals(['x', 'y', 'x']), ['x:1', 'y:1', 'x:2']);
    });

    it('SARIF partialFingerprints stay equal when lines are inserted above the findings', async () => {
      const dir = tempTree({ 't.yaml': TWO_USERS, 'k.yaml': ROTATION_OFF });
      const before = await sarif(dir);
      fs.writeFileSync(
        path.join(dir, 't.yaml'),
        `# owned by the platform team\n\n${TWO_USERS.replace('  Bob:', '  # the second user\n  Bob:')}`,
      );
      fs.writeFileSync(path.join(dir, 'k.yaml'), ROTATION_OFF.replace('Resources:', 'Description: keys\nResources:'));
      const after = await sarif(dir);
      assert.ok(before.length >= 3);
      assert.equal(after.length, before.length);
      for (const [rule, res] of [
        ['iam-no-user', 'Alice'],
        ['iam-no-user', 'Bob'],
        ['kms-key-rotation-enabled', 'DataKey'],
      ]) {
        const p = printOf(before, rule, res);
        assert.ok(p, `${rule} ${res}`);
        assert.equal(printOf(after, rule, res), p, `${rule} ${res}`);
      }
      assert.notEqual(printOf(before, 'iam-no-user', 'Alice'), printOf(before, 'iam-no-user', 'Bob'));
    });
  });

  describe('parapet baseline and scan --baseline', () => {
    it('reports only the findings the baseline does not hold, after unrelated edits', async () => {
      const dir = tempTree({ 't.yaml': USER_ONLY });
      const w = await runCli(['baseline'], dir);
      assert.equal(w.code, 0, w.stderr);
      assert.match(w.stderr, /\d+ findings written to \.parapet-baseline\.json/);
      const base = JSON.parse(fs.readFileSync(path.join(dir, '.parapet-baseline.json'), 'utf8')) as {
        version: number;
        findings: { ruleId: string; fingerprint: string }[];
      };
      assert.equal(base.version, 1);
      assert.ok(base.findings.some((f) => f.ruleId === 'iam-no-user'));
      const held = base.findings.length;
      assert.match(base.findings[0].fingerprint, /^[0-9a-f]{32}:1$/);

      const clean = await runCli(['scan', 't.yaml', '--baseline', '.parapet-baseline.json', '--fail-on', 'warning'], dir);
      assert.equal(clean.code, 0, clean.stdout);
      assert.ok(
        clean.stdout.includes(`0 findings in 1 file scanned; ${held} finding${held === 1 ? '' : 's'} in the baseline not shown`),
        clean.stdout,
      );

      // Lines move and a second user arrives: only the new user is reported.
      fs.writeFileSync(
        path.join(dir, 't.yaml'),
        USER_ONLY.replace('Resources:', 'Description: users\nResources:') + '  OtherUser:\n    Type: AWS::IAM::User\n',
      );
      const r = await runCli(['scan', 't.yaml', '--baseline', '.parapet-baseline.json', '--format', 'json', '--fail-on', 'warning'], dir);
      assert.equal(r.code, 1);
      const out = JSON.parse(r.stdout) as { findings: { ruleId: string; resource: string }[]; baselined: number };
      assert.deepEqual(
        out.findings.filter((f) => f.ruleId === 'iam-no-user').map((f) => `${f.ruleId}:${f.resource}`),
        ['iam-no-user:OtherUser'],
      );
      assert.ok(out.findings.every((f) => f.resource === 'OtherUser'));
      assert.equal(out.baselined, held);
      const s = await sarif(dir, ['--baseline', '.parapet-baseline.json']);
      assert.ok(s.some((x) => x.ruleId === 'iam-no-user'));
      assert.ok(s.every((x) => x.properties.resource === 'OtherUser' && x.baselineState === 'new'));
    });

    it('the same finding in another file is new', async () => {
      const one = 'Resources:\n  Pair:\n    Type: AWS::IAM::User\n';
      const dir = tempTree({ 'a.yaml': one, 'b.yaml': one });
      assert.equal((await runCli(['baseline', 'a.yaml', '-o', 'base.json'], dir)).code, 0);
      const r = await runCli(['scan', 'a.yaml', 'b.yaml', '--baseline', 'base.json', '--format', 'json'], dir);
      const out = JSON.parse(r.stdout) as { findings: { file: string; ruleId: string }[] };
      assert.deepEqual(
        out.findings.filter((f) => f.ruleId === 'iam-no-user').map((f) => `${f.file}:${f.ruleId}`),
        ['b.yaml:iam-no-user'],
        'the same user in another file is new',
      );
      assert.ok(out.findings.every((f) => f.file === 'b.yaml'));
    });

    for (const [name, content] of [
      ['missing', undefined],
      ['not JSON', '{'],
      ['another format', '{"version": 7, "findings": []}'],
    ] as const) {
      it(`exits 2 on a baseline that is ${name}`, async () => {
        const dir = tempTree({ 't.yaml': USER_ONLY, ...(content !== undefined ? { 'b.json': content } : {}) });
        const r = await runCli(['scan', 't.yaml', '--baseline', 'b.json'], dir);
        assert.equal(r.code, 2);
        assert.equal(r.stdout, '');
        assert.match(r.stderr, /^parapet: .*baseline b\.json/);
      });
    }
  });

  describe('suppressions', () => {
    const template = `Resources:
  # parapet-ignore iam-no-user: break-glass account, reviewed in SEC-12
  Alice:
    Type: AWS::IAM::User
  # parapet-ignore iam-no-user: migration account (until 2001-01-31)
  Bob:
    Type: AWS::IAM::User
  # parapet-ignore iam-no-user: TODO
  Carol:
    Type: AWS::IAM::User
  Db:
    Type: AWS::RDS::DBInstance
    Metadata:
      cfn_nag:
        rules_to_suppress:
          - id: F27
            reason: scratch database (until 2999-12-31)
    Properties:
      Engine: postgres
`;

    it('SARIF lists suppressed findings with an inSource suppression and its reason', async () => {
      const dir = tempTree({ 't.yaml': template });
      const res = await sarif(dir);
      const alice = res.find((r) => r.ruleId === 'iam-no-user' && r.properties.resource === 'Alice');
      assert.deepEqual(alice?.suppressions, [
        { kind: 'inSource', justification: 'break-glass account, reviewed in SEC-12', properties: { source: 'parapet comment' } },
      ]);
      const db = res.find((r) => r.ruleId === 'rds-storage-encrypted');
      assert.deepEqual(db?.suppressions, [{ kind: 'inSource', justification: 'scratch database', properties: { source: 'cfn_nag' } }]);
      const bob = res.find((r) => r.ruleId === 'iam-no-user' && r.properties.resource === 'Bob');
      assert.ok(bob && !bob.suppressions, 'an expired suppression is not honoured');
      assert.ok(!res.find((r) => r.ruleId === 'iam-no-user' && r.properties.resource === 'Carol')?.suppressions);
    });

    it('an expired suppression is a finding of its own, naming the rule and the date', async () => {
      const dir = tempTree({ 't.yaml': template });
      const r = await runCli(['scan', '.', '--format', 'json', '--fail-on', 'never'], dir);
      const out = JSON.parse(r.stdout) as {
        findings: { ruleId: string; category: string; range: { start: { line: number } }; message: string; resource: string | null }[];
      };
      const expired = out.findings.filter((f) => f.ruleId === 'suppression-expired');
      assert.equal(expired.length, 1);
      assert.equal(expired[0].range.start.line, 4);
      assert.equal(expired[0].category, 'long-term-credentials');
      assert.match(expired[0].message, /iam-no-user expired on 2001-01-31/);
      assert.deepEqual(
        out.findings.filter((f) => f.ruleId === 'iam-no-user').map((f) => f.resource),
        ['Bob', 'Carol'],
      );
      const s = await sarif(dir);
      const hit = s.find((x) => x.ruleId === 'suppression-expired');
      const log = JSON.parse((await runCli(['scan', '.', '--format', 'sarif', '--fail-on', 'never'], dir)).stdout) as Sarif;
      assert.equal(log.runs[0].tool.driver.rules[hit!.ruleIndex!].id, 'suppression-expired');
    });

    it('parapet suppressions lists each one with reason, expiry, source and status (text and JSON)', async () => {
      const dir = tempTree({
        'infra/t.yaml': template,
        'clean.yaml': 'Resources:\n  H:\n    Type: AWS::CloudFormation::WaitConditionHandle\n',
      });
      const j = await runCli(['suppressions', '--format', 'json'], dir);
      assert.equal(j.code, 0, j.stderr);
      const out = JSON.parse(j.stdout) as { files: number; suppressions: Record<string, unknown>[] };
      assert.equal(out.files, 2);
      assert.deepEqual(out.suppressions, [
        {
          file: 'infra/t.yaml',
          line: 2,
          rule: 'iam-no-user',
          covers: ['iam-no-user'],
          reason: 'break-glass account, reviewed in SEC-12',
          until: null,
          source: 'parapet comment',
          scope: 'line 3',
          status: 'active',
        },
        {
          file: 'infra/t.yaml',
          line: 5,
          rule: 'iam-no-user',
          covers: ['iam-no-user'],
          reason: 'migration account',
          until: '2001-01-31',
          source: 'parapet comment',
          scope: 'line 6',
          status: 'expired',
        },
        {
          file: 'infra/t.yaml',
          line: 8,
          rule: 'iam-no-user',
          covers: ['iam-no-user'],
          reason: null,
          until: null,
          source: 'parapet comment',
          scope: 'line 8',
          status: 'not honoured',
        },
        {
          file: 'infra/t.yaml',
          line: 16,
          rule: 'F27',
          covers: ['rds-storage-encrypted'],
          reason: 'scratch database',
          until: '2999-12-31',
          source: 'cfn_nag',
          scope: 'resource Db',
          status: 'active',
        },
      ]);
      const t = await runCli(['suppressions'], dir);
      assert.equal(t.code, 0);
      const lines = t.stdout.trimEnd().split('\n');
      assert.equal(lines[1], 'infra/t.yaml:5 expired until 2001-01-31 parapet comment iam-no-user on line 6: migration account');
      assert.equal(
        lines[3],
        'infra/t.yaml:16 active until 2999-12-31 cfn_nag F27 (rds-storage-encrypted) on resource Db: scratch database',
      );
      assert.equal(lines.at(-1), '4 suppressions in 2 files scanned: 2 active, 1 expired, 1 not honoured');
    });
  });

  describe('pre-commit hook', () => {
    it('runs parapet scan from the npm package, which holds the CLI bundle and what it reads', () => {
      const hooks = parseYaml(fs.readFileSync(path.join(ROOT, '.pre-commit-hooks.yaml'), 'utf8')) as Record<string, unknown>[];
      const hook = hooks.find((h) => h.id === 'parapet');
      assert.ok(hook);
      assert.equal(hook.language, 'node');
      assert.equal(hook.entry, 'parapet scan');
      const files = new RegExp(String(hook.files));
      for (const f of ['infra/a.yaml', 'b.yml', 'c.json', 'd.template', 'lib/stack.ts', 'app.py']) assert.ok(files.test(f), f);
      assert.ok(!files.test('README.md'));
      const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
        bin: Record<string, string>;
        scripts: Record<string, string>;
      };
      assert.equal(pkg.bin.parapet, './dist/cli.js');
      // pre-commit installs the hook with `npm pack`: the bundle is built then, and the package lists it.
      assert.match(pkg.scripts.prepack, /npm run build/);
      const pack = spawnSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
      assert.equal(pack.status, 0, pack.stderr);
      const listed = new Set((JSON.parse(pack.stdout) as { files: { path: string }[] }[])[0].files.map((f) => f.path));
      for (const f of ['dist/cli.js', 'dist/typescript.js', 'dist/web-tree-sitter.wasm', 'dist/tree-sitter-python.wasm', 'package.json'])
        assert.ok(listed.has(f), f);
      assert.ok(
        [...listed].some((f) => f.startsWith('dist/iam-data/')),
        'the action catalogue',
      );
      for (const f of listed) assert.ok(/^(dist\/|package\.json$|README\.md$|LICENSE$|CHANGELOG\.md$)/.test(f) && !f.endsWith('.map'), f);
    });
  });
});
