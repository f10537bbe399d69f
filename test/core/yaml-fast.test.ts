import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { generateYaml, rng } from '../../bench/generate';
import { parseYamlComposed } from '../../core/parse/yaml';
import { parseYamlFast } from '../../core/parse/yaml-fast';
import { mayResolve } from '../../core/parse/yaml-scalar';
import { randomEdit, ROOT, sampleFiles, treeDiff } from './parse-compare';

/** Compares the scanner with the composed path; returns whether the scanner answered. */
function check(text: string, label: string): boolean {
  const fast = parseYamlFast(text);
  if (!fast) return false;
  const ref = parseYamlComposed(text);
  assert.deepEqual(ref.problems, [], `${label}: the scanner answered a text the composed path finds problems in`);
  const d = treeDiff(fast.root, ref.root);
  assert.equal(d, undefined, `${label}: ${d}`);
  assert.equal(fast.usesShortTags, ref.usesShortTags, `${label}: usesShortTags`);
  return true;
}

/** What the scanner must follow exactly: multi-line scalars, block scalars, comments after last values at every depth, flows over lines. */
const HARD = `# leading comment
---
AWSTemplateFormatVersion: '2010-09-09'
Description: The VPC ID that includes the security groups in the ExistingSecurityGroups
  parameter, and a second line.

  After a blank line.
Parameters:
  Env:
    Type: String
    AllowedValues: [dev, prod]   # trailing
    Default: "a long quoted string that
      continues here \\u00e9 and \\
      here"
  Other:
    Description: 'single quoted
      over lines with ''quotes'''
    Default:
      on its own line
Resources:
  Bucket:
    Type: AWS::S3::Bucket
    Properties:
      BucketName:
        !Sub '\${AWS::StackName}-bucket'
      Tags:
      - Key: Name
        Value: !Join
          - ''
          - - 'arn:aws:s3:::'
            - !Ref Env
            - /*
      # comment at properties level
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Code:
        ZipFile: |
          import os
            indented
          # not a comment

          end
      Handler: >-
        folded
        text
          more indented
        back
      Keep: |+
        kept

      Env:
        Variables: { A: 1, "B": "x", C: !Ref Env, D: [1,
          2] }
        Numbers: [0x1F, 010, 1_000, .5, 1e3, .inf, -.inf, .nan, yes, No, on, ~, null, 2001-12-14, 12:30:45]
      Policy:
        Fn::If:
        - IsProd
        - !GetAtt Role.Arn
        - !Ref AWS::NoValue
          # indented after a scalar
    # trailing comment in resource
# final comment
`;

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
  '  ',
  '\n  ',
  '\n    ',
  '# c\n',
  '\n#x',
  '|-',
  '>+',
  '\\',
  '\r\n',
  '\r',
  '\r\n  ',
];

