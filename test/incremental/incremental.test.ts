import * as assert from 'node:assert/strict';
import { generateJson, generateYaml, rng } from '../../bench/generate';
import { DocumentCache, parseDocument, ParsedDocument } from '../../core/document';
import { analyze } from '../../core/engine';
import { Node, toJs } from '../../core/nodes';
import { diffSpan, reparseIncrementally } from '../../core/parse/incremental';
import { rules } from '../../rules';

/** First structural difference between two trees (kinds, offsets, keys, flags), or undefined when equal. */
function treeDiff(a: Node | undefined, b: Node | undefined, path = '$'): string | undefined {
  if (!a || !b) return a === b ? undefined : `${path}: one side missing`;
  if (a.kind !== b.kind || a.start !== b.start || a.end !== b.end)
    return `${path}: ${a.kind}[${a.start},${a.end}] vs ${b.kind}[${b.start},${b.end}]`;
  // The same fields as a full parse writes: a field the splice's copy forgets would show here.
  const keys = (n: object): string =>
    Object.keys(n)
      .filter((k) => k !== 'parent' && (n as Record<string, unknown>)[k] !== undefined)
      .sort()
      .join();
  if (keys(a) !== keys(b)) return `${path}: fields ${keys(a)} vs ${keys(b)}`;
  switch (a.kind) {
    case 'scalar':
      return b.kind === 'scalar' && a.value === b.value && a.style === b.style
        ? undefined
        : `${path}: scalar ${String(a.value)} vs ${String(b.kind === 'scalar' ? b.value : '?')}`;
    case 'map': {
      if (b.kind !== 'map' || a.flow !== b.flow || a.pairs.length !== b.pairs.length) return `${path}: map shape`;
      for (let i = 0; i < a.pairs.length; i++) {
        const [p, q] = [a.pairs[i], b.pairs[i]];
        if (
          p.key.value !== q.key.value ||
          p.key.start !== q.key.start ||
          p.key.end !== q.key.end ||
          p.start !== q.start ||
          p.end !== q.end
        ) {
          return `${path}.${String(p.key.value)}: pair [${p.start},${p.end}] key [${p.key.start},${p.key.end}] vs [${q.start},${q.end}] key [${q.key.start},${q.key.end}]`;
        }
        const d = treeDiff(p.value, q.value, `${path}.${String(p.key.value)}`);
        if (d) return d;
      }
      return undefined;
    }
    case 'seq': {
      if (b.kind !== 'seq' || a.flow !== b.flow || a.items.length !== b.items.length) return `${path}: seq shape`;
      for (let i = 0; i < a.items.length; i++) {
        const d = treeDiff(a.items[i], b.items[i], `${path}[${i}]`);
        if (d) return d;
      }
      return undefined;
    }
    case 'intrinsic':
      if (b.kind !== 'intrinsic' || a.name !== b.name || a.short !== b.short) return `${path}: intrinsic ${a.name} vs ${b.kind}`;
      return treeDiff(a.arg, b.arg, `${path}.${a.name}`);
  }
}

/** Every child points at its parent, and keys at their mapping: clones must not point into the old tree. */
function parentsConsistent(root: Node): boolean {
  const stack: Node[] = [root];
  while (stack.length) {
    const n = stack.pop()!;
    const kids: Node[] =
      n.kind === 'map'
        ? n.pairs.flatMap((p) => (p.value ? [p.value] : []))
        : n.kind === 'seq'
          ? n.items
          : n.kind === 'intrinsic' && n.arg
            ? [n.arg]
            : [];
    if (n.kind === 'map' && n.pairs.some((p) => p.key.parent !== n)) return false;
    for (const k of kids) {
      if (k.parent !== n) return false;
      stack.push(k);
    }
  }
  return true;
}

function findingsOf(doc: ParsedDocument): string[] {
  // A generous time budget: on a loaded machine the default one could stop rules on one side only.
  return analyze(doc, rules, { timeBudgetMs: 600_000 }).findings.map(
    (f) => `${f.ruleId}@${f.start}-${f.end}:${f.resource ?? ''}:${f.message}`,
  );
}

