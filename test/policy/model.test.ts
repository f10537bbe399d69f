import * as assert from 'node:assert/strict';
import { PolicyDocument, policyModel } from '../../core/policy/model';
import { doc, offsetOf, textOf } from './helpers';

const TEMPLATE = `AWSTemplateFormatVersion: "2010-09-09"
Transform: AWS::Serverless-2016-10-31
Conditions:
  Prod: !Equals [!Ref AWS::StackName, prod]
Resources:
  AppRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Principal: { Service: lambda.amazonaws.com }
            Action: sts:AssumeRole
      Policies:
        - PolicyName: Inline
          PolicyDocument:
            Version: "2012-10-17"
            Statement:
              - Effect: Allow
                Action: [s3:GetObject, !Ref ExtraAction]
                Resource: !Sub arn:aws:s3:::\${Bucket}/*
              - !If
                - Prod
                - Effect: Deny
                  Action: s3:DeleteObject
                  Resource: "*"
                - !Ref AWS::NoValue
  Operator:
    Type: AWS::IAM::User
    Properties:
      Groups: [!Ref Ops]
      Policies:
        - PolicyName: UserInline
          PolicyDocument: { Version: "2012-10-17", Statement: [{ Effect: Allow, Action: sqs:SendMessage, Resource: "*" }] }
  Ops:
    Type: AWS::IAM::Group
    Properties:
      Policies:
        - PolicyName: GroupInline
          PolicyDocument: { Version: "2012-10-17", Statement: [{ Effect: Allow, Action: sns:Publish, Resource: "*" }] }
  Attached:
    Type: AWS::IAM::Policy
    Properties:
      PolicyName: attached
      Roles: [!Ref AppRole]
      PolicyDocument: { Statement: { Effect: Allow, Action: "dynamodb:PutItem", Resource: "*" } }
  Managed:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      Users: [!Ref Operator]
      PolicyDocument: { Version: "2012-10-17", Statement: [{ Effect: Allow, Action: "kinesis:PutRecord", Resource: "*" }] }
  RolePol:
    Type: AWS::IAM::RolePolicy
    Properties:
      RoleName: !Ref AppRole
      PolicyName: rp
      PolicyDocument: { Version: "2012-10-17", Statement: [{ Effect: Allow, Action: "logs:PutLogEvents", Resource: "*" }] }
  BucketPol:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: b
      PolicyDocument: { Version: "2012-10-17", Statement: [{ Effect: Allow, Principal: "*", Action: "s3:GetObject", Resource: "arn:aws:s3:::b/*" }] }
  QueuePol:
    Type: AWS::SQS::QueuePolicy
    Properties:
      Queues: [q]
      PolicyDocument: { Version: "2012-10-17", Statement: [{ Effect: Allow, Principal: { AWS: "111122223333" }, Action: "sqs:SendMessage", Resource: "*" }] }
  TopicPol:
    Type: AWS::SNS::TopicPolicy
    Properties:
      Topics: [t]
      PolicyDocument: { Version: "2012-10-17", Statement: [{ Effect: Allow, Principal: { Service: s3.amazonaws.com }, Action: "sns:Publish", Resource: "*" }] }
  Key:
    Type: AWS::KMS::Key
    Properties:
      KeyPolicy: { Version: "2012-10-17", Statement: [{ Effect: Allow, Principal: { AWS: !Sub "arn:aws:iam::\${AWS::AccountId}:root" }, Action: "kms:*", Resource: "*" }] }
  Perm:
    Type: AWS::Lambda::Permission
    Properties:
      FunctionName: f
      Action: lambda:InvokeFunction
      Principal: s3.amazonaws.com
      SourceAccount: !Ref AWS::AccountId
  SecretPol:
    Type: AWS::SecretsManager::ResourcePolicy
    Properties:
      SecretId: s
      ResourcePolicy: { Version: "2012-10-17", Statement: [{ Effect: Deny, Principal: "*", Action: "secretsmanager:GetSecretValue", Resource: "*" }] }
  Scp:
    Type: AWS::Organizations::Policy
    Properties:
      Name: scp
      Type: SERVICE_CONTROL_POLICY
      Content: { Version: "2012-10-17", Statement: [{ Effect: Deny, Action: "organizations:LeaveOrganization", Resource: "*" }] }
  Rcp:
    Type: AWS::Organizations::Policy
    Properties:
      Name: rcp
      Type: RESOURCE_CONTROL_POLICY
      Content: { Version: "2012-10-17", Statement: [{ Effect: Deny, Principal: "*", Action: "s3:*", Resource: "*" }] }
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.12
      Handler: app.handler
      CodeUri: src/
      Policies:
        - AWSLambdaBasicExecutionRole
        - S3ReadPolicy: { BucketName: b }
        - Version: "2012-10-17"
          Statement: [{ Effect: Allow, Action: "ssm:GetParameter", Resource: "*" }]
  StringTrust:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: >
        {"Version": "2012-10-17",
         "Statement": [{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::210987654321:root"}, "Action": "sts:AssumeRole"}]}
`;

function byResource(docs: PolicyDocument[], id: string): PolicyDocument[] {
  return docs.filter((d) => d.resource?.id === id);
}

