import * as assert from 'node:assert/strict';
import { parseDocument } from '../../core/document';
import { analyze, Finding } from '../../core/engine';
import { initCdkPython } from '../../core/cdk/py-init';
import { rules } from '../../rules';

/**
 * Relations and names on CDK source (issue 11 item 2; RESULTS-cdk.md classes N1-N4, W2, W3): where a
 * statement, an ingress rule or a listener ends up, and which construct a finding names. Each case is
 * a small stack written for this test in the shape seen in public code.
 */

function findings(text: string, lang: 'typescript' | 'python'): Finding[] {
  const d = parseDocument(lang === 'python' ? 'untitled:/stack.py' : 'untitled:/stack.ts', 1, text, lang);
  assert.notEqual(d.kind, 'none', 'not recognised as CDK');
  const res = analyze(d, rules);
  assert.deepEqual(res.ruleErrors, []);
  return res.findings;
}

/** `rule resource@line` of the findings of the given rules, sorted. */
export function named(text: string, lang: 'typescript' | 'python', only: string[]): string[] {
  return findings(text, lang)
    .filter((f) => only.includes(f.ruleId))
    .map((f) => `${f.ruleId} ${f.resource}@${f.range.start.line + 1}`)
    .sort();
}

export function ts(imports: string, body: string): string {
  return `import { Stack } from 'aws-cdk-lib';\n${imports}\nimport { Construct } from 'constructs';\n\nexport class S extends Stack {\n  constructor(scope: Construct, id: string) {\n    super(scope, id);\n${body}\n  }\n}\n`;
}

export function py(imports: string, body: string): string {
  const lines = body
    .split('\n')
    .map((l) => (l ? `        ${l}` : l))
    .join('\n');
  return `${imports}\nfrom constructs import Construct\n\n\nclass S(Stack):\n    def __init__(self, scope: Construct, id: str, **kwargs) -> None:\n        super().__init__(scope, id, **kwargs)\n${lines}\n`;
}

/** 1-based line of the first line containing `needle`. */
export function lineOf(text: string, needle: string): number {
  const i = text.split('\n').findIndex((l) => l.includes(needle));
  assert.ok(i >= 0, `no line contains ${needle}`);
  return i + 1;
}

const TS_IAM = "import * as iam from 'aws-cdk-lib/aws-iam';";
const PY_IAM = 'from aws_cdk import Stack, aws_iam as iam';

before(() => initCdkPython());

