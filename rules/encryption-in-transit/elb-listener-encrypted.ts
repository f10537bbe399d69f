import { get, isScalar } from '../../core/nodes';
import { Rule } from '../../core/rule';
import { outcomesOf } from '../lib/property-value';
import { listItems } from '../lib/read-nodes';
import { Reporter } from '../lib/reporter';

/** Compliant: every Classic Load Balancer listener accepts clients on HTTPS or SSL. */
export const elbListenerEncrypted: Rule = {
  meta: {
    id: 'elb-listener-encrypted',
    title: 'Classic Load Balancer listeners use HTTPS or SSL',
    compliant: 'Every `Listeners[].Protocol` of an `AWS::ElasticLoadBalancing::LoadBalancer` is `HTTPS` or `SSL`.',
    description:
      'An HTTP or TCP listener on a Classic Load Balancer carries client traffic, including credentials and cookies, unencrypted. ' +
      'Classic Load Balancers cannot redirect HTTP to HTTPS, so a plain listener means clients really use plain text.',
    category: 'encryption-in-transit',
    severity: 'warning',
    profile: 'recommended',
    resourceTypes: ['AWS::ElasticLoadBalancing::LoadBalancer'],
    syntaxes: ['cfn-yaml', 'cfn-json', 'cdk-ts', 'cdk-py'],
    references: [
      {
        title: 'Listeners for your Classic Load Balancer',
        url: 'https://docs.aws.amazon.com/elasticloadbalancing/latest/classic/elb-listener-config.html',
      },
      {
        title: 'AWS::ElasticLoadBalancing::LoadBalancer Listeners',
        url: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-ec2-elb-listener.html',
      },
    ],
    controls: ['ELB.3'],
    equivalents: { guard: ['ELB_TLS_HTTPS_LISTENERS_ONLY'], cdkNag: ['AwsSolutions-ELB5', 'ELBTlsHttpsListenersOnly'] },
  },
  template(t, ctx) {
    const rep = new Reporter(ctx);
    for (const r of t.byType.get('AWS::ElasticLoadBalancing::LoadBalancer') ?? []) {
      for (const l of listItems(t, r.node, ['Properties', 'Listeners'])) {
        for (const o of outcomesOf(t, l, ['Protocol'])) {
          if (o.kind !== 'value' || typeof o.value !== 'string') continue;
          const p = o.value.toUpperCase();
          if (p !== 'HTTP' && p !== 'TCP') continue;
          const portNode = get(l, 'LoadBalancerPort');
          // A port from a parameter or an intrinsic is not known here: name the listener by its protocol only.
          const listener = isScalar(portNode) && portNode.value !== null ? `listener on port ${String(portNode.value)}` : `${p} listener`;
          rep.report({
            node: o.via ?? o.node,
            resource: r,
            message: `The ${listener} of load balancer ${r.id} accepts clients over ${p}, unencrypted. Use HTTPS or SSL with a certificate.`,
            related: o.via ? [{ node: o.node, message: 'The value comes from this parameter.' }] : undefined,
          });
        }
      }
    }
  },
};
