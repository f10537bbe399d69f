import { Rule } from '../../core/rule';
import { resolvePath } from '../../core/values';
import { propertiesUnreadable } from '../lib/paths';
import { runL2Checks } from '../../core/cdk/check';
import { s3BucketNoPublicAclCdk } from './s3-bucket-no-public-acl.cdk';

/** Canned ACLs that grant every user, or every AWS account, access. */
const PUBLIC_ACLS: Record<string, string> = {
  publicread: 'lets anyone on the internet list and read the bucket',
  publicreadwrite: 'lets anyone on the internet read, write and delete objects',
  authenticatedread: 'lets every AWS account in the world read the bucket',
};

/** Compliant: a bucket's `AccessControl` is absent or a private canned ACL (`Private`, `LogDeliveryWrite`, `BucketOwnerFullControl`…). */
export const s3BucketNoPublicAcl: Rule = {
  meta: {
    id: 's3-bucket-no-public-acl',
    title: 'S3 buckets have no public ACL',
    compliant: '`AccessControl` is not `PublicRead`, `PublicReadWrite` or `AuthenticatedRead`.',
    description:
      'A public canned ACL opens the bucket to everyone (`PublicRead`, `PublicReadWrite`) or to every AWS customer (`AuthenticatedRead`). ' +
      'Public write also lets strangers fill the bucket at your cost or plant content your site serves. Serve public content through CloudFront with origin access control instead.',
    category: 'public-access',
    severity: 'error',
    profile: 'recommended',
    resourceTypes: ['AWS::S3::Bucket'],
    syntaxes: ['cfn-yaml', 'cfn-json', 'cdk-ts', 'cdk-py'],
    references: [
      {
        title: 'Access control list (ACL) overview: canned ACLs',
        url: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/acl-overview.html#canned-acl',
      },
      {
        title: 'Controlling ownership of objects and disabling ACLs',
        url: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/about-object-ownership.html',
      },
    ],
    controls: ['S3.2', 'S3.3', 'S3.12'],
    equivalents: {
      guard: [
        'S3_BUCKET_NO_PUBLIC_RW_ACL',
        'S3_BUCKET_PUBLIC_READ_ACL',
        'S3_BUCKET_PUBLIC_READ_PROHIBITED',
        'S3_BUCKET_PUBLIC_WRITE_PROHIBITED',
      ],
      cfnNag: ['W31', 'F14'],
      checkov: ['CKV_AWS_20', 'CKV_AWS_57'],
      cdkNag: ['S3BucketPublicReadProhibited', 'S3BucketPublicWriteProhibited'],
    },
    fix: 'Removes the public `AccessControl` (the bucket is then private).',
    fixSafety: 'suggestion',
  },
  template(t, ctx) {
    for (const r of t.byType.get('AWS::S3::Bucket') ?? []) {
      if (propertiesUnreadable(r)) continue;
      for (const o of resolvePath(t, r.node, ['Properties', 'AccessControl'])) {
        if (o.kind !== 'value') continue;
        const effect = PUBLIC_ACLS[String(o.value).toLowerCase()];
        if (!effect) continue;
        const at = o.via ?? o.node;
        const props = r.properties;
        ctx.report({
          node: at,
          resource: r,
          message: `Bucket ${r.id} has the canned ACL ${String(o.value)}, which ${effect}.`,
          related: o.via ? [{ node: o.node, message: 'The ACL comes from this parameter value.' }] : undefined,
          fix:
            !o.via && props && at.parent === props
              ? { title: 'Remove the public ACL', ops: [{ op: 'remove', map: props, key: 'AccessControl' }] }
              : { title: 'Make the ACL Private', ops: [{ op: 'replace', node: at, value: 'Private' }] },
        });
      }
    }
  },
  source(ctx) {
    runL2Checks(ctx, s3BucketNoPublicAclCdk);
  },
};
