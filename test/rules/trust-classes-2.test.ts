import * as assert from 'node:assert/strict';
import { parseDocument } from '../../core/document';
import { analyze, Finding } from '../../core/engine';
import { actionInfo } from '../../core/policy/catalogue';
import { ruleById } from '../../rules';

// Classes of wrong or noisy findings seen on public templates (bench/realworld/RESULTS.md), one block each.

function inline(ruleId: string, text: string, uri = 'file:///work/inline.yaml'): Finding[] {
  return analyze(parseDocument(uri, 1, text), [ruleById.get(ruleId)!]).findings;
}

/** An identity policy with one Allow statement on `*`. */
function policyOn(actions: string[]): string {
  return [
    'Resources:',
    '  P:',
    '    Type: AWS::IAM::ManagedPolicy',
    '    Properties:',
    '      PolicyDocument:',
    "        Version: '2012-10-17'",
    '        Statement:',
    '          - Effect: Allow',
    `            Action: [${actions.join(', ')}]`,
    "            Resource: '*'",
    '',
  ].join('\n');
}

describe('W6: actions that cannot be scoped are not called scopable', () => {
  it('reads "scopable" from the catalogue: a required type, or a choice among several optional ones', () => {
    assert.equal(actionInfo('cloudwatch:PutMetricData')?.scopable, false, 'one optional type (a dataset)');
    assert.equal(actionInfo('s3:ListAllMyBuckets')?.scopable, false, 'no resource type');
    assert.equal(actionInfo('s3:PutObject')?.scopable, true, 'object or access-point object');
    assert.equal(actionInfo('iam:PassRole')?.scopable, true, 'role is required');
    assert.equal(actionInfo('ec2:CreateTags')?.scopable, true, 'one of many taggable types');
  });

  it('says nothing about PutMetricData or the SSM Agent set on "*"', () => {
    const id = 'iam-no-wildcard-resource-write';
    assert.deepEqual(inline(id, policyOn(['cloudwatch:PutMetricData'])), []);
    assert.deepEqual(
      inline(id, policyOn(['ssm:UpdateInstanceInformation', 'ssmmessages:OpenDataChannel', 'ec2messages:AcknowledgeMessage'])),
      [],
    );
  });

  it('still flags S3 object writes and names only the scopable actions', () => {
    const f = inline('iam-no-wildcard-resource-write', policyOn(['cloudwatch:PutMetricData', 's3:PutObject']));
    assert.equal(f.length, 1);
    assert.match(f[0].message, /1 action .*\(s3:PutObject\)/);
  });
});
