import { get, isMap, Node, stringValue } from '../../core/nodes';
import { NARROWING_KEYS } from '../../core/policy/analysis';
import { Rule } from '../../core/rule';
import { Resource, Template } from '../../core/template';
import { asBool } from '../../core/values';
import { nodesAt, propertiesUnreadable } from '../lib/paths';
import { outcomesOf } from '../lib/property-value';

const NARROWING = new Set<string>(NARROWING_KEYS.map((k) => k.toLowerCase()));

/** The public principal node of an Allow statement without a narrowing condition, if any. */
function openPrincipal(st: Node): Node | undefined {
  if (!isMap(st) || stringValue(get(st, 'Effect')) !== 'Allow') return undefined;
  const p = get(st, 'Principal');
  const candidates = stringValue(p) === '*' ? [p!] : nodesAt(p, ['AWS']).flatMap((n) => (n.kind === 'seq' ? n.items : [n]));
  const open = candidates.find((n) => stringValue(n) === '*');
  if (!open) return undefined;
  const cond = get(st, 'Condition');
  if (cond && !isMap(cond)) return undefined;
  const narrowed =
    isMap(cond) &&
    cond.pairs.some(
      (op) =>
        !/IfExists$/i.test(String(op.key.value)) &&
        isMap(op.value) &&
        op.value.pairs.some((k) => NARROWING.has(String(k.key.value).toLowerCase())),
    );
  return narrowed ? undefined : open;
}

/**
 * Fine-grained access control authenticates every request (internal users or IAM mapped to its roles), so an open
 * access policy is AWS's recommended pairing with it, not a public domain; unless anonymous access is switched on.
 * A value the analysis cannot read counts as on: it says nothing rather than guess.
 */
function fineGrained(t: Template, r: Resource): 'guards' | 'anonymous' | 'off' {
  const at = (key: string) => outcomesOf(t, r.properties, ['AdvancedSecurityOptions', key]);
  const enabled = at('Enabled').every((o) => (o.kind === 'value' ? asBool(o.value) !== false : o.kind !== 'missing'));
  if (!enabled) return 'off';
  return at('AnonymousAuthEnabled').some((o) => o.kind === 'value' && asBool(o.value) === true) ? 'anonymous' : 'guards';
}

/**
 * Compliant: an OpenSearch/Elasticsearch domain runs in a VPC, has fine-grained access control without anonymous
 * access, or its access policy names principals or narrows `*` with a condition (aws:SourceIp…).
 */
export const opensearchDomainNotPublic: Rule = {
  meta: {
    id: 'opensearch-domain-not-public',
    title: 'OpenSearch domains are not open to the internet',
    compliant:
      'The domain has `VPCOptions`, or fine-grained access control (`AdvancedSecurityOptions.Enabled`) without anonymous access, or its `AccessPolicies` do not allow `*` without a condition such as aws:SourceIp.',
    description:
      'A domain outside a VPC has a public endpoint; an access policy that allows `*` then lets anyone read, write and delete indices without signing requests. ' +
      'Open OpenSearch and Elasticsearch clusters are a classic source of data leaks. Put the domain in a VPC, or name IAM principals in the policy (and use fine-grained access control).',
    category: 'public-access',
    severity: 'error',
    profile: 'recommended',
    resourceTypes: ['AWS::OpenSearchService::Domain', 'AWS::Elasticsearch::Domain'],
    syntaxes: ['cfn-yaml', 'cfn-json', 'cdk-ts', 'cdk-py'],
    references: [
      {
        title: 'Launching your OpenSearch Service domains within a VPC',
        url: 'https://docs.aws.amazon.com/opensearch-service/latest/developerguide/vpc.html',
      },
      {
        title: 'Identity and access management in OpenSearch Service',
        url: 'https://docs.aws.amazon.com/opensearch-service/latest/developerguide/ac.html',
      },
    ],
    controls: ['Opensearch.2', 'ES.2'],
    equivalents: {
      guard: ['OPENSEARCH_IN_VPC_ONLY', 'ELASTICSEARCH_IN_VPC_ONLY'],
      cdkNag: ['OpenSearchInVPCOnly', 'OS1', 'OpenSearchNoUnsignedOrAnonymousAccess', 'OS5'],
    },
  },
  template(t, ctx) {
    for (const r of [...(t.byType.get('AWS::OpenSearchService::Domain') ?? []), ...(t.byType.get('AWS::Elasticsearch::Domain') ?? [])]) {
      if (propertiesUnreadable(r)) continue;
      if (get(r.properties, 'VPCOptions')) continue;
      const fgac = fineGrained(t, r);
      if (fgac === 'guards') continue;
      for (const st of nodesAt(r.properties, ['AccessPolicies', 'Statement', '*'])) {
        const open = openPrincipal(st);
        if (!open) continue;
        ctx.report({
          node: open,
          resource: r,
          message:
            fgac === 'anonymous'
              ? `Domain ${r.id} has a public endpoint, an access policy that allows every principal, and fine-grained access control with AnonymousAuthEnabled on: anyone can send it requests without credentials. Turn anonymous access off or put the domain in a VPC.`
              : `Domain ${r.id} has a public endpoint and its access policy allows every principal without a condition: anyone can query and change its data. Put the domain in a VPC, turn on fine-grained access control, or name the principals in its access policy.`,
        });
      }
    }
  },
};
