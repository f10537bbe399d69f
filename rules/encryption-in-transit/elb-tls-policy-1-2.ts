import { get, Node, stringValue } from '../../core/nodes';
import { Rule } from '../../core/rule';
import { asBool } from '../../core/values';
import { listItems } from '../lib/read-nodes';
import { Reporter } from '../lib/reporter';

const WEAK_PROTOCOLS = new Set(['Protocol-SSLv2', 'Protocol-SSLv3', 'Protocol-TLSv1', 'Protocol-TLSv1.1']);
/** Cipher names with null, export, anonymous, DES/3DES, RC2/RC4 or MD5 parts. */
const WEAK_CIPHER = /(NULL|EXP|ADH|AECDH|anon|DES|RC2|RC4|MD5)/i;
/** Predefined Classic LB policies that allow only TLS 1.2. */
const GOOD_REFERENCE = /TLS-1-2/;
const SAFE = 'ELBSecurityPolicy-TLS-1-2-2017-01';

/** Compliant: no SSL negotiation policy of a Classic Load Balancer enables SSLv2/v3, TLS 1.0/1.1 or weak ciphers. */
export const elbTlsPolicy12: Rule = {
  meta: {
    id: 'elb-tls-policy-1-2',
    title: 'Classic Load Balancer TLS policies allow TLS 1.2 only',
    compliant:
      'Every `SSLNegotiationPolicyType` policy references a TLS 1.2 policy (e.g. `ELBSecurityPolicy-TLS-1-2-2017-01`) and enables no SSLv2/v3, TLS 1.0/1.1 or weak cipher.',
    description:
      'A custom SSL negotiation policy that enables SSLv3, TLS 1.0/1.1 or null, export, RC4 or DES ciphers lets an attacker on the path downgrade the connection and read it. ' +
      'Older predefined reference policies enable TLS 1.0 as well.',
    category: 'encryption-in-transit',
    severity: 'warning',
    profile: 'recommended',
    resourceTypes: ['AWS::ElasticLoadBalancing::LoadBalancer'],
    syntaxes: ['cfn-yaml', 'cfn-json', 'cdk-ts', 'cdk-py'],
    references: [
      {
        title: 'Predefined SSL security policies for Classic Load Balancers',
        url: 'https://docs.aws.amazon.com/elasticloadbalancing/latest/classic/elb-security-policy-table.html',
      },
      {
        title: 'AWS::ElasticLoadBalancing::LoadBalancer Policies',
        url: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-ec2-elb-policy.html',
      },
    ],
    controls: ['ELB.8'],
    fix: `Sets a weak attribute's value to false; replaces an old reference policy with \`${SAFE}\`.`,
    equivalents: { guard: ['ELB_PREDEFINED_SECURITY_POLICY_SSL_CHECK'] },
    fixSafety: 'safe',
  },
  template(t, ctx) {
    const rep = new Reporter(ctx);
    for (const r of t.byType.get('AWS::ElasticLoadBalancing::LoadBalancer') ?? []) {
      for (const p of listItems(t, r.node, ['Properties', 'Policies'])) {
        if (stringValue(get(p, 'PolicyType')) !== 'SSLNegotiationPolicyType') continue;
        const policy = stringValue(get(p, 'PolicyName')) ?? 'the policy';
        for (const a of listItems(t, p, ['Attributes'])) {
          const name = stringValue(get(a, 'Name'));
          const value: Node | undefined = get(a, 'Value');
          // A value not written yet (or null) turns nothing on.
          if (!name || !value || value.kind !== 'scalar' || value.value === null) continue;
          if (name === 'Reference-Security-Policy') {
            const ref = String(value.value);
            if (!GOOD_REFERENCE.test(ref)) {
              rep.report({
                node: value,
                resource: r,
                message: `${policy} references ${ref}, which accepts protocols older than TLS 1.2. Reference ${SAFE}.`,
                fix: { title: `Reference ${SAFE}`, ops: [{ op: 'replace', node: value, value: SAFE }] },
              });
            }
            continue;
          }
          // An attribute turns its protocol or cipher on unless its value is false.
          if (asBool(value.value) === false) continue;
          const weakProtocol = WEAK_PROTOCOLS.has(name);
          if (!weakProtocol && !WEAK_CIPHER.test(name)) continue;
          rep.report({
            node: get(a, 'Name')!,
            resource: r,
            message: weakProtocol
              ? `${policy} enables ${name.replace('Protocol-', '')}, older than TLS 1.2. Turn it off.`
              : `${policy} enables the weak cipher ${name}. Turn it off.`,
            fix: { title: `Set ${name} to false`, ops: [{ op: 'replace', node: value, value: 'false' }] },
          });
        }
      }
    }
  },
};
