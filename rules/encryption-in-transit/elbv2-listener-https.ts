import { get, isMap, isScalar, JsonValue, Node, pairOf } from '../../core/nodes';
import { Fix, Rule } from '../../core/rule';
import { Resource, Template } from '../../core/template';
import { runL2Checks } from '../../core/cdk/check';
import { elbv2ListenerHttpsCdk } from './elbv2-listener-https.cdk';
import { resolveNode, resolvePath } from '../../core/values';

/** What the fix writes as the listener's only default action. */
const REDIRECT: JsonValue = [{ Type: 'redirect', RedirectConfig: { Protocol: 'HTTPS', Port: '443', StatusCode: 'HTTP_301' } }];

/** Compliant: a listener on plain HTTP does nothing but redirect to HTTPS. */
export const elbv2ListenerHttps: Rule = {
  meta: {
    id: 'elbv2-listener-https',
    title: 'Load balancer listeners on HTTP redirect to HTTPS',
    compliant:
      'An ELBv2 listener with Protocol HTTP has default actions that redirect to HTTPS (Type redirect, RedirectConfig.Protocol HTTPS).',
    description:
      'A listener on plain HTTP that forwards to targets carries requests, cookies and credentials in the clear between clients and the load balancer, ' +
      'where anyone on the path can read or change them. An HTTP listener should exist only to redirect clients to the HTTPS listener.',
    category: 'encryption-in-transit',
    severity: 'error',
    profile: 'recommended',
    resourceTypes: ['AWS::ElasticLoadBalancingV2::Listener'],
    syntaxes: ['cfn-yaml', 'cfn-json', 'cdk-ts', 'cdk-py'],
    references: [
      {
        title: 'Application Load Balancer listener rules: redirect actions',
        url: 'https://docs.aws.amazon.com/elasticloadbalancing/latest/application/rule-action-types.html#redirect-actions',
      },
      {
        title: 'AWS::ElasticLoadBalancingV2::Listener',
        url: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-elasticloadbalancingv2-listener.html',
      },
      {
        title: 'Security Hub control ELB.1: HTTP to HTTPS redirection',
        url: 'https://docs.aws.amazon.com/securityhub/latest/userguide/elb-controls.html#elb-1',
      },
    ],
    controls: ['ELB.1'],
    equivalents: {
      guard: ['ELBV2_LISTENER_PROTOCOL_RULE'],
      cfnNag: ['W56'],
      checkov: ['CKV_AWS_2'],
      cdkNag: ['ALBHttpToHttpsRedirection'],
    },
    fix: 'Replaces DefaultActions with a single redirect to HTTPS on port 443 (HTTP 301). The load balancer needs an HTTPS listener on 443 for clients to land on.',
    fixSafety: 'suggestion',
  },
  template(t, ctx) {
    for (const r of t.byType.get('AWS::ElasticLoadBalancingV2::Listener') ?? []) {
      const http = resolvePath(t, r.node, ['Properties', 'Protocol']).filter(
        (o) => o.kind === 'value' && String(o.value).toUpperCase() === 'HTTP',
      );
      if (!http.length) continue;
      const actions = get(r.properties, 'DefaultActions');
      if (actions && redirectsToHttps(t, actions) !== 'no') continue;
      const first = http[0];
      if (first.kind !== 'value') continue;
      const node = first.via ?? first.node;
      ctx.report({
        node,
        resource: r,
        message: `Listener ${r.id} serves plain HTTP without redirecting to HTTPS, so traffic between clients and the load balancer is unencrypted. Redirect to HTTPS, or serve HTTPS with a certificate.`,
        related: first.via ? [{ node: first.node, message: 'The protocol comes from this parameter.' }] : undefined,
        fix: fixFor(r, actions),
      });
    }
  },
  source(ctx) {
    runL2Checks(ctx, elbv2ListenerHttpsCdk);
  },
};

function fixFor(r: Resource, actions: Node | undefined): Fix | undefined {
  const title = 'Redirect HTTP to HTTPS on port 443 (replaces the default actions)';
  if (actions) return { title, ops: [{ op: 'replace', node: actions, value: REDIRECT }] };
  const props = r.properties;
  if (props && !pairOf(props, 'DefaultActions'))
    return { title, ops: [{ op: 'set', map: props, path: ['DefaultActions'], value: REDIRECT }] };
  return undefined;
}

/**
 * 'yes' when every default action redirects to HTTPS; 'unknown' when a condition, parameter or import
 * decides; 'no' otherwise (a forward, a fixed response, or a redirect that keeps `#{protocol}`).
 */
function redirectsToHttps(t: Template, actions: Node): 'yes' | 'no' | 'unknown' {
  if (actions.kind !== 'seq') return actions.kind === 'intrinsic' ? 'unknown' : 'no';
  if (!actions.items.length) return 'no';
  let verdict: 'yes' | 'unknown' = 'yes';
  for (const a of actions.items) {
    if (!isMap(a)) return a.kind === 'intrinsic' ? 'unknown' : 'no';
    const type = known(t, get(a, 'Type'));
    if (type === undefined) {
      verdict = 'unknown';
      continue;
    }
    if (type.toLowerCase() !== 'redirect') return 'no';
    const protocol = known(t, get(get(a, 'RedirectConfig'), 'Protocol'));
    if (protocol === undefined) {
      // No RedirectConfig or no Protocol in it means `#{protocol}`: HTTP stays HTTP.
      if (get(get(a, 'RedirectConfig'), 'Protocol')) verdict = 'unknown';
      else return 'no';
      continue;
    }
    if (protocol.toUpperCase() !== 'HTTPS') return 'no';
  }
  return verdict;
}

/** The one string a value can be, or undefined when the template does not decide it. */
function known(t: Template, n: Node | undefined): string | undefined {
  if (!n) return undefined;
  const outs = resolveNode(t, n);
  const values = new Set(outs.map((o) => (o.kind === 'value' && isScalar(o.node) ? String(o.value) : undefined)));
  if (values.size !== 1) return undefined;
  return [...values][0];
}
