import * as assert from 'node:assert/strict';
import { parseDocument } from '../../core/document';
import { analyze, Finding } from '../../core/engine';
import { initCdkPython } from '../../core/cdk/py-init';
import { rules } from '../../rules';
import { STRICT } from '../rules/helpers';

/**
 * Idioms of real-world CDK stacks (issue 5): each case is a small stack written for this test in
 * the shape seen in public code, with the findings a reviewer expects and the ones that would be
 * false flags. TypeScript and Python side by side where both languages have the idiom.
 */

function findings(text: string, lang: 'typescript' | 'python'): Finding[] {
  const d = parseDocument(lang === 'python' ? 'untitled:/stack.py' : 'untitled:/stack.ts', 1, text, lang);
  assert.notEqual(d.kind, 'none', 'not recognised as CDK');
  const res = analyze(d, rules, STRICT);
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
  const lines = body
    .split('\n')
    .map((l) => (l ? `        ${l}` : l))
    .join('\n');
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
  it("TypeScript: an OpenSearch domain's accessPolicies with AnyPrincipal is a public resource policy, not a grammar error", () => {
    const text = ts(
      "import * as os from 'aws-cdk-lib/aws-opensearchservice';\nimport * as iam from 'aws-cdk-lib/aws-iam';",
      `    new os.Domain(this, 'Search', {
      version: os.EngineVersion.OPENSEARCH_2_11,
      enforceHttps: true, nodeToNodeEncryption: true, encryptionAtRest: { enabled: true },
      accessPolicies: [new iam.PolicyStatement({
        actions: ['es:ESHttpGet'],
        principals: [new iam.AnyPrincipal()],
        resources: ['*'],
      })],
    });`,
    );
    assert.deepEqual(hits(text, 'typescript', POLICY_RULES), [`iam-no-public-principal@${lineOf(text, 'AnyPrincipal')}`]);
  });

  it('TypeScript: a statement added to bucketPolicy.document, or an EFS fileSystemPolicy, is read as a resource policy', () => {
    const text = ts(
      "import * as s3 from 'aws-cdk-lib/aws-s3';\nimport * as efs from 'aws-cdk-lib/aws-efs';\nimport * as ec2 from 'aws-cdk-lib/aws-ec2';\nimport * as iam from 'aws-cdk-lib/aws-iam';",
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
    });`,
    );
    // The bucket statement is public (the S3 rule's finding); the file system's is tied to its mount targets. Neither is an identity policy.
    assert.deepEqual(hits(text, 'typescript', [...POLICY_RULES, 's3-bucket-policy-not-public']), [
      `s3-bucket-policy-not-public@${lineOf(text, 'principals: [new iam.AnyPrincipal()],')}`,
    ]);
  });

  it("TypeScript: a statement that names a principal inside a role's own policy is still a grammar error", () => {
    const text = ts(
      "import * as iam from 'aws-cdk-lib/aws-iam';",
      `    const role = new iam.Role(this, 'R', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    role.addToPolicy(new iam.PolicyStatement({
      actions: ['s3:GetObject'],
      resources: ['arn:aws:s3:::b/*'],
      principals: [new iam.AccountRootPrincipal()],
    }));`,
    );
    assert.deepEqual(hits(text, 'typescript', ['iam-policy-valid-grammar']), [`iam-policy-valid-grammar@${lineOf(text, 'principals:')}`]);
  });

  it('TypeScript: actions spread from something unknown are not an empty list', () => {
    const text = ts(
      "import * as iam from 'aws-cdk-lib/aws-iam';",
      `    const actions = new Set<string>();
    const role = new iam.Role(this, 'R', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    role.addToPolicy(new iam.PolicyStatement({ actions: [...actions], resources: ['arn:aws:s3:::b/*'] }));`,
    );
    assert.deepEqual(hits(text, 'typescript', POLICY_RULES), []);
  });

  it('Python: add_to_resource_policy(statement=...), add_access_policies and assume_role_policy.add_statements', () => {
    const text = py(
      'from aws_cdk import Stack, aws_iam as iam, aws_sns as sns, aws_opensearchservice as os',
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
trust.add_statements(iam.PolicyStatement(actions=["sts:SetContext"], principals=[iam.AccountPrincipal(self.account)]))`,
    );
    assert.deepEqual(hits(text, 'python', POLICY_RULES), [`iam-no-public-principal@${lineOf(text, 'principals=[iam.AnyPrincipal()]')}`]);
  });
});