describe('CDK names: a finding names the construct the code names (N1)', () => {
  it('TypeScript: statements of a ManagedPolicy, a role DefaultPolicy, a function role and a role inline policy', () => {
    const text = ts(
      `${TS_IAM}\nimport * as lambda from 'aws-cdk-lib/aws-lambda';`,
      `    const mp = new iam.ManagedPolicy(this, 'MainJenkinsNodePolicy', {
      statements: [new iam.PolicyStatement({ actions: ['sts:AssumeRole'], resources: ['*'] })],
    });
    const serverRole = new iam.Role(this, 'serverEc2Role', { assumedBy: new iam.ServicePrincipal('ec2.amazonaws.com') });
    serverRole.addToPolicy(new iam.PolicyStatement({ actions: ['logs:PutRetentionPolicy'], resources: ['*'] }));
    const fn = new lambda.Function(this, 'GraphQLApiHandler', { runtime: lambda.Runtime.NODEJS_20_X, handler: 'i.h', code: lambda.Code.fromInline('x') });
    fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['s3:*'], resources: ['*'] }));
    new iam.Role(this, 'apiLoggingRole', {
      assumedBy: new iam.ServicePrincipal('appsync.amazonaws.com'),
      inlinePolicies: { loggingPolicy: new iam.PolicyDocument({ statements: [new iam.PolicyStatement({ actions: ['sqs:*'], resources: ['*'] })] }) },
    });
    mp.attachToRole(serverRole);`,
    );
    const got = named(text, 'typescript', ['iam-no-privilege-escalation', 'iam-no-wildcard-action', 'iam-no-wildcard-resource-write']);
    assert.deepEqual(got, [
      `iam-no-privilege-escalation MainJenkinsNodePolicy@${lineOf(text, "'sts:AssumeRole'")}`,
      `iam-no-wildcard-action GraphQLApiHandler@${lineOf(text, "'s3:*'")}`,
      `iam-no-wildcard-action apiLoggingRole@${lineOf(text, "'sqs:*'")}`,
      `iam-no-wildcard-resource-write GraphQLApiHandler@${lineOf(text, "'s3:*'")}`,
      `iam-no-wildcard-resource-write MainJenkinsNodePolicy@${lineOf(text, "'sts:AssumeRole'")}`,
      `iam-no-wildcard-resource-write apiLoggingRole@${lineOf(text, "'sqs:*'")}`,
      `iam-no-wildcard-resource-write serverEc2Role@${lineOf(text, "'logs:PutRetentionPolicy'")}`,
    ]);
    assert.ok(!findings(text, 'typescript').some((f) => /CdkPolicy/.test(`${f.resource} ${f.message}`)));
  });

  it('Python: iam.Policy constructs attached with attach_inline_policy, add_to_role_policy on a function', () => {
    const text = py(
      `${PY_IAM}, aws_lambda as lambda_`,
      `role = iam.Role(self, "SageMaker-Policy", assumed_by=iam.ServicePrincipal("sagemaker.amazonaws.com"))
sts_policy = iam.Policy(self, "sm-deploy-policy-sts",
                        statements=[iam.PolicyStatement(effect=iam.Effect.ALLOW, actions=["sts:AssumeRole"], resources=["*"])])
ecr_policy = iam.Policy(self, "sm-deploy-policy-ecr", statements=[iam.PolicyStatement(actions=["ecr:*"], resources=["*"])])
role.attach_inline_policy(sts_policy)
role.attach_inline_policy(ecr_policy)
fn = lambda_.Function(self, "Handler", runtime=lambda_.Runtime.PYTHON_3_12, handler="i.h", code=lambda_.Code.from_inline("x"))
fn.add_to_role_policy(iam.PolicyStatement(actions=["dynamodb:*"], resources=["*"]))`,
    );
    const got = named(text, 'python', ['iam-no-privilege-escalation', 'iam-no-wildcard-action']);
    assert.deepEqual(got, [
      `iam-no-privilege-escalation sm-deploy-policy-sts@${lineOf(text, '"sts:AssumeRole"')}`,
      `iam-no-wildcard-action Handler@${lineOf(text, '"dynamodb:*"')}`,
      `iam-no-wildcard-action sm-deploy-policy-ecr@${lineOf(text, '"ecr:*"')}`,
    ]);
  });

  it('a statement no construct holds is named by its line, not a made-up id; one added to something the file does not create by the receiver', () => {
    const text = ts(
      TS_IAM,
      `    const loose = new iam.PolicyStatement({ actions: ['ec2:*'], resources: ['*'] });
    helper(loose);
    this.props.role.addToPrincipalPolicy(new iam.PolicyStatement({ actions: ['kms:*'], resources: ['*'] }));`,
    );
    const got = named(text, 'typescript', ['iam-no-wildcard-action']);
    assert.deepEqual(got, [
      `iam-no-wildcard-action statement at line ${lineOf(text, "'ec2:*'")}@${lineOf(text, "'ec2:*'")}`,
      `iam-no-wildcard-action this.props.role@${lineOf(text, "'kms:*'")}`,
    ]);
  });
});

