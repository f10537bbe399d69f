import * as assert from 'node:assert/strict';
import { camelProp, cfnProp, PropScope, propsScope } from '../../core/cdk/names';

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
