import { get, isIntrinsic, isMap, Node, stringValue, walk } from '../../core/nodes';
import { Rule } from '../../core/rule';
import { Resource, Template } from '../../core/template';
import { asBool, referencedId, resolveNode, resolvePath } from '../../core/values';
import { nodesAt, propertiesUnreadable } from '../lib/paths';

const SYNTAXES: Rule['meta']['syntaxes'] = ['cfn-yaml', 'cfn-json', 'cdk-ts', 'cdk-py'];

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
    resourceTypes: ['AWS::S3::Bucket'],
    syntaxes: SYNTAXES,
    references: [
      {
        title: 'Logging requests with server access logging',
        url: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/ServerLogs.html',
      },
    ],
    controls: ['S3.9'],
    equivalents: { checkov: ['CKV_AWS_18'], cdkNag: ['S3BucketLoggingEnabled', 'S1'] },
  },
  template(t, ctx) {
    const exempt = logDestinationBuckets(t);
    for (const r of t.byType.get('AWS::S3::Bucket') ?? []) {
      if (propertiesUnreadable(r)) continue;
      if (exempt.has(r.id) || get(r.properties, 'LoggingConfiguration')) continue;
      ctx.report({ node: r.keyNode, resource: r, message: `Bucket ${r.id} has no server access logging (LoggingConfiguration).` });
    }
  },
};

function attr(r: Resource, key: string): Node | undefined {
  for (const a of nodesAt(r.properties, ['LoadBalancerAttributes', '*'])) if (stringValue(get(a, 'Key')) === key) return get(a, 'Value');
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
    resourceTypes: ['AWS::ElasticLoadBalancingV2::LoadBalancer', 'AWS::ElasticLoadBalancing::LoadBalancer'],
    syntaxes: SYNTAXES,
    references: [
      {
        title: 'Access logs for your Application Load Balancer',
        url: 'https://docs.aws.amazon.com/elasticloadbalancing/latest/application/enable-access-logging.html',
      },
    ],
    controls: ['ELB.5'],
    equivalents: { checkov: ['CKV_AWS_91', 'CKV_AWS_92'], cdkNag: ['ELBLoggingEnabled', 'ELB2'] },
  },
  template(t, ctx) {
    for (const r of t.byType.get('AWS::ElasticLoadBalancingV2::LoadBalancer') ?? []) {
      if (propertiesUnreadable(r)) continue;
      const type = stringValue(get(r.properties, 'Type'))?.toLowerCase() ?? 'application';
      if (type !== 'application') continue; // NLB/GWLB logs cover TLS listeners only; not a like-for-like check
      const v = attr(r, 'access_logs.s3.enabled');
      if (v && resolveNode(t, v).some((o) => o.kind !== 'value' || asBool(o.value) === true)) continue;
      ctx.report({
        node: v ?? r.keyNode,
        resource: r,
        message: `Load balancer ${r.id} writes no access logs (attribute access_logs.s3.enabled is not true).`,
      });
    }
    for (const r of t.byType.get('AWS::ElasticLoadBalancing::LoadBalancer') ?? []) {
      if (propertiesUnreadable(r)) continue;
      const outs = resolvePath(t, r.node, ['Properties', 'AccessLoggingPolicy', 'Enabled']);
      if (outs.some((o) => o.kind === 'unknown' || (o.kind === 'value' && asBool(o.value) === true))) continue;
      ctx.report({
        node: r.keyNode,
        resource: r,
        message: `Classic load balancer ${r.id} writes no access logs (AccessLoggingPolicy is not enabled).`,
      });
    }
  },
};

/** Compliant: every CloudFront distribution has standard logging (`DistributionConfig.Logging`) or a log delivery source. */
export const cloudfrontAccessLogging: Rule = {
  meta: {
    id: 'cloudfront-access-logging',
    title: 'CloudFront distributions write access logs',
    compliant: "`DistributionConfig.Logging` is set, or an `AWS::Logs::DeliverySource` delivers the distribution's access logs.",
    description:
      'Without access logs there is no record of who fetched what through the distribution, so abuse, scraping or a leak through a misconfigured origin cannot be investigated.',
    category: 'logging-monitoring',
    severity: 'warning',
    resourceTypes: ['AWS::CloudFront::Distribution'],
    syntaxes: SYNTAXES,
    references: [
      {
        title: 'Standard logging (access logs)',
        url: 'https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/AccessLogs.html',
      },
    ],
    controls: ['CloudFront.5'],
    equivalents: { checkov: ['CKV_AWS_86'], cdkNag: ['CloudFrontDistributionAccessLogging', 'CFR3'] },
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
      ctx.report({
        node: r.keyNode,
        resource: r,
        message: `Distribution ${r.id} writes no access logs (DistributionConfig.Logging is not set).`,
      });
    }
  },
};

