import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { initCdkPython } from '../../core/cdk/py-init';
import { parseDocument, ParsedDocument } from '../../core/document';
import { analyze } from '../../core/engine';
import { applyFix, fixAll } from '../../core/fix/apply';
import { renderFix } from '../../core/fix/render';
import { JsonWriter } from '../../core/fix/json-writer';
import { applyEdits, eolOf, lineEndAt, lineStartAt } from '../../core/fix/text';
import { YamlWriter } from '../../core/fix/yaml-writer';
import { rules } from '../../rules';
import { FIXTURES } from '../rules/helpers';

/** Every bad fixture of every rule: the fixes under test. */
function badFixtures(): string[] {
  const out: string[] = [];
  for (const rule of fs.readdirSync(FIXTURES).sort()) {
    for (const f of fs.readdirSync(path.join(FIXTURES, rule)).sort())
      if (f.startsWith('bad.') && !f.endsWith('.snap')) out.push(path.join(FIXTURES, rule, f));
  }
  return out;
}

/** The line breaks of a text, by kind. */
function breaks(text: string): { crlf: number; lf: number; cr: number } {
  const crlf = (text.match(/\r\n/g) ?? []).length;
  return { crlf, lf: (text.match(/\n/g) ?? []).length - crlf, cr: (text.match(/\r/g) ?? []).length - crlf };
}

const uriOf = (file: string): string => `file://${file}`;

