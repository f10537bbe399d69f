import { get, isIntrinsic, Node, stringValue, walk } from '../../core/nodes';
import { Rule } from '../../core/rule';
import { Template } from '../../core/template';
import { referencedId } from '../../core/values';
import { nodesAt, propertiesUnreadable } from '../lib/paths';
import { runL2Checks } from '../../core/cdk/check';
import { s3BucketAccessLoggingCdk } from './s3-bucket-access-logging.cdk';

/** Buckets that receive logs: they need no access log of their own (logging them to themselves would loop). */
function logDestinationBuckets(t: Template): Set<string> {
  const out = new Set<string>();
  const add = (n: Node | undefined): void => {
    if (!n) return;
    const id = referencedId(n);
    if (id) out.add(id);
    const s = stringValue(n);
    if (s) for (const b of t.byType.get('AWS::S3::Bucket') ?? []) if (stringValue(get(b.properties, 'BucketName')) === s) out.add(b.id);
  };
  for (const r of t.byType.get('AWS::CloudTrail::Trail') ?? []) add(get(r.properties, 'S3BucketName'));
  for (const r of t.byType.get('AWS::S3::Bucket') ?? []) {
    if (propertiesUnreadable(r)) continue;
    add(get(get(r.properties, 'LoggingConfiguration'), 'DestinationBucketName'));
    if (/^LogDeliveryWrite$/i.test(stringValue(get(r.properties, 'AccessControl')) ?? '')) out.add(r.id);
  }
  for (const r of t.byType.get('AWS::CloudFront::Distribution') ?? [])
    add(get(get(get(r.properties, 'DistributionConfig'), 'Logging'), 'Bucket'));
  for (const r of t.byType.get('AWS::ElasticLoadBalancing::LoadBalancer') ?? [])
    add(get(get(r.properties, 'AccessLoggingPolicy'), 'S3BucketName'));
  for (const r of t.byType.get('AWS::ElasticLoadBalancingV2::LoadBalancer') ?? []) {
    if (propertiesUnreadable(r)) continue;
    for (const a of nodesAt(r.properties, ['LoadBalancerAttributes', '*']))
      if (stringValue(get(a, 'Key')) === 'access_logs.s3.bucket') add(get(a, 'Value'));
  }
  for (const r of [...(t.byType.get('AWS::EC2::FlowLog') ?? []), ...(t.byType.get('AWS::Config::DeliveryChannel') ?? [])]) {
    if (propertiesUnreadable(r)) continue;
    walk(r.node, (n) => {
      if (isIntrinsic(n)) {
        const id = referencedId(n);
        if (id) out.add(id);
      }
    });
  }
  // A bucket whose policy lets a log delivery service write is a log bucket.
  for (const p of t.byType.get('AWS::S3::BucketPolicy') ?? []) {
    let delivers = false;
    walk(p.node, (n) => {
      if (/^(logging\.s3|delivery\.logs|cloudtrail|logdelivery\.elasticloadbalancing|config)\.amazonaws\.com$/.test(stringValue(n) ?? ''))
        delivers = true;
    });
    if (!delivers)
      walk(p.node, (n) => {
        if (/^arn:aws[\w-]*:iam::\d{12}:root$/.test(stringValue(n) ?? '')) delivers = true;
      }); // ELB account principals
    if (delivers) add(get(p.properties, 'Bucket'));
  }
  return out;
}

/** Compliant: every S3 bucket that is not itself a log destination has server access logging (`LoggingConfiguration`). */
export const s3BucketAccessLogging: Rule = {
  meta: {
    id: 's3-bucket-access-logging',
    title: 'S3 buckets have server access logging',
    compliant: 'Buckets set `LoggingConfiguration` (buckets that receive logs are exempt).',
    description:
      'Server access logs record every request to a bucket, including anonymous and denied ones, which CloudTrail data events do not cover by default. ' +
      'Without them, a leak from a bucket cannot be scoped after the fact.',
    category: 'logging-monitoring',
    severity: 'info',
    profile: 'recommended',
    resourceTypes: ['AWS::S3::Bucket'],
    syntaxes: ['cfn-yaml', 'cfn-json', 'cdk-ts', 'cdk-py'],
    references: [
      {
        title: 'Logging requests with server access logging',
        url: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/ServerLogs.html',
      },
    ],
    controls: ['S3.9'],
    equivalents: { guard: ['S3_BUCKET_LOGGING_ENABLED'], checkov: ['CKV_AWS_18'], cdkNag: ['S3BucketLoggingEnabled', 'S1'] },
  },
  template(t, ctx) {
    const exempt = logDestinationBuckets(t);
    for (const r of t.byType.get('AWS::S3::Bucket') ?? []) {
      if (propertiesUnreadable(r)) continue;
      if (exempt.has(r.id) || get(r.properties, 'LoggingConfiguration')) continue;
      ctx.report({
        node: r.keyNode,
        resource: r,
        message: `Bucket ${r.id} has no server access logging. Set LoggingConfiguration with a log bucket.`,
      });
    }
  },
  source(ctx) {
    runL2Checks(ctx, s3BucketAccessLoggingCdk);
  },
};
