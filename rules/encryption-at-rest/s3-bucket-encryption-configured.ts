import { JsonValue, Node } from '../../core/nodes';
import { Resource, Template } from '../../core/template';
import { Rule } from '../../core/rule';
import { runL2Checks } from '../../core/cdk/check';
import { s3BucketEncryptionConfiguredCdk } from './s3-bucket-encryption-configured.cdk';
import { setAt, Target } from '../lib/fix-target';
import { keyArn, newKmsKey } from '../lib/kms-key';
import { outcomesOf } from '../lib/property-value';
import { items } from '../lib/read-nodes';
import { Reporter } from '../lib/reporter';

/** Compliant: every bucket declares its default encryption (`BucketEncryption`). */
export const s3BucketEncryptionConfigured: Rule = {
  meta: {
    id: 's3-bucket-encryption-configured',
    title: 'S3 buckets declare default encryption',
    compliant:
      'Where a template encrypts some bucket with SSE-KMS, every bucket in it declares `BucketEncryption`; no `BucketEncryption` block is empty.',
    description:
      'Since January 2023 S3 encrypts every new object with SSE-S3, so a bucket without `BucketEncryption` is not unencrypted; but its keys are AWS owned, and reading an object needs only S3 permissions. ' +
      'Where the template shows that KMS is asked for (another bucket uses SSE-KMS), a bucket left on the default is an inconsistency worth a look: with SSE-KMS every read also needs the key. Low severity.',
    category: 'encryption-at-rest',
    severity: 'info',
    profile: 'strict',
    profileWhy:
      'S3 has encrypted every new object with SSE-S3 since January 2023, so a bucket without `BucketEncryption` ' +
      'is encrypted; asking for SSE-KMS, or for the default to be written out, is a stricter policy.',
    resourceTypes: ['AWS::S3::Bucket'],
    syntaxes: ['cfn-yaml', 'cfn-json', 'cdk-ts', 'cdk-py'],
    references: [
      {
        title: 'Setting default server-side encryption behavior for Amazon S3 buckets',
        url: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucket-encryption.html',
      },
      {
        title: 'Reducing the cost of SSE-KMS with Amazon S3 Bucket Keys',
        url: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucket-key.html',
      },
      {
        title: 'AWS::S3::Bucket BucketEncryption',
        url: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-s3-bucket-bucketencryption.html',
      },
    ],
    controls: ['S3.17'],
    equivalents: {
      guard: ['S3_BUCKET_SERVER_SIDE_ENCRYPTION_ENABLED', 'S3_DEFAULT_ENCRYPTION_KMS'],
      cfnNag: ['W41'],
      checkov: ['CKV_AWS_19'],
      cdkNag: ['S3DefaultEncryptionKMS'],
    },
    fix: 'Adds `BucketEncryption` with SSE-KMS, a new customer managed key and an S3 Bucket Key (fewer KMS calls), or declares SSE-S3 (`AES256`).',
    fixSafety: 'mixed',
  },
  template(t, ctx) {
    const rep = new Reporter(ctx);
    const buckets = t.byType.get('AWS::S3::Bucket') ?? [];
    // S3 encrypts every object by default, so a bucket without BucketEncryption is only a finding where
    // the template itself asks for SSE-KMS: some other bucket in it uses aws:kms.
    const kmsBucket = buckets.find((b) =>
      items(resolveList(t, b)).some((rule) =>
        outcomesOf(t, rule, ['ServerSideEncryptionByDefault', 'SSEAlgorithm']).some(
          (o) => o.kind === 'value' && String(o.value).startsWith('aws:kms'),
        ),
      ),
    );
    for (const r of buckets) {
      for (const o of outcomesOf(t, r.node, ['Properties', 'BucketEncryption'])) {
        if (o.kind === 'node') {
          const rules = outcomesOf(t, o.node, ['ServerSideEncryptionConfiguration']);
          if (rules.some((x) => x.kind === 'node' && x.node.kind === 'seq' && x.node.items.length === 0)) {
            rep.report({
              node: o.node,
              resource: r,
              message:
                'BucketEncryption has no rule: ServerSideEncryptionConfiguration is empty. Name an SSEAlgorithm, or remove the block.',
            });
          }
          continue;
        }
        if (o.kind !== 'missing' || !o.map || !kmsBucket || kmsBucket === r) continue;
        const at: Target = { map: o.map, path: o.path };
        const key = newKmsKey(t, r, { purpose: `the objects in bucket ${r.id}` });
        const rule = (byDefault: JsonValue, bucketKey: boolean): JsonValue => ({
          ServerSideEncryptionConfiguration: [
            bucketKey ? { ServerSideEncryptionByDefault: byDefault, BucketKeyEnabled: true } : { ServerSideEncryptionByDefault: byDefault },
          ],
        });
        rep.report({
          node: r.keyNode,
          resource: r,
          related: [{ node: kmsBucket.keyNode, message: 'This bucket in the same template uses SSE-KMS.' }],
          message: `The bucket declares no default encryption, so objects get SSE-S3 with AWS owned keys, while ${kmsBucket.id} in this template uses SSE-KMS. Declare BucketEncryption with SSE-KMS.`,
          fix: [
            {
              title: `Encrypt with SSE-KMS and a new customer managed key (adds ${key.id})`,
              ops: [setAt(at, rule({ SSEAlgorithm: 'aws:kms', KMSMasterKeyID: keyArn(key.id) }, true)), key.op],
            },
            // What S3 already does for every bucket since 2023, written down: safe. The new key is a suggestion.
            {
              title: 'Declare SSE-S3 (AES256) default encryption',
              ops: [setAt(at, rule({ SSEAlgorithm: 'AES256' }, false))],
              safety: 'safe',
            },
          ],
        });
      }
    }
  },
  source(ctx) {
    runL2Checks(ctx, s3BucketEncryptionConfiguredCdk);
  },
};

/** The bucket's encryption rules list, when written. */
function resolveList(t: Template, b: Resource): Node | undefined {
  const o = outcomesOf(t, b.node, ['Properties', 'BucketEncryption', 'ServerSideEncryptionConfiguration']).find((x) => x.kind === 'node');
  return o?.kind === 'node' ? o.node : undefined;
}
