import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { buildOnce, removeTemps, runCli, tempTree } from '../cli/helpers';
import { policy } from './helpers';

const TEMPLATE = (actions: string[]): string => `Resources:
  AppRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Statement:
          - Effect: Allow
            Principal: { Service: lambda.amazonaws.com }
            Action: sts:AssumeRole
      Policies:
        - PolicyName: data
          PolicyDocument:
            Statement:
              - Effect: Allow
                Action: [${actions.join(', ')}]
                Resource: !Sub '\${Bucket.Arn}/*'
  Bucket:
    Type: AWS::S3::Bucket
`;

const PUBLIC = `Resources:
  Queue:
    Type: AWS::SQS::Queue
  QueuePolicy:
    Type: AWS::SQS::QueuePolicy
    Properties:
      Queues: [!Ref Queue]
      PolicyDocument:
        Statement:
          - Effect: Allow
            Principal: '*'
            Action: sqs:SendMessage
            Resource: !GetAtt Queue.Arn
  Vault:
    Type: AWS::Glacier::Vault
    Properties:
      AccessPolicy:
        Statement:
          - Effect: Allow
            Principal: '*'
            Action: glacier:InitiateJob
            Resource: '*'
            Condition: { StringEquals: { aws:PrincipalOrgID: o-abc123def4 } }
`;