describe('CDK helpers: a call on a parameter is a call on what every caller passes (issue 11 item 2)', () => {
  const LAMBDA = "import * as lambda from 'aws-cdk-lib/aws-lambda';";
  const fnTs = (id: string, v: string): string =>
    `    const ${v} = new lambda.Function(this, '${id}', { runtime: lambda.Runtime.NODEJS_20_X, handler: 'i.h', code: lambda.Code.fromInline('x') });`;

  it('TypeScript: a nested function, an arrow const and a method, each called with one construct', () => {
    const text = ts(
      `${TS_IAM}\n${LAMBDA}`,
      `${fnTs('GraphQLApiHandler', 'resolver')}
${fnTs('Worker', 'worker')}
    function addPermissions(apiHandler: lambda.Function) {
      apiHandler.addToRolePolicy(new iam.PolicyStatement({ actions: ['kendra:DescribeDataSourceSyncJob'], resources: ['*'] }));
    }
    const grantAll = (target: lambda.Function) => target.addToRolePolicy(new iam.PolicyStatement({ actions: ['sqs:*'], resources: ['*'] }));
    addPermissions(resolver);
    grantAll(worker);
    grantAll(worker);`,
    );
    assert.deepEqual(named(text, 'typescript', ['iam-policy-valid-actions', 'iam-no-wildcard-action']), [
      `iam-no-wildcard-action Worker@${lineOf(text, "'sqs:*'")}`,
      `iam-policy-valid-actions GraphQLApiHandler@${lineOf(text, 'kendra:')}`,
    ]);
  });

  it('TypeScript: callers that pass different constructs, or something the file does not bind, leave the parameter as written', () => {
    const text = ts(
      `${TS_IAM}\n${LAMBDA}`,
      `${fnTs('One', 'one')}
${fnTs('Two', 'two')}
    const grant = (fn: lambda.Function) => fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['sqs:*'], resources: ['*'] }));
    const grantProps = (role: iam.IRole) => role.addToPrincipalPolicy(new iam.PolicyStatement({ actions: ['sns:*'], resources: ['*'] }));
    grant(one);
    grant(two);
    grantProps(this.node.tryGetContext('role'));`,
    );
    assert.deepEqual(named(text, 'typescript', ['iam-no-wildcard-action']), [
      `iam-no-wildcard-action fn@${lineOf(text, "'sqs:*'")}`,
      `iam-no-wildcard-action role@${lineOf(text, "'sns:*'")}`,
    ]);
  });

  it('Python: a method taking self, called positionally and by keyword', () => {
    const text = `from aws_cdk import Stack, aws_iam as iam, aws_lambda as lambda_
from constructs import Construct


class S(Stack):
    def __init__(self, scope: Construct, id: str, **kwargs) -> None:
        super().__init__(scope, id, **kwargs)
        handler = lambda_.Function(self, "ApiHandler", runtime=lambda_.Runtime.PYTHON_3_12, handler="i.h", code=lambda_.Code.from_inline("x"))
        self.bucket_role = iam.Role(self, "BucketRole", assumed_by=iam.ServicePrincipal("ec2.amazonaws.com"))
        self._add_permissions(handler)
        self._grant_role(role=self.bucket_role)

    def _add_permissions(self, api_handler: lambda_.Function) -> None:
        api_handler.add_to_role_policy(iam.PolicyStatement(actions=["kendra:DescribeDataSourceSyncJob"], resources=["*"]))

    def _grant_role(self, role, extra=None):
        role.add_to_policy(iam.PolicyStatement(actions=["sqs:*"], resources=["*"]))
`;
    assert.deepEqual(named(text, 'python', ['iam-policy-valid-actions', 'iam-no-wildcard-action']), [
      `iam-no-wildcard-action BucketRole@${lineOf(text, '"sqs:*"')}`,
      `iam-policy-valid-actions ApiHandler@${lineOf(text, 'kendra:')}`,
    ]);
  });
});