describe('CDK idioms: security-group ingress written in code', () => {
  const RULE = ['ec2-security-group-no-public-admin-ports'];

  it('TypeScript: addIngressRule, connections.allowFrom and allowFromAnyIpv4 on admin ports; web ports and private peers are fine', () => {
    const text = ts(
      "import * as ec2 from 'aws-cdk-lib/aws-ec2';",
      `    const vpc = new ec2.Vpc(this, 'Net');
    const sg = new ec2.SecurityGroup(this, 'Sg', { vpc });
    sg.addIngressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(22), 'ssh');
    sg.addIngressRule(ec2.Peer.anyIpv4(), ec2.Port.HTTPS, 'web');
    sg.addIngressRule(ec2.Peer.ipv4('10.0.0.0/8'), ec2.Port.tcp(3389), 'rdp from the office');
    sg.connections.allowFrom(ec2.Peer.anyIpv6(), ec2.Port.POSTGRES, 'db');
    sg.connections.allowFromAnyIpv4(ec2.Port.allTraffic());
    sg.addIngressRule(ec2.Peer.ipv4('0.0.0.0/0'), new ec2.Port({ protocol: ec2.Protocol.TCP, fromPort: 3306, toPort: 3306, stringRepresentation: 'mysql' }));
    sg.addIngressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(port), 'unknown port');`,
    );
    assert.deepEqual(
      hits(text, 'typescript', RULE),
      [
        `ec2-security-group-no-public-admin-ports@${lineOf(text, 'Port.tcp(22)')}`,
        `ec2-security-group-no-public-admin-ports@${lineOf(text, 'Port.POSTGRES')}`,
        `ec2-security-group-no-public-admin-ports@${lineOf(text, 'allowFromAnyIpv4')}`,
        `ec2-security-group-no-public-admin-ports@${lineOf(text, 'fromPort: 3306')}`,
      ].sort(),
    );
  });

  it('Python: positional and keyword arguments (peer=, connection=)', () => {
    const text = py(
      'from aws_cdk import Stack, aws_ec2 as ec2',
      `vpc = ec2.Vpc(self, "Net")
sg = ec2.SecurityGroup(self, "Sg", vpc=vpc)
sg.add_ingress_rule(ec2.Peer.any_ipv4(), ec2.Port.tcp(22), "ssh")
sg.add_ingress_rule(peer=ec2.Peer.any_ipv4(), connection=ec2.Port.tcp_range(5400, 5500), description="db range")
sg.add_ingress_rule(ec2.Peer.any_ipv4(), ec2.Port.tcp(443), "web")`,
    );
    assert.deepEqual(
      hits(text, 'python', RULE),
      [
        `ec2-security-group-no-public-admin-ports@${lineOf(text, 'Port.tcp(22)')}`,
        `ec2-security-group-no-public-admin-ports@${lineOf(text, 'tcp_range')}`,
      ].sort(),
    );
  });
});

describe('CDK idioms: managed policies by keyword', () => {
  it('Python: from_aws_managed_policy_name(managed_policy_name="AdministratorAccess")', () => {
    const text = py(
      'from aws_cdk import Stack, aws_iam as iam',
      `iam.Role(self, "Admin", assumed_by=iam.ServicePrincipal("ec2.amazonaws.com"),
         managed_policies=[iam.ManagedPolicy.from_aws_managed_policy_name(managed_policy_name="AdministratorAccess")])`,
    );
    assert.deepEqual(hits(text, 'python', ['iam-no-admin-managed-policy']), [
      `iam-no-admin-managed-policy@${lineOf(text, 'AdministratorAccess')}`,
    ]);
  });
});

