import { get } from '../../core/nodes';
import { Rule } from '../../core/rule';
import { runL2Checks } from '../../core/cdk/check';
import { elbv2ListenerTls12Cdk } from './elbv2-listener-tls-1-2.cdk';
import { checkProperty, outcomesOf } from '../lib/property-value';
import { target } from '../lib/read-nodes';
import { Reporter } from '../lib/reporter';

/** Policies that allow only TLS 1.2 and up; anything else predefined (2016-08, TLS-1-0/1-1, FS-2018-06 …) allows older versions. */
const TLS12_POLICY = /(TLS13-1-[23]|TLS-1-2|FS-1-2|TLS13-1-2)/;
const SAFE_POLICY = 'ELBSecurityPolicy-TLS13-1-2-2021-06';

/** Compliant: every HTTPS or TLS listener of an ALB/NLB names a security policy that allows TLS 1.2 and later only. */
export const elbv2ListenerTls12: Rule = {
  meta: {
    id: 'elbv2-listener-tls-1-2',
    title: 'Load balancer listeners require TLS 1.2',
    compliant:
      'Every `AWS::ElasticLoadBalancingV2::Listener` with `Protocol: HTTPS` or `TLS` has an `SslPolicy` that allows TLS 1.2+ only, e.g. `ELBSecurityPolicy-TLS13-1-2-2021-06`.',
    description:
      'Without `SslPolicy`, an HTTPS or TLS listener uses `ELBSecurityPolicy-2016-08`, which still accepts TLS 1.0 and 1.1 and CBC ciphers; several older predefined policies do the same. ' +
      'Clients that can be pushed down to those versions are open to known downgrade and padding-oracle attacks.',
    category: 'encryption-in-transit',
    severity: 'warning',
    profile: 'recommended',
    resourceTypes: ['AWS::ElasticLoadBalancingV2::Listener'],
    syntaxes: ['cfn-yaml', 'cfn-json', 'cdk-ts', 'cdk-py'],
    references: [
      {
        title: 'Security policies for your Application Load Balancer',
        url: 'https://docs.aws.amazon.com/elasticloadbalancing/latest/application/describe-ssl-policies.html',
      },
      {
        title: 'AWS::ElasticLoadBalancingV2::Listener',
        url: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-elasticloadbalancingv2-listener.html',
      },
    ],
    controls: ['ELB.17'],
    equivalents: { guard: ['ELBV2_LISTENER_SSL_POLICY_RULE'], cfnNag: ['W55'], checkov: ['CKV_AWS_103'] },
    fix: `Sets \`SslPolicy: ${SAFE_POLICY}\` (TLS 1.3 and 1.2 with forward secrecy).`,
    fixSafety: 'safe',
  },
  template(t, ctx) {
    const rep = new Reporter(ctx);
    for (const r of t.byType.get('AWS::ElasticLoadBalancingV2::Listener') ?? []) {
      const protocols = outcomesOf(t, r.node, ['Properties', 'Protocol']);
      if (!protocols.some((o) => o.kind === 'value' && (o.value === 'HTTPS' || o.value === 'TLS'))) continue;
      const lb = target(t, get(r.properties, 'LoadBalancerArn'));
      checkProperty(t, rep, r, {
        path: ['SslPolicy'],
        judge: (v) => (typeof v !== 'string' ? 'unknown' : TLS12_POLICY.test(v) ? 'ok' : 'bad'),
        fixValue: SAFE_POLICY,
        fixTitle: `Set SslPolicy: ${SAFE_POLICY}`,
        missing: {
          message:
            'The listener has no SslPolicy, so it uses ELBSecurityPolicy-2016-08, which accepts TLS 1.0 and 1.1. Name a TLS 1.2 policy.',
        },
        bad: (v) => `SslPolicy ${String(v)} accepts protocols older than TLS 1.2. Use ${SAFE_POLICY}.`,
        related: lb ? [{ node: lb.keyNode, message: `Listener of load balancer ${lb.id}.` }] : undefined,
      });
    }
  },
  source(ctx) {
    runL2Checks(ctx, elbv2ListenerTls12Cdk);
  },
};
