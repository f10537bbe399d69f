import * as assert from 'node:assert/strict';
import { initCdkPython } from '../../core/cdk/py-init';
import { parseDocument } from '../../core/document';
import { analyze, Finding } from '../../core/engine';
import { Profile } from '../../core/rule';
import { ruleById } from '../../rules';
import { arnProblem } from '../../rules/least-privilege/iam-policy-valid-grammar';

// Wrong and noisy classes seen on real CDK stacks (bench/realworld/RESULTS-cdk.md, W5-W10, Z2-Z9): the class, not the sample.

function run(file: string, text: string, ruleId: string, profile: Profile = 'recommended'): Finding[] {
  const lang = file.endsWith('.py') ? 'python' : file.endsWith('.ts') ? 'typescript' : undefined;
  return analyze(parseDocument(`untitled:/${file}`, 1, text, lang), [ruleById.get(ruleId)!], { profile }).findings;
}

const TS = (body: string): string => `import * as cdk from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
export class S extends cdk.Stack {
  constructor(scope: cdk.App, id: string) {
    super(scope, id);
    const role = new iam.Role(this, 'Fn', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
${body}
  }
}
`;

const PY = (body: string): string => `from aws_cdk import Stack, aws_ec2 as ec2, aws_iam as iam
from constructs import Construct


class S(Stack):
    def __init__(self, scope: Construct, construct_id: str) -> None:
        super().__init__(scope, construct_id)
        role = iam.Role(self, "Fn", assumed_by=iam.ServicePrincipal("lambda.amazonaws.com"))
${body}
`;

describe('real-world CDK classes (issue 10, CDK side)', () => {
  before(() => initCdkPython());

  it("Z2: AWS's service-role boilerplate on * is a strict-only finding; other writes stay recommended", () => {
    const id = 'iam-no-wildcard-resource-write';
    const logs = TS(
      "    role.addToPolicy(new iam.PolicyStatement({ actions: ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents'], resources: ['*'] }));\n" +
        "    role.addToPolicy(new iam.PolicyStatement({ actions: ['ec2:CreateNetworkInterface', 'ec2:DeleteNetworkInterface'], resources: ['*'] }));",
    );
    assert.deepEqual(run('s.ts', logs, id), []);
    assert.equal(run('s.ts', logs, id, 'strict').length, 2);
    const viaService = TS(
      "    role.addToPolicy(new iam.PolicyStatement({ actions: ['kms:Decrypt'], resources: ['*'], conditions: { StringEquals: { 'kms:ViaService': 's3.eu-west-1.amazonaws.com' } } }));",
    );
    assert.deepEqual(run('s.ts', viaService, id), []);
    assert.equal(run('s.ts', viaService, id, 'strict').length, 1);
    const mixed = TS(
      "    role.addToPolicy(new iam.PolicyStatement({ actions: ['logs:PutLogEvents', 's3:PutObject'], resources: ['*'] }));",
    );
    assert.equal(run('s.ts', mixed, id).length, 1);
  });

  it('W10: an identity statement that needs aws:SourceArn is no escalation path and no unscoped write', () => {
    const cond = TS(
      "    role.addToPolicy(new iam.PolicyStatement({ actions: ['sts:AssumeRole'], resources: ['*'], conditions: { StringLike: { 'aws:SourceArn': 'arn:aws:logs:eu-west-1:111122223333:*' } } }));",
    );
    assert.deepEqual(run('s.ts', cond, 'iam-no-privilege-escalation'), []);
    assert.deepEqual(run('s.ts', cond, 'iam-no-wildcard-resource-write'), []);
    const bare = TS("    role.addToPolicy(new iam.PolicyStatement({ actions: ['sts:AssumeRole'], resources: ['*'] }));");
    assert.equal(run('s.ts', bare, 'iam-no-privilege-escalation').length, 1);
  });

  it('W5: a Deny that fences an Allow for * counts also when the statements are built in a helper (Python)', () => {
    const fenced = PY(`    @staticmethod
    def policy(endpoint_id):
        return iam.PolicyDocument(statements=[
            iam.PolicyStatement(principals=[iam.AnyPrincipal()], actions=["execute-api:Invoke"], resources=["execute-api:/*"]),
            iam.PolicyStatement(
                effect=iam.Effect.DENY,
                principals=[iam.AnyPrincipal()],
                actions=["execute-api:Invoke"],
                resources=["execute-api:/*"],
                conditions={"StringNotEquals": {"aws:SourceVpce": endpoint_id}},
            ),
        ])`);
    assert.deepEqual(run('s.py', fenced, 'iam-no-public-principal'), []);
    // A Deny on another condition (TLS) fences nothing.
    const tls = fenced.replace('{"StringNotEquals": {"aws:SourceVpce": endpoint_id}}', '{"Bool": {"aws:SecureTransport": "false"}}');
    assert.equal(run('s.py', tls, 'iam-no-public-principal').length, 1);
  });

  it('Z5: a port range is named as a range, not as the one well-known port inside it', () => {
    const text = PY(
      '        sg = ec2.SecurityGroup(self, "Hosts", vpc=ec2.Vpc(self, "V"))\n' +
        '        sg.add_ingress_rule(ec2.Peer.any_ipv4(), ec2.Port.tcp_range(32768, 65535))',
    );
    const f = run('s.py', text, 'ec2-security-group-no-public-admin-ports');
    assert.equal(f.length, 1);
    assert.match(f[0].message, /opens ports 32768-65535, including 50070 \(HDFS\)/);
  });

  it('Z8: MFA is asked of users with a console password only (CDK iam.User password, CloudFormation LoginProfile)', () => {
    const id = 'iam-user-mfa-enforced';
    assert.deepEqual(run('s.ts', TS("    new iam.User(this, 'Worker');"), id), []);
    const console = run('s.ts', TS("    new iam.User(this, 'Person', { password: cdk.SecretValue.secretsManager('initial') });"), id);
    assert.deepEqual(
      console.map((f) => f.resource),
      ['Person'],
    );
    assert.deepEqual(
      run('s.py', PY('        iam.User(self, "Person", password=password)'), id).map((f) => f.resource),
      ['Person'],
    );
  });

  it('messages to Python users spell the CDK API in snake_case', () => {
    const text = PY('        token = SecretValue.unsafe_plain_text(some_value)').replace(
      'from aws_cdk import Stack',
      'from aws_cdk import SecretValue, Stack',
    );
    const f = run('s.py', text, 'cdk-secret-value-plaintext');
    assert.equal(f.length, 1);
    assert.match(f[0].message, /SecretValue\.unsafe_plain_text/);
    assert.doesNotMatch(f[0].message, /unsafePlainText/);
  });
});

describe('real-world policy grammar classes (issue 10, CDK side)', () => {
  it('a short ARN that ends in a wildcard is valid (IAM fills the missing fields with *); one without is not', () => {
    assert.equal(arnProblem('arn:aws:bedrock:*'), undefined);
    assert.equal(arnProblem('arn:aws:s3:*'), undefined);
    assert.match(arnProblem('arn:aws:bedrock') ?? '', /malformed ARN/);
    assert.match(arnProblem('arn:aws:bedrock:us-east-1:model') ?? '', /malformed ARN/);
  });
});
