import * as assert from 'node:assert/strict';
import { parseDocument, ParsedDocument } from '../../core/document';
import { analyze } from '../../core/engine';
import { initCdkPython } from '../../core/cdk/py-init';
import { rules } from '../../rules';

/**
 * Iteration over an array whose elements are known binds the callback parameter (or loop variable) to each element
 * (issue 11, M6): `policies.map((p) => role.addManagedPolicy(p))`, `for p in policies:`, comprehensions. Unknown
 * arrays bind nothing.
 */

const ADMIN = 'iam-no-admin-managed-policy';

function findings(doc: ParsedDocument, ruleId: string): string[] {
  return analyze(doc, rules)
    .findings.filter((f) => f.ruleId === ruleId)
    .map((f) => `${f.range.start.line + 1}: ${f.message.split('.')[0]}`);
}

function ts(body: string, members = '', previous?: ParsedDocument): ParsedDocument {
  const text =
    `import { Stack } from 'aws-cdk-lib';\nimport * as ec2 from 'aws-cdk-lib/aws-ec2';\nimport * as autoscaling from 'aws-cdk-lib/aws-autoscaling';\n` +
    `import { IManagedPolicy, ManagedPolicy, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';\nimport { Construct } from 'constructs';\n` +
    `export class S extends Stack {\n  constructor(scope: Construct, id: string, props: { names: string[]; vpc: ec2.IVpc }) {\n    super(scope, id);\n` +
    `    const role = new Role(this, 'NodeRole', { assumedBy: new ServicePrincipal('ec2.amazonaws.com') });\n${body}\n  }\n${members}\n}\n`;
  return parseDocument('untitled:/stack.ts', (previous?.version ?? 0) + 1, text, 'typescript', previous);
}

function py(body: string, members = ''): ParsedDocument {
  const indent = (s: string, n: number): string =>
    s
      .split('\n')
      .map((l) => (l ? ' '.repeat(n) + l : l))
      .join('\n');
  const text =
    'from aws_cdk import Stack, aws_iam as iam\nfrom constructs import Construct\n\n\nclass S(Stack):\n' +
    '    def __init__(self, scope: Construct, id: str, names, **kwargs) -> None:\n        super().__init__(scope, id, **kwargs)\n' +
    '        role = iam.Role(self, "NodeRole", assumed_by=iam.ServicePrincipal("ec2.amazonaws.com"))\n' +
    `${indent(body, 8)}\n\n${indent(members, 4)}\n`;
  return parseDocument('untitled:/stack.py', 1, text, 'python');
}

describe('CDK: iteration over known arrays binds each element', () => {
  before(async () => {
    await initCdkPython();
  });

  it('TypeScript: a helper returns the policies and the caller maps them onto the role an ASG is given', () => {
    const doc = ts(
      `    const asg = new autoscaling.AutoScalingGroup(this, 'Asg', { vpc: props.vpc, role: new Role(this, 'GivenRole', { assumedBy: new ServicePrincipal('ec2.amazonaws.com') }) } as any);\n` +
        '    S.policies(this).map((policy) => asg.role.addManagedPolicy(policy));',
      `  static policies(stack: Stack): IManagedPolicy[] {\n    const access = ManagedPolicy.fromAwsManagedPolicyName('SecretsManagerReadWrite');\n` +
        `    return [ManagedPolicy.fromAwsManagedPolicyName('AmazonSSMManagedInstanceCore'), access];\n  }`,
    );
    assert.deepEqual(findings(doc, ADMIN), [
      '14: SecretsManagerReadWrite gives role GivenRole every action of secretsmanager on every resource',
    ]);
  });

  it('TypeScript: forEach and for…of over literal and constant lists, each element once', () => {
    const doc = ts(
      "    const names = ['AmazonSQSFullAccess', 'AmazonSNSFullAccess'];\n" +
        '    names.forEach((n) => role.addManagedPolicy(ManagedPolicy.fromAwsManagedPolicyName(n)));\n' +
        "    for (const p of [ManagedPolicy.fromAwsManagedPolicyName('AmazonS3FullAccess')]) role.addManagedPolicy(p);",
    );
    assert.deepEqual(findings(doc, ADMIN), [
      '11: AmazonSQSFullAccess gives role NodeRole every action of sqs on every resource',
      '11: AmazonSNSFullAccess gives role NodeRole every action of sns on every resource',
      '12: AmazonS3FullAccess gives role NodeRole every action of s3, s3-object-lambda on every resource',
    ]);
  });

  it('TypeScript: a call that does not read the element is one call; an unknown array binds nothing', () => {
    const doc = ts(
      "    const p = ManagedPolicy.fromAwsManagedPolicyName('AmazonSQSFullAccess');\n" +
        '    [1, 2, 3].forEach(() => role.addManagedPolicy(p));\n' +
        '    props.names.forEach((n) => role.addManagedPolicy(ManagedPolicy.fromAwsManagedPolicyName(n)));',
    );
    assert.deepEqual(findings(doc, ADMIN), ['10: AmazonSQSFullAccess gives role NodeRole every action of sqs on every resource']);
  });

  it('TypeScript: the receiver bound to each element', () => {
    const doc = ts(
      "    const a = new ec2.SecurityGroup(this, 'A', { vpc: props.vpc });\n    const b = new ec2.SecurityGroup(this, 'B', { vpc: props.vpc });\n" +
        '    [a, b].forEach((sg) => sg.addIngressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(22)));',
    );
    const f = findings(doc, 'ec2-security-group-no-public-admin-ports');
    assert.equal(f.length, 2, f.join('\n'));
    assert.match(f[0], /\bA\b/);
    assert.match(f[1], /\bB\b/);
  });

  it('TypeScript: an edit of the list a for…of reads is seen by the unchanged loop body', () => {
    const before = ts(
      "    for (const n of ['AmazonSQSFullAccess']) {\n      role.addManagedPolicy(ManagedPolicy.fromAwsManagedPolicyName(n));\n    }",
    );
    assert.equal(findings(before, ADMIN).length, 1);
    const after = ts(
      "    for (const n of ['AmazonSNSFullAccess']) {\n      role.addManagedPolicy(ManagedPolicy.fromAwsManagedPolicyName(n));\n    }",
      '',
      before,
    );
    assert.deepEqual(findings(after, ADMIN), ['11: AmazonSNSFullAccess gives role NodeRole every action of sns on every resource']);
  });

  it('Python: for loops over a helper, comprehensions over literals, unknown lists bind nothing', () => {
    const doc = py(
      'for p in self.policies():\n    role.add_managed_policy(p)\n' +
        '[role.add_managed_policy(iam.ManagedPolicy.from_aws_managed_policy_name(n)) for n in ["AmazonSNSFullAccess"]]\n' +
        'for n in names:\n    role.add_managed_policy(iam.ManagedPolicy.from_aws_managed_policy_name(n))',
      'def policies(self):\n    access = iam.ManagedPolicy.from_aws_managed_policy_name("SecretsManagerReadWrite")\n' +
        '    return [iam.ManagedPolicy.from_aws_managed_policy_name("AmazonSSMManagedInstanceCore"), access]',
    );
    assert.deepEqual(findings(doc, ADMIN), [
      '11: AmazonSNSFullAccess gives role NodeRole every action of sns on every resource',
      '16: SecretsManagerReadWrite gives role NodeRole every action of secretsmanager on every resource',
    ]);
  });
});