describe('YAML scanner (core/parse/yaml-fast.ts) = composed path', function () {
  this.timeout(120_000);

  it('gives the same tree for every YAML file under test/fixtures, examples and ../shared/corpus, and answers nearly all', () => {
    const files = sampleFiles(/\.(ya?ml|template)$/i);
    assert.ok(files.length > 100, `${files.length} files`);
    let fast = 0;
    for (const f of files) if (check(fs.readFileSync(f, 'utf8'), path.relative(ROOT, f))) fast++;
    // Only texts with errors and rare constructs go elsewhere; otherwise the speed-up is lost on real templates.
    assert.ok(fast > files.length * 0.95, `scanner on ${fast} of ${files.length}`);
  });

  it("answers the hard template with the composed path's tree", () => {
    assert.ok(check(HARD, 'hard template'), 'the hard template takes the scanner');
  });

  it('gives the same tree for generated templates, the hard one and random edits of them', () => {
    const r = rng(11);
    let fast = 0;
    let total = 0;
    const bases = Array.from({ length: 30 }, (_, n) => generateYaml(40 + Math.floor(r() * 200), n + 1));
    for (let n = 0; n < 10; n++) bases.push(HARD);
    bases.forEach((original, n) => {
      assert.ok(check(original, `base ${n}`), `base ${n} takes the scanner`);
      for (let e = 0; e < 100; e++) {
        // One to three edits to the original: edits that break the YAML would otherwise send every later text elsewhere.
        let text = e % 2 ? original : randomEdit(original, r, ALPHABET);
        text = randomEdit(text, r, ALPHABET);
        if (e % 3 === 0) text = randomEdit(text, r, ALPHABET);
        total++;
        if (check(text, `base ${n} edit ${e}: ${JSON.stringify(text)}`)) fast++;
      }
    });
    assert.ok(fast > total * 0.3, `scanner on ${fast} of ${total} edited texts`);
  });

  it("ends collections where yaml's Parser leaves trailing comments, and reads scalars as the composed path does", () => {
    for (const t of [
      'a:\n  b:\n    c: 1\n  # c\n',
      'a:\n  b:\n    c: 1\n# c\n',
      'a:\n  b: 1\n      # deep\n  # shallow\n    # mid\n',
      'a:\n- x\n  # c\n',
      'a: |\n  x\n  # not a comment\n # c\n',
      'a:\n  b:\n  # c\n',
      'a:\n  b:\n\n# c\n',
      'x:\n  - a: 1\n    # c\n  - b\n',
      'x:\n  - a: 1\n   # c\n',
      'x:\n  y: [1, 2] # c\n    # d\n',
      'x:\n  y: !Ref z\n    # d\n  # e\n',
      'x:\n  y: |\n    z\n    # in\n   # out\n',
      'a: "x\\ty\\u00e9\\""\n',
      "a: 'it''s'\n",
      'a: >\n  x\n  y\n\n  z\n',
      'a: |+\n  x\n\n\nb: 1\n',
      'a: |-\n  x\n\n',
      'a: !Sub |\n  x\n',
      'a: !If\n  - c\n  - x\n',
      'a: !Base64\n  Fn::Sub: x\n',
      '  Indented:\n    Root: 1\n',
      'a: b\n  c\n\n  d\n',
      'a: 1\n"b": 2\n\'c\' : 3\n',
      'a: {"x":1}\n',
      'k:\n- - a\n  - b\n',
      'a: [x, y,]\n',
      'a: [!Split\n    [",", !Ref\n  x], !Ref y]\n',
      'r:\n  a:\n    !If\n      [c,\n      x, y]\n  b:\n    !Ref\n      x\n  c:\n    !Join\n      - ""\n      - [a]\n',
      'a: !If\n- c\n- x\n- y\nb: !Not\n- !Equals [1, 2]\n',
      'r:\n  a: !If\n  - c\n  - x\n  b: 1\n',
      'a: !Contains [[x], !RefAll AWS::EC2::VPC::Id]\n',
      'a: {x: 1, y: [2,],}\n',
    ]) {
      assert.ok(check(t, JSON.stringify(t)), `${JSON.stringify(t)} takes the scanner`);
    }
  });

  it('leaves anchors, aliases, merge keys, directives, several documents, other tags, tabs, errors and rare forms to the other paths', () => {
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
      'a:\tb\n',
      'a: b: c\n',
      '- \n- x\n',
      '? a\n: b\n',
      'a: |2\n   x\n',
      'a: [x, # c\n  y]\n',
      'b:\n#x\n  c d\ne: 1\n',
      'a: [a: b]\n',
      'a:\n  - x\n  -\n',
      'a: "x\\q"\n',
      '\ufeffa: 1\n',
      'a: x\n b: 1\n',
      'a: 1\nb: 1\nc: 1\nd: 1\ne: 1\nf: 1\ng: 1\nh: 1\ni: 1\nj: 1\nb: 2\n',
      '1: a\n"1": b\n',
      'x: {a: 1, b: 2, c: 3, d: 4, e: 5, f: 6, g: 7, h: 8, i: 9, a: 10}\n',
    ]) {
      assert.equal(parseYamlFast(t), undefined, JSON.stringify(t));
    }
  });

  it('resolves plain scalars to strings without the schema only when no YAML 1.1 type can match', () => {
    const tails = [
      '',
      'ull',
      'ULL',
      'es',
      'ES',
      'o',
      'O',
      'rue',
      'RUE',
      'alse',
      'ALSE',
      'n',
      'N',
      'ff',
      'FF',
      '1',
      '3',
      'e3',
      '.e3',
      '0b1',
      'x1F',
      '.5',
      '1e3',
      'inf',
      'nan',
      '001-12-14',
      '1:20',
      '_1',
    ];
    for (let c = 33; c < 127; c++) {
      // `!` starts a tag (`v: !` is YAML's non-specific tag on an empty string), not a plain scalar.
      if (mayResolve(c) || c === 33) continue;
      for (const tail of tails) {
        const s = String.fromCharCode(c) + tail;
        const ref = parseYamlComposed(`v: ${s}\n`);
        if (ref.problems.length || ref.root?.kind !== 'map') continue;
        const v = ref.root.pairs[0]?.value;
        if (v?.kind !== 'scalar' || v.style !== 'plain') continue;
        assert.equal(v.value, s, `${JSON.stringify(s)} resolves to a string`);
      }
    }
  });
});