const ALPHABET = ['a', 'Z', '0', '7', ' ', ' ', '\n', ':', '-', '#', '!', '"', "'", '{', '}', '[', ']', ',', '\t', '&', '*', '|', '\r'];

/** A random single-character edit: insert, delete or replace, anywhere in the text. */
function randomEdit(text: string, r: () => number): string {
  const at = Math.floor(r() * (text.length + 1));
  const ch = ALPHABET[Math.floor(r() * ALPHABET.length)];
  const kind = r();
  if (kind < 0.45) return text.slice(0, at) + ch + text.slice(at);
  if (kind < 0.8) return text.slice(0, at) + text.slice(at + 1);
  return text.slice(0, at) + ch + text.slice(at + 1);
}

/**
 * Applies `edits` random edits in a chain (each on the previous result) and checks every incremental
 * re-parse against a full parse of the same text. Returns how many took the incremental path.
 */
function property(uri: string, start: string, edits: number, seed: number): { incremental: number; total: number } {
  const r = rng(seed);
  let prev = parseDocument(uri, 1, start);
  let incremental = 0;
  for (let v = 2; v < edits + 2; v++) {
    // Keep most edits where users type, inside resources, by restarting from a clean template now and then.
    const base = r() < 0.15 ? start : prev.text;
    const basis = base === prev.text ? prev : parseDocument(uri, v - 1, base);
    const text = randomEdit(base, r);
    const inc = reparseIncrementally(basis, v, text);
    const full = parseDocument(uri, v, text);
    if (inc) {
      incremental++;
      const ctx = `edit ${v} (seed ${seed}) at ${diffSpan(base, text).start}`;
      assert.equal(inc.kind, full.kind, ctx);
      assert.deepEqual(inc.problems, full.problems, ctx);
      assert.equal(inc.usesShortTags, full.usesShortTags, ctx);
      assert.deepEqual(toJs(inc.root), toJs(full.root), ctx);
      assert.equal(treeDiff(inc.root, full.root), undefined, ctx);
      assert.ok(parentsConsistent(inc.root!), `${ctx}: parent pointers`);
      assert.deepEqual(
        inc.template!.resources.map((x) => [x.id, x.type, x.keyNode.start, x.node.start, x.node.end]),
        full.template!.resources.map((x) => [x.id, x.type, x.keyNode.start, x.node.start, x.node.end]),
        ctx,
      );
      // Running the whole catalogue twice per edit is the slow part: compare findings on every fourth.
      if (incremental % 4 === 1) assert.deepEqual(findingsOf(inc), findingsOf(full), ctx);
      // The previous document is left as it was: still equal to a fresh parse of its own text.
      if (incremental % 25 === 1)
        assert.equal(treeDiff(basis.root, parseDocument(uri, 0, basis.text).root), undefined, `${ctx}: previous tree changed`);
    }
    prev = inc ?? full;
    if (prev.kind !== 'cfn' || prev.problems.length) prev = parseDocument(uri, v, start);
  }
  return { incremental, total: edits };
}

