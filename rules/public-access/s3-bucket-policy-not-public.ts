import { get, isIntrinsic, isScalar, Node, stringValue } from '../../core/nodes';
import { publicGrant } from '../../core/policy/analysis';
import { policyModel } from '../../core/policy/model';
import { Rule } from '../../core/rule';
import { Resource, Template } from '../../core/template';
import { runL2Checks } from '../../core/cdk/check';
import { s3BucketPolicyNotPublicCdk } from './s3-bucket-policy-not-public.cdk';
import { referencedId } from '../../core/values';
import { narrowingFixes, reportAt } from '../lib/policy-rules';

/** The bucket a BucketPolicy's `Bucket` names, by `!Ref`, `Fn::Sub`/`GetAtt` or a literal BucketName. */
function bucketOfPolicy(t: Template, policy: Resource): Resource | undefined {
  const b = get(policy.properties, 'Bucket');
  if (!b) return undefined;
  const id = referencedId(b);
  if (id) {
    const r = t.resourceById.get(id);
    return r?.type === 'AWS::S3::Bucket' ? r : undefined;
  }
  const name = stringValue(b);
  if (!name) return undefined;
  return (t.byType.get('AWS::S3::Bucket') ?? []).find((r) => {
    const n: Node | undefined = get(r.properties, 'BucketName');
    return isScalar(n) ? n.value === name : isIntrinsic(n, 'Fn::Sub') && stringValue(n.arg) === name;
  });
}

/** Compliant: no S3 bucket policy allows `*` (or `{AWS: "*"}`) without a condition that ties the caller to an account, organisation or network. */
export const s3BucketPolicyNotPublic: Rule = {
  meta: {
    id: 's3-bucket-policy-not-public',
    title: 'S3 bucket policies do not make the bucket public',
    compliant:
      'Allow statements in `AWS::S3::BucketPolicy` name specific principals, or carry a condition such as aws:SourceVpce, aws:PrincipalOrgID or aws:SourceArn (aws:Referer does not count: any client can send it).',
    description:
      'An Allow to every principal turns the bucket into a public endpoint for those actions: anyone can read (Get/List), overwrite (Put), delete or restore objects. ' +
      'Conditions on aws:Referer or aws:UserAgent do not help, because the caller chooses those headers. Serve public files through CloudFront with origin access control, and share data with a condition on the organisation or VPC endpoint.',
    category: 'public-access',
    severity: 'error',
    profile: 'recommended',
    resourceTypes: ['AWS::S3::BucketPolicy'],
    syntaxes: ['cfn-yaml', 'cfn-json', 'cdk-ts', 'cdk-py'],
    references: [
      {
        title: 'The meaning of "public" (S3 Block Public Access)',
        url: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html#access-control-block-public-access-policy-status',
      },
      { title: 'Bucket policy examples', url: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/example-bucket-policies.html' },
    ],
    controls: ['S3.2', 'S3.3'],
    equivalents: {
      guard: ['S3_BUCKET_POLICY_NO_WILDCARD_PRINCIPAL', 'S3_BUCKET_PUBLIC_READ_PROHIBITED', 'S3_BUCKET_PUBLIC_WRITE_PROHIBITED'],
      cfnNag: ['F16'],
      cdkNag: ['S3BucketPublicReadProhibited', 'S3BucketPublicWriteProhibited'],
    },
    fix: 'Adds a condition to fill in: `StringEquals: { aws:PrincipalOrgID: o-xxxxxxxxxx }` or `StringEquals: { aws:SourceAccount: 111122223333 }`.',
    fixSafety: 'suggestion',
  },
  template(t, ctx) {
    for (const doc of policyModel(ctx.doc).documents) {
      const policy = doc.resource;
      if (!policy || policy.type !== 'AWS::S3::BucketPolicy') continue;
      const bucket = bucketOfPolicy(t, policy);
      for (const st of doc.statements) {
        const open = publicGrant(st);
        if (!open) continue;
        const actions = (st.action?.items ?? []).map((a) => a.value).filter((a): a is string => !!a);
        const what = actions.length ? actions.slice(0, 4).join(', ') + (actions.length > 4 ? ', …' : '') : 'its actions';
        reportAt(
          ctx,
          doc,
          open.node,
          `Anyone may ${what} on ${bucket ? `bucket ${bucket.id}` : 'this bucket'}: the statement allows every principal without a condition on the caller's account, organisation or network. Add such a condition, or serve public files through CloudFront with origin access control.`,
          {
            related: bucket ? [{ node: bucket.keyNode, message: `Bucket ${bucket.id}, made public by this policy.` }] : undefined,
            fix: narrowingFixes(st),
          },
        );
      }
    }
  },
  source(ctx) {
    runL2Checks(ctx, s3BucketPolicyNotPublicCdk);
  },
};
