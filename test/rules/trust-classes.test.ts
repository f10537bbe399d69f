import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { initCdkPython } from '../../core/cdk/py-init';
import { parseDocument } from '../../core/document';
import { analyze } from '../../core/engine';
import { Profile } from '../../core/rule';
import { ruleById, rules } from '../../rules';
import { isSecretName } from '../../rules/lib/secret-names';
import { FIXTURES, parseFile } from './helpers';

/** Resources (or parameters) a rule flags in one of its fixtures under a profile (recommended by default), sorted. */
function flagged(ruleId: string, file: string, profile: Profile = 'recommended'): string[] {
  const doc = parseFile(path.join(FIXTURES, ruleId, file));
  const found = analyze(doc, [ruleById.get(ruleId)!], { profile }).findings.map((f) => f.resource ?? String(f.data?.parameter ?? '?'));
  return [...new Set(found)].sort();
}

/** `line: rule` of every finding of the listed rules (all rules when none are listed) in an inline file. */
function findings(file: string, text: string, only: string[] = []): string[] {
  const lang = file.endsWith('.py') ? 'python' : file.endsWith('.ts') ? 'typescript' : undefined;
  const doc = parseDocument(`untitled:/${file}`, 1, text, lang);
  const picked = only.length ? only.map((id) => ruleById.get(id)!) : rules;
  return analyze(doc, picked).findings.map((f) => `${f.range.start.line + 1}: ${f.ruleId}`);
}

/** 1-based line of the first line of `text` that contains `snippet`. */
function lineOf(text: string, snippet: string): number {
  const i = text.split('\n').findIndex((l) => l.includes(snippet));
  assert.ok(i >= 0, snippet);
  return i + 1;
}

const TS_HEAD = `import * as cdk from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as apigw from 'aws-cdk-lib/aws-apigateway';
export class S extends cdk.Stack {
  constructor(scope: cdk.App, id: string, props: { extra: string[] }) {
    super(scope, id);
    const role = new iam.Role(this, 'Fn', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
`;
const PY_HEAD = `from aws_cdk import Stack, aws_apigateway as apigw, aws_ec2 as ec2, aws_iam as iam
from constructs import Construct


class S(Stack):
    def __init__(self, scope: Construct, construct_id: str, extra) -> None:
        super().__init__(scope, construct_id)
        role = iam.Role(self, "Fn", assumed_by=iam.ServicePrincipal("lambda.amazonaws.com"))
`;

