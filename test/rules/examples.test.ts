import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { initCdkPython } from '../../core/cdk/py-init';
import { analyze } from '../../core/engine';
import { rules } from '../../rules';
import { parseFile, ROOT } from './helpers';

const EXAMPLES = path.join(ROOT, 'examples');

interface Expected {
  file: string;
  ruleId: string;
  resource: string | null;
}

/** Every file under examples/, relative to it (the bundled workspace has no node_modules to skip). */
function files(dir = EXAMPLES): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? files(p) : [path.relative(EXAMPLES, p).split(path.sep).join('/')];
  });
}

// The bundled example workspace, through the in-process engine: what expected.json lists is found, other files are left alone.
describe('examples/ workspace', () => {
  const expected = JSON.parse(fs.readFileSync(path.join(EXAMPLES, 'expected.json'), 'utf8')) as Expected[];
  const all = files().filter((f) => f !== 'expected.json' && !f.endsWith('.md'));
  let results = new Map<string, ReturnType<typeof analyze>>();
  // The CDK Python example needs tree-sitter's wasm, loaded as the server and the CLI load it.
  before(async () => {
    await initCdkPython();
    results = new Map(all.map((f) => [f, analyze(parseFile(path.join(EXAMPLES, f)), rules)] as const));
  });

  it('lists expectations for files that exist', () => {
    assert.ok(expected.length > 0);
    assert.deepEqual(
      expected.filter((e) => !results.has(e.file)).map((e) => e.file),
      [],
    );
  });

  it('reports every expected finding', () => {
    const missing = expected.filter(
      (e) => !results.get(e.file)?.findings.some((f) => f.ruleId === e.ruleId && (e.resource === null || f.resource === e.resource)),
    );
    assert.deepEqual(missing, []);
  });

  it('covers each of the spine rules at least once', () => {
    const spine = [
      'iam-no-user',
      'iam-no-access-key',
      'ec2-imdsv2-required',
      'rds-storage-encrypted',
      'ebs-volume-encrypted',
      's3-bucket-enforce-tls',
      'elbv2-listener-https',
    ];
    assert.deepEqual(
      spine.filter((id) => !expected.some((e) => e.ruleId === id)),
      [],
    );
  });

  it('analyses every example without parse problems or rule errors', () => {
    for (const [f, res] of results) {
      assert.deepEqual(res.ruleErrors, [], f);
      assert.deepEqual(
        res.problems.filter((p) => p.severity === 'error'),
        [],
        f,
      );
    }
  });

  it('leaves the files in non-cfn/ alone', () => {
    const others = [...results].filter(([f]) => f.startsWith('non-cfn/'));
    assert.ok(others.length >= 2, 'a Kubernetes manifest and a docker-compose file');
    for (const [f, res] of others) {
      assert.equal(res.doc.kind, 'none', f);
      assert.deepEqual([res.findings.length, res.problems.length], [0, 0], f);
    }
  });
});