describe('CDK names: same-named locals of two methods bind to their own construct (holdout H6)', () => {
  it('TypeScript: lambdaRole in two methods, each with its own statement', () => {
    const text = `import { Stack } from 'aws-cdk-lib';
${TS_IAM}
import { Construct } from 'constructs';

export class S extends Stack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.visualize();
    this.collect();
  }

  private visualize(): void {
    const lambdaRole = new iam.Role(this, 'VisualizeRole', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    lambdaRole.addToPolicy(new iam.PolicyStatement({ actions: ['s3:PutObject'], resources: ['*'] }));
  }

  private collect(): void {
    const lambdaRole = new iam.Role(this, 'CollectRole', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    lambdaRole.addToPolicy(new iam.PolicyStatement({ actions: ['sqs:*'], resources: ['*'] }));
  }
}
`;
    assert.deepEqual(named(text, 'typescript', ['iam-no-wildcard-resource-write', 'iam-no-wildcard-action']), [
      `iam-no-wildcard-action CollectRole@${lineOf(text, "'sqs:*'")}`,
      `iam-no-wildcard-resource-write CollectRole@${lineOf(text, "'sqs:*'")}`,
      `iam-no-wildcard-resource-write VisualizeRole@${lineOf(text, "'s3:PutObject'")}`,
    ]);
  });

  it('Python: role in two methods, each with its own statement', () => {
    const text = `from aws_cdk import Stack, aws_iam as iam
from constructs import Construct


class S(Stack):
    def __init__(self, scope: Construct, id: str, **kwargs) -> None:
        super().__init__(scope, id, **kwargs)
        self._visualize()
        self._collect()

    def _visualize(self) -> None:
        role = iam.Role(self, "VisualizeRole", assumed_by=iam.ServicePrincipal("lambda.amazonaws.com"))
        role.add_to_policy(iam.PolicyStatement(actions=["s3:PutObject"], resources=["*"]))

    def _collect(self) -> None:
        role = iam.Role(self, "CollectRole", assumed_by=iam.ServicePrincipal("lambda.amazonaws.com"))
        role.add_to_policy(iam.PolicyStatement(actions=["sqs:*"], resources=["*"]))
`;
    assert.deepEqual(named(text, 'python', ['iam-no-wildcard-resource-write', 'iam-no-wildcard-action']), [
      `iam-no-wildcard-action CollectRole@${lineOf(text, '"sqs:*"')}`,
      `iam-no-wildcard-resource-write CollectRole@${lineOf(text, '"sqs:*"')}`,
      `iam-no-wildcard-resource-write VisualizeRole@${lineOf(text, '"s3:PutObject"')}`,
    ]);
  });
});

