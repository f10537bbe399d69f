import { get, Node, stringValue } from '../../core/nodes';
import { Rule } from '../../core/rule';
import { Resource, Template } from '../../core/template';
import { asBool, resolveNode, resolvePath } from '../../core/values';
import { nodesAt, propertiesUnreadable } from '../lib/paths';
import { runL2Checks } from '../../core/cdk/check';
import { elbAccessLoggingCdk } from './elb-access-logging.cdk';

/** The Value of the attribute `key`; an `Fn::If` list item is read through the branch its condition picks. */
function attr(t: Template, r: Resource, key: string): Node | undefined {
  for (const item of nodesAt(r.properties, ['LoadBalancerAttributes', '*'])) {
    for (const o of resolveNode(t, item)) {
      if (o.kind === 'node' && stringValue(get(o.node, 'Key')) === key) return get(o.node, 'Value');
    }
  }
  return undefined;
}

/** Compliant: application and classic load balancers write access logs to S3. */
export const elbAccessLogging: Rule = {
  meta: {
    id: 'elb-access-logging',
    title: 'Load balancers write access logs',
    compliant: 'ALBs set the attribute `access_logs.s3.enabled: true`; classic load balancers set `AccessLoggingPolicy.Enabled: true`.',
    description:
      'Access logs are the record of every request that reached the load balancer, with client address, path and response; without them an attack or a data scrape through the front door cannot be traced. ' +
      'They cost only the S3 storage.',
    category: 'logging-monitoring',
    severity: 'warning',
    profile: 'recommended',
    resourceTypes: ['AWS::ElasticLoadBalancingV2::LoadBalancer', 'AWS::ElasticLoadBalancing::LoadBalancer'],
    syntaxes: ['cfn-yaml', 'cfn-json', 'cdk-ts', 'cdk-py'],
    references: [
      {
        title: 'Access logs for your Application Load Balancer',
        url: 'https://docs.aws.amazon.com/elasticloadbalancing/latest/application/enable-access-logging.html',
      },
    ],
    controls: ['ELB.5'],
    equivalents: {
      guard: ['ELB_LOGGING_ENABLED', 'ELBV2_ACCESS_LOGGING_RULE'],
      checkov: ['CKV_AWS_91', 'CKV_AWS_92'],
      cdkNag: ['ELBLoggingEnabled', 'ELB2'],
    },
  },
  template(t, ctx) {
    for (const r of t.byType.get('AWS::ElasticLoadBalancingV2::LoadBalancer') ?? []) {
      if (propertiesUnreadable(r)) continue;
      const type = stringValue(get(r.properties, 'Type'))?.toLowerCase() ?? 'application';
      if (type !== 'application') continue; // NLB/GWLB logs cover TLS listeners only; not a like-for-like check
      const v = attr(t, r, 'access_logs.s3.enabled');
      if (v && resolveNode(t, v).some((o) => o.kind !== 'value' || asBool(o.value) === true)) continue;
      ctx.report({
        node: v ?? r.keyNode,
        resource: r,
        message: `Load balancer ${r.id} writes no access logs (attribute access_logs.s3.enabled is not true). Set access_logs.s3.enabled to true with a log bucket.`,
      });
    }
    for (const r of t.byType.get('AWS::ElasticLoadBalancing::LoadBalancer') ?? []) {
      if (propertiesUnreadable(r)) continue;
      const outs = resolvePath(t, r.node, ['Properties', 'AccessLoggingPolicy', 'Enabled']);
      if (outs.some((o) => o.kind === 'unknown' || (o.kind === 'value' && asBool(o.value) === true))) continue;
      ctx.report({
        node: r.keyNode,
        resource: r,
        message: `Classic load balancer ${r.id} writes no access logs (AccessLoggingPolicy is not enabled). Set AccessLoggingPolicy.Enabled to true with a log bucket.`,
      });
    }
  },
  source(ctx) {
    runL2Checks(ctx, elbAccessLoggingCdk);
  },
};
