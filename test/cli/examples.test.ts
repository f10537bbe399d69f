import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { buildOnce, ROOT, runCli } from './helpers';

interface Expected {
  file: string;
  ruleId: string;
  resource?: string | null;
}

const EXAMPLES = path.join(ROOT, 'examples');
const EXPECTED = path.join(EXAMPLES, 'expected.json');

describe('cli: parapet scan --format json examples/', function () {
  this.timeout(60_000);

  it('reports every finding examples/expected.json lists', async function () {
    if (!fs.existsSync(EXPECTED)) this.skip();
    buildOnce();
    const expected = JSON.parse(fs.readFileSync(EXPECTED, 'utf8')) as Expected[];
    assert.ok(Array.isArray(expected) && expected.length > 0, 'expected.json lists findings');
    const r = await runCli(['scan', '--format', 'json', 'examples'], ROOT);
    assert.notEqual(r.code, 2, r.stderr);
    const report = JSON.parse(r.stdout) as { files: number; findings: { file: string; ruleId: string; resource: string | null }[] };
    // expected.json names files relative to examples/; the report names them relative to the working directory.
    const found = report.findings.map((f) => ({ file: f.file.replace(/^examples\//, ''), ruleId: f.ruleId, resource: f.resource }));
    const missing = expected.filter(
      (e) =>
        !found.some(
          (f) =>
            f.file === e.file.replace(/^examples\//, '') &&
            f.ruleId === e.ruleId &&
            (e.resource === undefined || e.resource === null || f.resource === e.resource),
        ),
    );
    assert.deepEqual(missing, [], `not reported: ${JSON.stringify(missing)}`);
    assert.ok(report.files > 0);
  });
});