describe('CDK names: ids as written (N2-N4)', () => {
  it('TypeScript: an ingress rule names its security group; a listener finding names the listener', () => {
    const text = ts(
      "import * as ec2 from 'aws-cdk-lib/aws-ec2';\nimport * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';",
      `    const vpc = new ec2.Vpc(this, 'VPC', { flowLogs: { f: {} } });
    const sg = new ec2.SecurityGroup(this, 'SSHSecurityGroup', { vpc });
    sg.addIngressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(22));
    const lb = new elbv2.ApplicationLoadBalancer(this, 'LB', { vpc, internetFacing: true });
    const listener = lb.addListener('Listener', { port: 80, open: true });`,
    );
    const got = named(text, 'typescript', ['ec2-security-group-no-public-admin-ports', 'elbv2-listener-https']);
    assert.deepEqual(got, [
      `ec2-security-group-no-public-admin-ports SSHSecurityGroup@${lineOf(text, 'addIngressRule')}`,
      `elbv2-listener-https Listener@${lineOf(text, 'addListener')}`,
    ]);
  });

  it('Python: keyword ids keep their punctuation, a repeated id is not renumbered, a non-literal id is a line', () => {
    const text = py(
      'from aws_cdk import Stack, aws_s3 as s3, aws_ec2 as ec2, aws_elasticloadbalancingv2 as elb',
      `s3_bucket = s3.Bucket(self, id="sample_bucket_id")
if flag:
    b = s3.Bucket(self, "rds")
else:
    b = s3.Bucket(self, "rds")
s3.Bucket(self, f"{prefix}-bucket")
vpc = ec2.Vpc(self, "VPC")
bastion = ec2.BastionHostLinux(self, "myBastion", vpc=vpc, require_imdsv2=True)
bastion.connections.allow_from_any_ipv4(ec2.Port.tcp(22), "ssh")
alb = elb.ApplicationLoadBalancer(self, "myALB", vpc=vpc, internet_facing=True)
listener = alb.add_listener("my80", port=80, open=True)`,
    );
    const got = named(text, 'python', ['s3-bucket-enforce-tls', 'ec2-security-group-no-public-admin-ports', 'elbv2-listener-https']);
    const dyn = lineOf(text, 'f"{prefix}-bucket"');
    assert.deepEqual(got, [
      `ec2-security-group-no-public-admin-ports myBastion@${lineOf(text, 'allow_from_any_ipv4')}`,
      `elbv2-listener-https my80@${lineOf(text, 'add_listener')}`,
      `s3-bucket-enforce-tls construct at line ${dyn}@${dyn}`,
      `s3-bucket-enforce-tls rds@${lineOf(text, 'b = s3.Bucket(self, "rds")')}`,
      `s3-bucket-enforce-tls rds@${lineOf(text, 'b = s3.Bucket(self, "rds")') + 2}`,
      `s3-bucket-enforce-tls sample_bucket_id@${lineOf(text, 'sample_bucket_id')}`,
    ]);
  });

  it('a cdk-nag acknowledgement covers the resources a construct creates only with applyToChildren, and always its inline policies', () => {
    const body = (
      children: string,
    ): string => `    const fn = new lambda.Function(this, 'Fn', { runtime: lambda.Runtime.NODEJS_20_X, handler: 'i.h', code: lambda.Code.fromInline('x') });
    fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['s3:*'], resources: ['*'] }));
    const role = new iam.Role(this, 'R', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      inlinePolicies: { p: new iam.PolicyDocument({ statements: [new iam.PolicyStatement({ actions: ['sqs:*'], resources: ['*'] })] }) },
    });
    NagSuppressions.addResourceSuppressions(fn, [{ id: 'AwsSolutions-IAM5', reason: 'Needed for the demo bucket' }]${children});
    NagSuppressions.addResourceSuppressions(role, [{ id: 'AwsSolutions-IAM5', reason: 'Needed for the demo queue' }]);`;
    const imports = `${TS_IAM}\nimport * as lambda from 'aws-cdk-lib/aws-lambda';\nimport { NagSuppressions } from 'cdk-nag';`;
    const without = named(ts(imports, body('')), 'typescript', ['iam-no-wildcard-action']);
    assert.deepEqual(
      without.map((x) => x.split('@')[0]),
      ['iam-no-wildcard-action Fn'],
    );
    assert.deepEqual(named(ts(imports, body(', true')), 'typescript', ['iam-no-wildcard-action']), []);
  });
});

