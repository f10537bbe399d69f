import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { initCdkPython } from '../../core/cdk/py-init';
import { analyze, autoFix, Finding } from '../../core/engine';
import { applyFix, fixAll } from '../../core/fix/apply';
import { rules } from '../../rules';
import { everyFixSafe, fixturePath, itWhenReady, parseFile, reparse, STRICT } from './helpers';

const key = (f: Finding): string => `${f.ruleId}|${f.resource ?? ''}`;

function count(findings: Finding[], k: string): number {
  return findings.filter((f) => key(f) === k).length;
}

// Every fix of every finding in every bad fixture, applied alone; then fix-all on each bad fixture.
describe('rule fixes (every fix in every bad fixture)', () => {
  // CDK Python's parser is registered once tree-sitter's wasm is loaded: wait for it before the tests ask which syntaxes are ready.
  before(() => initCdkPython());
  for (const rule of rules) {
    const id = rule.meta.id;
    for (const syntax of rule.meta.syntaxes) {
      const bad = fixturePath(id, syntax, 'bad');
      if (!fs.existsSync(bad)) continue;

      itWhenReady(syntax)(`${id} (${syntax}): each fix alone parses and removes its finding`, () => {
        const doc = parseFile(bad);
        const before = analyze(doc, [rule], STRICT).findings;
        for (const f of before) {
          for (const fix of f.fixes) {
            const label = `${fix.title} on ${f.resource ?? '?'} (line ${f.range.start.line + 1})`;
            const text = applyFix(doc, fix);
            assert.notEqual(text, doc.text, `${label}: the fix changed nothing`);
            const next = reparse(doc, text);
            assert.deepEqual(
              next.problems.filter((p) => p.severity === 'error'),
              [],
              `${label}: the fixed text does not parse:\n${text}`,
            );
            assert.equal(next.kind, doc.kind, `${label}: the fixed text is no longer a ${doc.kind} document`);
            const after = analyze(next, [rule], STRICT).findings;
            // The finding is gone: the same rule reports fewer findings on the same resource (one per Fn::If branch may remain).
            assert.ok(count(after, key(f)) < count(before, key(f)), `${label}: the finding is still there:\n${text}`);
          }
        }
      });

      itWhenReady(syntax)(`${id} (${syntax}): fix-all leaves no finding with a safe fix and parses`, () => {
        const doc = parseFile(bad);
        const result = fixAll(doc, rules, STRICT);
        const next = reparse(doc, result.text);
        assert.deepEqual(
          next.problems.filter((p) => p.severity === 'error'),
          [],
          `fix-all broke the file:\n${result.text}`,
        );
        // Suggestions are never applied by fix-all: their findings stay.
        const fixable = analyze(next, rules, STRICT).findings.filter((f) => autoFix(f));
        assert.deepEqual(
          fixable.map((f) => `${f.ruleId} ${f.resource ?? ''} line ${f.range.start.line + 1}`),
          [],
          `after fix-all:\n${result.text}`,
        );
      });

      itWhenReady(syntax)(`${id} (${syntax}): fix-all over every fix, suggestions included, leaves no fixable finding and parses`, () => {
        const doc = parseFile(bad);
        const result = fixAll(
          doc,
          rules.map((r) => (r === rule ? everyFixSafe(r) : r)),
          STRICT,
        );
        const next = reparse(doc, result.text);
        assert.deepEqual(
          next.problems.filter((p) => p.severity === 'error'),
          [],
          `fix-all broke the file:\n${result.text}`,
        );
        const fixable = analyze(next, [rule], STRICT).findings.filter((f) => f.fixes.length > 0);
        assert.deepEqual(
          fixable.map((f) => `${f.ruleId} ${f.resource ?? ''} line ${f.range.start.line + 1}`),
          [],
          `after fix-all:\n${result.text}`,
        );
      });
    }
  }
});
