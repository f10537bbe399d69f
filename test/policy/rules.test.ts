import * as assert from 'node:assert/strict';
import { applyFix } from '../../core/fix/apply';
import { analyze } from '../../core/engine';
import { doc, findings, POLICY_RULES } from './helpers';

const policy = (...statements: object[]): string => JSON.stringify({ Version: '2012-10-17', Statement: statements }, null, 2);
const ids = (name: string, text: string): string[] => [...new Set(findings(name, text).map((f) => f.ruleId))].sort();

describe('policy rules: behaviour', () => {
  describe('iam-no-public-principal', () => {
    it('Noncompliance: "*" and { AWS: "*" } in an Allow without a narrowing condition', () => {
      const text = policy({ Effect: 'Allow', Principal: { AWS: ['111122223333', '*'] }, Action: 'sqs:SendMessage', Resource: '*' });
      assert.equal(findings('q.policy.json', text, 'iam-no-public-principal').length, 1);
    });
    it('Compliance: a Deny with "*" (TLS-only) and an Allow narrowed by aws:SourceVpce', () => {
      const text = policy(
        { Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: '*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } },
        {
          Effect: 'Allow',
          Principal: '*',
          Action: 's3:GetObject',
          Resource: 'arn:aws:s3:::b/*',
          Condition: { StringEquals: { 'aws:SourceVpce': 'vpce-1a2b3c4d' } },
        },
      );
      assert.deepEqual(findings('b.policy.json', text, 'iam-no-public-principal'), []);
    });
    it('the org-id fix adds a condition and clears the finding (JSON)', () => {
      const text = policy({ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' });
      const d = doc('b.policy.json', text);
      const [f] = analyze(d, POLICY_RULES).findings.filter((x) => x.ruleId === 'iam-no-public-principal');
      const fixed = applyFix(d, f.fixes[0]);
      assert.match(fixed, /"aws:PrincipalOrgID": "o-xxxxxxxxxx"/);
      assert.deepEqual(findings('b.policy.json', fixed, 'iam-no-public-principal'), []);
    });
  });

  describe('iam-role-trust-restricted and iam-role-mfa-required', () => {
    const trust = (cond?: object): string =>
      policy({
        Effect: 'Allow',
        Principal: { AWS: 'arn:aws:iam::210987654321:root' },
        Action: 'sts:AssumeRole',
        ...(cond ? { Condition: cond } : {}),
      });
    it('Noncompliance: a foreign account root without ExternalId or MFA (both rules)', () => {
      assert.deepEqual(ids('t.policy.json', trust()), ['iam-role-mfa-required', 'iam-role-trust-restricted']);
    });
    it('Noncompliance: an empty ExternalId guards nothing', () => {
      assert.deepEqual(ids('t.policy.json', trust({ StringEquals: { 'sts:ExternalId': '' } })), [
        'iam-role-mfa-required',
        'iam-role-trust-restricted',
      ]);
    });
    it('Compliance: an ExternalId (third-party service), or MFA (people)', () => {
      assert.deepEqual(ids('t.policy.json', trust({ StringEquals: { 'sts:ExternalId': 'abc-123' } })), []);
      assert.deepEqual(ids('t.policy.json', trust({ Bool: { 'aws:MultiFactorAuthPresent': 'true' } })), []);
    });
    it('own account through ${AWS::AccountId}: MFA only; a SAML trust is information', () => {
      const tpl = `AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Admin:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Principal: { AWS: !Sub "arn:\${AWS::Partition}:iam::\${AWS::AccountId}:root" }
            Action: sts:AssumeRole
  Federated:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Principal: { Federated: "arn:aws:iam::123456789012:saml-provider/Okta" }
            Action: sts:AssumeRoleWithSAML
`;
      const all = findings('t.yaml', tpl);
      assert.deepEqual(all.map((f) => `${f.ruleId}@${f.resource}:${f.severity}`).sort(), [
        'iam-role-mfa-required@Admin:warning',
        'iam-role-mfa-required@Federated:info',
      ]);
    });
    it('Noncompliance: trust to "*"', () => {
      const text = policy({ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sts:AssumeRole' });
      assert.equal(findings('t.policy.json', text, 'iam-role-trust-restricted')[0].severity, 'error');
    });
  });

  describe('iam-no-privilege-escalation', () => {
    const tpl = (passResource: string): string => `AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Deployer:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: { Version: "2012-10-17", Statement: [{ Effect: Allow, Principal: { Service: codebuild.amazonaws.com }, Action: sts:AssumeRole }] }
      Policies:
        - PolicyName: pass
          PolicyDocument: { Version: "2012-10-17", Statement: [{ Effect: Allow, Action: "iam:Pass*", Resource: "${passResource}" }] }
  Functions:
    Type: AWS::IAM::Policy
    Properties:
      PolicyName: functions
      Roles: [!Ref Deployer]
      PolicyDocument: { Version: "2012-10-17", Statement: [{ Effect: Allow, Action: "lambda:Create*", Resource: "*" }] }
`;
    it('Noncompliance: PassRole in one policy, lambda:CreateFunction in another attached to the same role (wildcards expanded)', () => {
      const f = findings('t.yaml', tpl('*'), 'iam-no-privilege-escalation');
      assert.equal(f.length, 1);
      assert.equal(f[0].resource, 'Deployer');
      assert.match(f[0].message, /iam:PassRole on any role together with lambda:CreateFunction/);
      assert.equal(f[0].related.length, 1);
    });
    it('Compliance: PassRole limited to one role ARN', () => {
      assert.deepEqual(findings('t.yaml', tpl('arn:aws:iam::123456789012:role/fn-role'), 'iam-no-privilege-escalation'), []);
    });
    it('Noncompliance: a user gets iam:PutUserPolicy through its group', () => {
      const text = `AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Devs:
    Type: AWS::IAM::Group
    Properties:
      Policies:
        - PolicyName: self
          PolicyDocument: { Version: "2012-10-17", Statement: [{ Effect: Allow, Action: "iam:Put*Policy", Resource: "*" }] }
  Dev:
    Type: AWS::IAM::User
    Properties:
      Groups: [!Ref Devs]
`;
      const f = findings('t.yaml', text, 'iam-no-privilege-escalation').map((x) => x.message);
      assert.ok(
        f.some((m) => /iam:PutUserPolicy lets user Dev/.test(m)),
        f.join('\n'),
      );
    });
  });

  describe('iam-no-admin-managed-policy', () => {
    it('finds AdministratorAccess through Fn::Sub and SAM policy names', () => {
      const text = `AWSTemplateFormatVersion: "2010-09-09"
Transform: AWS::Serverless-2016-10-31
Resources:
  R:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: { Version: "2012-10-17", Statement: [{ Effect: Allow, Principal: { Service: ec2.amazonaws.com }, Action: sts:AssumeRole }] }
      ManagedPolicyArns: [!Sub "arn:\${AWS::Partition}:iam::aws:policy/PowerUserAccess"]
  F:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.12
      Handler: a.h
      CodeUri: .
      Policies: [AdministratorAccess]
`;
      assert.deepEqual(
        findings('t.yaml', text, 'iam-no-admin-managed-policy').map((f) => `${f.resource}:${f.severity}`),
        ['R:warning', 'F:error'],
      );
    });
  });

  describe('iam-no-wildcard-action', () => {
    it("accepts kms:* for account principals in a key policy (AWS's default key policy)", () => {
      const text = `AWSTemplateFormatVersion: "2010-09-09"
Resources:
  K:
    Type: AWS::KMS::Key
    Properties:
      KeyPolicy: { Version: "2012-10-17", Statement: [{ Effect: Allow, Principal: { AWS: !Sub "arn:aws:iam::\${AWS::AccountId}:root" }, Action: "kms:*", Resource: "*" }] }
`;
      assert.deepEqual(findings('t.yaml', text, 'iam-no-wildcard-action'), []);
    });
    it('offers one fix per access level, each writing the expanded list', () => {
      const text = policy({ Effect: 'Allow', Action: ['s3:*', 'sns:Publish'], Resource: 'arn:aws:s3:::b/*' });
      const d = doc('p.policy.json', text);
      const [f] = analyze(d, POLICY_RULES).findings.filter((x) => x.ruleId === 'iam-no-wildcard-action');
      assert.deepEqual(
        f.fixes.map((x) => x.title.replace(/ \(\d+\)$/, '')),
        [
          'Replace s3:* with the List actions of s3',
          'Replace s3:* with the List and Read actions of s3',
          'Replace s3:* with the List, Read and Write (no permissions management or tagging) actions of s3',
        ],
      );
      const fixed = applyFix(d, f.fixes[1]);
      const actions = (JSON.parse(fixed) as { Statement: { Action: string[] }[] }).Statement[0].Action;
      assert.ok(
        actions.includes('sns:Publish') &&
          actions.includes('s3:GetObject') &&
          actions.includes('s3:ListBucket') &&
          !actions.includes('s3:PutObject') &&
          !actions.includes('s3:*'),
      );
    });
  });

  describe('grammar', () => {
    it('suggests the nearest action and fixes it', () => {
      const text = policy({ Effect: 'Allow', Action: 'dynamodb:GetItme', Resource: '*' });
      const d = doc('p.policy.json', text);
      const [f] = analyze(d, POLICY_RULES).findings.filter((x) => x.ruleId === 'iam-policy-valid-actions');
      assert.equal(f.data?.suggestion, 'dynamodb:GetItem');
      assert.match(applyFix(d, f.fixes[0]), /"dynamodb:GetItem"/);
    });
    it('flags policy variables under a missing Version, not a missing Version alone', () => {
      const withVar = JSON.stringify({
        Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/${aws:username}/*' }],
      });
      const without = JSON.stringify({ Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' }] });
      assert.equal(findings('p.policy.json', withVar, 'iam-policy-valid-grammar').length, 1);
      assert.deepEqual(findings('p.policy.json', without, 'iam-policy-valid-grammar'), []);
    });
    it('flags malformed ARNs and principals', () => {
      const text = policy({
        Effect: 'Allow',
        Principal: { AWS: 'arn:aws:iam::root' },
        Action: 's3:GetObject',
        Resource: ['arn:aws:s3', 'bucket-name'],
      });
      assert.equal(findings('p.policy.json', text, 'iam-policy-valid-grammar').length, 3);
    });
    it('checks condition operators, global keys and Bool values', () => {
      const text = policy({
        Effect: 'Deny',
        Action: 's3:*',
        Resource: '*',
        Condition: { StringEqual: { 'aws:SourceVpc': 'v' }, Bool: { 'aws:SecureTransport': 'maybe', 'aws:ViaAWSServce': 'true' } },
      });
      const msgs = findings('p.policy.json', text, 'iam-policy-valid-conditions').map((f) => f.message);
      assert.equal(msgs.length, 3, msgs.join('\n'));
    });
  });

  describe('guardrails', () => {
    it('RCP grammar: Allow, a named principal and an unsupported service are flagged (file named *.rcp.json)', () => {
      const text = policy({
        Effect: 'Allow',
        Principal: { AWS: '111122223333' },
        Action: ['s3:GetObject', 'ec2:RunInstances'],
        Resource: '*',
      });
      const msgs = findings('org/deny-tls.rcp.json', text, 'org-policy-valid').map((f) => f.message);
      assert.equal(msgs.length, 3, msgs.join('\n'));
    });
    it('SCP: a principal is flagged, and an Allow with a condition is marked for review', () => {
      const text = policy({
        Effect: 'Allow',
        Principal: '*',
        Action: 's3:*',
        Resource: '*',
        Condition: { StringEquals: { 'aws:RequestedRegion': 'eu-west-1' } },
      });
      assert.equal(findings('scp/allow.json', text, 'org-policy-valid').length, 1);
      const review = findings('scp/allow.json', text, 'scp-allow-list-review');
      assert.equal(review.length, 1);
      assert.equal(review[0].severity, 'info');
    });
  });

  describe('iam-user-mfa-enforced', () => {
    it('the fix appends the RequireMFA policy to existing Policies', () => {
      const text = `AWSTemplateFormatVersion: "2010-09-09"
Resources:
  U:
    Type: AWS::IAM::User
    Properties:
      LoginProfile: { Password: "{{resolve:secretsmanager:u-initial}}" }
      Policies:
        - PolicyName: read
          PolicyDocument: { Version: "2012-10-17", Statement: [{ Effect: Allow, Action: s3:GetObject, Resource: "arn:aws:s3:::b/*" }] }
`;
      const d = doc('t.yaml', text);
      const [f] = analyze(d, POLICY_RULES).findings.filter((x) => x.ruleId === 'iam-user-mfa-enforced');
      const fixed = applyFix(d, f.fixes[0]);
      assert.deepEqual(findings('t.yaml', fixed, 'iam-user-mfa-enforced'), []);
      assert.match(fixed, /PolicyName: read/);
    });
  });
});
