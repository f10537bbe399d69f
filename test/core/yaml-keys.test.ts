import * as assert from 'node:assert/strict';
import { parseDocument } from '../../core/document';
import { analyze } from '../../core/engine';
import { toJs } from '../../core/nodes';
import { YamlParse } from '../../core/parse/tree';
import { parseYaml, parseYamlComposed } from '../../core/parse/yaml';
import { parseYamlFast } from '../../core/parse/yaml-fast';
import { rules } from '../../rules';

const PATHS: [string, (t: string) => YamlParse | undefined][] = [
  ['parseYaml', parseYaml],
  ['composed', parseYamlComposed],
  ['fast', parseYamlFast],
];

/** An EBS volume: encrypted or not (ebs-volume-encrypted flags the unencrypted one). */
const volume = (encrypted: boolean): string =>
  `    Type: AWS::EC2::Volume\n    Properties:\n      Size: 10\n      AvailabilityZone: us-east-1a\n      Encrypted: ${encrypted}\n`;

function flaggedVolumes(text: string): { flagged: string[]; problems: string[]; resources: string[] } {
  const doc = parseDocument('file:///t.yaml', 1, text);
  const res = analyze(doc, rules);
  return {
    flagged: res.findings.filter((f) => f.ruleId === 'ebs-volume-encrypted').map((f) => f.resource ?? ''),
    problems: res.problems.map((p) => `${p.severity} ${p.code} ${doc.lines.positionAt(p.start).line}`),
    resources: doc.template?.resources.map((r) => r.id) ?? [],
  };
}

describe('YAML mapping keys as CloudFormation reads them', () => {
  it('reads a plain key as the text written on every path: `Off:` is "Off", never a boolean', () => {
    const text = 'Off: 1\nyes: 2\n0123: 3\n1:30: 4\n~: 5\n2012-10-17: 6\nm: {On: 7, 0x1F: 8}\ntrue: 9\n';
    const want = { Off: 1, yes: 2, '0123': 3, '1:30': 4, '~': 5, '2012-10-17': 6, m: { On: 7, '0x1F': 8 }, true: 9 };
    for (const [name, parse] of PATHS) {
      const r = parse(text);
      assert.ok(r, `${name} answers`);
      assert.deepEqual(toJs(r.root), want, name);
      assert.ok(r.root?.kind === 'map' && r.root.pairs.every((p) => typeof p.key.value === 'string'), `${name}: string keys`);
    }
  });

  it('names a resource `Off` by its text in findings (cloudtrail-log-file-validation fixture)', () => {
    const text = `Resources:\n  Off:\n${volume(false)}`;
    assert.deepEqual(flaggedVolumes(text).flagged, ['Off']);
  });

  it('keeps the last value of a repeated key, with one warning at the later key and no parse error', () => {
    const text = 'a: 1\nb: 2\na: 3\nm: {x: 1, x: 2, x: 3}\n';
    for (const [name, parse] of [PATHS[0], PATHS[1]]) {
      const r = parse(text)!;
      assert.deepEqual(toJs(r.root), { b: 2, a: 3, m: { x: 3 } }, name);
      assert.deepEqual(
        [...r.problems].sort((a, b) => a.start - b.start).map((p) => [p.code, p.severity, text.slice(p.start, p.end), p.start]),
        [
          ['duplicate-key', 'warning', 'a', 10],
          ['duplicate-key', 'warning', 'x', 25],
          ['duplicate-key', 'warning', 'x', 31],
        ],
        name,
      );
      assert.match(
        r.problems.find((p) => text.slice(p.start, p.end) === 'a')!.message,
        /^Duplicate key "a": CloudFormation uses this value; the earlier one \(line 1\) is ignored\.$/,
      );
    }
  });

  it('analyses a template with a repeated resource or property last-wins, every other resource included', () => {
    const dupResource = (first: boolean, second: boolean): string =>
      `Resources:\n  A:\n${volume(false)}  B:\n${volume(first)}  B:\n${volume(second)}  C:\n${volume(false)}`;
    assert.deepEqual(flaggedVolumes(dupResource(false, true)), {
      flagged: ['A', 'C'],
      problems: ['warning duplicate-key 13'],
      resources: ['A', 'B', 'C'],
    });
    assert.deepEqual(flaggedVolumes(dupResource(true, false)).flagged, ['A', 'B', 'C']);
    const dupProperty = (first: boolean, second: boolean): string => `Resources:\n  V:\n${volume(first)}      Encrypted: ${second}\n`;
    assert.deepEqual(flaggedVolumes(dupProperty(false, true)).flagged, []);
    assert.deepEqual(flaggedVolumes(dupProperty(true, false)).flagged, ['V']);
    assert.deepEqual(flaggedVolumes(dupProperty(true, false)).problems, ['warning duplicate-key 7']);
  });

  it('keeps a repeated key in CRLF text at its offset in the text as written', () => {
    const text = 'a: 1\r\nb: 2\r\na: 3\r\n';
    const r = parseYaml(text);
    assert.deepEqual(
      r.problems.map((p) => [p.code, p.start, p.end]),
      [['duplicate-key', 12, 13]],
    );
  });
});