describe('CDK statements completed after they are built (W3)', () => {
  it('TypeScript: new PolicyStatement() + addActions/addResources/addAnyPrincipal is read whole, not as an empty statement', () => {
    const text = ts(
      `${TS_IAM}\nimport * as s3 from 'aws-cdk-lib/aws-s3';`,
      `    const bucket = new s3.Bucket(this, 'SiteBucket', { enforceSSL: true });
    const statement = new iam.PolicyStatement();
    statement.addActions('s3:GetObject');
    statement.addResources(bucket.arnForObjects('*'));
    statement.addAnyPrincipal();
    bucket.addToResourcePolicy(statement);
    const role = new iam.Role(this, 'R', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    const write = new iam.PolicyStatement();
    write.addActions('dynamodb:PutItem');
    write.addAllResources();
    role.addToPolicy(write);`,
    );
    const got = named(text, 'typescript', [
      'iam-policy-valid-grammar',
      'iam-no-public-principal',
      's3-bucket-policy-not-public',
      'iam-no-wildcard-resource-write',
    ]);
    // The public bucket statement is the S3 rule's finding (iam-no-public-principal leaves bucket policies to it).
    assert.deepEqual(got, [
      `iam-no-wildcard-resource-write R@${lineOf(text, 'addAllResources')}`,
      `s3-bucket-policy-not-public SiteBucket@${lineOf(text, 'addAnyPrincipal')}`,
    ]);
  });

  it('Python: resources=[] completed with add_resources is not an empty list', () => {
    const text = py(
      `${PY_IAM}, aws_opensearchservice as os`,
      `domain = os.Domain(self, "Domain", version=os.EngineVersion.OPENSEARCH_2_11)
policy = iam.PolicyStatement(actions=["es:ESHttpGet"], resources=[], principals=[iam.ArnPrincipal("arn:aws:iam::123456789012:role/r")])
policy.add_resources(domain.domain_arn + "/*")
domain.add_access_policies(policy)`,
    );
    assert.deepEqual(named(text, 'python', ['iam-policy-valid-grammar']), []);
  });

  it('an array filled with push() or append() is open: unknown, never empty', () => {
    const tsText = ts(
      TS_IAM,
      `    const actions: string[] = [];
    actions.push('s3:GetObject');
    const role = new iam.Role(this, 'R', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    role.addToPolicy(new iam.PolicyStatement({ actions, resources: ['arn:aws:s3:::b/*'] }));`,
    );
    assert.deepEqual(named(tsText, 'typescript', ['iam-policy-valid-grammar']), []);
    const pyText = py(
      PY_IAM,
      `actions = []
actions.append("s3:GetObject")
role = iam.Role(self, "R", assumed_by=iam.ServicePrincipal("lambda.amazonaws.com"))
role.add_to_policy(iam.PolicyStatement(actions=actions, resources=["arn:aws:s3:::b/*"]))`,
    );
    assert.deepEqual(named(pyText, 'python', ['iam-policy-valid-grammar']), []);
  });
});

describe('CDK resource policies count for their bucket, queue or topic (W2, issue 11 item 2)', () => {
  const deny = (actions: string): string =>
    `new iam.PolicyStatement({ effect: iam.Effect.DENY, principals: [new iam.AnyPrincipal()], actions: ['${actions}'], resources: ['*'], conditions: { Bool: { 'aws:SecureTransport': 'false' } } })`;
  const TLS = ['s3-bucket-enforce-tls', 'sqs-queue-enforce-tls', 'sns-topic-enforce-tls'];

  it('TypeScript: addToResourcePolicy, an s3.BucketPolicy, a CfnBucketPolicy by bucketName, a TopicPolicy and a CfnQueuePolicy by queueUrl', () => {
    const text = ts(
      `${TS_IAM}\nimport * as s3 from 'aws-cdk-lib/aws-s3';\nimport * as sqs from 'aws-cdk-lib/aws-sqs';\nimport * as sns from 'aws-cdk-lib/aws-sns';`,
      `    const a = new s3.Bucket(this, 'A');
    a.addToResourcePolicy(${deny('s3:*')});
    const b = new s3.Bucket(this, 'B');
    const bp = new s3.BucketPolicy(this, 'BPolicy', { bucket: b });
    bp.document.addStatements(${deny('s3:*')});
    const c = new s3.Bucket(this, 'C');
    new s3.CfnBucketPolicy(this, 'CPolicy', { bucket: c.bucketName, policyDocument: { Statement: [{ Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: '*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }] } });
    const d = new s3.Bucket(this, 'D');
    d.addToResourcePolicy(new iam.PolicyStatement({ principals: [new iam.AccountRootPrincipal()], actions: ['s3:GetObject'], resources: ['*'] }));
    const t = new sns.Topic(this, 'T');
    const tp = new sns.TopicPolicy(this, 'TPolicy', { topics: [t] });
    tp.document.addStatements(${deny('sns:Publish')});
    const q = new sqs.Queue(this, 'Q', { encryption: sqs.QueueEncryption.UNENCRYPTED });
    new sqs.CfnQueuePolicy(this, 'QPolicy', { queues: [q.queueUrl], policyDocument: { Statement: [{ Effect: 'Deny', Principal: { AWS: '*' }, Action: 'sqs:*', Resource: '*', Condition: { Bool: { 'aws:SecureTransport': false } } }] } });
    const q2 = new sqs.Queue(this, 'Q2', { encryption: sqs.QueueEncryption.UNENCRYPTED });`,
    );
    assert.deepEqual(
      named(text, 'typescript', TLS).map((x) => x.split('@')[0]),
      ['s3-bucket-enforce-tls D', 'sqs-queue-enforce-tls Q2'],
    );
  });

  it('Python: add_to_resource_policy with a TLS deny on a queue and a bucket', () => {
    const text = py(
      `${PY_IAM}, aws_s3 as s3, aws_sqs as sqs`,
      `queue = sqs.Queue(self, "Queue", encryption=sqs.QueueEncryption.UNENCRYPTED)
queue.add_to_resource_policy(iam.PolicyStatement(sid="RequireTLS", effect=iam.Effect.DENY, principals=[iam.AnyPrincipal()],
    actions=["sqs:*"], resources=[queue.queue_arn], conditions={"Bool": {"aws:SecureTransport": "false"}}))
bucket = s3.Bucket(self, "Bucket")
bucket.add_to_resource_policy(iam.PolicyStatement(effect=iam.Effect.DENY, principals=[iam.AnyPrincipal()],
    actions=["s3:*"], resources=[bucket.bucket_arn], conditions={"Bool": {"aws:SecureTransport": False}}))
other = sqs.Queue(self, "Other", encryption=sqs.QueueEncryption.UNENCRYPTED)`,
    );
    assert.deepEqual(
      named(text, 'python', TLS).map((x) => x.split('@')[0]),
      ['sqs-queue-enforce-tls Other'],
    );
  });
});