describe('policy: model extraction', () => {
  const d = doc('stack.yaml', TEMPLATE);
  const model = policyModel(d);

  it('is cached per parsed document', () => {
    assert.equal(policyModel(d), model);
  });

  it('reads every CloudFormation source, with its kind', () => {
    const kinds = Object.fromEntries(model.documents.map((p) => [`${p.resource?.id}:${p.where}`, p.kind]));
    assert.deepEqual(kinds, {
      'AppRole:inline policy Inline of role AppRole': 'identity',
      'AppRole:trust policy of role AppRole': 'trust',
      'Operator:inline policy UserInline of user Operator': 'identity',
      'Ops:inline policy GroupInline of group Ops': 'identity',
      'Attached:policy Attached': 'identity',
      'Managed:policy Managed': 'identity',
      'RolePol:policy RolePol': 'identity',
      'BucketPol:PolicyDocument of BucketPol': 'resource',
      'QueuePol:PolicyDocument of QueuePol': 'resource',
      'TopicPol:PolicyDocument of TopicPol': 'resource',
      'Key:KeyPolicy of Key': 'resource',
      'Perm:permission Perm': 'resource',
      'SecretPol:ResourcePolicy of SecretPol': 'resource',
      'Scp:SCP Scp': 'scp',
      'Rcp:RCP Rcp': 'rcp',
      'Fn:inline policy of function Fn': 'identity',
      'StringTrust:trust policy of role StringTrust': 'trust',
    });
  });

  it("keeps each element's exact source node", () => {
    const [inline] = byResource(model.documents, 'AppRole').filter((p) => p.kind === 'identity');
    const [allow, deny] = inline.statements;
    assert.equal(allow.effect, 'Allow');
    assert.deepEqual(
      allow.action?.items.map((i) => textOf(d, i.node)),
      ['s3:GetObject', '!Ref ExtraAction'],
    );
    assert.equal(allow.action?.items[0].node.start, offsetOf(TEMPLATE, 's3:GetObject'));
    assert.equal(allow.action?.items[1].unknown, true);
    assert.equal(allow.resource?.items[0].text, 'arn:aws:s3:::${Bucket}/*');
    assert.equal(allow.resource?.items[0].value, undefined);
    // The Fn::If statement: its true branch is a statement, its AWS::NoValue branch is nothing.
    assert.equal(deny.effect, 'Deny');
    assert.equal(textOf(d, deny.action?.items[0].node), 's3:DeleteObject');
    assert.equal(inline.statements.length, 2);
  });

  it('builds Lambda permissions as one Allow with their narrowing properties', () => {
    const [perm] = byResource(model.documents, 'Perm');
    const st = perm.statements[0];
    assert.equal(st.synthetic, 'lambda-permission');
    assert.equal(st.principal?.items[0].type, 'Service');
    assert.equal(textOf(d, st.principal?.items[0].node), 's3.amazonaws.com');
    assert.deepEqual(
      st.narrowing.map((n) => n.key),
      ['aws:SourceAccount'],
    );
  });

  it('parses policies written as JSON strings and maps their ranges back into the file', () => {
    const [trust] = byResource(model.documents, 'StringTrust');
    const p = trust.statements[0].principal?.items[0];
    assert.equal(p?.value, 'arn:aws:iam::210987654321:root');
    assert.equal(textOf(d, p?.node), '"arn:aws:iam::210987654321:root"');
    assert.equal(textOf(d, trust.statements[0].action?.key), '"Action"');
  });

  it("gathers each principal's policies: inline, attached by Roles/Users, RolePolicy, and its groups'", () => {
    const of = (id: string): string[] =>
      model.principals
        .find((p) => p.resource.id === id)!
        .policies.map((p) => p.where)
        .sort();
    assert.deepEqual(of('AppRole'), ['inline policy Inline of role AppRole', 'policy Attached', 'policy RolePol']);
    assert.deepEqual(of('Operator'), [
      'inline policy GroupInline of group Ops',
      'inline policy UserInline of user Operator',
      'policy Managed',
    ]);
    const fn = model.principals.find((p) => p.resource.id === 'Fn')!;
    assert.deepEqual(
      fn.managed.map((m) => m.value),
      ['AWSLambdaBasicExecutionRole'],
    );
    assert.ok(model.principals.find((p) => p.resource.id === 'AppRole')!.trust);
  });

  it('reads principals in their three forms', () => {
    const key = byResource(model.documents, 'Key')[0].statements[0].principal!.items[0];
    assert.equal(key.type, 'AWS');
    assert.equal(key.text, 'arn:aws:iam::${AWS::AccountId}:root');
    assert.equal(byResource(model.documents, 'BucketPol')[0].statements[0].principal!.items[0].type, '*');
    assert.equal(byResource(model.documents, 'QueuePol')[0].statements[0].principal!.items[0].value, '111122223333');
  });

  it('reads standalone JSON and YAML policies and tells their kind from content and file name', () => {
    const identity = '{ "Version": "2012-10-17", "Statement": [{ "Effect": "Allow", "Action": "s3:GetObject", "Resource": "*" }] }';
    const resource =
      '{ "Version": "2012-10-17", "Statement": [{ "Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "*" }] }';
    const trust =
      'Version: "2012-10-17"\nStatement:\n  - Effect: Allow\n    Principal: { AWS: "111122223333" }\n    Action: sts:AssumeRole\n';
    const kind = (name: string, text: string): string => policyModel(doc(name, text)).documents[0].kind;
    assert.equal(kind('p.json', identity), 'identity');
    assert.equal(kind('p.json', resource), 'resource');
    assert.equal(kind('p.yaml', trust), 'trust');
    assert.equal(kind('guardrails/deny-regions.scp.json', identity), 'scp');
    assert.equal(kind('rcp/s3-tls.json', resource), 'rcp');
    assert.equal(kind('trust/app.json', identity), 'trust');
    // Only the file's own name and folder count: a checkout under a folder named trust-… or scp-… says nothing.
    assert.equal(kind('home/trust-team/scp-work/policies/app.json', identity), 'identity');
    const y = doc('p.yaml', trust);
    const st = policyModel(y).documents[0].statements[0];
    assert.equal(textOf(y, st.action?.items[0].node), 'sts:AssumeRole');
    assert.equal(textOf(y, st.principal?.items[0].node), '"111122223333"');
  });
});
