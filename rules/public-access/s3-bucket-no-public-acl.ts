import { Rule } from '../../core/rule';
import { isSeq } from '../../core/nodes';
import { Resource, Template } from '../../core/template';
import { asBool, resolvePath } from '../../core/values';
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
        const refused = aclRefusedBy(t, r);
        ctx.report({
          node: at,
          resource: r,
          message: refused
            ? `Bucket ${r.id} asks for the canned ACL ${String(o.value)}, but ${refused}, so S3 rejects the ACL and the stack fails to create the bucket. Remove AccessControl and serve public content through CloudFront with origin access control.`
            : `Bucket ${r.id} has the canned ACL ${String(o.value)}, which ${effect}. Remove AccessControl and serve public content through CloudFront with origin access control.`,
          severity: refused ? 'warning' : undefined,
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

/**
 * Why S3 refuses a public canned ACL on this new bucket, or undefined when it may apply (or cannot be told).
 * Since April 2023 a new bucket has ACLs disabled (ObjectOwnership BucketOwnerEnforced) and Block Public Access
 * on: a public ACL needs OwnershipControls with ObjectWriter or BucketOwnerPreferred and BlockPublicAcls false.
 */
function aclRefusedBy(t: Template, r: Resource): string | undefined {
  const owners = resolvePath(t, r.node, ['Properties', 'OwnershipControls', 'Rules']);
  const ownership = owners.flatMap((o) =>
    o.kind === 'node' && isSeq(o.node) ? o.node.items.flatMap((rule) => resolvePath(t, rule, ['ObjectOwnership'])) : [o],
  );
  if (ownership.some((o) => o.kind === 'unknown' || o.kind === 'node')) return undefined;
  const enabled = ownership.some((o) => o.kind === 'value' && /^(ObjectWriter|BucketOwnerPreferred)$/i.test(String(o.value)));
  if (!enabled)
    return 'its ACLs are disabled (no OwnershipControls with ObjectWriter or BucketOwnerPreferred: the default for new buckets)';
  const block = resolvePath(t, r.node, ['Properties', 'PublicAccessBlockConfiguration', 'BlockPublicAcls']);
  if (block.some((o) => o.kind === 'unknown' || o.kind === 'node')) return undefined;
  if (block.some((o) => o.kind === 'value' && asBool(o.value) === false)) return undefined;
  return 'Block Public Access refuses public ACLs (BlockPublicAcls is not false: the default for new buckets)';
}
