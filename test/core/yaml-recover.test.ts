import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { generateYaml, rng } from '../../bench/generate';
import { parseDocument } from '../../core/document';
import { analyze } from '../../core/engine';
import { toJs } from '../../core/nodes';
import { composeLf, parseYaml, parseYamlComposed } from '../../core/parse/yaml';
import { recoverYaml } from '../../core/parse/yaml-recover';
import { parseYamlFast } from '../../core/parse/yaml-fast';
import { lenientEnd } from '../../core/parse/yaml-lenient';
import { rules } from '../../rules';
import { randomEdit, ROOT, treeDiff } from './parse-compare';

const errorsOf = (problems: { code: string; severity: string }[]): string[] =>
  problems.filter((p) => p.severity === 'error').map((p) => p.code);

/** Resources A, B (broken by `broken`), C: an unencrypted volume each, so every analysed resource has a finding. */
function template(broken: string): string {
  const volume = (id: string): string =>
    `  ${id}:\n    Type: AWS::EC2::Volume\n    Properties:\n      Size: 10\n      AvailabilityZone: us-east-1a\n`;
  return `AWSTemplateFormatVersion: '2010-09-09'\nResources:\n${volume('A')}${broken}${volume('C')}Outputs:\n  Id:\n    Value: !Ref A\n`;
}

