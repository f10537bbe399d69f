import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CFN_NAMES } from '../../core/cdk/data/cfn-names';
import { camelProp, cfnProp, cfnPropertyNames, l1PropOf, PropScope, propsScope, snakeOf } from '../../core/cdk/names';
import { rules } from '../../rules';

/** The CloudFormation spelling of a path of CDK props under an L1 of `type`. */
function cfnPath(type: string, ...keys: string[]): string {
  let scope: PropScope = propsScope(type);
  const out: string[] = [];
  for (const k of keys) {
    const p = cfnProp(k, scope);
    out.push(p.name);
    scope = p.scope;
  }
  return out.join('.');
}

/** The CDK (camelCase) spelling of a path of CloudFormation properties under an L1 of `type`. */
function camelPath(type: string, ...keys: string[]): string {
  let scope: PropScope = propsScope(type);
  const out: string[] = [];
  for (const k of keys) {
    const p = camelProp(k, scope);
    out.push(p.camel);
    scope = p.scope;
  }
  return out.join('.');
}

describe('CDK L1 prop names (core/cdk/names.ts)', () => {
  it('spells nested irregular props as CloudFormation does, in camelCase or snake_case', () => {
    assert.equal(cfnPath('AWS::DAX::Cluster', 'sseSpecification', 'sseEnabled'), 'SSESpecification.SSEEnabled');
    assert.equal(cfnPath('AWS::DAX::Cluster', 'sse_specification', 'sse_enabled'), 'SSESpecification.SSEEnabled');
    assert.equal(
      cfnPath(
        'AWS::S3::Bucket',
        'bucketEncryption',
        'serverSideEncryptionConfiguration',
        'serverSideEncryptionByDefault',
        'kmsMasterKeyId',
      ),
      'BucketEncryption.ServerSideEncryptionConfiguration.ServerSideEncryptionByDefault.KMSMasterKeyID',
    );
  });

  it('spells by resource type and struct where a module or one L1 spells a name two ways', () => {
    assert.equal(cfnPath('AWS::CloudTrail::Trail', 'kmsKeyId'), 'KMSKeyId');
    assert.equal(cfnPath('AWS::CloudTrail::EventDataStore', 'kms_key_id'), 'KmsKeyId');
    assert.equal(cfnPath('AWS::Lambda::Function', 'kmsKeyArn'), 'KmsKeyArn');
    assert.equal(cfnPath('AWS::Lambda::Function', 'durableConfig', 'kmsKeyArn'), 'DurableConfig.KMSKeyArn');
  });

  it('regular props: first letter upper-cased, snake_case joined', () => {
    assert.equal(cfnPath('AWS::DAX::Cluster', 'nodeType'), 'NodeType');
    assert.equal(cfnPath('AWS::DAX::Cluster', 'replication_factor'), 'ReplicationFactor');
  });

  it('goes back from CloudFormation spelling to the L1 prop, struct by struct', () => {
    assert.equal(camelPath('AWS::DAX::Cluster', 'SSESpecification', 'SSEEnabled'), 'sseSpecification.sseEnabled');
    assert.equal(camelPath('AWS::CloudTrail::Trail', 'KMSKeyId'), 'kmsKeyId');
    assert.equal(camelPath('AWS::Lambda::Function', 'DurableConfig', 'KMSKeyArn'), 'durableConfig.kmsKeyArn');
    assert.equal(camelPath('AWS::S3::Bucket', 'Equals'), 'equals');
  });
});

/**
 * Real pairs: the CloudFormation name, the L1 prop aws-cdk-lib declares for it (checked against its .d.ts below) and the
 * Python keyword jsii publishes (as written in public Python CDK stacks of the real-world set, or the jsii rule:
 * codemaker's snake case keeps KiB/MiB/GiB one word).
 */
