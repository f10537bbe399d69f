import { get, isMap, Node } from '../../core/nodes';
import { Rule } from '../../core/rule';
import { referencedId } from '../../core/values';
import { propertiesUnreadable } from '../lib/paths';
import { runL2Checks } from '../../core/cdk/check';
import { cloudfrontAccessLoggingCdk } from './cloudfront-access-logging.cdk';

/** How many cache behaviours (the default and each path pattern) send real-time logs, of how many. */
function realtimeBehaviours(cfg: Node): { on: number; all: number } {
  const list = get(cfg, 'CacheBehaviors');
  const behaviours = [get(cfg, 'DefaultCacheBehavior'), ...(list?.kind === 'seq' ? list.items : [])];
  return { on: behaviours.filter((b) => isMap(b) && get(b, 'RealtimeLogConfigArn') !== undefined).length, all: behaviours.length };
}

/** Compliant: every CloudFront distribution has standard logging (`DistributionConfig.Logging`), a log delivery source, or real-time logs on every behaviour. */
export const cloudfrontAccessLogging: Rule = {
  meta: {
    id: 'cloudfront-access-logging',
    title: 'CloudFront distributions write access logs',
    compliant:
      "`DistributionConfig.Logging` is set, an `AWS::Logs::DeliverySource` delivers the distribution's access logs, or every cache behaviour has a `RealtimeLogConfigArn`.",
    description:
      'Without access logs there is no record of who fetched what through the distribution, so abuse, scraping or a leak through a misconfigured origin cannot be investigated.',
    category: 'logging-monitoring',
    severity: 'warning',
    profile: 'recommended',
    resourceTypes: ['AWS::CloudFront::Distribution'],
    syntaxes: ['cfn-yaml', 'cfn-json', 'cdk-ts', 'cdk-py'],
    references: [
      {
        title: 'Standard logging (access logs)',
        url: 'https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/AccessLogs.html',
      },
    ],
    controls: ['CloudFront.5'],
    equivalents: {
      guard: ['CLOUDFRONT_ACCESSLOGS_ENABLED'],
      checkov: ['CKV_AWS_86'],
      cdkNag: ['CloudFrontDistributionAccessLogging', 'CFR3'],
    },
    fix: 'CDK: sets `enableLogging: true` on a `Distribution` (`loggingConfig: {}` on a `CloudFrontWebDistribution`), which adds an S3 bucket for the logs.',
    fixSafety: 'suggestion',
  },
  template(t, ctx) {
    const delivered = new Set<string>();
    for (const s of t.byType.get('AWS::Logs::DeliverySource') ?? []) {
      const id = referencedId(get(s.properties, 'ResourceArn'));
      if (id) delivered.add(id);
    }
    for (const r of t.byType.get('AWS::CloudFront::Distribution') ?? []) {
      if (propertiesUnreadable(r)) continue;
      const cfg = get(r.properties, 'DistributionConfig');
      if (!isMap(cfg) || !get(cfg, 'DefaultCacheBehavior') || get(cfg, 'Logging') || delivered.has(r.id)) continue;
      // Real-time logs record each request of the behaviours that send them.
      const rt = realtimeBehaviours(cfg);
      if (rt.on === rt.all) continue;
      ctx.report({
        node: r.keyNode,
        resource: r,
        message: rt.on
          ? `Distribution ${r.id} sends real-time logs for ${rt.on} of its ${rt.all} cache behaviours and has no standard logging (DistributionConfig.Logging is not set), so requests to the others leave no record. Set Logging with a log bucket, or a RealtimeLogConfigArn on every behaviour.`
          : `Distribution ${r.id} writes no access logs (DistributionConfig.Logging is not set). Set Logging with a log bucket.`,
      });
    }
  },
  source(ctx) {
    runL2Checks(ctx, cloudfrontAccessLoggingCdk);
  },
};
