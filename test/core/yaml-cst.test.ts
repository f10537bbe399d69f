import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { generateYaml, rng } from '../../bench/generate';
import { parseYamlCst } from '../../core/parse/yaml-cst';
import { parseYamlComposed } from '../../core/parse/yaml';
import { randomEdit, ROOT, sampleFiles, treeDiff } from './parse-compare';

/** Compares the fast path with the composed one; returns whether the fast path answered. */
function check(text: string, label: string): boolean {
  const fast = parseYamlCst(text);
  if (!fast) return false;
  const ref = parseYamlComposed(text);
  assert.deepEqual(fast.problems, ref.problems, `${label}: the fast path answered a text with problems`);
  const d = treeDiff(fast.root, ref.root);
  assert.equal(d, undefined, `${label}: ${d}`);
  assert.equal(fast.usesShortTags, ref.usesShortTags, `${label}: usesShortTags`);
  return true;
}

const ALPHABET = [
  'a',
  'Z',
  '0',
  '7',
  '.',
  ' ',
  ' ',
  '\n',
  ':',
  '-',
  '#',
  '!',
  '"',
  "'",
  '{',
  '}',
  '[',
  ']',
  ',',
  '&',
  '*',
  '|',
  '>',
  '~',
  '?',
  '<',
  '\r\n',
  '\r',
  '\r\n  ',
];

describe('YAML fast path (CST → tree) = composed path', function () {
  this.timeout(120_000);

  it('gives the same tree for every YAML file under test/fixtures, examples and ../shared/corpus', () => {
    const files = sampleFiles(/\.(ya?ml|template)$/i);
    assert.ok(files.length > 100, `${files.length} files`);
    let fast = 0;
    for (const f of files) if (check(fs.readFileSync(f, 'utf8'), path.relative(ROOT, f))) fast++;
    // Most real templates take the fast path; otherwise this test compares nothing.
    assert.ok(fast > files.length * 0.6, `fast path on ${fast} of ${files.length}`);
  });

  it('gives the same tree for generated templates and after random one-character edits', () => {
    const r = rng(7);
    let fast = 0;
    let total = 0;
    for (let n = 0; n < 30; n++) {
      const original = generateYaml(40 + Math.floor(r() * 200), n + 1);
      assert.ok(check(original, `generated ${n}`), `generated template ${n} takes the fast path`);
      for (let e = 0; e < 60; e++) {
        // One or two edits to the original each time: an edit that breaks the YAML would otherwise send every later text to the composed path.
        let text = e % 2 ? original : randomEdit(original, r, ALPHABET);
        text = randomEdit(text, r, ALPHABET);
        total++;
        if (check(text, `generated ${n} edit ${e}`)) fast++;
      }
    }
    assert.ok(fast > total * 0.2, `fast path on ${fast} of ${total} edited texts`);
  });

  it('resolves plain scalars as YAML 1.1 does, and keeps the written string under a CloudFormation tag', () => {
    for (const t of [
      'a: !Ref 1\n',
      'a: [!GetAZs , x]\n',
      "a: !GetAZs ''\n",
      'a: !Sub |\n  x\n',
      'a: !Ref true\n',
      'a: [yes, No, on, ~, 0x1F, 010, 1_000, .5, 1e3, .inf, 2001-12-14]\n',
      'a:\n  b: 1 # c\n  # trailing\nd:\n  - x\n  # e\n',
      'a: "q" # c\nb:\nc: # d\n',
    ]) {
      assert.ok(check(t, JSON.stringify(t)), `${JSON.stringify(t)} takes the fast path`);
    }
  });

  it('hands anchors, aliases, merge keys, directives, several documents, unknown tags and errors to the composed path', () => {
    for (const t of [
      'a: &x 1\nb: *x\n',
      'a:\n  <<: {b: 1}\n',
      '%YAML 1.1\n---\na: 1\n',
      'a: 1\n---\nb: 2\n',
      'a: !!str 1\n',
      'a: !Foo x\n',
      'a: [1\n',
      'a: 1\na: 2\n',
      'a: !If[x, y]\n',
      'a: [x,, y]\n',
      'a: !Ref\nb: 1\n',
      '- \n- x\n',
      '? a\n: b\n',
      'a:\tb\n',
      'a: b: c\n',
    ]) {
      assert.equal(parseYamlCst(t), undefined, JSON.stringify(t));
    }
  });
});