describe('incremental re-parse (core/parse/incremental.ts)', function () {
  this.timeout(120_000);

  it('diffSpan finds the changed span', () => {
    assert.deepEqual(diffSpan('abcdef', 'abXdef'), { start: 2, oldEnd: 3, newEnd: 3 });
    assert.deepEqual(diffSpan('abc', 'abcd'), { start: 3, oldEnd: 3, newEnd: 4 });
    assert.deepEqual(diffSpan('aaaa', 'aaa'), { start: 3, oldEnd: 4, newEnd: 3 });
    assert.deepEqual(diffSpan('same', 'same'), { start: 4, oldEnd: 4, newEnd: 4 });
    // Against a character-by-character reference, across the block boundaries of the fast path.
    const naive = (a: string, b: string): { start: number; oldEnd: number; newEnd: number } => {
      const max = Math.min(a.length, b.length);
      let p = 0;
      while (p < max && a[p] === b[p]) p++;
      let s = 0;
      while (s < max - p && a[a.length - 1 - s] === b[b.length - 1 - s]) s++;
      return { start: p, oldEnd: a.length - s, newEnd: b.length - s };
    };
    const r = rng(42);
    const base = generateYaml(200, 42);
    for (let i = 0; i < 300; i++) {
      const a = base.slice(0, 500 + Math.floor(r() * 3000));
      const at = Math.floor(r() * a.length);
      const b = r() < 0.5 ? `${a.slice(0, at)}ab${a.slice(at)}` : a.slice(0, at) + a.slice(at + Math.floor(r() * 1200));
      assert.deepEqual(diffSpan(a, b), naive(a, b));
    }
  });

  for (const seed of [1, 2, 3]) {
    it(`YAML: random single-character edits give the same tree, offsets and findings as a full parse (seed ${seed})`, () => {
      const { incremental, total } = property('file:///t.yaml', generateYaml(300, seed), 250, seed);
      // Most random edits land inside a resource; the test must exercise the incremental path.
      assert.ok(incremental > total * 0.3, `only ${incremental}/${total} edits took the incremental path`);
    });
  }

  it('YAML with CRLF line breaks: random edits give the same tree, offsets and findings as a full parse', () => {
    const { incremental, total } = property('file:///crlf.yaml', generateYaml(300, 6).replace(/\n/g, '\r\n'), 250, 6);
    assert.ok(incremental > total * 0.3, `only ${incremental}/${total} edits took the incremental path`);
  });

  it('YAML: edits near entry boundaries (last resource, before Outputs, key lines)', () => {
    const text = generateYaml(120, 9);
    const { incremental } = property('file:///b.yaml', text, 200, 9);
    assert.ok(incremental > 0);
  });

  for (const seed of [4, 5]) {
    it(`JSON: random single-character edits give the same tree, offsets and findings as a full parse (seed ${seed})`, () => {
      const { incremental, total } = property('file:///t.json', generateJson(300, seed), 250, seed);
      assert.ok(incremental > total * 0.3, `only ${incremental}/${total} edits took the incremental path`);
    });
  }

  it('falls back to a full parse for edits outside Resources, parse errors and key changes', () => {
    const text = generateYaml(200, 7);
    const prev = parseDocument('file:///f.yaml', 1, text);
    const outside = text.replace('Description: Generated', 'Description: Xgenerated');
    assert.equal(reparseIncrementally(prev, 2, outside), undefined);
    const broken = text.replace('    Type: AWS::EC2::LaunchTemplate', '    Type: [AWS::EC2::LaunchTemplate');
    assert.equal(reparseIncrementally(prev, 2, broken), undefined);
    const renamed = text.replace(/^ {2}Res0(\w+):/m, '  Res0$1X:');
    assert.notEqual(renamed, text);
    assert.equal(reparseIncrementally(prev, 2, renamed), undefined);
    const inside = text.replace('InstanceType: ', 'InstanceType:  ');
    assert.ok(reparseIncrementally(prev, 2, inside), 'an edit inside a resource is incremental');
  });

  it('DocumentCache uses the incremental path and still answers per (uri, version)', () => {
    const cache = new DocumentCache();
    const text = generateYaml(300, 11);
    const first = cache.get('file:///c.yaml', 1, text, 'yaml');
    const edited = text.replace('HttpTokens: required', 'HttpTokens: optional');
    const second = cache.get('file:///c.yaml', 2, edited, 'yaml');
    assert.notEqual(second, first);
    assert.equal(second.version, 2);
    assert.equal(treeDiff(second.root, parseDocument('file:///c.yaml', 2, edited, 'yaml').root), undefined);
    assert.equal(cache.get('file:///c.yaml', 2, edited, 'yaml'), second, 'one parse per (uri, version)');
    assert.equal(first.text, text, 'the previous version is untouched');
  });
});
