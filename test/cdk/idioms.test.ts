import * as assert from 'node:assert/strict';
import { parseDocument } from '../../core/document';
import { analyze, Finding } from '../../core/engine';
import { initCdkPython } from '../../core/cdk/py-init';
import { rules } from '../../rules';

/**
 * Idioms of real-world CDK stacks (issue 5): each case is a small stack written for this test in
 * the shape seen in public code, with the findings a reviewer expects and the ones that would be
 * false flags. TypeScript and Python side by side where both languages have the idiom.
 */

function findings(text: string, lang: 'typescript' | 'python'): Finding[] {
  const d = parseDocument(lang === 'python' ? 'untitled:/stack.py' : 'untitled:/stack.ts', 1, text, lang);
  assert.notEqual(d.kind, 'none', 'not recognised as CDK');
  const res = analyze(d, rules);
  assert.deepEqual(res.ruleErrors, []);
  return res.findings;
}

/** `rule@line` for the findings of the given rules, sorted. */
function hits(text: string, lang: 'typescript' | 'python', only: string[]): string[] {
  return findings(text, lang)
    .filter((f) => only.includes(f.ruleId))
    .map((f) => `${f.ruleId}@${f.range.start.line + 1}`)
    .sort();
}

function ts(imports: string, body: string): string {
  return `import { Stack } from 'aws-cdk-lib';\n${imports}\nimport { Construct } from 'constructs';\n\nexport class S extends Stack {\n  constructor(scope: Construct, id: string) {\n    super(scope, id);\n${body}\n  }\n}\n`;
}

function py(imports: string, body: string): string {
  const lines = body.split('\n').map((l) => (l ? `        ${l}` : l)).join('\n');
  return `${imports}\nfrom constructs import Construct\n\n\nclass S(Stack):\n    def __init__(self, scope: Construct, id: str, **kwargs) -> None:\n        super().__init__(scope, id, **kwargs)\n${lines}\n`;
}

/** 1-based line of the first line containing `needle`. */
function lineOf(text: string, needle: string): number {
  const i = text.split('\n').findIndex((l) => l.includes(needle));
  assert.ok(i >= 0, `no line contains ${needle}`);
  return i + 1;
}

before(() => initCdkPython());

const POLICY_RULES = ['iam-policy-valid-grammar', 'iam-no-public-principal', 'iam-no-wildcard-resource-write'];

describe('CDK idioms: statements of resource policies are not identity policies', () => {
  it('TypeScript: an OpenSearch domain\'s accessPolicies with AnyPrincipal is a public resource policy, not a grammar error', () => {
    const text = ts("import * as os from 'aws-cdk-lib/aws-opensearchservice';\nimport * as iam from 'aws-cdk-lib/aws-iam';",
      `    new os.Domain(this, 'Search', {
      version: os.EngineVersion.OPENSEARCH_2_11,
      enforceHttps: true, nodeToNodeEncryption: true, encryptionAtRest: { enabled: true },
      accessPolicies: [new iam.PolicyStatement({
        actions: ['es:ESHttpGet'],
        principals: [new iam.AnyPrincipal()],
        resources: ['*'],
      })],
    });`);
    assert.deepEqual(hits(text, 'typescript', POLICY_RULES), [`iam-no-public-principal@${lineOf(text, 'AnyPrincipal')}`]);
  });

  it('TypeScript: a statement added to bucketPolicy.document, or an EFS fileSystemPolicy, is read as a resource policy', () => {
    const text = ts("import * as s3 from 'aws-cdk-lib/aws-s3';\nimport * as efs from 'aws-cdk-lib/aws-efs';\nimport * as ec2 from 'aws-cdk-lib/aws-ec2';\nimport * as iam from 'aws-cdk-lib/aws-iam';",
      `    const bucket = new s3.Bucket(this, 'Site', { enforceSSL: true });
    const policy = new s3.BucketPolicy(this, 'SitePolicy', { bucket });
    policy.document.addStatements(new iam.PolicyStatement({
      principals: [new iam.AnyPrincipal()],
      actions: ['s3:GetObject'],
      resources: [bucket.arnForObjects('*')],
    }));
    const vpc = new ec2.Vpc(this, 'Net');
    new efs.FileSystem(this, 'Files', {
      vpc,
      fileSystemPolicy: new iam.PolicyDocument({ statements: [new iam.PolicyStatement({
        principals: [new iam.AnyPrincipal()],
        actions: ['elasticfilesystem:ClientMount'],
        resources: ['*'],
        conditions: { Bool: { 'elasticfilesystem:AccessedViaMountTarget': 'true' } },
      })] }),
    });`);
    // The bucket statement is public; the file system's is tied to its mount targets. Neither is an identity policy.
    assert.deepEqual(hits(text, 'typescript', POLICY_RULES), [`iam-no-public-principal@${lineOf(text, 'principals: [new iam.AnyPrincipal()],')}`]);
  });

  it('TypeScript: a statement that names a principal inside a role\'s own policy is still a grammar error', () => {
    const text = ts("import * as iam from 'aws-cdk-lib/aws-iam';",
      `    const role = new iam.Role(this, 'R', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    role.addToPolicy(new iam.PolicyStatement({
      actions: ['s3:GetObject'],
      resources: ['arn:aws:s3:::b/*'],
      principals: [new iam.AccountRootPrincipal()],
    }));`);
    assert.deepEqual(hits(text, 'typescript', ['iam-policy-valid-grammar']), [`iam-policy-valid-grammar@${lineOf(text, 'principals:')}`]);
  });

  it('TypeScript: actions spread from something unknown are not an empty list', () => {
    const text = ts("import * as iam from 'aws-cdk-lib/aws-iam';",
      `    const actions = new Set<string>();
    const role = new iam.Role(this, 'R', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    role.addToPolicy(new iam.PolicyStatement({ actions: [...actions], resources: ['arn:aws:s3:::b/*'] }));`);
    assert.deepEqual(hits(text, 'typescript', POLICY_RULES), []);
  });

  it('Python: add_to_resource_policy(statement=...), add_access_policies and assume_role_policy.add_statements', () => {
    const text = py('from aws_cdk import Stack, aws_iam as iam, aws_sns as sns, aws_opensearchservice as os',
      `topic = sns.Topic(self, "T", enforce_ssl=True, master_key=key)
topic.add_to_resource_policy(statement=iam.PolicyStatement(
    actions=["sns:Publish"],
    principals=[iam.ServicePrincipal("events.amazonaws.com")],
    resources=[topic.topic_arn],
))
domain = os.Domain(self, "D", version=os.EngineVersion.OPENSEARCH_2_11, enforce_https=True, node_to_node_encryption=True,
                   encryption_at_rest=os.EncryptionAtRestOptions(enabled=True))
domain.add_access_policies(iam.PolicyStatement(
    principals=[iam.AnyPrincipal()],
    actions=["es:*"],
    resources=[domain.domain_arn + "/*"],
))
role = iam.Role(self, "R", assumed_by=iam.AccountPrincipal(self.account))
trust = role.assume_role_policy
trust.add_statements(iam.PolicyStatement(actions=["sts:SetContext"], principals=[iam.AccountPrincipal(self.account)]))`);
    assert.deepEqual(hits(text, 'python', POLICY_RULES), [`iam-no-public-principal@${lineOf(text, 'principals=[iam.AnyPrincipal()]')}`]);
  });
});