describe('CDK idioms: constructs and props written in other shapes', () => {
  it('Python: scope and id passed by keyword (Topic(self, id=...), Queue(scope=self, id=...))', () => {
    const text = py(
      'from aws_cdk import Stack, aws_sns as sns, aws_sqs as sqs',
      `self.topic = sns.Topic(self, id="Events", topic_name="events")
sqs.Queue(scope=self, id="Jobs", enforce_ssl=True)
sqs.Queue(scope=self, id="Dlq")`,
    );
    assert.deepEqual(
      hits(text, 'python', ['sns-topic-encrypted', 'sns-topic-enforce-tls', 'sqs-queue-enforce-tls']),
      [
        `sns-topic-encrypted@${lineOf(text, 'sns.Topic')}`,
        `sns-topic-enforce-tls@${lineOf(text, 'sns.Topic')}`,
        `sqs-queue-enforce-tls@${lineOf(text, '"Dlq"')}`,
      ].sort(),
    );
  });

  it('Python: a struct with an id field (LifecycleRule(id=...)) is not a construct', () => {
    const text = py(
      'from aws_cdk import Stack, aws_s3 as s3',
      's3.Bucket(self, "Logs", enforce_ssl=True, lifecycle_rules=[s3.LifecycleRule(id="Expire", enabled=True)])',
    );
    const d = parseDocument('untitled:/stack.py', 1, text, 'python');
    assert.deepEqual(
      d.cdk?.constructs.map((c) => c.call.fqn),
      ['aws-s3.Bucket'],
    );
  });

  it('a listener whose default action becomes a redirect through addAction is not plain HTTP; one with conditions still is', () => {
    const tsText = ts(
      "import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';",
      `    const lb = new elbv2.ApplicationLoadBalancer(this, 'Lb', { vpc, internetFacing: true });
    const web = lb.addListener('Web', { port: 80 });
    web.addAction('ToHttps', { action: elbv2.ListenerAction.redirect({ protocol: 'HTTPS', port: '443', permanent: true }) });
    const api = lb.addListener('Api', { port: 80 });
    api.addAction('Some', { priority: 10, conditions: [elbv2.ListenerCondition.pathPatterns(['/x'])], action: elbv2.ListenerAction.redirect({ protocol: 'HTTPS' }) });`,
    );
    assert.deepEqual(hits(tsText, 'typescript', ['elbv2-listener-https']), [`elbv2-listener-https@${lineOf(tsText, "addListener('Api'")}`]);
    const pyText = py(
      'from aws_cdk import Stack, aws_elasticloadbalancingv2 as elbv2',
      `lb = elbv2.ApplicationLoadBalancer(self, "Lb", vpc=vpc, internet_facing=True)
listener = lb.add_listener("Listener", port=80)
listener.add_action("Action", action=elbv2.ListenerAction.redirect(port="443", protocol="HTTPS", permanent=True))`,
    );
    assert.deepEqual(hits(pyText, 'python', ['elbv2-listener-https']), []);
  });

  it('CloudFront additionalBehaviors are checked like the default behavior', () => {
    const text = ts(
      "import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';\nimport * as origins from 'aws-cdk-lib/aws-cloudfront-origins';",
      `    const origin = new origins.HttpOrigin('app.example.com');
    new cloudfront.Distribution(this, 'Cdn', {
      defaultBehavior: { origin, viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS },
      additionalBehaviors: {
        '/beta/*': { origin, viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.ALLOW_ALL },
        '/img/*': { origin, viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.HTTPS_ONLY },
        '/old/*': { origin },
      },
    });`,
    );
    assert.deepEqual(
      hits(text, 'typescript', ['cloudfront-viewer-https']),
      [`cloudfront-viewer-https@${lineOf(text, 'ALLOW_ALL')}`, `cloudfront-viewer-https@${lineOf(text, "'/old/*'")}`].sort(),
    );
    const pyText = py(
      'from aws_cdk import Stack, aws_cloudfront as cloudfront',
      `cloudfront.Distribution(self, "Cdn",
    default_behavior=cloudfront.BehaviorOptions(origin=origin, viewer_protocol_policy=cloudfront.ViewerProtocolPolicy.HTTPS_ONLY),
    additional_behaviors={"/beta/*": cloudfront.BehaviorOptions(origin=origin, viewer_protocol_policy=cloudfront.ViewerProtocolPolicy.ALLOW_ALL)},
)`,
    );
    assert.deepEqual(hits(pyText, 'python', ['cloudfront-viewer-https']), [`cloudfront-viewer-https@${lineOf(pyText, 'ALLOW_ALL')}`]);
  });
});