describe('core: fixes keep the file line ending (LF, CRLF, lone CR)', function () {
  this.timeout(120_000);
  before(() => initCdkPython());

  it('text helpers know all three line breaks', () => {
    assert.equal(eolOf('a\nb\n'), '\n');
    assert.equal(eolOf('a\r\nb\r\n'), '\r\n');
    assert.equal(eolOf('a\rb\r'), '\r');
    assert.equal(eolOf('a\r\nb\r\nc\n'), '\r\n', 'the most frequent break');
    assert.equal(eolOf('abc'), '\n');
    for (const eol of ['\n', '\r\n', '\r']) {
      const t = ['one', 'two', 'three'].join(eol);
      const two = t.indexOf('two');
      assert.equal(lineStartAt(t, two + 1), two, JSON.stringify(eol));
      assert.equal(lineEndAt(t, two), two + 3, JSON.stringify(eol));
    }
    assert.equal(lineStartAt('\nabc', 0), 0, 'offset 0 is the start of the first line');
  });

  it('the issue case: removing Default from a CRLF parameter leaves no "\\r\\r\\n", and fix-all stops after one round', () => {
    const lf = [
      "AWSTemplateFormatVersion: '2010-09-09'",
      'Parameters:',
      '  DbPassword:',
      '    Type: String',
      '    NoEcho: true',
      '    Default: hunter2hunter2',
      'Resources:',
      '  Q:',
      '    Type: AWS::SQS::Queue',
      '',
    ].join('\n');
    const crlf = lf.replace(/\n/g, '\r\n');
    // Removing a Default is a suggestion (the user must move the secret somewhere first): marked safe
    // here, so fix-all applies it and its loop is under test as well as the edit.
    const noEcho = rules.find((r) => r.meta.id === 'secret-parameter-no-echo')!;
    const asSafe = [{ ...noEcho, meta: { ...noEcho.meta, fixSafety: 'safe' as const } }];
    const fromLf = fixAll(parseDocument('file:///p.yaml', 1, lf), asSafe);
    const fromCrlf = fixAll(parseDocument('file:///p.yaml', 1, crlf), asSafe);
    assert.ok(!fromCrlf.text.includes('\r\r'), JSON.stringify(fromCrlf.text));
    assert.equal(fromCrlf.text, lf.replace('    Default: hunter2hunter2\n', '').replace(/\n/g, '\r\n'));
    assert.equal(fromCrlf.text, fromLf.text.replace(/\n/g, '\r\n'));
    assert.equal(fromLf.applied, 1);
    assert.equal(fromCrlf.applied, 1, `one change, ${fromCrlf.applied} fixes reported`);
    assert.deepEqual(fromCrlf.remaining, []);
  });

  // CRLF: parse the CRLF file and fix it; the result must be the LF result with CRLF breaks.
  for (const file of badFixtures()) {
    const rel = path.relative(FIXTURES, file);
    it(`CRLF ${rel}: fix-all, and each fix alone (suggestions too), give the LF result with CRLF breaks`, () => {
      const lf = fs.readFileSync(file, 'utf8');
      if (lf.includes('\r')) return;
      const lfDoc = parseDocument(uriOf(file), 1, lf);
      if (lfDoc.kind === 'none') return; // a CDK syntax whose parser is not loaded
      const crlf = lf.replace(/\n/g, '\r\n');
      const crlfDoc = parseDocument(uriOf(file), 1, crlf);
      const a = fixAll(lfDoc, rules);
      const b = fixAll(crlfDoc, rules);
      assert.equal(b.text, a.text.replace(/\n/g, '\r\n'));
      assert.equal(b.applied, a.applied);
      assert.equal(breaks(b.text).lf + breaks(b.text).cr, 0);
      // Fix-all applies safe fixes only; the user applies the suggestions one by one, on the same file.
      const lfFindings = analyze(lfDoc, rules).findings;
      const crlfFindings = analyze(crlfDoc, rules).findings;
      assert.deepEqual(
        crlfFindings.map((f) => f.ruleId),
        lfFindings.map((f) => f.ruleId),
      );
      lfFindings.forEach((f, i) =>
        f.fixes.forEach((fix, k) => {
          const fromCrlf = applyFix(crlfDoc, crlfFindings[i].fixes[k]);
          assert.equal(fromCrlf, applyFix(lfDoc, fix).replace(/\n/g, '\r\n'), `${f.ruleId}: ${fix.title}`);
        }),
      );
    });
  }

  // Lone CR: CR and LF are one character each, so the LF file's tree has the CR file's offsets; the
  // writers get the CR text, and every fix must write CR breaks only (the parser's side is tested apart).
  for (const file of badFixtures().filter((f) => /\.(ya?ml|json)$/.test(f))) {
    const rel = path.relative(FIXTURES, file);
    it(`lone CR ${rel}: every fix writes CR breaks only, and the LF text with CR breaks`, () => {
      const lf = fs.readFileSync(file, 'utf8');
      if (lf.includes('\r')) return;
      const cr = lf.replace(/\n/g, '\r');
      const doc: ParsedDocument = parseDocument(uriOf(file), 1, lf);
      const writerOf = (text: string): YamlWriter | JsonWriter =>
        doc.syntax === 'yaml' ? new YamlWriter(text, doc.usesShortTags) : new JsonWriter(text);
      for (const f of analyze(doc, rules).findings) {
        for (const fix of f.fixes) {
          const fromLf = applyEdits(lf, renderFix(doc, fix, writerOf(lf)));
          const fromCr = applyEdits(cr, renderFix(doc, fix, writerOf(cr)));
          assert.equal(fromCr, fromLf.replace(/\n/g, '\r'), `${f.ruleId}: ${fix.title}`);
        }
      }
    });
  }
});

describe('core: the YAML writer removes a key whose line starts with a dash', () => {
  for (const eol of ['\n', '\r\n']) {
    it(`keeps the dash (${JSON.stringify(eol)})`, () => {
      const text = [
        'Resources:',
        '  Q:',
        '    Type: AWS::SQS::Queue',
        '    Properties:',
        '      Tags:',
        '        - Key: a',
        '          Value: b',
        '        - Key: c',
        '',
      ].join(eol);
      const doc = parseDocument('file:///t.yaml', 1, text);
      const tags = doc.template!.resources[0].properties!.pairs.find((p) => p.key.value === 'Tags')!.value!;
      assert.equal(tags.kind, 'seq');
      if (tags.kind !== 'seq') return;
      const [first, second] = tags.items;
      assert.ok(first.kind === 'map' && second.kind === 'map');
      if (first.kind !== 'map' || second.kind !== 'map') return;
      const w = new YamlWriter(text, false);
      const lines = (t: string): string[] => t.split(eol);
      assert.deepEqual(lines(applyEdits(text, w.remove(first, 'Key'))).slice(5, 7), ['        - Value: b', '        - Key: c']);
      assert.deepEqual(lines(applyEdits(text, w.remove(first, 'Value'))).slice(5, 7), ['        - Key: a', '        - Key: c']);
      assert.deepEqual(lines(applyEdits(text, w.remove(second, 'Key'))).slice(7), ['        - {}', '']);
    });
  }
});

