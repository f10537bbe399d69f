import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { generateYaml, rng } from '../../bench/generate';
import { parseDocument } from '../../core/document';
import { analyze } from '../../core/engine';
import { get, IntrinsicNode, MapNode, Node, PairNode, ScalarNode, SeqNode } from '../../core/nodes';
import { YamlParse } from '../../core/parse/tree';
import { parseYaml, parseYamlComposed } from '../../core/parse/yaml';
import { parseYamlFast } from '../../core/parse/yaml-fast';
import { rules } from '../../rules';
import { ROOT, sampleFiles, treeDiff } from './parse-compare';

/** A copy of a tree with every offset moved by `f` (what the same tree must be once the text's line breaks change). */
function moved(n: Node | undefined, f: (o: number) => number, parent?: Node): Node | undefined {
  if (!n) return undefined;
  switch (n.kind) {
    case 'scalar':
      return { ...n, start: f(n.start), end: f(n.end), parent };
    case 'seq': {
      const s: SeqNode = { ...n, items: [], start: f(n.start), end: f(n.end), parent };
      s.items = n.items.map((i) => moved(i, f, s)!);
      return s;
    }
    case 'map': {
      const m: MapNode = { ...n, pairs: [], start: f(n.start), end: f(n.end), parent };
      m.pairs = n.pairs.map((p): PairNode => ({
        key: moved(p.key, f, m) as ScalarNode,
        value: moved(p.value, f, m),
        start: f(p.start),
        end: f(p.end),
      }));
      return m;
    }
    case 'intrinsic': {
      const i: IntrinsicNode = { ...n, arg: undefined, start: f(n.start), end: f(n.end), parent };
      i.arg = moved(n.arg, f, i);
      return i;
    }
  }
}

/** Offset in the CRLF text of offset `o` of the LF text. */
function crlfOffset(lf: string): (o: number) => number {
  const breaks: number[] = [];
  for (let i = lf.indexOf('\n'); i >= 0; i = lf.indexOf('\n', i + 1)) breaks.push(i);
  return (o) => {
    let n = 0;
    while (n < breaks.length && breaks[n] < o) n++;
    return o + n;
  };
}

const PATHS: [string, (t: string) => YamlParse | undefined][] = [
  ['parseYaml', parseYaml],
  ['composed', parseYamlComposed],
  ['fast', parseYamlFast],
];

/** Every path that answers the LF text answers its CRLF and CR forms with the same tree, offsets moved to the text as written. */
function checkBreaks(lf: string, label: string): number {
  const crlf = lf.replace(/\n/g, '\r\n');
  const cr = lf.replace(/\n/g, '\r');
  const toCrlf = crlfOffset(lf);
  let answered = 0;
  for (const [name, parse] of PATHS) {
    const ref = parse(lf);
    if (!ref) continue;
    for (const [form, text, f] of [
      ['CRLF', crlf, toCrlf],
      ['CR', cr, (o: number) => o],
    ] as const) {
      const got = parse(text);
      assert.ok(got, `${label} (${name}, ${form}): answers as it does with LF`);
      answered++;
      assert.deepEqual(
        got.problems.map((p) => [p.code, p.start, p.end]),
        ref.problems.map((p) => [p.code, f(p.start), f(p.end)]),
        `${label} (${name}, ${form}): problems`,
      );
      const d = treeDiff(got.root, moved(ref.root, f));
      assert.equal(d, undefined, `${label} (${name}, ${form}): ${d}`);
    }
  }
  return answered;
}

describe('YAML line breaks: CRLF and a lone CR read as LF, offsets in the text as written', function () {
  this.timeout(300_000);

  it('reads each of our YAML forms, every sample file and generated templates in CRLF and CR as in LF, on every path', () => {
    const forms = fs
      .readdirSync(path.join(ROOT, 'test', 'fixtures', 'yaml'))
      .filter((f) => /\.ya?ml$/.test(f))
      .map((f) => path.join(ROOT, 'test', 'fixtures', 'yaml', f));
    const files = [...forms, ...sampleFiles(/\.(ya?ml|template)$/i)];
    let answered = 0;
    for (const f of files) {
      const lf = fs.readFileSync(f, 'utf8').replace(/\r\n?/g, '\n');
      answered += checkBreaks(lf, path.relative(ROOT, f));
    }
    const r = rng(23);
    for (let n = 0; n < 10; n++) answered += checkBreaks(generateYaml(40 + Math.floor(r() * 200), n + 1), `generated ${n}`);
    assert.ok(answered > files.length * 4, `${answered} path answers`);
  });

  it('takes CRLF templates through the scanner', () => {
    const text = generateYaml(200, 3).replace(/\n/g, '\r\n');
    assert.ok(parseYamlFast(text), 'the scanner answers a CRLF template');
  });

  it('reads `NoEcho: true` before a lone CR as the boolean, so the rule is satisfied (a fix that left `\\r\\r\\n`)', () => {
    const text = [
      'Parameters:',
      '  DbPassword:',
      '    Type: String',
      '    NoEcho: true\r',
      'Resources:',
      '  Topic:',
      '    Type: AWS::SNS::Topic',
      '',
    ].join('\r\n');
    for (const [name, parse] of PATHS) {
      const root = parse(text)?.root;
      if (!root) continue;
      const noEcho = get(get(get(root, 'Parameters'), 'DbPassword'), 'NoEcho');
      assert.ok(noEcho?.kind === 'scalar' && noEcho.value === true, `${name}: NoEcho is true`);
      assert.equal(text.slice(noEcho.start, noEcho.end), 'true', `${name}: NoEcho's range`);
    }
    const doc = parseDocument('file:///t.yaml', 1, text);
    assert.deepEqual(
      analyze(doc, rules).findings.filter((f) => f.ruleId === 'secret-parameter-no-echo'),
      [],
    );
  });

  it('keeps a CR inside a quoted scalar a line break, folded as YAML folds it', () => {
    for (const [text, value] of [
      ['a: "x\r  y"\n', 'x y'],
      ['a: "x\r\r  y"\n', 'x\ny'],
      ['a: |\r  x\r  y\r', 'x\ny\n'],
      ["a: 'x\r\n  y'\r\n", 'x y'],
    ] as const) {
      for (const [name, parse] of PATHS) {
        const r = parse(text);
        if (!r) continue;
        assert.deepEqual(r.problems, [], `${name}: ${JSON.stringify(text)}`);
        const v = get(r.root, 'a');
        assert.equal(v?.kind === 'scalar' ? v.value : undefined, value, `${name}: ${JSON.stringify(text)}`);
      }
    }
  });
});