describe('CDK idioms: security-group ingress written in code', () => {
  const RULE = ['ec2-security-group-no-public-admin-ports'];

  it('TypeScript: addIngressRule, connections.allowFrom and allowFromAnyIpv4 on admin ports; web ports and private peers are fine', () => {
    const text = ts("import * as ec2 from 'aws-cdk-lib/aws-ec2';",
      `    const vpc = new ec2.Vpc(this, 'Net');
    const sg = new ec2.SecurityGroup(this, 'Sg', { vpc });
    sg.addIngressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(22), 'ssh');
    sg.addIngressRule(ec2.Peer.anyIpv4(), ec2.Port.HTTPS, 'web');
    sg.addIngressRule(ec2.Peer.ipv4('10.0.0.0/8'), ec2.Port.tcp(3389), 'rdp from the office');
    sg.connections.allowFrom(ec2.Peer.anyIpv6(), ec2.Port.POSTGRES, 'db');
    sg.connections.allowFromAnyIpv4(ec2.Port.allTraffic());
    sg.addIngressRule(ec2.Peer.ipv4('0.0.0.0/0'), new ec2.Port({ protocol: ec2.Protocol.TCP, fromPort: 3306, toPort: 3306, stringRepresentation: 'mysql' }));
    sg.addIngressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(port), 'unknown port');`);
    assert.deepEqual(hits(text, 'typescript', RULE), [
      `ec2-security-group-no-public-admin-ports@${lineOf(text, 'Port.tcp(22)')}`,
      `ec2-security-group-no-public-admin-ports@${lineOf(text, 'Port.POSTGRES')}`,
      `ec2-security-group-no-public-admin-ports@${lineOf(text, 'allowFromAnyIpv4')}`,
      `ec2-security-group-no-public-admin-ports@${lineOf(text, 'fromPort: 3306')}`,
    ].sort());
  });

  it('Python: positional and keyword arguments (peer=, connection=)', () => {
    const text = py('from aws_cdk import Stack, aws_ec2 as ec2',
      `vpc = ec2.Vpc(self, "Net")
sg = ec2.SecurityGroup(self, "Sg", vpc=vpc)
sg.add_ingress_rule(ec2.Peer.any_ipv4(), ec2.Port.tcp(22), "ssh")
sg.add_ingress_rule(peer=ec2.Peer.any_ipv4(), connection=ec2.Port.tcp_range(5400, 5500), description="db range")
sg.add_ingress_rule(ec2.Peer.any_ipv4(), ec2.Port.tcp(443), "web")`);
    assert.deepEqual(hits(text, 'python', RULE), [
      `ec2-security-group-no-public-admin-ports@${lineOf(text, 'Port.tcp(22)')}`,
      `ec2-security-group-no-public-admin-ports@${lineOf(text, 'tcp_range')}`,
    ].sort());
  });
});

describe('CDK idioms: managed policies by keyword', () => {
  it('Python: from_aws_managed_policy_name(managed_policy_name="AdministratorAccess")', () => {
    const text = py('from aws_cdk import Stack, aws_iam as iam',
      `iam.Role(self, "Admin", assumed_by=iam.ServicePrincipal("ec2.amazonaws.com"),
         managed_policies=[iam.ManagedPolicy.from_aws_managed_policy_name(managed_policy_name="AdministratorAccess")])`);
    assert.deepEqual(hits(text, 'python', ['iam-no-admin-managed-policy']), [`iam-no-admin-managed-policy@${lineOf(text, 'AdministratorAccess')}`]);
  });
});
