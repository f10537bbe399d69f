import { asList, get, isMap, isScalar, isSeq, JsonValue, MapNode, Node, stringValue } from '../../core/nodes';
import { Fix, Rule, RuleContext } from '../../core/rule';
import { Resource, Template } from '../../core/template';
import { denyInsecureTransportFix, judgeTlsPolicy, TlsVerdict } from '../lib/secure-transport';
import { runL2Checks } from '../../core/cdk/check';
import { s3BucketEnforceTlsCdk } from './s3-bucket-enforce-tls.cdk';
import { referencedIds } from '../../core/values';

interface BucketPolicy {
  res: Resource;
  verdict: TlsVerdict;
  /** The PolicyDocument mapping, when it is written out in the template. */
  document?: MapNode;
}

/** Compliant: a bucket policy in the template denies every request to the bucket made without TLS. */
export const s3BucketEnforceTls: Rule = {
  meta: {
    id: 's3-bucket-enforce-tls',
    title: 'S3 buckets refuse requests without TLS',
    compliant:
      "An AWS::S3::BucketPolicy for the bucket has a statement Deny, Principal '*', Action 's3:*', Condition Bool aws:SecureTransport = false.",
    description:
      'S3 answers plain HTTP as readily as HTTPS, so a client, SDK setting or proxy that falls back to HTTP sends data and request signatures in the clear. ' +
      'Only a bucket policy that denies requests where aws:SecureTransport is false makes the bucket refuse them.',
    category: 'encryption-in-transit',
    severity: 'warning',
    profile: 'recommended',
    resourceTypes: ['AWS::S3::Bucket', 'AWS::S3::BucketPolicy'],
    syntaxes: ['cfn-yaml', 'cfn-json', 'cdk-ts', 'cdk-py'],
    references: [
      {
        title: 'Amazon S3 security best practices: enforce encryption of data in transit',
        url: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/security-best-practices.html',
      },
      {
        title: 'What S3 bucket policy should I use to comply with the AWS Config rule s3-bucket-ssl-requests-only?',
        url: 'https://repost.aws/knowledge-center/s3-bucket-policy-for-config-rule',
      },
      {
        title: 'AWS::S3::BucketPolicy',
        url: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-s3-bucketpolicy.html',
      },
    ],
    controls: ['S3.5'],
    equivalents: { guard: ['S3_BUCKET_SSL_REQUESTS_ONLY'], cdkNag: ['S3BucketSSLRequestsOnly', 'S10'] },
    fix: "Appends the Deny-without-TLS statement to the bucket's policy, or adds an AWS::S3::BucketPolicy resource (<BucketId>TlsPolicy) holding it.",
    fixSafety: 'safe',
  },
  template(t, ctx) {
    const buckets = t.byType.get('AWS::S3::Bucket') ?? [];
    if (!buckets.length) return;
    const index = indexPolicies(t);
    for (const b of buckets) {
      const mine = policiesOf(index, b);
      if (mine.some((p) => p.verdict !== 'no')) continue;
      const names = mine.map((p) => p.res.id).join(', ');
      ctx.report({
        node: b.keyNode,
        resource: b,
        message: mine.length
          ? `Bucket ${b.id} accepts requests without TLS: its bucket policy (${names}) has no Deny on aws:SecureTransport = false. Add that Deny statement.`
          : `Bucket ${b.id} accepts requests without TLS: no bucket policy in this template denies aws:SecureTransport = false. Add a bucket policy with that Deny.`,
        related: mine.map((p) => ({ node: p.res.keyNode, message: 'This bucket policy does not deny requests made without TLS.' })),
        fix: fixFor(t, ctx, b, mine),
      });
    }
  },
  source(ctx) {
    runL2Checks(ctx, s3BucketEnforceTlsCdk);
  },
};

/** The statement the fix writes: deny every S3 action on the bucket and its objects when TLS is not used. */
function denyStatement(ctx: RuleContext, bucketId: string, sid: string): JsonValue {
  const arn: JsonValue = ctx.doc.usesShortTags ? { 'Fn::GetAtt': `${bucketId}.Arn` } : { 'Fn::GetAtt': [bucketId, 'Arn'] };
  return {
    Sid: sid,
    Effect: 'Deny',
    Principal: '*',
    Action: 's3:*',
    Resource: [arn, { 'Fn::Sub': `\${${bucketId}.Arn}/*` }],
    Condition: { Bool: { 'aws:SecureTransport': 'false' } },
  };
}