describe('CDK idioms: public exposure written as props', () => {
  it('RDS: publiclyAccessible: true, or public subnets with the default; private or unknown subnets are fine', () => {
    const text = ts(
      "import * as ec2 from 'aws-cdk-lib/aws-ec2';\nimport * as rds from 'aws-cdk-lib/aws-rds';",
      `    const engine = rds.DatabaseInstanceEngine.POSTGRES;
    new rds.DatabaseInstance(this, 'A', { engine, vpc, storageEncrypted: true, publiclyAccessible: true });
    new rds.DatabaseInstance(this, 'B', { engine, vpc, storageEncrypted: true, vpcSubnets: { subnetType: ec2.SubnetType.PUBLIC } });
    new rds.DatabaseInstance(this, 'C', { engine, vpc, storageEncrypted: true, vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED } });
    new rds.DatabaseInstance(this, 'D', { engine, vpc, storageEncrypted: true, vpcSubnets: subnets });
    new rds.DatabaseInstance(this, 'E', { engine, vpc, storageEncrypted: true, vpcSubnets: { subnetType: ec2.SubnetType.PUBLIC }, publiclyAccessible: false });`,
    );
    assert.deepEqual(
      hits(text, 'typescript', ['db-not-publicly-accessible']),
      [`db-not-publicly-accessible@${lineOf(text, "'A'")}`, `db-not-publicly-accessible@${lineOf(text, "'B'")}`].sort(),
    );
  });

  it('Aurora: a cluster instance with publiclyAccessible: true (TypeScript and Python)', () => {
    const text = ts(
      "import * as rds from 'aws-cdk-lib/aws-rds';",
      `    new rds.DatabaseCluster(this, 'Db', {
      engine: rds.DatabaseClusterEngine.auroraPostgres({ version: rds.AuroraPostgresEngineVersion.VER_16_2 }),
      vpc, storageEncrypted: true,
      writer: rds.ClusterInstance.serverlessV2('Writer', { publiclyAccessible: true }),
      readers: [rds.ClusterInstance.provisioned('Reader', { publiclyAccessible: false })],
    });`,
    );
    assert.deepEqual(hits(text, 'typescript', ['db-not-publicly-accessible']), [`db-not-publicly-accessible@${lineOf(text, "'Writer'")}`]);
    const pyText = py(
      'from aws_cdk import Stack, aws_rds as rds',
      'writer = rds.ClusterInstance.serverless_v2("Writer", publicly_accessible=True)',
    );
    assert.deepEqual(hits(pyText, 'python', ['db-not-publicly-accessible']), [
      `db-not-publicly-accessible@${lineOf(pyText, 'serverless_v2')}`,
    ]);
  });

  it('S3: publicReadAccess: true is a public bucket; false or absent is not', () => {
    const text = py(
      'from aws_cdk import Stack, aws_s3 as s3',
      `s3.Bucket(self, "Site", enforce_ssl=True, public_read_access=True, block_public_access=s3.BlockPublicAccess.BLOCK_ACLS)
s3.Bucket(self, "Data", enforce_ssl=True, public_read_access=False)`,
    );
    assert.deepEqual(hits(text, 'python', ['s3-bucket-policy-not-public']), [
      `s3-bucket-policy-not-public@${lineOf(text, 'public_read_access=True')}`,
    ]);
  });

  it('CloudFront: an HTTP-only origin is flagged; the default (HTTPS) is not', () => {
    const text = ts(
      "import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';\nimport * as origins from 'aws-cdk-lib/aws-cloudfront-origins';",
      `    const plain = new origins.HttpOrigin('ec2.example.com', { httpPort: 8080, protocolPolicy: cloudfront.OriginProtocolPolicy.HTTP_ONLY });
    const tls = new origins.HttpOrigin('api.example.com');`,
    );
    assert.deepEqual(hits(text, 'typescript', ['cloudfront-origin-https']), [`cloudfront-origin-https@${lineOf(text, 'HTTP_ONLY')}`]);
  });
});

describe('CDK idioms: secrets', () => {
  it('Python: core.SecretValue(value="…") is a literal secret too', () => {
    const text = py(
      'from aws_cdk import Stack, SecretValue, aws_rds as rds',
      'creds = rds.Credentials.from_username(username="postgres", password=SecretValue(value="postgres"))',
    );
    assert.deepEqual(hits(text, 'python', ['cdk-secret-value-plaintext']), [
      `cdk-secret-value-plaintext@${lineOf(text, 'SecretValue(value=')}`,
    ]);
  });

  it('TypeScript: in secretObjectValue, the username and database name are not secrets; the password is', () => {
    const text = ts(
      "import * as cdk from 'aws-cdk-lib';\nimport * as sm from 'aws-cdk-lib/aws-secretsmanager';",
      `    new sm.Secret(this, 'App', {
      secretObjectValue: {
        username: cdk.SecretValue.unsafePlainText('admin'),
        DATABASE_NAME: cdk.SecretValue.unsafePlainText('orders'),
        password: cdk.SecretValue.unsafePlainText('hunter2-but-longer'),
      },
    });`,
    );
    assert.deepEqual(hits(text, 'typescript', ['cdk-secret-value-plaintext']), [`cdk-secret-value-plaintext@${lineOf(text, 'password:')}`]);
  });
});