describe('parapet policy (CLI)', function () {
  this.timeout(120_000);
  before(() => buildOnce());
  after(() => removeTemps());

  it('check-no-new-access: exit 1 with the new actions listed, 0 when nothing is new', async () => {
    const dir = tempTree({
      'base.json': policy({ Effect: 'Allow', Action: 's3:Get*', Resource: 'arn:aws:s3:::b/*' }),
      'wider.json': policy({ Effect: 'Allow', Action: ['s3:GetObject', 's3:PutObject'], Resource: 'arn:aws:s3:::b/*' }),
      'narrower.json': policy({ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/public/*' }),
    });
    const fail = await runCli(['policy', 'check-no-new-access', 'wider.json', '--baseline', 'base.json', '--format', 'json'], dir);
    assert.equal(fail.code, 1, fail.stderr);
    const report = JSON.parse(fail.stdout) as {
      result: string;
      findings: { verdict: string; actions: string[]; range: { start: { line: number } } }[];
    };
    assert.equal(report.result, 'fail');
    assert.deepEqual(
      report.findings.map((f) => [f.verdict, f.actions]),
      [['new', ['s3:PutObject']]],
    );
    const pass = await runCli(['policy', 'check-no-new-access', 'narrower.json', '--baseline', 'base.json'], dir);
    assert.equal(pass.code, 0, pass.stdout + pass.stderr);
    assert.match(pass.stdout, /check-no-new-access: PASS/);
  });

  it('check-no-new-access: the baseline from git (REF:path), policies matched by logical id', async () => {
    const dir = tempTree({ 'stack.yaml': TEMPLATE(['s3:GetObject']) });
    const git = (...a: string[]): string =>
      execFileSync('git', a, { cwd: dir, encoding: 'utf8', env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1' } });
    git('init', '-q');
    git('-c', 'user.name=t', '-c', 'user.email=t@example.com', 'add', 'stack.yaml');
    git('-c', 'user.name=t', '-c', 'user.email=t@example.com', 'commit', '-q', '-m', 'base');
    const same = await runCli(['policy', 'check-no-new-access', 'stack.yaml', '--baseline', 'HEAD:stack.yaml'], dir);
    assert.equal(same.code, 0, same.stdout + same.stderr);
    const changed = tempTree({ 'stack.yaml': TEMPLATE(['s3:GetObject', 's3:DeleteObject']) });
    const r = await runCli(['policy', 'check-no-new-access', `${changed}/stack.yaml`, '--baseline', 'HEAD:stack.yaml'], dir);
    assert.equal(r.code, 1, r.stdout + r.stderr);
    assert.match(r.stdout, /stack\.yaml:15:\d+ {2}new access: s3:DeleteObject on \$\{Bucket\.Arn\}\/\*/);
    const missing = await runCli(['policy', 'check-no-new-access', 'stack.yaml', '--baseline', 'HEAD:nope.yaml'], dir);
    assert.equal(missing.code, 2);
    assert.match(missing.stdout, /git show failed/);
  });

  it('check-no-new-access: CDK TypeScript stacks, policies matched by construct id', async () => {
    const stack = (actions: string): string => `import * as cdk from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
export class S extends cdk.Stack {
  constructor(scope: cdk.App, id: string) {
    super(scope, id);
    const role = new iam.Role(this, 'AppRole', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    role.addToPolicy(new iam.PolicyStatement({ actions: [${actions}], resources: ['arn:aws:s3:::data/*'] }));
  }
}
`;
    const dir = tempTree({ 'base.ts': stack("'s3:GetObject'"), 'next.ts': stack("'s3:GetObject', 's3:DeleteObject'") });
    const r = await runCli(['policy', 'check-no-new-access', 'next.ts', '--baseline', 'base.ts'], dir);
    assert.equal(r.code, 1, r.stdout + r.stderr);
    assert.match(
      r.stdout,
      /^next\.ts:7:\d+ {2}new access: s3:DeleteObject on arn:aws:s3:::data\/\*: no Allow statement of the baseline grants it$/m,
    );
    const same = await runCli(['policy', 'check-no-new-access', 'base.ts', '--baseline', 'base.ts'], dir);
    assert.equal(same.code, 0, same.stdout + same.stderr);
  });

  it('check-no-public-access: a public queue fails; an organisation-bound vault passes', async () => {
    const dir = tempTree({ 'app.yaml': PUBLIC });
    const r = await runCli(['policy', 'check-no-public-access', '.', '--format', 'json'], dir);
    assert.equal(r.code, 1, r.stderr);
    const report = JSON.parse(r.stdout) as { findings: { resource: string; verdict: string }[] };
    assert.deepEqual(
      report.findings.map((f) => [f.resource, f.verdict]),
      [['QueuePolicy', 'public']],
    );
  });

  it('check-access-not-granted: --actions and --resources, and the shipped list by default', async () => {
    const dir = tempTree({ 'p.json': policy({ Effect: 'Allow', Action: ['iam:Put*Policy', 's3:ListBucket'], Resource: '*' }) });
    const listed = await runCli(['policy', 'check-access-not-granted', 'p.json', '--actions', 's3:DeleteObject,ec2:*'], dir);
    assert.equal(listed.code, 0, listed.stdout);
    const byDefault = await runCli(['policy', 'check-access-not-granted', 'p.json', '--format', 'json'], dir);
    assert.equal(byDefault.code, 1, byDefault.stdout);
    const actions = (JSON.parse(byDefault.stdout) as { findings: { actions: string[] }[] }).findings.flatMap((f) => f.actions);
    assert.ok(actions.includes('iam:PutRolePolicy') && !actions.includes('s3:ListBucket'), actions.join(','));
    const scoped = await runCli(
      ['policy', 'check-access-not-granted', 'p.json', '--actions', 'iam:PutRolePolicy', '--resources', 'arn:aws:iam::111122223333:role/x'],
      dir,
    );
    assert.equal(scoped.code, 1, scoped.stdout);
  });

  it('usage errors exit 2', async () => {
    const dir = tempTree({ 'p.json': policy({ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }) });
    for (const args of [
      ['policy'],
      ['policy', 'check-everything'],
      ['policy', 'check-no-new-access', 'p.json'],
      ['policy', 'check-no-public-access', '--baseline', 'p.json'],
      ['policy', 'check-access-not-granted', '--actions', ','],
    ]) {
      const r = await runCli(args, dir);
      assert.equal(r.code, 2, `${args.join(' ')}: ${r.stdout}${r.stderr}`);
    }
  });
});