const PAIRS: [type: string, module: string, cfn: string, ts: string, py: string][] = [
  ['AWS::S3::Bucket', 's3', 'BucketEncryption', 'bucketEncryption', 'bucket_encryption'],
  [
    'AWS::S3::Bucket',
    's3',
    'ServerSideEncryptionConfiguration',
    'serverSideEncryptionConfiguration',
    'server_side_encryption_configuration',
  ],
  ['AWS::S3::Bucket', 's3', 'KMSMasterKeyID', 'kmsMasterKeyId', 'kms_master_key_id'],
  ['AWS::S3::Bucket', 's3', 'SSEAlgorithm', 'sseAlgorithm', 'sse_algorithm'],
  ['AWS::S3::Bucket', 's3', 'Tags', 'tags', 'tags'],
  ['AWS::DynamoDB::Table', 'dynamodb', 'SSESpecification', 'sseSpecification', 'sse_specification'],
  ['AWS::DynamoDB::Table', 'dynamodb', 'SSEEnabled', 'sseEnabled', 'sse_enabled'],
  ['AWS::SQS::Queue', 'sqs', 'KmsMasterKeyId', 'kmsMasterKeyId', 'kms_master_key_id'],
  ['AWS::CloudTrail::Trail', 'cloudtrail', 'KMSKeyId', 'kmsKeyId', 'kms_key_id'],
  ['AWS::CloudTrail::Trail', 'cloudtrail', 'CloudWatchLogsLogGroupArn', 'cloudWatchLogsLogGroupArn', 'cloud_watch_logs_log_group_arn'],
  ['AWS::Lambda::Function', 'lambda', 'KmsKeyArn', 'kmsKeyArn', 'kms_key_arn'],
  ['AWS::KinesisFirehose::DeliveryStream', 'kinesisfirehose', 'AWSKMSKeyARN', 'awskmsKeyArn', 'awskms_key_arn'],
  [
    'AWS::RDS::DBInstance',
    'rds',
    'EnableIAMDatabaseAuthentication',
    'enableIamDatabaseAuthentication',
    'enable_iam_database_authentication',
  ],
  ['AWS::RDS::DBCluster', 'rds', 'DBClusterParameterGroupName', 'dbClusterParameterGroupName', 'db_cluster_parameter_group_name'],
  ['AWS::EC2::Instance', 'ec2', 'Ipv6AddressCount', 'ipv6AddressCount', 'ipv6_address_count'],
  ['AWS::EC2::SecurityGroup', 'ec2', 'CidrIpv6', 'cidrIpv6', 'cidr_ipv6'],
  ['AWS::EC2::LaunchTemplate', 'ec2', 'HttpPutResponseHopLimit', 'httpPutResponseHopLimit', 'http_put_response_hop_limit'],
  ['AWS::EC2::LaunchTemplate', 'ec2', 'MemoryGiBPerVCpu', 'memoryGiBPerVCpu', 'memory_gib_per_v_cpu'],
  ['AWS::Cognito::IdentityPool', 'cognito', 'SamlProviderARNs', 'samlProviderArns', 'saml_provider_arns'],
];

describe('CDK L1 prop names from CloudFormation names: real pairs from aws-cdk-lib', () => {
  for (const [type, mod, cfn, ts, py] of PAIRS) {
    it(`${type} ${cfn} → ${ts} / ${py}`, () => {
      assert.equal(l1PropOf(cfn, type), ts);
      assert.equal(snakeOf(ts), py);
      const dts = fs.readFileSync(path.join('node_modules', 'aws-cdk-lib', `aws-${mod}`, 'lib', `${mod}.generated.d.ts`), 'utf8');
      assert.match(dts, new RegExp(`readonly ${ts}\\??:`), `aws-cdk-lib declares no ${ts}`);
    });
  }

  it('lists every property name of the types the rules read, nested ones too, and nothing for other types', () => {
    assert.ok(cfnPropertyNames('AWS::S3::Bucket')?.has('ServerSideEncryptionConfiguration'));
    assert.ok(cfnPropertyNames('AWS::DAX::Cluster')?.has('SSEEnabled'));
    assert.equal(cfnPropertyNames('AWS::S3::Bucket')?.has('Properties'), false);
    assert.equal(cfnPropertyNames('AWS::GameLift::Fleet'), undefined);
  });

  it('has the names of every resource type a rule declares that has an L1', () => {
    const l1Types = new Set(Object.values(CFN_NAMES.types));
    const missing = rules
      .flatMap((r) => r.meta.resourceTypes)
      .filter((t) => l1Types.has(t) && !cfnPropertyNames(t))
      .filter((t, i, all) => all.indexOf(t) === i);
    assert.deepEqual(missing, [], 'run node scripts/gen-cdk-names.mjs');
  });
});