describe('AWS managed policies from the bundled catalogue (M6, issue 11 item 2)', () => {
  it('CloudFormation ManagedPolicyArns and SAM Policies: *FullAccess-style policies are findings, read-only ones are not', () => {
    const yaml = `Transform: AWS::Serverless-2016-10-31
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.12
      Handler: i.h
      CodeUri: .
      Policies:
        - AWSLambdaExecute
        - AmazonS3ReadOnlyAccess
  Role:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: { Version: "2012-10-17", Statement: [{ Effect: Allow, Principal: { Service: ec2.amazonaws.com }, Action: sts:AssumeRole }] }
      ManagedPolicyArns:
        - arn:aws:iam::aws:policy/CloudWatchLogsFullAccess
        - arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole
`;
    const d = parseDocument('untitled:/t.yaml', 1, yaml, 'yaml');
    const got = analyze(d, rules)
      .findings.filter((f) => f.ruleId === 'iam-no-admin-managed-policy')
      .map((f) => `${f.resource} ${f.severity} ${f.message.split(' gives')[0]}`);
    assert.deepEqual(got, ['Fn warning AWSLambdaExecute', 'Role warning CloudWatchLogsFullAccess']);
  });

  it("CDK: a function role's managed policy through fn.role?.addManagedPolicy names the function", () => {
    const text = ts(
      `${TS_IAM}\nimport * as lambda from 'aws-cdk-lib/aws-lambda';`,
      `    const fn = new lambda.Function(this, 'Handler', { runtime: lambda.Runtime.NODEJS_20_X, handler: 'i.h', code: lambda.Code.fromInline('x') });
    fn.role?.addManagedPolicy(iam.ManagedPolicy.fromAwsManagedPolicyName('AmazonSQSFullAccess'));`,
    );
    assert.deepEqual(named(text, 'typescript', ['iam-no-admin-managed-policy']), [
      `iam-no-admin-managed-policy Handler@${lineOf(text, 'AmazonSQSFullAccess')}`,
    ]);
  });
});