describe('YAML recovery (core/parse/yaml-recover.ts)', function () {
  this.timeout(300_000);

  it('reads loosely indented flow collections and quoted scalars without an error, on both paths, with exact ranges', () => {
    const cases: [string, string, unknown][] = [
      ['a double-quoted scalar continued at the key column', 'R:\n  D: "abc\n  def"\n  T: x\n', { R: { D: 'abc def', T: 'x' } }],
      ['a double-quoted scalar continued at column 0', 'D: "abc\ndef"\nT: x\n', { D: 'abc def', T: 'x' }],
      ['a single-quoted scalar at the key column', "R:\n  D: 'a''b\n  c'\n", { R: { D: "a'b c" } }],
      ['a sequence item ending at the dash column', 'L:\n  - "a\n  b"\n  - c\n', { L: ['a b', 'c'] }],
      ['a flow sequence with items and ] at the key column', 'R:\n  A: [\n  "x",\n  y\n  ]\n  T: z\n', { R: { A: ['x', 'y'], T: 'z' } }],
      ['a flow mapping closed at column 0', 'R:\n  P: {\n  a: 1,\n b: [2,\n3]\n}\n  T: z\n', { R: { P: { a: 1, b: [2, 3] }, T: 'z' } }],
      [
        'a flow mapping inside a tagged flow sequence',
        'R:\n  V: !If [C, {\n    k: v\n  }, x]\n',
        { R: { V: { 'Fn::If': ['C', { k: 'v' }, 'x'] } } },
      ],
      ['a trailing comma and a line less indented', 'R:\n  T: [\na,\n]\n', { R: { T: ['a'] } }],
    ];
    for (const [what, text, value] of cases) {
      for (const [name, parse] of [
        ['parseYaml', parseYaml],
        ['composed', parseYamlComposed],
        ['fast', parseYamlFast],
      ] as const) {
        const r = parse(text);
        assert.ok(r, `${what}: the ${name} path answers`);
        assert.deepEqual(r.problems, [], `${what} (${name})`);
        assert.deepEqual(toJs(r.root), value, `${what} (${name})`);
      }
      const d = treeDiff(parseYamlFast(text)!.root, parseYamlComposed(text).root);
      assert.equal(d, undefined, `${what}: the scanner's tree is the composed one, ranges included: ${d}`);
    }
  });

  it('answers the lenient forms fixture on the scanner (a loosely written template stays fast)', () => {
    const text = fs.readFileSync(path.join(ROOT, 'test', 'fixtures', 'yaml', 'lenient.yaml'), 'utf8');
    assert.ok(parseYamlFast(text), 'the scanner answers');
    assert.equal(treeDiff(parseYamlFast(text)!.root, parseYamlComposed(text).root), undefined);
  });

  it('finds where PyYAML ends a flow collection or quoted scalar, and refuses what PyYAML refuses', () => {
    const end = (t: string): number | undefined => lenientEnd(t, t.search(/[[{"']/));
    assert.equal(end("a: [x, \"]\", {y: [z]}, ''''] # tail"), "a: [x, \"]\", {y: [z]}, '''']".length);
    assert.equal(end('a: "x\n  y" z'), undefined, 'text after the closing quote');
    assert.equal(end('a: "open\nb: "c"'), undefined, 'an open quote matching the next opening one');
    assert.equal(end('a: [x # ]\n, y]'), 'a: [x # ]\n, y]'.length);
    assert.equal(end("a: [it's, x]"), "a: [it's, x]".length);
    assert.equal(end('a: "x\\"y\n z"'), 'a: "x\\"y\n z"'.length);
    assert.equal(end('a: [x}'), undefined, 'mismatched brackets');
    assert.equal(end('a: [x,\n---\n]'), undefined, 'a document marker');
    assert.equal(end('a: "x\n...\n"'), undefined, 'a document marker in a quoted scalar');
    assert.equal(end('a: [x, - y]'), undefined, 'a block entry in a flow');
    assert.equal(end('a: [x'), undefined, 'unclosed');
    assert.equal(end('a: [?x, ? y: z]'), 'a: [?x, ? y: z]'.length, 'explicit keys');
    for (let i = 0; i < 2000; i++) {
      // Any text: the scan ends (undefined or an offset past the start), it never loops.
      const t = Array.from({ length: 40 }, (_, k) => '[{?:, #\n"\'-!x]}'[(i * 7 + k * k * 13 + (i >> 3) * k) % 17]).join('');
      const e = lenientEnd(t, 0);
      assert.ok(e === undefined || e > 0);
    }
  });

  it('gives one diagnostic at a real syntax error and still reads and analyses every other resource', () => {
    const broken: [string, string, number][] = [
      ['an unclosed flow sequence', '  B:\n    Type: AWS::EC2::Volume\n    Properties: {Size: [10}\n', 9],
      ['a line indented too far', '  B:\n    Type: AWS::EC2::Volume\n      Bad: indent\n', 8],
      ['a key with two colons', '  B:\n    Type: AWS::EC2::Volume\n    Properties: a: b\n', 9],
      ['a tag glued to a bracket', '  B:\n    Type: !If[C, AWS::EC2::Volume, x]\n', 8],
    ];
    for (const [what, b, line] of broken) {
      const text = template(b);
      const doc = parseDocument('file:///t.yaml', 1, text);
      const res = analyze(doc, rules);
      assert.deepEqual(errorsOf(res.problems), ['parse-error'], what);
      assert.equal(doc.lines.positionAt(res.problems[0].start).line, line, `${what}: the error's line`);
      assert.deepEqual(
        doc.template?.resources.map((r) => r.id),
        ['A', 'C'],
        `${what}: the resources outside the broken one are read`,
      );
      const flagged = new Set(res.findings.filter((f) => f.ruleId === 'ebs-volume-encrypted').map((f) => f.resource));
      assert.deepEqual([...flagged].sort(), ['A', 'C'], `${what}: and analysed`);
    }
  });

  it('answers an error in a text that opens with a line break (the walk back to the top once never ended)', () => {
    // Found by `npm run fuzz`: `lastIndexOf('\n', -1)` reads position 0, so the line before line 1 was line 1.
    // Run in a child process: a synchronous loop cannot be interrupted by mocha's timeout.
    const cases = ['\n}\n', '\r\n}\r\n', '\n"a"b\n', '\n  x\n"a"b: c\n', '\n"""":\n    D: x\nResources:\n  A: b\n'];
    const script = `const { parseYaml } = require(${JSON.stringify(require.resolve('../../core/parse/yaml'))});
      for (const t of ${JSON.stringify(cases)}) {
        const codes = parseYaml(t).problems.map((p) => p.code);
        if (!codes.includes('parse-error')) throw new Error('no parse error for ' + JSON.stringify(t));
      }`;
    const run = spawnSync(process.execPath, ['-e', script], { timeout: 60_000, encoding: 'utf8' });
    assert.equal(run.signal, null, 'the parse never ended');
    assert.equal(run.status, 0, run.stderr);
  });

  it('re-parses a large broken text at most 300,000 characters in all, whatever its errors', () => {
    // A fuzzed 73 KB text of short lines took a second of CPU: each of two attempts re-parsed it eight times.
    const entry = (n: number): string => `K${n}:\n  - a: ${n % 50 === 25 ? '[b' : 'b'}\n  - c: d\n`;
    const text = Array.from({ length: 2500 }, (_, n) => entry(n)).join('');
    let reparsed = 0;
    const result = recoverYaml(text, composeLf(text), (t) => {
      reparsed += t.length;
      return composeLf(t);
    });
    assert.ok(text.length > 40_000 && reparsed > 0, `${text.length} characters, ${reparsed} re-parsed`);
    assert.ok(reparsed <= 300_000, `${reparsed} characters re-parsed`);
    assert.deepEqual(errorsOf(result?.problems ?? []), ['parse-error']);
  });

  it('keeps every untouched resource of a template broken by random edits, with one parse error', () => {
    const r = rng(31);
    let broken = 0;
    const alphabet = ['[', '{', '"', "'", ':', '\n', '  ', '-', '\t', '!', ']', '}', '#', '|'];
    for (let n = 0; n < 300; n++) {
      const original = generateYaml(80 + Math.floor(r() * 80), n + 100);
      const text = randomEdit(original, r, alphabet);
      const doc = parseDocument('file:///t.yaml', 1, text);
      const errors = errorsOf(doc.problems);
      if (!errors.includes('parse-error')) continue;
      broken++;
      assert.deepEqual(errors, ['parse-error'], `edit ${n}: one diagnostic`);
      const before = parseDocument('file:///t.yaml', 1, original).template!;
      const after = new Map((doc.template?.resources ?? []).map((x) => [x.id, x]));
      // The edit and the error lie in at most two entries; every other resource is read as before.
      const lost = before.resources.filter((x) => !after.has(x.id));
      assert.ok(lost.length <= 2, `edit ${n}: lost ${lost.map((x) => x.id).join()} of ${before.resources.length}`);
      const edit = text.length === original.length ? 0 : Math.min(...[...text].map((c, i) => (c === original[i] ? Infinity : i)));
      for (const x of before.resources) {
        const y = after.get(x.id);
        if (!y || x.node.end >= edit) continue;
        assert.deepEqual(toJs(y.node), toJs(x.node), `edit ${n}: ${x.id} before the edit is unchanged`);
      }
    }
    assert.ok(broken > 50, `${broken} broken templates`);
  });
});
