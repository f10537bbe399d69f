import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { generateJson, generateYaml } from '../../bench/generate';
import { hasChoices } from '../../core/choices';
import { parseDocument, ParsedDocument } from '../../core/document';
import { analyze, Finding } from '../../core/engine';
import { Rule } from '../../core/rule';
import { resolvePath } from '../../core/values';
import { policiesOf } from '../../core/policy/model';
import { rules } from '../../rules';
import { iamNoUser } from '../../rules/long-term-credentials/iam-no-user';
import { FIXTURES, parseFile, ROOT } from '../rules/helpers';

/** Everything a finding shows: two analyses agree when these agree. */
function shown(f: Finding): string {
  return JSON.stringify([
    f.ruleId,
    f.severity,
    f.profile,
    f.start,
    f.end,
    f.resource,
    f.message,
    f.fixes.map((x) => [x.title, x.safety]),
    f.related.map((x) => [x.start, x.end, x.message]),
    f.data,
  ]);
}

function compare(doc: ParsedDocument, label: string): void {
  // A generous budget: a loaded machine must not stop the rules on one side only.
  for (const profile of ['recommended', 'strict'] as const) {
    const opts = { profile, timeBudgetMs: 600_000 };
    const fast = analyze(doc, rules, opts);
    const full = analyze(doc, rules, { ...opts, everyChoicePass: true });
    assert.deepEqual(fast.findings.map(shown), full.findings.map(shown), `${label} (${profile})`);
    assert.deepEqual(
      fast.suppressed.map((s) => shown(s.finding)),
      full.suppressed.map((s) => shown(s.finding)),
      label,
    );
    assert.deepEqual(fast.ruleErrors, full.ruleErrors, label);
  }
}

/** Every template file under a folder, recursively. */
function templates(dir: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...templates(p));
    else if (/\.(ya?ml|json)$/.test(e.name)) out.push(p);
  }
  return out.sort();
}

const TEXT = `Parameters:
  Mode:
    Type: String
    AllowedValues: [Private, PublicRead]
    Default: Private
Conditions:
  Always: !Equals [a, a]
Resources:
  Box:
    Type: AWS::S3::Bucket
    Properties:
      AccessControl: !Ref Mode
  Other:
    Type: AWS::S3::Bucket
    Properties:
      Tags: !If [Always, [], []]
`;

/** A rule that counts its runs and reads `path` of the first resource (or nothing). */
function counting(id: string, read?: (doc: ParsedDocument) => void): { rule: Rule; runs: () => number } {
  let n = 0;
  const rule: Rule = {
    meta: { ...iamNoUser.meta, id },
    template(t, ctx) {
      n++;
      read?.(ctx.doc);
    },
  };
  return { rule, runs: () => n };
}

describe('core: the every-choice pass runs only for rules that read a choice', () => {
  it('a rule that reads no choice runs once; one that reads a choice, a decided condition or the policy model at a choice runs twice', () => {
    const doc = parseDocument('file:///choices.yaml', 1, TEXT);
    assert.ok(doc.template && hasChoices(doc.template));
    const tpl = doc.template;
    const none = counting('fake-none', (d) => resolvePath(tpl, d.template!.resources[0].properties, ['BucketName']));
    const param = counting('fake-param', (d) => resolvePath(tpl, d.template!.resources[0].properties, ['AccessControl']));
    const cond = counting('fake-cond', (d) => resolvePath(tpl, d.template!.resources[1].properties, ['Tags']));
    const model = counting('fake-model', (d) => policiesOf(d));
    analyze(doc, [none.rule, param.rule, cond.rule, model.rule]);
    assert.deepEqual([none.runs(), param.runs(), cond.runs(), model.runs()], [1, 2, 2, 1]);
    analyze(doc, [none.rule], { everyChoicePass: true });
    assert.equal(none.runs(), 3, 'everyChoicePass runs the second pass anyway');
  });

  it('a policy model built at a choice counts as a read for every rule that uses it, cached or not', () => {
    const text = `${TEXT}  Role:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Statement:
          - Effect: Allow
            Principal: { Service: lambda.amazonaws.com }
            Action: [!If [Always, sts:AssumeRole, sts:TagSession]]
`;
    const doc = parseDocument('file:///choices-model.yaml', 1, text);
    const first = counting('fake-model-1', (d) => policiesOf(d));
    const second = counting('fake-model-2', (d) => policiesOf(d));
    analyze(doc, [first.rule, second.rule]);
    assert.deepEqual([first.runs(), second.runs()], [2, 2]);
  });

  it('gives the same findings as running both passes: rule fixtures and examples with parameter choices', function () {
    this.timeout(600_000);
    let checked = 0;
    for (const file of [...templates(FIXTURES), ...templates(path.join(ROOT, 'examples'))]) {
      const doc = parseFile(file);
      if (!doc.template || !hasChoices(doc.template)) continue;
      compare(doc, path.relative(ROOT, file));
      checked++;
    }
    assert.ok(checked >= 40, `only ${checked} templates with parameter choices`);
  });

  it('gives the same findings as running both passes: generated templates', function () {
    this.timeout(600_000);
    for (const seed of [1, 2, 3]) {
      compare(parseDocument(`file:///g${seed}.yaml`, 1, generateYaml(600, seed)), `generated YAML seed ${seed}`);
      compare(parseDocument(`file:///g${seed}.json`, 1, generateJson(600, seed)), `generated JSON seed ${seed}`);
    }
  });
});
