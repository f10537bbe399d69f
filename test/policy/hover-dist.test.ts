import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { hoversAt } from '../../core/hover';
import '../../rules';
import { doc, offsetOf } from './helpers';

const ROOT = path.resolve(__dirname, __dirname.includes(`${path.sep}out${path.sep}`) ? '../../..' : '../..');

describe('policy: hover on actions', () => {
  const text =
    'Version: "2012-10-17"\nStatement:\n  - Effect: Allow\n    Action: [iam:PassRole, "iam:*Policy*", s3:Nope]\n    Resource: "*"\n';
  const d = doc('h.policy.yaml', text);

  it('an action shows its access level, description and resource types', () => {
    const [h] = hoversAt(d, offsetOf(text, 'PassRole'));
    assert.ok(h, 'no hover');
    assert.match(h.markdown, /\*\*iam:PassRole\*\*/);
    assert.match(h.markdown, /Access level: \*\*Write\*\*/);
    assert.match(h.markdown, /pass a role/);
    assert.match(h.markdown, /`role`/);
    assert.equal(text.slice(h.start, h.end), 'iam:PassRole');
  });

  it('a wildcard shows how many actions it matches, permissions management first', () => {
    const [h] = hoversAt(d, offsetOf(text, '*Policy*'));
    assert.match(h.markdown, /matches \*\*\d+\*\* actions/);
    const first = /Most sensitive:\n- `([^`]+)` \(([^)]+)\)/.exec(h.markdown);
    assert.equal(first?.[2], 'Permissions management');
  });

  it('nothing for unknown actions or outside actions', () => {
    assert.deepEqual(hoversAt(d, offsetOf(text, 's3:Nope')), []);
    assert.deepEqual(hoversAt(d, offsetOf(text, 'Effect')), []);
  });
});

// The bundle must find the action catalogue beside itself, with no node_modules around.
describe('policy: the bundled CLI reads the catalogue offline', function () {
  const cli = path.join(ROOT, 'dist', 'cli.js');
  const data = path.join(ROOT, 'dist', 'iam-data');
  before(function () {
    if (!fs.existsSync(cli) || !fs.existsSync(data)) {
      console.log('    skipped: dist/ not built (npm run build)');
      this.skip();
    }
  });

  it('flags a misspelt action from a copy of dist/ outside the repository', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parapet-dist-'));
    try {
      fs.copyFileSync(cli, path.join(dir, 'cli.js'));
      fs.cpSync(data, path.join(dir, 'iam-data'), { recursive: true });
      const policy = path.join(dir, 'p.policy.json');
      fs.writeFileSync(
        policy,
        JSON.stringify({
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Action: ['s3:GetObjekt', 's3:*'], Resource: 'arn:aws:s3:::b/*' }],
        }),
      );
      const run = spawnSync(process.execPath, [path.join(dir, 'cli.js'), 'scan', policy, '--format', 'json', '--fail-on', 'never'], {
        cwd: dir,
        encoding: 'utf8',
        timeout: 60_000,
      });
      assert.equal(run.status, 0, run.stderr);
      const out = JSON.parse(run.stdout) as { findings: { ruleId: string; message: string }[] };
      const ids = out.findings.map((f) => f.ruleId);
      assert.ok(ids.includes('iam-policy-valid-actions'), run.stdout);
      assert.ok(ids.includes('iam-no-wildcard-action'), run.stdout);
      assert.match(out.findings.find((f) => f.ruleId === 'iam-policy-valid-actions')!.message, /s3:GetObject/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
