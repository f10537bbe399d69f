import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseDocument } from '../../core/document';
import { analyze } from '../../core/engine';
import { actionInfo } from '../../core/policy/catalogue';
import { checkAccessNotGranted, criticalListOf, defaultCriticalList } from '../../core/policy/access/not-granted';
import { checkNoPublicAccess, PUBLIC_ACCESS_TYPES } from '../../core/policy/access/public';
import { EXFILTRATION_ACTIONS } from '../../core/policy/data/exfiltration-actions';
import { policiesOf } from '../../core/policy/model';
import { rules } from '../../rules';
import { docsOf, newAccess, policy } from './helpers';

const ROOT = path.resolve(__dirname, '..', '..', '..');

function template(resources: Record<string, unknown>): string {
  return JSON.stringify({ Resources: resources }, null, 2);
}

const OPEN = { Effect: 'Allow', Principal: '*', Action: 'x:Get', Resource: '*' };
const NARROWED = { ...OPEN, Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-abc123def4' } } };

/** One resource of each type with its policy at the place CloudFormation declares it. */
function withPolicy(type: string, statement: unknown): Record<string, unknown> {
  const doc = { Version: '2012-10-17', Statement: [statement] };
  const st = statement as { Principal: unknown; Condition?: unknown };
  switch (type) {
    case 'AWS::Lambda::Permission':
      return {
        Type: type,
        Properties: {
          Action: 'lambda:InvokeFunction',
          FunctionName: 'f',
          Principal: '*',
          ...(st.Condition ? { PrincipalOrgID: 'o-abc123def4' } : {}),
        },
      };
    case 'AWS::IAM::Role':
      return {
        Type: type,
        Properties: { AssumeRolePolicyDocument: { Statement: [{ ...(statement as object), Action: 'sts:AssumeRole' }] } },
      };
    case 'AWS::DynamoDB::Table':
      return { Type: type, Properties: { ResourcePolicy: { PolicyDocument: doc } } };
    default: {
      const prop: Record<string, string> = {
        'AWS::S3::BucketPolicy': 'PolicyDocument',
        'AWS::S3Express::BucketPolicy': 'PolicyDocument',
        'AWS::S3Outposts::BucketPolicy': 'PolicyDocument',
        'AWS::SQS::QueuePolicy': 'PolicyDocument',
        'AWS::SNS::TopicPolicy': 'PolicyDocument',
        'AWS::KMS::Key': 'KeyPolicy',
        'AWS::KMS::ReplicaKey': 'KeyPolicy',
        'AWS::SecretsManager::ResourcePolicy': 'ResourcePolicy',
        'AWS::ECR::Repository': 'RepositoryPolicyText',
        'AWS::OpenSearchService::Domain': 'AccessPolicies',
        'AWS::Elasticsearch::Domain': 'AccessPolicies',
        'AWS::EFS::FileSystem': 'FileSystemPolicy',
        'AWS::Backup::BackupVault': 'AccessPolicy',
        'AWS::ApiGateway::RestApi': 'Policy',
        'AWS::Glacier::Vault': 'AccessPolicy',
        'AWS::S3Tables::TableBucketPolicy': 'ResourcePolicy',
        'AWS::S3Tables::TablePolicy': 'ResourcePolicy',
        'AWS::Kinesis::ResourcePolicy': 'ResourcePolicy',
        'AWS::CodeArtifact::Domain': 'PermissionsPolicyDocument',
        'AWS::CloudTrail::ResourcePolicy': 'ResourcePolicy',
      };
      return { Type: type, Properties: { [prop[type] ?? 'Policy']: doc } };
    }
  }
}

describe('CheckNoPublicAccess', () => {
  for (const type of Object.keys(PUBLIC_ACCESS_TYPES)) {
    it(`${type}: "*" alone is public, "*" with aws:PrincipalOrgID is not`, () => {
      const open = policiesOf(parseDocument('file:///t.json', 1, template({ R: withPolicy(type, OPEN) })));
      assert.equal(open.flatMap(checkNoPublicAccess).length, 1, `${type}: ${open.map((d) => d.where).join(', ')}`);
      const narrowed = policiesOf(parseDocument('file:///t.json', 1, template({ R: withPolicy(type, NARROWED) })));
      assert.equal(narrowed.flatMap(checkNoPublicAccess).length, 0, type);
    });
  }

  it('agrees with the public-principal rules on every public-access example of the repository', () => {
    const ids = new Set(['iam-no-public-principal', 's3-bucket-policy-not-public', 'iam-role-trust-restricted']);
    let compared = 0;
    for (const dir of ['iam-no-public-principal', 's3-bucket-policy-not-public']) {
      for (const f of fs.readdirSync(path.join(ROOT, 'test', 'fixtures', 'rules', dir))) {
        if (!/\.(ya?ml|json)$/.test(f)) continue;
        const text = fs.readFileSync(path.join(ROOT, 'test', 'fixtures', 'rules', dir, f), 'utf8');
        const doc = parseDocument(`file:///${f}`, 1, text);
        const check = policiesOf(doc)
          .flatMap(checkNoPublicAccess)
          .map((p) => p.principal.node.start);
        const found = analyze(doc, rules, { profile: 'strict' })
          .findings.filter((x) => ids.has(x.ruleId) && x.severity === 'error' && /Any principal|Anyone/.test(x.message))
          .map((x) => x.start);
        assert.deepEqual([...new Set(found)].sort(), [...new Set(check)].sort(), `${dir}/${f}`);
        compared++;
      }
    }
    assert.ok(compared >= 4, `${compared} files`);
  });

  it('a domain in a VPC is not public (opensearch-domain-not-public)', () => {
    const r = withPolicy('AWS::OpenSearchService::Domain', OPEN) as { Properties: Record<string, unknown> };
    r.Properties.VPCOptions = { SubnetIds: ['subnet-1'] };
    assert.equal(policiesOf(parseDocument('file:///t.json', 1, template({ D: r }))).flatMap(checkNoPublicAccess).length, 0);
  });
});

describe('CheckAccessNotGranted', () => {
  const check = (text: string, actions?: string[], resources: string[] = []) =>
    docsOf('p.json', text).flatMap((d) => checkAccessNotGranted(d, actions ? criticalListOf(actions) : defaultCriticalList(), resources));

  it('finds listed actions through wildcards and NotAction, case-insensitively', () => {
    assert.deepEqual(
      check(policy({ Effect: 'Allow', Action: 'S3:delete*', Resource: '*' }), ['s3:DeleteBucket']).flatMap((g) => g.actions),
      ['s3:DeleteBucket'],
    );
    assert.equal(check(policy({ Effect: 'Allow', NotAction: 's3:*', Resource: '*' }), ['s3:DeleteBucket']).length, 0);
    assert.equal(check(policy({ Effect: 'Allow', NotAction: 'ec2:*', Resource: '*' }), ['s3:DeleteBucket']).length, 1);
  });

  it('an unconditional Deny clears it; a conditional one does not', () => {
    const allow = { Effect: 'Allow', Action: 'kms:*', Resource: '*' };
    assert.equal(check(policy(allow, { Effect: 'Deny', Action: 'kms:PutKeyPolicy', Resource: '*' }), ['kms:PutKeyPolicy']).length, 0);
    const conditional = {
      Effect: 'Deny',
      Action: 'kms:PutKeyPolicy',
      Resource: '*',
      Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'false' } },
    };
    assert.equal(check(policy(allow, conditional), ['kms:PutKeyPolicy']).length, 1);
  });

  it('--resources: only statements whose resources meet them', () => {
    const text = policy({ Effect: 'Allow', Action: 's3:DeleteObject', Resource: 'arn:aws:s3:::logs/*' });
    assert.equal(check(text, ['s3:DeleteObject'], ['arn:aws:s3:::data/*']).length, 0);
    assert.equal(check(text, ['s3:DeleteObject'], ['arn:aws:s3:::logs/2026/*']).length, 1);
  });

  it('the shipped list: Permissions-management actions and the reviewed exfiltration actions, each known to the catalogue', () => {
    const list = defaultCriticalList();
    assert.ok(list.actions.has('iam:putrolepolicy'));
    assert.ok(!list.actions.has('s3:listbucket'));
    for (const e of EXFILTRATION_ACTIONS) {
      assert.ok(actionInfo(e.action), `${e.action} is not in the catalogue`);
      assert.ok(list.actions.has(e.action.toLowerCase()));
    }
  });

  it('docs/policy-checks.md lists every reviewed exfiltration action with its reason', () => {
    const page = fs.readFileSync(path.join(ROOT, 'docs', 'policy-checks.md'), 'utf8');
    for (const e of EXFILTRATION_ACTIONS) assert.ok(page.includes(`| \`${e.action}\` | ${e.reason} |`), e.action);
  });
});

