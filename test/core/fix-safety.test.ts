import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseDocument } from '../../core/document';
import { analyze, autoFix } from '../../core/engine';
import { fixAll } from '../../core/fix/apply';
import { Rule } from '../../core/rule';
import { rules } from '../../rules';
import { iamNoUser } from '../../rules/long-term-credentials/iam-no-user';

const ROOT = path.resolve(__dirname, '..', '..', '..');
/** A key administrator granted `kms:*`, an application role granted `s3:*` and `dynamodb:*`, and a key that does not rotate. */
export const JUDGEMENT = fs.readFileSync(path.join(ROOT, 'test', 'fixtures', 'fix-safety', 'judgement.yaml'), 'utf8');

const TEXT = 'Resources:\n  Alice:\n    Type: AWS::IAM::User\n';

/** A rule with one fix per safety, for the engine's resolution of `fixSafety`. */
function fixing(id: string, fixSafety: Rule['meta']['fixSafety'], safeties: ('safe' | 'suggestion' | undefined)[]): Rule {
  return {
    meta: { ...iamNoUser.meta, id, fix: 'Renames the user.', fixSafety },
    template(t, ctx) {
      const r = t.resources[0];
      const fix = safeties.map((safety, i) => ({
        title: `fix ${i}`,
        ops: [{ op: 'replace' as const, node: r.keyNode, value: `Bob${i}` }],
        ...(safety ? { safety } : {}),
      }));
      ctx.report({ node: r.keyNode, resource: r, message: 'a user', fix });
    },
  };
}

describe('core: fix safety (safe fixes are applied by fix-all, suggestions never)', () => {
  it('resolves each fix from the rule: safe rule, per-fix override, undeclared means suggestion', () => {
    const doc = parseDocument('file:///s.yaml', 1, TEXT);
    const safeties = (r: Rule): string[] => analyze(doc, [r]).findings[0].fixes.map((f) => f.safety);
    assert.deepEqual(safeties(fixing('fake-safe', 'safe', [undefined, 'suggestion'])), ['safe', 'suggestion']);
    assert.deepEqual(safeties(fixing('fake-suggestion', 'suggestion', [undefined, 'safe'])), ['suggestion', 'safe']);
    assert.deepEqual(safeties(fixing('fake-mixed', 'mixed', [undefined, 'safe'])), ['suggestion', 'safe']);
    assert.deepEqual(safeties(fixing('fake-undeclared', undefined, [undefined])), ['suggestion']);
  });

  it('fix-all applies the first safe fix, skipping suggestions before it', () => {
    const doc = parseDocument('file:///s.yaml', 1, TEXT);
    const result = fixAll(doc, [fixing('fake-mixed', 'mixed', [undefined, 'safe'])]);
    assert.match(result.text, /^ {2}Bob1:/m);
    assert.equal(fixAll(doc, [fixing('fake-undeclared', undefined, [undefined])]).text, TEXT);
  });

  it('fix-all never narrows permissions: kms:*, s3:* and dynamodb:* stay, and so do their findings', () => {
    const doc = parseDocument('file:///judgement.yaml', 1, JUDGEMENT);
    const before = analyze(doc, rules).findings.filter((f) => f.ruleId === 'iam-no-wildcard-action');
    assert.equal(before.length, 2, 'the three wildcards are findings, one per statement');
    assert.ok(
      before.every((f) => f.fixes.length > 0 && autoFix(f) === undefined),
      'each has a quick fix, none of them safe',
    );
    const result = fixAll(doc, rules);
    assert.match(result.text, /EnableKeyRotation: true/, 'the safe fix is applied');
    assert.match(result.text, /Action: kms:\*$/m);
    assert.match(result.text, /Action: \['s3:\*', 'dynamodb:\*'\]/);
    const after = analyze(parseDocument(doc.uri, 2, result.text), rules).findings;
    assert.equal(after.filter((f) => f.ruleId === 'iam-no-wildcard-action').length, 2, 'the findings stay reported');
    assert.deepEqual(
      after.filter((f) => f.ruleId === 'kms-key-rotation-enabled'),
      [],
    );
  });
});
