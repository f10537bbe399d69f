import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { generateJson, rng } from '../../bench/generate';
import { parseJsonTree } from '../../core/parse/json';
import { parseJsonFast } from '../../core/parse/json-fast';
import { toJs } from '../../core/nodes';
import { randomEdit, ROOT, sampleFiles, treeDiff } from './parse-compare';

/** Compares the scanner with jsonc-parser's path; returns whether the scanner answered. */
function check(text: string, label: string): boolean {
  const fast = parseJsonFast(text);
  const ref = parseJsonTree(text);
  if (!fast) return false;
  assert.deepEqual(ref.problems, [], `${label}: the scanner answered a text jsonc-parser finds problems in`);
  const d = treeDiff(fast.root, ref.root);
  assert.equal(d, undefined, `${label}: ${d}`);
  return true;
}

const ALPHABET = [
  'a',
  '0',
  '7',
  '.',
  '-',
  '+',
  'e',
  ' ',
  '\n',
  '\t',
  '\r',
  ':',
  ',',
  '"',
  '\\',
  '{',
  '}',
  '[',
  ']',
  '/',
  'u',
  'n',
  't',
  'f',
  '\u00a0',
  '\u0001',
];

describe('JSON scanner (core/parse/json-fast.ts) = jsonc-parser path', function () {
  this.timeout(120_000);

  it('gives the same tree for every JSON file under test/fixtures, examples and ../shared/corpus', () => {
    const files = sampleFiles(/\.json$/i);
    assert.ok(files.length > 50, `${files.length} files`);
    let fast = 0;
    for (const f of files) if (check(fs.readFileSync(f, 'utf8'), path.relative(ROOT, f))) fast++;
    assert.ok(fast > files.length * 0.9, `scanner on ${fast} of ${files.length}`);
  });

  it('gives the same tree for generated templates and after random edits', () => {
    const r = rng(5);
    let fast = 0;
    let total = 0;
    for (let n = 0; n < 20; n++) {
      const original = generateJson(40 + Math.floor(r() * 200), n + 1);
      assert.ok(check(original, `generated ${n}`), `generated template ${n} takes the scanner`);
      for (let e = 0; e < 100; e++) {
        let text = e % 2 ? original : randomEdit(original, r, ALPHABET);
        text = randomEdit(text, r, ALPHABET);
        total++;
        if (check(text, `generated ${n} edit ${e}: ${JSON.stringify(text)}`)) fast++;
      }
    }
    assert.ok(fast > total * 0.2, `scanner on ${fast} of ${total} edited texts`);
  });

  it('reads CRLF and lone CR line breaks as white space, on both paths', () => {
    for (const f of sampleFiles(/\.json$/i).slice(0, 200)) {
      const lf = fs.readFileSync(f, 'utf8').replace(/\r\n?/g, '\n');
      const label = path.relative(ROOT, f);
      const base = parseJsonTree(lf);
      if (base.problems.length) continue;
      for (const text of [lf.replace(/\n/g, '\r\n'), lf.replace(/\n/g, '\r')]) {
        assert.ok(check(text, label), `${label}: the scanner answers with any line break`);
        assert.deepEqual(toJs(parseJsonTree(text).root), toJs(base.root), label);
      }
      assert.equal(treeDiff(parseJsonTree(lf.replace(/\n/g, '\r')).root, base.root), undefined, `${label}: CR keeps every offset`);
    }
  });

  it('reads escapes, numbers and scalars at the root as jsonc-parser does', () => {
    for (const t of [
      '{"a": "\\u00e9\\n\\"\\\\\\/", "b": [-0, 1e400, 0.5, 12E-3, true, false, null], "Ref": {}}',
      '"x"',
      ' 1 ',
      '[]',
      '{"Fn::If": ["c", 1, 2]}',
      '{"a": 1, "a": 2}',
    ]) {
      assert.ok(check(t, JSON.stringify(t)), `${JSON.stringify(t)} takes the scanner`);
    }
  });

  it('leaves errors, comments, trailing commas, other white space and empty texts to jsonc-parser', () => {
    for (const t of [
      '',
      '  ',
      '{"a": 1,}',
      '[1,]',
      '{"a": 1} // c',
      '/* c */ {}',
      '{"a": 01}',
      '{"a": "x\ny"}',
      '{"a": 1}\u00a0',
      '{a: 1}',
      '{"a" 1}',
      '[1 2]',
      '{"a": tru}',
      '{"a": "\\x"}',
      '{"a": 1}}',
    ]) {
      assert.equal(parseJsonFast(t), undefined, JSON.stringify(t));
    }
  });
});