describe('CheckNoNewAccess in templates', () => {
  const stack = (statements: unknown[], extra: Record<string, unknown> = {}): string =>
    template({
      AppRole: {
        Type: 'AWS::IAM::Role',
        Properties: {
          AssumeRolePolicyDocument: { Statement: [] },
          Policies: [{ PolicyName: 'p', PolicyDocument: { Statement: statements } }],
        },
      },
      ...extra,
    });
  const read = { Effect: 'Allow', Action: 's3:GetObject', Resource: { 'Fn::Sub': '${Bucket.Arn}/*' } };

  it('matches policies by logical id and policy name; a new policy is new access', () => {
    assert.equal(newAccess(stack([read]), stack([read]), 't.json').length, 0);
    const other = {
      OtherRole: { Type: 'AWS::IAM::Role', Properties: { Policies: [{ PolicyName: 'q', PolicyDocument: { Statement: [read] } }] } },
    };
    const found = newAccess(stack([read]), stack([read], other), 't.json');
    assert.equal(found.length, 1);
    assert.match(found[0].reason, /the baseline has no inline policy q of role OtherRole/);
  });

  it('a reference compared with a literal ARN cannot be decided statically', () => {
    const base = stack([{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::data/*' }]);
    const found = newAccess(base, stack([read]), 't.json');
    assert.deepEqual(
      found.map((f) => f.verdict),
      ['undecided'],
    );
    assert.match(found[0].reason, /cannot be decided statically/);
  });

  it('resource policies compare principals', () => {
    const q = (principal: unknown): string =>
      template({
        P: {
          Type: 'AWS::SQS::QueuePolicy',
          Properties: {
            Queues: ['q'],
            PolicyDocument: { Statement: [{ Effect: 'Allow', Principal: principal, Action: 'sqs:SendMessage', Resource: '*' }] },
          },
        },
      });
    const account = { AWS: 'arn:aws:iam::111122223333:root' };
    assert.equal(newAccess(q(account), q({ AWS: 'arn:aws:iam::111122223333:role/app' }), 't.json').length, 0);
    const open = newAccess(q(account), q('*'), 't.json');
    assert.equal(open[0]?.verdict, 'new');
    assert.match(open[0].reason, /every principal/);
  });
});
