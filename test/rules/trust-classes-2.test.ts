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

describe('N4: one public resource-policy statement, one finding', () => {
  const twins = ['iam-no-public-principal', 's3-bucket-policy-not-public', 'opensearch-domain-not-public'];
  const all = (text: string): string[] =>
    analyze(
      parseDocument('file:///work/inline.yaml', 1, text),
      twins.map((id) => ruleById.get(id)!),
    ).findings.map((f) => `${f.ruleId}@${f.range.start.line + 1}`);

  it('a public bucket statement is the S3 rule finding only, with the narrowing fixes', () => {
    const text = [
      'Resources:',
      '  SitePolicy:',
      '    Type: AWS::S3::BucketPolicy',
      '    Properties:',
      '      Bucket: my-site',
      '      PolicyDocument:',
      '        Statement:',
      "          - {Effect: Allow, Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::my-site/*'}",
      '',
    ].join('\n');
    assert.deepEqual(all(text), ['s3-bucket-policy-not-public@8']);
    const f = inline('s3-bucket-policy-not-public', text);
    assert.deepEqual(
      f[0].fixes.map((x) => x.title),
      [
        'Add a condition on aws:PrincipalOrgID (fill in your organisation id)',
        'Add a condition on aws:SourceAccount (fill in the account id)',
      ],
    );
  });

  it('an open domain access policy is the OpenSearch rule finding only, and nothing inside a VPC', () => {
    const domain = (vpc: string) =>
      [
        'Resources:',
        '  Search:',
        '    Type: AWS::OpenSearchService::Domain',
        '    Properties:',
        vpc,
        '      AccessPolicies:',
        '        Statement:',
        "          - {Effect: Allow, Principal: {AWS: '*'}, Action: 'es:ESHttp*', Resource: '*'}",
        '',
      ].join('\n');
    assert.deepEqual(all(domain('      EngineVersion: OpenSearch_2.11')), ['opensearch-domain-not-public@8']);
    assert.deepEqual(all(domain('      VPCOptions: {SubnetIds: [subnet-1]}')), []);
  });

  it('still reports an open queue policy, which has no rule of its own', () => {
    const text = [
      'Resources:',
      '  QP:',
      '    Type: AWS::SQS::QueuePolicy',
      '    Properties:',
      '      Queues: [q]',
      '      PolicyDocument:',
      '        Statement:',
      "          - {Effect: Allow, Principal: '*', Action: 'sqs:SendMessage', Resource: '*'}",
      '',
    ].join('\n');
    assert.deepEqual(all(text), ['iam-no-public-principal@8']);
  });
});
