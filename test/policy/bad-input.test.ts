import * as assert from 'node:assert/strict';
import { policyModel } from '../../core/policy/model';
import { doc, findings } from './helpers';

describe('policy: bad input', () => {
  it('reports wrong types everywhere as grammar findings, without crashing', () => {
    const text = JSON.stringify(
      {
        Version: 2012,
        Statement: [
          { Effect: 'Allow', Action: 42, Resource: { nested: true } },
          { Effect: true, Action: ['s3:GetObject', ['x'], null], Resource: '*', Condition: 'yes' },
          { Effect: 'Allow', Principal: 17, NotPrincipal: ['a'], Action: 's3:GetObject', Resource: '*' },
          'not a statement',
          7,
          {
            Effect: 'Allow',
            Action: 's3:GetObject',
            Resource: [],
            Condition: { StringEquals: 'x', Bool: { 'aws:SecureTransport': { a: 1 } } },
          },
        ],
        Extra: 'unknown key',
      },
      null,
      2,
    );
    const all = findings('wrong.policy.json', text);
    const grammar = all.filter((f) => f.ruleId === 'iam-policy-valid-grammar').map((f) => f.message);
    const expect = [
      /Version must be 2012-10-17/,
      /Action must hold strings; found the number 42/,
      /Resource must hold strings; found a mapping/,
      /Effect must be "Allow" or "Deny"; found the boolean true/,
      /Action must hold strings; found a list/,
      /Condition must be a mapping/,
      /Principal must be "\*" or a mapping/,
      /A statement must be a mapping; found the string/,
      /A statement must be a mapping; found the number 7/,
      /Resource is an empty list/,
      /Condition operator StringEquals must map condition keys/,
      /Unknown policy key Extra/,
    ];
    for (const re of expect)
      assert.ok(
        grammar.some((m) => re.test(m)),
        `no grammar finding like ${re}:\n${grammar.join('\n')}`,
      );
  });

  it('reports unknown statement keys', () => {
    const text = 'Version: "2012-10-17"\nStatement:\n  - Effect: Allow\n    Actions: s3:GetObject\n    Resource: "*"\n';
    const msgs = findings('keys.policy.yaml', text, 'iam-policy-valid-grammar').map((f) => f.message);
    assert.ok(
      msgs.some((m) => /"Actions" is not a statement element/.test(m)),
      msgs.join('\n'),
    );
    assert.ok(
      msgs.some((m) => /no Action or NotAction/.test(m)),
      msgs.join('\n'),
    );
  });

  it('reads a 10,000-statement document and reports each bad statement', () => {
    const Statement = Array.from({ length: 10_000 }, (_, i) =>
      i % 1000 === 0
        ? { Sid: `S${i}`, Effect: 'Allow', Action: 's3:*', Resource: '*' }
        : { Sid: `S${i}`, Effect: 'Allow', Action: ['s3:GetObject', `sqs:SendMessage`], Resource: `arn:aws:s3:::bucket-${i}/*` },
    );
    const text = JSON.stringify({ Version: '2012-10-17', Statement });
    const d = doc('huge.policy.json', text);
    assert.equal(policyModel(d).documents[0].statements.length, 10_000);
    const wild = findings('huge.policy.json', text, 'iam-no-wildcard-action');
    assert.equal(wild.length, 10);
  });

  it('survives documents that are not policies at all', () => {
    for (const text of [
      '{"Statement": 5}',
      '{"Statement": null}',
      '{"Statement": {"Effect": "Allow"}}',
      'Statement: [[], [[]], {}]\n',
      '{"Statement": "x", "Version": []}',
    ]) {
      assert.doesNotThrow(() => findings(text.startsWith('{') ? 'x.policy.json' : 'x.policy.yaml', text), text);
    }
  });

  it('says nothing about intrinsic values it cannot know', () => {
    const text = `AWSTemplateFormatVersion: "2010-09-09"
Resources:
  P:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: !If [C, Allow, Deny]
            Action: !Ref Actions
            Resource: !GetAtt Bucket.Arn
            Condition: !Ref Cond
`;
    assert.deepEqual(
      findings('t.yaml', text).map((f) => f.message),
      [],
    );
  });
});
