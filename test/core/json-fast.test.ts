import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { generateJson, rng } from '../../bench/generate';
import { Node } from '../../core/nodes';
import { parseJsonTree } from '../../core/parse/json';
import { parseJsonFast } from '../../core/parse/json-fast';

const ROOT = path.resolve(__dirname, '..', '..', '..');

/** First difference between two trees (kinds, offsets, values, styles, flags, names, parents, own fields); undefined when equal. */
function diff(a: Node | undefined, b: Node | undefined, p = '$', parent: Node | undefined = undefined): string | undefined {
  if (!a || !b) return a === b ? undefined : `${p}: one side missing`;
  if (a.kind !== b.kind || a.start !== b.start || a.end !== b.end) return `${p}: ${a.kind}[${a.start},${a.end}] vs ${b.kind}[${b.start},${b.end}]`;
  if (a.parent !== parent) return `${p}: parent pointer`;
  const fields = (n: object): string => Object.keys(n).filter((k) => k !== 'parent').sort().join();
  if (fields(a) !== fields(b)) return `${p}: fields ${fields(a)} vs ${fields(b)}`;
  switch (a.kind) {
    case 'scalar':
      return b.kind === 'scalar' && Object.is(a.value, b.value) && a.style === b.style ? undefined : `${p}: scalar ${String(a.value)} vs ${b.kind === 'scalar' ? String(b.value) : '?'}`;
    case 'seq':
      if (b.kind !== 'seq' || a.flow !== b.flow || a.items.length !== b.items.length) return `${p}: seq shape`;
      for (let i = 0; i < a.items.length; i++) {
        const d = diff(a.items[i], b.items[i], `${p}[${i}]`, a);
        if (d) return d;
      }
      return undefined;
    case 'map':
      if (b.kind !== 'map' || a.flow !== b.flow || a.pairs.length !== b.pairs.length) return `${p}: map shape`;
      for (let i = 0; i < a.pairs.length; i++) {
        const x = a.pairs[i];
        const y = b.pairs[i];
        if (x.start !== y.start || x.end !== y.end) return `${p}.pair${i}: [${x.start},${x.end}] vs [${y.start},${y.end}]`;
        const d = diff(x.key, y.key, `${p}.key${i}`, a) ?? diff(x.value, y.value, `${p}.${String(x.key.value)}`, a);
        if (d) return d;
      }
      return undefined;
    case 'intrinsic':
      return b.kind === 'intrinsic' && a.name === b.name && a.short === b.short ? diff(a.arg, b.arg, `${p}!${a.name}`, a) : `${p}: intrinsic ${a.name}`;
  }
}

/** Compares the scanner with jsonc-parser's path; returns whether the scanner answered. */
function check(text: string, label: string): boolean {
  const fast = parseJsonFast(text);
  const ref = parseJsonTree(text);
  if (!fast) return false;
  assert.deepEqual(ref.problems, [], `${label}: the scanner answered a text jsonc-parser finds problems in`);
  const d = diff(fast.root, ref.root);
  assert.equal(d, undefined, `${label}: ${d}`);
  return true;
}

function jsonFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return (fs.readdirSync(dir, { recursive: true }) as string[]).filter((f) => /\.json$/i.test(f)).map((f) => path.join(dir, f))
    .filter((f) => fs.statSync(f).isFile());
}

const ALPHABET = ['a', '0', '7', '.', '-', '+', 'e', ' ', '\n', '\t', '\r', ':', ',', '"', '\\', '{', '}', '[', ']', '/', 'u', 'n', 't', 'f', '\u00a0', '\u0001'];

function randomEdit(text: string, r: () => number): string {
  const at = Math.floor(r() * (text.length + 1));
  const op = r();
  const ch = ALPHABET[Math.floor(r() * ALPHABET.length)];
  return op < 0.5 ? text.slice(0, at) + ch + text.slice(at) : op < 0.8 ? text.slice(0, at) + text.slice(at + 1) : text.slice(0, at) + ch + text.slice(at + 1);
}

describe('JSON scanner (core/parse/json-fast.ts) = jsonc-parser path', function () {
  this.timeout(120_000);

  it('gives the same tree for every JSON file under test/fixtures, examples and ../shared/corpus', () => {
    const files = [...jsonFiles(path.join(ROOT, 'test', 'fixtures')), ...jsonFiles(path.join(ROOT, 'examples')), ...jsonFiles(path.join(ROOT, '..', 'shared', 'corpus'))];
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
        let text = e % 2 ? original : randomEdit(original, r);
        text = randomEdit(text, r);
        total++;
        if (check(text, `generated ${n} edit ${e}: ${JSON.stringify(text)}`)) fast++;
      }
    }
    assert.ok(fast > total * 0.2, `scanner on ${fast} of ${total} edited texts`);
  });

  it('reads escapes, numbers and scalars at the root as jsonc-parser does', () => {
    for (const t of ['{"a": "\\u00e9\\n\\"\\\\\\/", "b": [-0, 1e400, 0.5, 12E-3, true, false, null], "Ref": {}}', '"x"', ' 1 ', '[]', '{"Fn::If": ["c", 1, 2]}', '{"a": 1, "a": 2}']) {
      assert.ok(check(t, JSON.stringify(t)), `${JSON.stringify(t)} takes the scanner`);
    }
  });

  it('leaves errors, comments, trailing commas, other white space and empty texts to jsonc-parser', () => {
    for (const t of ['', '  ', '{"a": 1,}', '[1,]', '{"a": 1} // c', '/* c */ {}', '{"a": 01}', '{"a": "x\ny"}', '{"a": 1}\u00a0', '{a: 1}', '{"a" 1}', '[1 2]', '{"a": tru}', '{"a": "\\x"}', '{"a": 1}}']) {
      assert.equal(parseJsonFast(t), undefined, JSON.stringify(t));
    }
  });
});