function fixFor(t: Template, ctx: RuleContext, b: Resource, mine: BucketPolicy[]): Fix | undefined {
  return denyInsecureTransportFix(t, b, mine, {
    deny: (sid) => denyStatement(ctx, b.id, sid),
    policyType: 'AWS::S3::BucketPolicy',
    targets: { Bucket: { Ref: b.id } },
    newTitle: (id) => `Add bucket policy ${id} that denies requests without TLS`,
    newSafety: 'safe',
  });
}

/** The template's bucket policies, indexed by the bucket name they are attached to, so each bucket is one lookup. */
interface PolicyIndex {
  /** By the `Fn::Sub`-style name key of their `Bucket` property. */
  byName: Map<string, BucketPolicy[]>;
  /** Policies whose `Bucket` cannot be read, by the logical ids their statements' `Resource` names. */
  byResourceRef: Map<string, BucketPolicy[]>;
}

function indexPolicies(t: Template): PolicyIndex {
  const index: PolicyIndex = { byName: new Map(), byResourceRef: new Map() };
  const add = (m: Map<string, BucketPolicy[]>, k: string, p: BucketPolicy): void => {
    const list = m.get(k);
    if (!list) m.set(k, [p]);
    else if (!list.includes(p)) list.push(p);
  };
  for (const res of t.byType.get('AWS::S3::BucketPolicy') ?? []) {
    const p: BucketPolicy = { res, ...judgeTlsPolicy(res, ['s3:*']) };
    const target = get(res.properties, 'Bucket');
    const key = nameKey(target);
    if (key !== undefined) add(index.byName, key, p);
    else if (target && target.kind !== 'scalar') {
      // The target is not written in a way we can read: fall back on the buckets the statements name.
      for (const s of asList(get(get(res.properties, 'PolicyDocument'), 'Statement'))) {
        for (const id of referencedIds(get(s, 'Resource'))) add(index.byResourceRef, id, p);
      }
    }
  }
  return index;
}

/** The policies attached to a bucket, by `Ref`, `Fn::Sub`, `Fn::Join` or the literal BucketName. */
function policiesOf(index: PolicyIndex, bucket: Resource): BucketPolicy[] {
  const out = [...(index.byName.get(`\${${bucket.id}}`) ?? [])];
  const own = nameKey(get(bucket.properties, 'BucketName'));
  for (const p of own !== undefined ? (index.byName.get(own) ?? []) : []) if (!out.includes(p)) out.push(p);
  for (const p of index.byResourceRef.get(bucket.id) ?? []) if (!out.includes(p)) out.push(p);
  return out;
}

/**
 * A bucket name as a `Fn::Sub`-style string, so `!Ref B`, `!Sub '${B}'` and `!Join ['', [!Ref B]]` compare equal.
 * Undefined when the name is built in a way that cannot be compared (GetAtt, Select, imports).
 */
function nameKey(n: Node | undefined, depth = 0): string | undefined {
  if (!n || depth > 10) return undefined;
  if (isScalar(n)) return typeof n.value === 'string' ? n.value : undefined;
  if (n.kind !== 'intrinsic') return undefined;
  if (n.name === 'Ref') {
    const id = stringValue(n.arg);
    return id ? `\${${id}}` : undefined;
  }
  if (n.name === 'Fn::Sub') {
    if (isScalar(n.arg)) return stringValue(n.arg);
    // `[string, {vars}]` with no variables is the same as the string form.
    if (isSeq(n.arg) && n.arg.items.length === 2 && isMap(n.arg.items[1]) && n.arg.items[1].pairs.length === 0)
      return stringValue(n.arg.items[0]);
    return undefined;
  }
  if (n.name === 'Fn::Join' && isSeq(n.arg) && n.arg.items.length === 2 && isSeq(n.arg.items[1])) {
    const delim = stringValue(n.arg.items[0]);
    if (delim === undefined) return undefined;
    const parts = n.arg.items[1].items.map((p) => nameKey(p, depth + 1));
    return parts.every((p): p is string => p !== undefined) ? parts.join(delim) : undefined;
  }
  return undefined;
}