// Classes of findings that were wrong on real code (issue 10): each case is the class, not the one sample.
describe('known-wrong classes stay fixed', () => {
  before(() => initCdkPython());

  describe('secret names are judged by their head noun', () => {
    const secret = ['DbPassword', 'DB_PASSWORD', 'GitHubToken', 'ApiKey', 'API_KEY', 'DatadogAppKey', 'ReCaptchaSecretKey'];
    const secret2 = [
      'ClientSecret',
      'SigningSecret',
      'masterpassword',
      'DB_PASS',
      'DB_PWD',
      'PRIVATE_KEY',
      'ConnectionString',
      'PrivateKey1',
      'DbPassword2',
      'DB_PASSWORD_2',
    ];
    const notSecret = ['MaxPasswordAge', 'MinimumPasswordLength', 'PasswordReusePrevention', 'AllowUsersToChangePassword'];
    const notSecret2 = ['ParentSecretStack', 'SecretsKmsKeyArn', 'SecretsManagerDomainCredentialsSecretsKMSKey', 'KmsKey'];
    const notSecret3 = ['EnableSecretsPlugin', 'EnableECRCredentialHelper', 'SecretsBucketEncryption', 'IMDSv2Tokens'];
    const notSecret4 = ['EC2MetadataHttpTokens', 'DB_PASSWORD_SECRET_ARN', 'TOKEN_TABLE', 'PWD', 'S3Key', 'SshKey', 'Bypass', 'Subnet1'];
    for (const name of [...secret, ...secret2]) it(`${name} holds a secret`, () => assert.equal(isSecretName(name), true));
    for (const name of [...notSecret, ...notSecret2, ...notSecret3, ...notSecret4]) {
      it(`${name} does not`, () => assert.equal(isSecretName(name), false));
    }
  });

  it('secret parameters: type, AllowedValues and switch Defaults rule out settings named after secrets', () => {
    const bad = ['ApiKey', 'DATABASE_MASTER_PASSWORD', 'DatadogAppKey', 'GitHubToken', 'SigningSecret'];
    for (const file of ['bad.yaml', 'bad.json']) assert.deepEqual(flagged('secret-parameter-no-echo', file), bad);
    for (const file of ['good.yaml', 'good.json']) assert.deepEqual(flagged('secret-parameter-no-echo', file), []);
  });

  describe('CDK lists and statements completed after they are written are unknown, not empty', () => {
    const grammar = ['iam-policy-valid-grammar', 'iam-no-public-principal'];
    it('TypeScript: push(), Object.assign, addActions/addResources/addCondition', () => {
      const text = `${TS_HEAD}    const actions: string[] = [];
    actions.push(...props.extra);
    role.addToPolicy(new iam.PolicyStatement({ actions, resources: ['arn:aws:s3:::b/*'] }));
    const st = new iam.PolicyStatement();
    st.addActions('s3:GetObject');
    st.addResources('arn:aws:s3:::b/*');
    role.addToPolicy(st);
    const q = new cdk.aws_sqs.Queue(this, 'Q');
    const send = new iam.PolicyStatement({ principals: [new iam.AnyPrincipal()], actions: ['sqs:SendMessage'], resources: [q.queueArn] });
    send.addCondition('StringEquals', { 'aws:SourceAccount': '111122223333' });
    q.addToResourcePolicy(send);
    const never: string[] = [];
    role.addToPolicy(new iam.PolicyStatement({ actions: never, resources: ['*'] }));
    const open = new iam.PolicyStatement({ actions: ['sqs:SendMessage'], resources: [q.queueArn] });
    open.addAnyPrincipal();
    q.addToResourcePolicy(open);
  }
}
`;
      // Only the list nothing changes is empty; a principal added later is still seen.
      assert.deepEqual(findings('stack.ts', text, grammar), [
        `${lineOf(text, 'const never')}: iam-policy-valid-grammar`,
        `${lineOf(text, 'open.addAnyPrincipal')}: iam-no-public-principal`,
      ]);
    });
    it('Python: append(), +=, add_actions/add_resources', () => {
      const text = `${PY_HEAD}        actions = []
        actions.append("s3:GetObject")
        role.add_to_policy(iam.PolicyStatement(actions=actions, resources=["arn:aws:s3:::b/*"]))
        resources = []
        resources += extra
        role.add_to_policy(iam.PolicyStatement(actions=["s3:GetObject"], resources=resources))
        st = iam.PolicyStatement()
        st.add_actions("s3:GetObject")
        st.add_resources("arn:aws:s3:::b/*")
        role.add_to_policy(st)
        never = []
        role.add_to_policy(iam.PolicyStatement(actions=never, resources=["*"]))
`;
      assert.deepEqual(findings('stack.py', text, grammar), [`${lineOf(text, 'never = []')}: iam-policy-valid-grammar`]);
    });
  });

  describe("API Gateway's execute-api:/ shorthand is accepted in an API's resource policy", () => {
    it('CloudFormation: a RestApi Policy, and not an identity policy', () => {
      for (const file of ['good.yaml', 'good.json', 'good.policy.yaml'])
        assert.deepEqual(flagged('iam-policy-valid-grammar', file), [], file);
      assert.deepEqual(flagged('iam-policy-valid-grammar', 'bad.yaml'), ['AppPolicy']);
    });
    it('CDK: RestApi({ policy }) in TypeScript and Python', () => {
      const ts = `${TS_HEAD}    const policy = new iam.PolicyDocument({ statements: [new iam.PolicyStatement({
      principals: [new iam.AccountRootPrincipal()], actions: ['execute-api:Invoke'], resources: ['execute-api:/*/*/*'] })] });
    new apigw.RestApi(this, 'Api', { policy });
  }
}
`;
      assert.deepEqual(findings('stack.ts', ts, ['iam-policy-valid-grammar']), []);
      const py = `${PY_HEAD}        policy = iam.PolicyDocument(statements=[iam.PolicyStatement(
            principals=[iam.AccountRootPrincipal()], actions=["execute-api:Invoke"], resources=["execute-api:/*"])])
        apigw.RestApi(self, "Api", policy=policy)
`;
      assert.deepEqual(findings('stack.py', py, ['iam-policy-valid-grammar']), []);
    });
  });

  it('VPC endpoint policies with Principal "*" are not public resource policies', () => {
    for (const file of ['good.yaml', 'good.json', 'good.ts', 'good.py'])
      assert.deepEqual(flagged('iam-no-public-principal', file), [], file);
  });

  it("AWS's default SNS topic policy (SNS:Receive, AWS:SourceOwner) is not flagged", () => {
    for (const file of ['good.yaml', 'good.json', 'good.policy.yaml', 'good.ts', 'good.py'])
      assert.deepEqual(flagged('iam-policy-valid-actions', file), [], file);
    assert.deepEqual(flagged('iam-no-public-principal', 'good.yaml'), []);
  });

  it('CloudFront TLSv1.2_2018/_2019 require TLS 1.2: only strict asks for TLSv1.2_2021', () => {
    const below12 = ['Docs', 'Site', 'SiteViaAllowedValues', 'SiteViaDefault', 'SiteViaIf'];
    assert.deepEqual(
      flagged('cloudfront-minimum-tls-1-2', 'bad.yaml').filter((r) => r !== 'Preview'),
      below12,
    );
    assert.deepEqual(
      flagged('cloudfront-minimum-tls-1-2', 'bad.yaml', 'strict').filter((r) => r.startsWith('Legacy')),
      ['Legacy2018', 'Legacy2019'],
    );
  });

  it('a match-viewer origin is flagged only when a behaviour routed to it lets viewers use HTTP', () => {
    assert.deepEqual(flagged('cloudfront-origin-https', 'good.yaml', 'strict'), []);
    const doc = parseFile(path.join(FIXTURES, 'cloudfront-origin-https', 'bad.yaml'));
    const matchViewer = analyze(doc, [ruleById.get('cloudfront-origin-https')!]).findings.filter((f) => f.message.includes('match-viewer'));
    assert.deepEqual(
      matchViewer.map((f) => f.resource),
      ['Site'],
    );
  });

  it('SQS: a missing TLS Deny is a warning for an unencrypted queue, defence in depth (strict) for an encrypted one', () => {
    for (const file of ['bad.yaml', 'bad.json', 'bad.ts', 'bad.py']) {
      assert.deepEqual(flagged('sqs-queue-enforce-tls', file), ['Plain'], file);
      assert.ok(flagged('sqs-queue-enforce-tls', file, 'strict').length > 1, file);
    }
  });
});
