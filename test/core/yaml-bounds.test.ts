import * as assert from 'node:assert/strict';
import { parseDocument } from '../../core/document';
import { analyze } from '../../core/engine';
import { MAX_BLOCK_DEPTH, MAX_FLOW_DEPTH, MAX_LINE_TOKENS, outOfBounds } from '../../core/parse/yaml-bounds';
import { parseYaml } from '../../core/parse/yaml';
import { rules } from '../../rules';

const HEAD = 'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n';

/** The problems of a document after analysis, as `code line` (0-based line). */
function problemsOf(text: string): string[] {
  const doc = parseDocument('file:///t.yaml', 1, text);
  return analyze(doc, rules).problems.map((p) => `${p.code} ${doc.lines.positionAt(p.start).line}`);
}

const volume = (id: string, extra = ''): string =>
  `  ${id}:\n    Type: AWS::EC2::Volume\n    Properties:\n      Size: 10\n      AvailabilityZone: us-east-1a${extra}\n`;

describe('YAML bounds (core/parse/yaml-bounds.ts): pathological text gives one diagnostic', function () {
  this.timeout(600_000);

  it('refuses the texts of issue 9 item 8 with one diagnostic each and no stack overflow', () => {
    const cases: [string, string, string][] = [
      ['a 1 MB line of a,a,…', HEAD + 'a,'.repeat(500_000), 'too-complex 2'],
      ['4.9 MB of "', HEAD + '"'.repeat(4_900_000), 'too-large 0'],
      ['4.9 MB of {', HEAD + '{'.repeat(4_900_000), 'too-large 0'],
      ['1 MB of "', HEAD + '"'.repeat(1_000_000), 'too-complex 2'],
      ['1 MB of {', HEAD + '{'.repeat(1_000_000), 'too-deep 2'],
      ['1 MB of [ on lines', HEAD + '[\n'.repeat(500_000), `too-deep ${2 + MAX_FLOW_DEPTH}`],
      ['a line of `- - - …`', HEAD + '- '.repeat(300_000), 'too-deep 2'],
      [
        'lines nested ever deeper',
        HEAD + Array.from({ length: 1000 }, (_, i) => `${' '.repeat(i)}k${i}:`).join('\n'),
        `too-deep ${2 + MAX_BLOCK_DEPTH}`,
      ],
      ['over 1 MB the scanner leaves', HEAD + volume('A') + '  B: &b\n    Type: AWS::SNS::Topic\n'.repeat(40_000), 'too-large 0'],
    ];
    for (const [what, text, want] of cases) assert.deepEqual(problemsOf(text), [want], what);
  });

  it('gives one parse error, not one per line, on a text of errors everywhere', () => {
    assert.deepEqual(problemsOf(HEAD + '"\n'.repeat(20_000)), ['parse-error 2']);
  });

  it('leaves real templates alone: deep but plausible nesting, long lines, a typo that closes a bracket wrongly', () => {
    const deep = `${'['.repeat(MAX_FLOW_DEPTH)}1${']'.repeat(MAX_FLOW_DEPTH)}`;
    const long = `[${Array.from({ length: Math.floor(MAX_LINE_TOKENS / 3) - 2 }, (_, i) => `"a${i}"`).join(', ')}]`;
    for (const t of [`a: &x ${deep}\n`, `a: &x ${long}\n`]) {
      assert.equal(outOfBounds(t), undefined);
      assert.deepEqual(parseYaml(t).problems, [], t.slice(0, 40));
    }
    // `{a: [1}` on every resource: each typo is a parse error of its own entry, never a depth of the whole file.
    const typos = HEAD + Array.from({ length: 80 }, (_, i) => volume(`V${i}`, i % 2 ? '\n      Tags: {a: [1}' : '')).join('');
    assert.equal(outOfBounds(typos), undefined);
    assert.deepEqual(
      problemsOf(typos).filter((p) => !p.startsWith('parse-error')),
      [],
    );
  });
});
