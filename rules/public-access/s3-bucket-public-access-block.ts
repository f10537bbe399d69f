import { pairOf } from '../../core/nodes';
import { FixOp, Rule } from '../../core/rule';
import { asBool, resolvePath } from '../../core/values';
import { propertiesUnreadable } from '../lib/paths';
import { runL2Checks } from '../../core/cdk/check';
import { s3BucketPublicAccessBlockCdk } from './s3-bucket-public-access-block.cdk';

/** The four Block Public Access settings; any one left false reopens a path to public data. */
const BPA_FLAGS = ['BlockPublicAcls', 'BlockPublicPolicy', 'IgnorePublicAcls', 'RestrictPublicBuckets'] as const;

/**
 * Compliant: a bucket that declares `PublicAccessBlockConfiguration` sets all four flags to true.
 * A bucket that declares none gets all four from S3 (the default for new buckets since April 2023).
 */
export const s3BucketPublicAccessBlock: Rule = {
  meta: {
    id: 's3-bucket-public-access-block',
    title: 'S3 buckets block public access',
    compliant:
      '`PublicAccessBlockConfiguration` is absent (S3 then turns all four settings on) or sets BlockPublicAcls, BlockPublicPolicy, IgnorePublicAcls and RestrictPublicBuckets to true.',
    description:
      'Block Public Access is the guard that keeps an ACL or bucket policy mistake from publishing the bucket. ' +
      'Each of the four settings closes a different path (new public ACLs, existing public ACLs, public policies, cross-account access through a public policy); ' +
      'a configuration that names some of them leaves the others false, because omitted settings default to false.',
    category: 'public-access',
    severity: 'error',
    profile: 'recommended',
    resourceTypes: ['AWS::S3::Bucket'],
    syntaxes: ['cfn-yaml', 'cfn-json', 'cdk-ts', 'cdk-py'],
    references: [
      {
        title: 'Blocking public access to your Amazon S3 storage',
        url: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html',
      },
      {
        title: 'AWS::S3::Bucket PublicAccessBlockConfiguration',
        url: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-s3-bucket-publicaccessblockconfiguration.html',
      },
    ],
    controls: ['S3.8'],
    equivalents: {
      guard: ['S3_BUCKET_LEVEL_PUBLIC_ACCESS_PROHIBITED', 'S3_BUCKET_PUBLIC_READ_PROHIBITED', 'S3_BUCKET_PUBLIC_WRITE_PROHIBITED'],
      checkov: ['CKV_AWS_53', 'CKV_AWS_54', 'CKV_AWS_55', 'CKV_AWS_56'],
      cdkNag: ['S3BucketLevelPublicAccessProhibited', 'S2'],
    },
    fix: 'Sets all four Block Public Access settings to true.',
    fixSafety: 'suggestion',
  },
  template(t, ctx) {
    for (const r of t.byType.get('AWS::S3::Bucket') ?? []) {
      if (propertiesUnreadable(r)) continue;
      const pab = pairOf(r.properties, 'PublicAccessBlockConfiguration');
      if (!pab?.value) continue;
      const off: string[] = [];
      const ops: FixOp[] = [];
      for (const flag of BPA_FLAGS) {
        for (const o of resolvePath(t, r.node, ['Properties', 'PublicAccessBlockConfiguration', flag])) {
          if (o.kind === 'missing' || (o.kind === 'value' && asBool(o.value) !== true)) {
            if (!off.includes(flag)) off.push(flag);
            if (o.kind === 'missing' && o.map) ops.push({ op: 'set', map: o.map, path: o.path, value: true });
            if (o.kind === 'value') ops.push({ op: 'replace', node: o.via ?? o.node, value: true });
          }
        }
      }
      if (!off.length) continue;
      ctx.report({
        node: pab.key,
        resource: r,
        message: `Bucket ${r.id} does not block public access: ${off.join(', ')} ${off.length === 1 ? 'is' : 'are'} not true (an omitted setting is false). Set all four to true.`,
        fix: ops.length ? { title: 'Block all public access (all four settings true)', ops } : undefined,
        data: { off: off.join(',') },
      });
    }
  },
  source(ctx) {
    runL2Checks(ctx, s3BucketPublicAccessBlockCdk);
  },
};