/** Compliant: API Gateway stages (REST, HTTP/WebSocket, SAM) write access logs. */
export const apigatewayStageAccessLogging: Rule = {
  meta: {
    id: 'apigateway-stage-access-logging',
    title: 'API Gateway stages write access logs',
    compliant:
      'REST stages and SAM APIs set `AccessLogSetting.DestinationArn`; HTTP and WebSocket stages set `AccessLogSettings.DestinationArn`.',
    description:
      'Access logs record who called which route, from where and with what result. Without them, abuse of a public API or a leaked key cannot be traced.',
    category: 'logging-monitoring',
    severity: 'warning',
    resourceTypes: ['AWS::ApiGateway::Stage', 'AWS::ApiGatewayV2::Stage', 'AWS::Serverless::Api', 'AWS::Serverless::HttpApi'],
    syntaxes: SYNTAXES,
    references: [
      {
        title: 'Set up CloudWatch logging for REST APIs',
        url: 'https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-logging.html',
      },
    ],
    controls: ['APIGateway.1'],
    equivalents: { checkov: ['CKV_AWS_76', 'CKV_AWS_95'], cdkNag: ['APIGWAccessLogging', 'APIG1'] },
  },
  template(t, ctx) {
    const check = (types: string[], key: string): void => {
      for (const r of types.flatMap((x) => t.byType.get(x) ?? [])) {
        if (propertiesUnreadable(r)) continue;
        if (get(get(r.properties, key), 'DestinationArn') || (r.properties && get(r.properties, key) && !isMap(get(r.properties, key))))
          continue;
        ctx.report({ node: r.keyNode, resource: r, message: `${r.id} writes no access logs (${key}.DestinationArn is not set).` });
      }
    };
    check(['AWS::ApiGateway::Stage', 'AWS::Serverless::Api'], 'AccessLogSetting');
    check(['AWS::ApiGatewayV2::Stage', 'AWS::Serverless::HttpApi'], 'AccessLogSettings');
  },
};

/** Compliant: every VPC in the template has a flow log (`AWS::EC2::FlowLog` whose ResourceId refers to it). */
export const vpcFlowLogsEnabled: Rule = {
  meta: {
    id: 'vpc-flow-logs-enabled',
    title: 'VPCs have flow logs',
    compliant: 'An `AWS::EC2::FlowLog` with `ResourceType: VPC` refers to each VPC of the template.',
    description:
      'Flow logs are the network record of a VPC: which addresses talked to which, on what port, accepted or rejected. Without them, exfiltration or lateral movement leaves no trace, and GuardDuty findings cannot be followed up.',
    category: 'logging-monitoring',
    severity: 'warning',
    resourceTypes: ['AWS::EC2::VPC', 'AWS::EC2::FlowLog'],
    syntaxes: SYNTAXES,
    references: [
      { title: 'Logging IP traffic using VPC Flow Logs', url: 'https://docs.aws.amazon.com/vpc/latest/userguide/flow-logs.html' },
    ],
    controls: ['EC2.6'],
    equivalents: { checkov: ['CKV2_AWS_11'], cdkNag: ['VPCFlowLogsEnabled', 'VPC7'] },
  },
  template(t, ctx) {
    const logged = new Set<string>();
    let opaque = false;
    for (const f of t.byType.get('AWS::EC2::FlowLog') ?? []) {
      const ids = nodesAt(f.properties, ['ResourceId']);
      for (const n of ids) {
        const id = referencedId(n);
        if (id) logged.add(id);
        else opaque = true;
      }
    }
    if (opaque) return; // a flow log on a VPC id we cannot resolve may well be this VPC's
    for (const r of t.byType.get('AWS::EC2::VPC') ?? []) {
      if (propertiesUnreadable(r)) continue;
      if (logged.has(r.id)) continue;
      ctx.report({ node: r.keyNode, resource: r, message: `VPC ${r.id} has no flow log in this template.` });
    }
  },
};
