import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { initCdkPython } from '../../core/cdk/py-init';
import { analyze } from '../../core/engine';
import { rules } from '../../rules';
import { FIXTURES, fixturePath, itWhenReady, parseFile, STRICT } from './helpers';
import { expectedSnapshot, snapshotPath } from './snapshot';

// Table-driven over the whole catalogue: every rule, every syntax it declares, its bad and good fixture.
describe('rule fixtures (every rule, every syntax)', () => {
  // CDK Python's parser is registered once tree-sitter's wasm is loaded: wait for it before the tests ask which syntaxes are ready.
  before(() => initCdkPython());
  for (const rule of rules) {
    const id = rule.meta.id;
    describe(id, () => {
      for (const syntax of rule.meta.syntaxes) {
        const bad = fixturePath(id, syntax, 'bad');
        const good = fixturePath(id, syntax, 'good');
        // Missing fixture files are the meta-test's business; here a missing file would only throw twice.
        const run = fs.existsSync(bad) && fs.existsSync(good) ? itWhenReady(syntax) : it.skip;

        run(`${syntax}: the bad fixture is flagged`, () => {
          const doc = parseFile(bad);
          assert.equal(
            doc.problems.filter((p) => p.severity === 'error').length,
            0,
            `bad fixture does not parse cleanly: ${JSON.stringify(doc.problems)}`,
          );
          assert.notEqual(doc.kind, 'none', 'bad fixture is not recognised as something Parapet analyses');
          const res = analyze(doc, [rule], STRICT);
          assert.deepEqual(res.ruleErrors, []);
          const mine = res.findings.filter((f) => f.ruleId === id);
          assert.ok(mine.length > 0, `no ${id} finding in ${bad}`);
          // Diagnostics carry the id as their code; the message is for people (docs/design.md).
          for (const f of mine) assert.ok(!f.message.includes(id), `the message repeats the rule id: ${f.message}`);
        });

        run(`${syntax}: the bad fixture's findings match its snapshot`, () => {
          const want = expectedSnapshot(rule, syntax)!;
          const have = fs.existsSync(want.file) ? fs.readFileSync(want.file, 'utf8') : '';
          // Compared as text so the assertion diff reads like the snapshot's own diff.
          assert.equal(have, want.text, `${want.file} is stale or missing: run npm run snapshots -- ${id}, and review the diff`);
        });

        run(`${syntax}: the good fixture is clean`, () => {
          const doc = parseFile(good);
          assert.equal(
            doc.problems.filter((p) => p.severity === 'error').length,
            0,
            `good fixture does not parse cleanly: ${JSON.stringify(doc.problems)}`,
          );
          assert.notEqual(doc.kind, 'none', 'good fixture is not recognised as something Parapet analyses');
          const res = analyze(doc, [rule], STRICT);
          assert.deepEqual(res.ruleErrors, []);
          const mine = res.findings.filter((f) => f.ruleId === id);
          assert.deepEqual(
            mine.map((f) => `${f.resource ?? '-'}@${f.range.start.line + 1}: ${f.message}`),
            [],
          );
        });
      }
    });
  }

  it('every snapshot belongs to a bad fixture of a syntax its rule serves', () => {
    const served = new Set(rules.flatMap((r) => r.meta.syntaxes.map((s) => snapshotPath(fixturePath(r.meta.id, s, 'bad')))));
    const orphans = fs
      .readdirSync(FIXTURES)
      .flatMap((dir) => fs.readdirSync(path.join(FIXTURES, dir)).map((f) => path.join(FIXTURES, dir, f)))
      .filter((f) => f.endsWith('.snap') && !served.has(f));
    assert.deepEqual(orphans, [], 'snapshots without a bad fixture of a served syntax: delete them');
  });
});
