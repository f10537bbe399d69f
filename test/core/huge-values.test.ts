import * as assert from 'node:assert/strict';
import { parseDocument } from '../../core/document';
import { analyze, clipQuoted } from '../../core/engine';
import { actionMatches } from '../../core/policy/catalogue';
import { wildcardMatch } from '../../core/policy/glob';
import { rules } from '../../rules';

/** The regular expression the policy code used before: the reference for the differential test below. */
function byRegExp(pattern: string, text: string): boolean {
  const body = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${body}$`).test(text);
}

describe('huge values in policies (found by npm run fuzz)', () => {
  it('matches IAM wildcards as the regular expression did, on random patterns and texts', () => {
    let seed = 7;
    const rnd = (n: number): number => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    const alphabet = ['a', 'b', ':', '*', '?', '.', '('];
    const word = (len: number, chars: string[]): string => Array.from({ length: len }, () => chars[rnd(chars.length)]).join('');
    let matched = 0;
    for (let i = 0; i < 5000; i++) {
      const pattern = word(rnd(8), alphabet);
      const text = word(rnd(10), ['a', 'b', ':', '.', '(']);
      const want = byRegExp(pattern, text);
      if (want) matched++;
      assert.equal(wildcardMatch(pattern, text), want, `${JSON.stringify(pattern)} on ${JSON.stringify(text)}`);
    }
    assert.ok(matched > 200, `${matched} matches among the cases`);
  });

  it('answers a 40 KB action pattern without a rule failure, and quotes it by its ends', () => {
    const huge = `lambda:*${'a,'.repeat(20_000)}x`;
    assert.equal(actionMatches(huge, 'lambda:invoke'), false);
    const text = [
      'Resources:',
      '  Role:',
      '    Type: AWS::IAM::Policy',
      '    Properties:',
      '      PolicyName: p',
      '      Roles: [r]',
      '      PolicyDocument:',
      '        Statement:',
      '          - Effect: Allow',
      `            Action: ["s3:*", "${huge}"]`,
      '            Resource: "*"',
      '',
    ].join('\n');
    const res = analyze(parseDocument('file:///huge.yaml', 1, text), rules);
    assert.deepEqual(
      res.problems.filter((p) => p.severity === 'error').map((p) => p.message.slice(0, 80)),
      [],
    );
    assert.ok(res.findings.length > 0);
    for (const f of res.findings) assert.ok(f.message.length < 1000, `${f.ruleId}: ${f.message.length} characters`);
  });

  it('clips only quoted values longer than a line', () => {
    assert.equal(clipQuoted('"s3:GetObject" is fine.'), '"s3:GetObject" is fine.');
    const long = 'x'.repeat(500);
    assert.equal(clipQuoted(`"${long}" is long.`), `"${'x'.repeat(100)}…${'x'.repeat(20)}" is long.`);
  });
});
