/**
 * CheckNoNewAccess over policy pairs whose answer follows from AWS's documentation of IAM policy
 * evaluation (docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html and
 * the element pages for Action, NotAction, Resource, NotResource, Condition and the condition
 * operators). Each pair says which rule of the documentation decides it.
 */
import * as assert from 'node:assert/strict';
import { newAccess, policy, St } from './helpers';

const allow = (Action: unknown, Resource: unknown = '*', extra: St = {}): St => ({ Effect: 'Allow', Action, Resource, ...extra });
const deny = (Action: unknown, Resource: unknown = '*', extra: St = {}): St => ({ Effect: 'Deny', Action, Resource, ...extra });
const B = 'arn:aws:s3:::amzn-s3-demo-bucket';

interface Pair {
  name: string;
  /** The documented rule that decides the answer. */
  why: string;
  base: St[];
  next: St[];
  /** pass: nothing new; new: at least one access is new; undecided: only "cannot decide statically". */
  expect: 'pass' | 'new' | 'undecided';
  /** For `new`: actions that must be among the new ones; and ones that must not. */
  newActions?: string[];
  notNew?: string[];
}

const PAIRS: Pair[] = [
  {
    name: 'identical policies',
    why: 'A policy allows exactly what its statements allow.',
    base: [allow('s3:GetObject', `${B}/*`)],
    next: [allow('s3:GetObject', `${B}/*`)],
    expect: 'pass',
  },
  {
    name: 'an added action',
    why: 'An Allow grants the actions its Action lists.',
    base: [allow('s3:GetObject', `${B}/*`)],
    next: [allow(['s3:GetObject', 's3:PutObject'], `${B}/*`)],
    expect: 'new',
    newActions: ['s3:PutObject'],
    notNew: ['s3:GetObject'],
  },
  {
    name: 'a wildcard wider than the baseline',
    why: 'A * in Action matches every action whose name fits the pattern.',
    base: [allow('s3:GetObject')],
    next: [allow('s3:Get*')],
    expect: 'new',
    newActions: ['s3:GetBucketPolicy'],
    notNew: ['s3:GetObject'],
  },
  {
    name: 'a named action inside a baseline wildcard',
    why: 'A * in Action matches every action whose name fits the pattern.',
    base: [allow('s3:Get*')],
    next: [allow('s3:GetObject')],
    expect: 'pass',
  },
  {
    name: 'action names differ in case only',
    why: 'Action names are case-insensitive (s3:getobject is s3:GetObject).',
    base: [allow('s3:GetObject')],
    next: [allow('S3:getobject')],
    expect: 'pass',
  },
  {
    name: 'ARNs differ in case only',
    why: 'Resource ARNs are case-sensitive.',
    base: [allow('s3:GetObject', `${B}/*`)],
    next: [allow('s3:GetObject', 'arn:aws:s3:::AMZN-S3-DEMO-BUCKET/*')],
    expect: 'new',
    newActions: ['s3:GetObject'],
  },
  {
    name: 'a wildcard in the middle of an action, wider',
    why: 'Wildcards may appear anywhere in the action name (iam:*Policy).',
    base: [allow('iam:Get*')],
    next: [allow('iam:*Policy')],
    expect: 'new',
    newActions: ['iam:PutRolePolicy', 'iam:DeleteRolePolicy'],
    notNew: ['iam:GetRolePolicy'],
  },
  {
    name: 'a wildcard in the middle of an action, narrower',
    why: 'iam:Get*Policy matches only actions that also match iam:Get*.',
    base: [allow('iam:Get*')],
    next: [allow('iam:Get*Policy')],
    expect: 'pass',
  },
  {
    name: 'a narrower resource',
    why: 'A * in a Resource ARN matches any run of characters.',
    base: [allow('s3:GetObject', `${B}/*`)],
    next: [allow('s3:GetObject', `${B}/public/*`)],
    expect: 'pass',
  },
  {
    name: 'a wider resource',
    why: 'A * in a Resource ARN matches any run of characters.',
    base: [allow('s3:GetObject', `${B}/public/*`)],
    next: [allow('s3:GetObject', `${B}/*`)],
    expect: 'new',
    newActions: ['s3:GetObject'],
  },
  {
    name: '? matches one character',
    why: 'A ? in a Resource ARN matches exactly one character.',
    base: [allow('s3:GetObject', 'arn:aws:s3:::log-?')],
    next: [allow('s3:GetObject', 'arn:aws:s3:::log-1')],
    expect: 'pass',
  },
  {
    name: '? does not match two characters',
    why: 'A ? in a Resource ARN matches exactly one character.',
    base: [allow('s3:GetObject', 'arn:aws:s3:::log-?')],
    next: [allow('s3:GetObject', 'arn:aws:s3:::log-10')],
    expect: 'new',
    newActions: ['s3:GetObject'],
  },
  {
    name: 'a resource split over two baseline statements',
    why: 'A request is allowed when any Allow statement matches it.',
    base: [allow('s3:GetObject', `${B}/a/*`), allow('s3:PutObject', `${B}/*`)],
    next: [allow('s3:GetObject', `${B}/a/x`)],
    expect: 'pass',
  },
  {
    name: 'the baseline denies what the new policy allows',
    why: 'An explicit Deny in a policy overrides any Allow.',
    base: [allow('s3:*', `${B}/*`), deny('s3:DeleteObject', `${B}/*`)],
    next: [allow('s3:*', `${B}/*`)],
    expect: 'new',
    newActions: ['s3:DeleteObject'],
    notNew: ['s3:GetObject'],
  },
  {
    name: 'the same Deny in both',
    why: 'An explicit Deny in a policy overrides any Allow.',
    base: [allow('s3:*', `${B}/*`), deny('s3:DeleteObject', `${B}/*`)],
    next: [allow('s3:*', `${B}/*`), deny('s3:DeleteObject', `${B}/*`)],
    expect: 'pass',
  },
  {
    name: 'a wider Deny in the new policy',
    why: 'An explicit Deny overrides any Allow, so a wider Deny allows less.',
    base: [allow('s3:*', `${B}/*`), deny('s3:DeleteObject', `${B}/logs/*`)],
    next: [allow('s3:*', `${B}/*`), deny('s3:Delete*', `${B}/*`)],
    expect: 'pass',
  },
  {
    name: 'a Deny that removes the new part',
    why: 'An explicit Deny overrides any Allow.',
    base: [allow('s3:GetObject', `${B}/*`)],
    next: [allow(['s3:GetObject', 's3:PutObject'], `${B}/*`), deny('s3:PutObject', '*')],
    expect: 'pass',
  },
  {
    name: 'Allow with NotAction inside Allow *',
    why: 'Allow with NotAction grants every action except those listed.',
    base: [allow('*')],
    next: [{ Effect: 'Allow', NotAction: 'iam:*', Resource: '*' }],
    expect: 'pass',
  },
  {
    name: 'Allow with NotAction wider than a service',
    why: 'Allow with NotAction grants every action except those listed, in every service.',
    base: [allow('s3:*')],
    next: [{ Effect: 'Allow', NotAction: 'iam:*', Resource: '*' }],
    expect: 'new',
    newActions: ['ec2:RunInstances'],
    notNew: ['s3:GetObject', 'iam:PassRole'],
  },
  {
    name: 'an excluded action of a baseline NotAction',
    why: 'Allow with NotAction does not grant the actions listed.',
    base: [{ Effect: 'Allow', NotAction: 'iam:*', Resource: '*' }],
    next: [allow('iam:PassRole')],
    expect: 'new',
    newActions: ['iam:PassRole'],
  },
  {
    name: 'an action outside a baseline NotAction',
    why: 'Allow with NotAction grants every action not listed.',
    base: [{ Effect: 'Allow', NotAction: 'iam:*', Resource: '*' }],
    next: [allow('s3:GetObject')],
    expect: 'pass',
  },
  {
    name: 'Allow * with Deny NotAction, same action',
    why: 'Deny with NotAction refuses every action except those listed.',
    base: [allow('*'), { Effect: 'Deny', NotAction: 's3:GetObject', Resource: '*' }],
    next: [allow('s3:GetObject')],
    expect: 'pass',
  },
  {
    name: 'Allow * with Deny NotAction, another action',
    why: 'Deny with NotAction refuses every action except those listed; the Deny overrides the Allow.',
    base: [allow('*'), { Effect: 'Deny', NotAction: 's3:GetObject', Resource: '*' }],
    next: [allow('s3:PutObject')],
    expect: 'new',
    newActions: ['s3:PutObject'],
  },
  {
    name: 'Allow * with the same Deny NotAction',
    why: 'Deny with NotAction refuses every action except those listed.',
    base: [allow('*'), { Effect: 'Deny', NotAction: 's3:GetObject', Resource: '*' }],
    next: [allow('*'), { Effect: 'Deny', NotAction: 's3:GetObject', Resource: '*' }],
    expect: 'pass',
  },
  {
    name: 'NotResource inside Resource *',
    why: 'Allow with NotResource applies to every resource except those listed.',
    base: [allow('s3:*')],
    next: [{ Effect: 'Allow', Action: 's3:*', NotResource: `${B}/secret/*` }],
    expect: 'pass',
  },
  {
    name: 'NotResource wider than a bucket',
    why: 'Allow with NotResource applies to every resource except those listed.',
    base: [allow('s3:GetObject', `${B}/*`)],
    next: [{ Effect: 'Allow', Action: 's3:GetObject', NotResource: `${B}/secret/*` }],
    expect: 'new',
    newActions: ['s3:GetObject'],
  },
  {
    name: 'a resource excluded by a baseline NotResource',
    why: 'Allow with NotResource does not apply to the resources listed.',
    base: [{ Effect: 'Allow', Action: 's3:GetObject', NotResource: `${B}/secret/*` }],
    next: [allow('s3:GetObject', `${B}/secret/key`)],
    expect: 'new',
    newActions: ['s3:GetObject'],
  },
  {
    name: 'a resource outside a baseline NotResource',
    why: 'Allow with NotResource applies to every resource not listed.',
    base: [{ Effect: 'Allow', Action: 's3:GetObject', NotResource: `${B}/secret/*` }],
    next: [allow('s3:GetObject', `${B}/public/key`)],
    expect: 'pass',
  },
  {
    name: 'a shorter NotResource list',
    why: 'Allow with NotResource applies to every resource not listed: fewer exclusions allow more.',
    base: [{ Effect: 'Allow', Action: 's3:GetObject', NotResource: [`${B}/a/*`, `${B}/b/*`] }],
    next: [{ Effect: 'Allow', Action: 's3:GetObject', NotResource: `${B}/a/*` }],
    expect: 'new',
  },
  {
    name: 'a longer NotResource list',
    why: 'Allow with NotResource applies to every resource not listed: more exclusions allow less.',
    base: [{ Effect: 'Allow', Action: 's3:GetObject', NotResource: `${B}/a/*` }],
    next: [{ Effect: 'Allow', Action: 's3:GetObject', NotResource: [`${B}/a/*`, `${B}/b/*`] }],
    expect: 'pass',
  },
  {
    name: 'a baseline condition the new statement lacks',
    why: 'A statement applies only when its Condition is true.',
    base: [allow('s3:GetObject', `${B}/*`, { Condition: { StringEquals: { 'aws:SourceVpce': 'vpce-1a2b3c4d' } } })],
    next: [allow('s3:GetObject', `${B}/*`)],
    expect: 'new',
    newActions: ['s3:GetObject'],
  },
  {
    name: 'the baseline condition and one more',
    why: 'Condition operators in one statement are ANDed: another test narrows further.',
    base: [allow('s3:GetObject', `${B}/*`, { Condition: { StringEquals: { 'aws:SourceVpce': 'vpce-1a2b3c4d' } } })],
    next: [
      allow('s3:GetObject', `${B}/*`, {
        Condition: { StringEquals: { 'aws:SourceVpce': 'vpce-1a2b3c4d' }, Bool: { 'aws:SecureTransport': 'true' } },
      }),
    ],
    expect: 'pass',
  },
  {
    name: 'more values for the same key',
    why: 'Several values for one condition key are ORed.',
    base: [allow('s3:GetObject', '*', { Condition: { StringEquals: { 'aws:SourceVpce': 'vpce-1' } } })],
    next: [allow('s3:GetObject', '*', { Condition: { StringEquals: { 'aws:SourceVpce': ['vpce-1', 'vpce-2'] } } })],
    expect: 'new',
  },
  {
    name: 'fewer values for the same key',
    why: 'Several values for one condition key are ORed.',
    base: [allow('s3:GetObject', '*', { Condition: { StringEquals: { 'aws:SourceVpce': ['vpce-1', 'vpce-2'] } } })],
    next: [allow('s3:GetObject', '*', { Condition: { StringEquals: { 'aws:SourceVpce': 'vpce-1' } } })],
    expect: 'pass',
  },
  {
    name: 'IfExists in the baseline only',
    why: '...IfExists is true when the key is absent, so the plain operator is stricter.',
    base: [allow('s3:GetObject', '*', { Condition: { StringEqualsIfExists: { 'aws:SourceVpce': 'vpce-1' } } })],
    next: [allow('s3:GetObject', '*', { Condition: { StringEquals: { 'aws:SourceVpce': 'vpce-1' } } })],
    expect: 'pass',
  },
  {
    name: 'IfExists in the new statement only',
    why: '...IfExists is true when the key is absent: a request without the key now passes.',
    base: [allow('s3:GetObject', '*', { Condition: { StringEquals: { 'aws:SourceVpce': 'vpce-1' } } })],
    next: [allow('s3:GetObject', '*', { Condition: { StringEqualsIfExists: { 'aws:SourceVpce': 'vpce-1' } } })],
    expect: 'new',
  },
  {
    name: 'StringEquals inside StringLike',
    why: 'StringLike matches with * and ?; an exact value that fits the pattern is narrower.',
    base: [allow('s3:GetObject', '*', { Condition: { StringLike: { 'aws:PrincipalTag/team': 'team-*' } } })],
    next: [allow('s3:GetObject', '*', { Condition: { StringEquals: { 'aws:PrincipalTag/team': 'team-a' } } })],
    expect: 'pass',
  },
  {
    name: 'a StringLike pattern wider than the baseline',
    why: 'StringLike matches with * and ?.',
    base: [allow('s3:GetObject', '*', { Condition: { StringLike: { 'aws:PrincipalTag/team': 'team-a*' } } })],
    next: [allow('s3:GetObject', '*', { Condition: { StringLike: { 'aws:PrincipalTag/team': 'team-*' } } })],
    expect: 'new',
  },
  {
    name: 'StringNotEquals with more excluded values',
    why: 'A negated operator is true when the value matches none of its values: more values exclude more.',
    base: [allow('s3:GetObject', '*', { Condition: { StringNotEquals: { 'aws:PrincipalAccount': '111122223333' } } })],
    next: [allow('s3:GetObject', '*', { Condition: { StringNotEquals: { 'aws:PrincipalAccount': ['111122223333', '444455556666'] } } })],
    expect: 'pass',
  },
  {
    name: 'StringNotEquals with fewer excluded values',
    why: 'A negated operator is true when the value matches none of its values: fewer values exclude less.',
    base: [allow('s3:GetObject', '*', { Condition: { StringNotEquals: { 'aws:PrincipalAccount': ['111122223333', '444455556666'] } } })],
    next: [allow('s3:GetObject', '*', { Condition: { StringNotEquals: { 'aws:PrincipalAccount': '111122223333' } } })],
    expect: 'new',
  },
  {
    name: 'a missing MFA condition',
    why: 'Bool compares the key with true or false; without the test, requests without MFA pass.',
    base: [allow('iam:*', '*', { Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } } })],
    next: [allow('iam:*')],
    expect: 'new',
    newActions: ['iam:CreateUser'],
  },
  {
    name: 'Bool values differ in case only',
    why: 'Bool compares true/false without regard to case.',
    base: [allow('iam:*', '*', { Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } } })],
    next: [allow('iam:*', '*', { Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'TRUE' } } })],
    expect: 'pass',
  },
  {
    name: 'numeric ranges',
    why: 'Numeric operators compare numbers; ranges are not compared statically here.',
    base: [allow('s3:GetObject', '*', { Condition: { NumericLessThan: { 's3:max-keys': '10' } } })],
    next: [allow('s3:GetObject', '*', { Condition: { NumericLessThan: { 's3:max-keys': '5' } } })],
    expect: 'undecided',
  },
  {
    name: 'ForAnyValue sets',
    why: 'ForAnyValue tests every value of a multivalued key; sets are not compared statically here.',
    base: [allow('s3:GetObject', '*', { Condition: { 'ForAnyValue:StringEquals': { 'aws:TagKeys': ['a'] } } })],
    next: [allow('s3:GetObject', '*', { Condition: { 'ForAnyValue:StringEquals': { 'aws:TagKeys': ['a', 'b'] } } })],
    expect: 'undecided',
  },
  {
    name: 'a conditional baseline Deny the new policy lacks',
    why: 'An explicit Deny overrides any Allow whenever its Condition is true.',
    base: [allow('s3:GetObject', `${B}/*`), deny('s3:*', `${B}/*`, { Condition: { Bool: { 'aws:SecureTransport': 'false' } } })],
    next: [allow('s3:GetObject', `${B}/*`)],
    expect: 'new',
    newActions: ['s3:GetObject'],
  },
  {
    name: 'the same conditional Deny',
    why: 'An explicit Deny overrides any Allow whenever its Condition is true.',
    base: [allow('s3:GetObject', `${B}/*`), deny('s3:*', `${B}/*`, { Condition: { Bool: { 'aws:SecureTransport': 'false' } } })],
    next: [allow('s3:GetObject', `${B}/*`), deny('s3:*', `${B}/*`, { Condition: { Bool: { 'aws:SecureTransport': 'false' } } })],
    expect: 'pass',
  },
  {
    name: 'a single-test Deny standing in for a baseline condition',
    why: 'Allow minus Deny(StringNotEquals k v) lets through only requests where k equals v.',
    base: [allow('s3:GetObject', `${B}/*`, { Condition: { StringEquals: { 'aws:SourceVpce': 'vpce-1' } } })],
    next: [
      allow('s3:GetObject', `${B}/*`),
      deny('s3:GetObject', `${B}/*`, { Condition: { StringNotEquals: { 'aws:SourceVpce': 'vpce-1' } } }),
    ],
    expect: 'pass',
  },
];

