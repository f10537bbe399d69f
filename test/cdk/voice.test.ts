import * as assert from 'node:assert/strict';
import { parseDocument } from '../../core/document';
import { analyze, Finding } from '../../core/engine';
import { initCdkPython } from '../../core/cdk/py-init';
import { rules } from '../../rules';

/** A CloudFormation rule's words on an L1 construct are the props the user writes (core/cdk/voice.ts). */

function findings(lang: 'typescript' | 'python', text: string, ruleId: string): Finding[] {
  const doc = parseDocument(`untitled:/stack.${lang === 'python' ? 'py' : 'ts'}`, 1, text, lang);
  return analyze(doc, rules, { profile: 'strict' }).findings.filter((f) => f.ruleId === ruleId);
}

const TS = (body: string): string =>
  `import { Stack } from 'aws-cdk-lib';\nimport * as cloudtrail from 'aws-cdk-lib/aws-cloudtrail';\nimport * as dynamodb from 'aws-cdk-lib/aws-dynamodb';\n` +
  `import * as apigateway from 'aws-cdk-lib/aws-apigateway';\n` +
  `import { Construct } from 'constructs';\nexport class S extends Stack {\n  constructor(scope: Construct, id: string) {\n    super(scope, id);\n${body}\n  }\n}\n`;

const PY = (body: string): string =>
  'from aws_cdk import Stack, aws_cloudtrail as cloudtrail, aws_dynamodb as dynamodb\nfrom constructs import Construct\n\n\n' +
  'class S(Stack):\n    def __init__(self, scope: Construct, id: str, **kwargs) -> None:\n        super().__init__(scope, id, **kwargs)\n' +
  body
    .split('\n')
    .map((l) => `        ${l}`)
    .join('\n') +
  '\n';

describe('CDK L1 findings speak CDK prop names', () => {
  before(async () => {
    await initCdkPython();
  });

  it('TypeScript: camelCase props, nested ones too; CloudFormation words that are no props stay', () => {
    const [f] = findings(
      'typescript',
      TS("new cloudtrail.CfnTrail(this, 'Trail', { isLogging: true, s3BucketName: 'logs' });"),
      'cloudtrail-kms-encrypted',
    );
    assert.match(f.message, /\(kmsKeyId is not set\)\. Set kmsKeyId to/);
    assert.doesNotMatch(f.message, /KMSKeyId/);
    const [t] = findings(
      'typescript',
      TS("new dynamodb.CfnTable(this, 'Orders', { keySchema: [], sseSpecification: { sseEnabled: false } });"),
      'dynamodb-table-kms-encrypted',
    );
    assert.match(t.message, /^Orders: sseEnabled is false: .*KMS key/);
  });

  it('Python: snake_case props and keyword values', () => {
    const [f] = findings(
      'python',
      PY('cloudtrail.CfnTrail(self, "Trail", is_logging=False, s3_bucket_name="logs")'),
      'cloudtrail-is-logging',
    );
    assert.match(f.message, /\(is_logging is false\).*Set is_logging to true/);
    assert.deepEqual(
      f.fixes.map((x) => x.title),
      ['Set is_logging=True'],
    );
  });

  it('keeps a construct id that is also a property name', () => {
    const [f] = findings(
      'typescript',
      TS("new cloudtrail.CfnTrail(this, 'TrailName', { isLogging: false, s3BucketName: 'logs' });"),
      'cloudtrail-is-logging',
    );
    assert.match(f.message, /^Trail TrailName is not logging/);
    assert.match(f.message, /isLogging is false/);
  });

  it('leaves L2 findings as their tables wrote them', () => {
    // `AuthorizationType` is a property of AWS::ApiGateway::Method, and here the name of the L2 enum.
    const [f] = findings(
      'typescript',
      TS("const api = new apigateway.RestApi(this, 'OrdersApi');\napi.root.addMethod('GET');"),
      'apigateway-method-authorized',
    );
    assert.match(f.message, /to AuthorizationType\.IAM/);
  });
});