describe('core: fix-all stops when a round changes nothing', () => {
  const TEMPLATE = "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  Q:\n    Type: AWS::SQS::Queue\n    Properties:\n      Tags: []\n";
  // fixSafety 'safe': fix-all applies only safe fixes (core/rule.ts FixSafety).
  const meta = (id: string): (typeof rules)[number]['meta'] => ({ ...rules[0].meta, id, title: id, fixSafety: 'safe' });

  it('a fix already in the text (the finding stays) is counted once, not once per pass', () => {
    const stubborn = {
      meta: meta('test-stubborn-set'),
      template(t, ctx) {
        for (const r of t.resources) {
          ctx.report({
            node: r.node,
            resource: r,
            message: 'always',
            fix: { title: 'set', ops: [{ op: 'set', map: r.node, path: ['Condition'], value: 'Never' }] },
          });
        }
      },
    } satisfies (typeof rules)[number];
    const result = fixAll(parseDocument('file:///q.yaml', 1, TEMPLATE), [stubborn]);
    assert.equal(result.applied, 1);
    assert.match(result.text, /Condition: Never/);
  });

  it('a fix that changes the text every time but never removes its finding is applied once', () => {
    const growing = {
      meta: meta('test-growing-append'),
      template(t, ctx) {
        for (const r of t.resources) {
          const tags = r.properties?.pairs.find((p) => p.key.value === 'Tags')?.value;
          if (tags?.kind !== 'seq') continue;
          ctx.report({
            node: tags,
            resource: r,
            message: 'more tags',
            fix: { title: 'append', ops: [{ op: 'append', seq: tags, value: { Key: 'k', Value: 'v' } }] },
          });
        }
      },
    } satisfies (typeof rules)[number];
    const result = fixAll(parseDocument('file:///q.yaml', 1, TEMPLATE), [growing]);
    assert.equal(result.applied, 1);
    assert.equal(result.text.match(/Key: k/g)?.length, 1, result.text);
  });
});

describe('core: a fix never throws out of fix-all', () => {
  it('several sets into one empty mapping (Properties: {}) become one edit, in YAML and JSON', () => {
    for (const [file, text] of [
      ['file:///t.yaml', 'Resources:\n  T:\n    Type: AWS::CloudTrail::Trail\n    Properties: {}\n'],
      ['file:///t.json', '{"Resources": {"T": {"Type": "AWS::CloudTrail::Trail", "Properties": {}}}}\n'],
    ]) {
      const doc = parseDocument(file, 1, text);
      // Two safe fixes, each setting one key in the same empty mapping.
      const rule = rules.filter((r) => r.meta.id === 'cloudtrail-log-file-validation' || r.meta.id === 'cloudtrail-multi-region');
      assert.equal(analyze(doc, rule).findings.length, 2, file);
      const result = fixAll(doc, rule);
      assert.equal(result.applied, 2, file);
      const after = parseDocument(file, 2, result.text);
      assert.deepEqual(after.problems, [], result.text);
      assert.deepEqual(analyze(after, rule).findings, [], result.text);
    }
  });

  it('a fix whose own edits overlap is left out, and the others are applied', () => {
    const overlapping = {
      meta: { ...rules[0].meta, id: 'test-overlapping-edits', title: 'x' },
      template(t, ctx) {
        const r = t.resources[0];
        ctx.report({
          node: r.node,
          resource: r,
          message: 'bad edits',
          fix: {
            title: 'x',
            ops: [
              {
                op: 'edits',
                edits: [
                  { start: 0, end: 5, newText: 'a' },
                  { start: 3, end: 8, newText: 'b' },
                ],
              },
            ],
          },
        });
      },
    } satisfies (typeof rules)[number];
    const text =
      "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  K:\n    Type: AWS::KMS::Key\n    Properties:\n      EnableKeyRotation: false\n";
    const result = fixAll(parseDocument('file:///k.yaml', 1, text), [
      overlapping,
      ...rules.filter((r) => r.meta.id === 'kms-key-rotation-enabled'),
    ]);
    assert.equal(result.applied, 1);
    assert.match(result.text, /EnableKeyRotation: true/);
  });
});
