import { JsonValue } from '../../core/nodes';
import { Rule } from '../../core/rule';
import { keyArn, newKmsKey, outcomesOf, Reporter, setAt, Target } from '../lib/encryption';

/** Compliant: every bucket declares its default encryption (`BucketEncryption`). */
export const s3BucketEncryptionConfigured: Rule = {
  meta: {
    id: 's3-bucket-encryption-configured',
    title: 'S3 buckets declare default encryption',
    compliant: '`AWS::S3::Bucket` has `BucketEncryption` with an `SSEAlgorithm` (`aws:kms` with a customer managed key where your policy asks for one).',
    description:
      'Since January 2023 S3 encrypts every new object with SSE-S3, so a bucket without `BucketEncryption` is not unencrypted; but its keys are AWS owned, and reading an object needs only S3 permissions. ' +
      'Declaring SSE-KMS with a customer managed key, where your policy asks for it, makes every read also need the key. Low severity: a compliance finding.',
    category: 'encryption-at-rest',
    severity: 'info',
    resourceTypes: ['AWS::S3::Bucket'],
    syntaxes: ['cfn-yaml', 'cfn-json'],
    references: [
      { title: 'Setting default server-side encryption behavior for Amazon S3 buckets', url: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucket-encryption.html' },
      { title: 'Reducing the cost of SSE-KMS with Amazon S3 Bucket Keys', url: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucket-key.html' },
      { title: 'AWS::S3::Bucket BucketEncryption', url: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-s3-bucket-bucketencryption.html' },
    ],
    controls: ['S3.17'],
    equivalents: { cfnNag: ['W41'], checkov: ['CKV_AWS_19'], cdkNag: ['S3DefaultEncryptionKMS'] },
    fix: 'Adds `BucketEncryption` with SSE-KMS, a new customer managed key and an S3 Bucket Key (fewer KMS calls), or declares SSE-S3 (`AES256`).',
  },
  template(t, ctx) {
    const rep = new Reporter(ctx);
    for (const r of t.byType.get('AWS::S3::Bucket') ?? []) {
      for (const o of outcomesOf(t, r.node, ['Properties', 'BucketEncryption'])) {
        if (o.kind !== 'missing' || !o.map) continue;
        const at: Target = { map: o.map, path: o.path };
        const key = newKmsKey(t, r, { purpose: `the objects in bucket ${r.id}` });
        const rule = (byDefault: JsonValue, bucketKey: boolean): JsonValue => ({
          ServerSideEncryptionConfiguration: [bucketKey ? { ServerSideEncryptionByDefault: byDefault, BucketKeyEnabled: true } : { ServerSideEncryptionByDefault: byDefault }],
        });
        rep.report({
          node: r.keyNode, resource: r,
          message: 'The bucket declares no default encryption: objects get SSE-S3 with AWS owned keys. Declare BucketEncryption, with SSE-KMS where your policy asks for a customer managed key.',
          fix: [
            { title: `Encrypt with SSE-KMS and a new customer managed key (adds ${key.id})`, ops: [setAt(at, rule({ SSEAlgorithm: 'aws:kms', KMSMasterKeyID: keyArn(key.id) }, true)), key.op] },
            { title: 'Declare SSE-S3 (AES256) default encryption', ops: [setAt(at, rule({ SSEAlgorithm: 'AES256' }, false))] },
          ],
        });
      }
    }
  },
};