describe('CheckNoNewAccess: policy pairs from the IAM evaluation logic', () => {
  it('has at least 30 pairs, each with its documented reason', () => {
    assert.ok(PAIRS.length >= 30, `${PAIRS.length} pairs`);
    for (const p of PAIRS) assert.ok(p.why.length > 10, p.name);
  });
  for (const p of PAIRS) {
    it(`${p.expect}: ${p.name}`, () => {
      const found = newAccess(policy(...p.base), policy(...p.next));
      const news = found.filter((f) => f.verdict === 'new');
      const undecided = found.filter((f) => f.verdict === 'undecided');
      const show = JSON.stringify(found.map((f) => ({ v: f.verdict, a: f.actions.slice(0, 5), r: f.resource, why: f.reason })));
      if (p.expect === 'pass') assert.equal(found.length, 0, show);
      if (p.expect === 'undecided') {
        assert.equal(news.length, 0, show);
        assert.ok(undecided.length > 0, show);
        for (const u of undecided) assert.match(u.reason, /cannot be decided statically/);
      }
      if (p.expect === 'new') {
        assert.ok(news.length > 0, show);
        const actions = new Set(news.flatMap((f) => f.actions.map((a) => a.toLowerCase())));
        for (const a of p.newActions ?? []) assert.ok(actions.has(a.toLowerCase()), `${a} not reported new: ${show}`);
        for (const a of p.notNew ?? []) assert.ok(!actions.has(a.toLowerCase()), `${a} reported new: ${show}`);
        for (const f of news) assert.ok(f.reason.length > 0, show);
      }
    });
  }
});
