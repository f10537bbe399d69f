import { isSeq, Node, Scalar, stringValue } from '../../core/nodes';
import { resourceName } from '../../core/parsed-document';
import { Rule } from '../../core/rule';
import { Resource, Template } from '../../core/template';
import { runL2Checks } from '../../core/cdk/check';
import { cloudfrontOriginHttpsCdk } from './cloudfront-origin-https.cdk';
import { checkProperty, outcomesOf } from '../lib/property-value';
import { dig, listItems } from '../lib/read-nodes';
import { Reporter } from '../lib/reporter';

const WEAK = new Set(['SSLv3', 'TLSv1', 'TLSv1.1']);

/** A cache behaviour: the origins it routes to and whether viewers may use HTTP on it. */
interface Behaviour {
  label: string;
  targets: Set<string>;
  allowsHttp: boolean;
}

/**
 * The distribution's cache behaviours. A behaviour routed to an origin group reaches each member origin. Viewers may use
 * HTTP only under `allow-all`: with `redirect-to-https` CloudFront answers HTTP with a 301, with `https-only` with a
 * 403, and fetches nothing from the origin for either.
 */
function behavioursOf(t: Template, r: Resource): Behaviour[] {
  const config = ['Properties', 'DistributionConfig'];
  const groups = new Map<string, string[]>();
  for (const g of listItems(t, r.node, [...config, 'OriginGroups', 'Items'])) {
    const gid = stringValue(dig(g, 'Id'));
    const members = listItems(t, g, ['Members', 'Items'])
      .map((m) => stringValue(dig(m, 'OriginId')))
      .filter((m): m is string => m !== undefined);
    if (gid) groups.set(gid, members);
  }
  const out: Behaviour[] = [];
  const add = (b: Node, label: string): void => {
    const target = stringValue(dig(b, 'TargetOriginId'));
    if (target === undefined) return;
    const allowsHttp = outcomesOf(t, b, ['ViewerProtocolPolicy']).some(
      (o) => o.kind === 'value' && typeof o.value === 'string' && o.value.toLowerCase() === 'allow-all',
    );
    out.push({ label, targets: new Set([target, ...(groups.get(target) ?? [])]), allowsHttp });
  };
  for (const o of outcomesOf(t, r.node, [...config, 'DefaultCacheBehavior']))
    if (o.kind === 'node') add(o.node, 'the default cache behaviour');
  for (const b of listItems(t, r.node, [...config, 'CacheBehaviors']))
    add(b, `the cache behaviour for ${stringValue(dig(b, 'PathPattern')) ?? 'a path'}`);
  return out;
}

/** Compliant: every custom origin of a distribution is reached with `https-only` and TLS 1.2. */
export const cloudfrontOriginHttps: Rule = {
  meta: {
    id: 'cloudfront-origin-https',
    title: 'CloudFront reaches custom origins over TLS 1.2',
    compliant:
      'Every `Origins[].CustomOriginConfig` has `OriginProtocolPolicy: https-only` (or `match-viewer` with every behaviour routed to it on `https-only` or `redirect-to-https`) and no `SSLv3`, `TLSv1` or `TLSv1.1` in `OriginSSLProtocols`.',
    description:
      'With `http-only`, or `match-viewer` under a behaviour that lets viewers use HTTP (`allow-all`), CloudFront fetches content from the origin in plain text across the internet; with SSLv3 or TLS 1.0/1.1 allowed, a downgrade exposes it. ' +
      'HTTPS to the viewer means little if the hop to the origin is clear text.',
    category: 'encryption-in-transit',
    severity: 'warning',
    profile: 'recommended',
    resourceTypes: ['AWS::CloudFront::Distribution'],
    syntaxes: ['cfn-yaml', 'cfn-json', 'cdk-ts', 'cdk-py'],
    references: [
      {
        title: 'Require HTTPS for communication between CloudFront and your custom origin',
        url: 'https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/using-https-cloudfront-to-custom-origin.html',
      },
      {
        title: 'AWS::CloudFront::Distribution CustomOriginConfig',
        url: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-cloudfront-distribution-customoriginconfig.html',
      },
    ],
    controls: ['CloudFront.9', 'CloudFront.10'],
    equivalents: { checkov: ['CKV2_AWS_72'], cdkNag: ['AwsSolutions-CFR5', 'CloudFrontDistributionNoOutdatedSSL'] },
    fix: 'Sets `OriginProtocolPolicy: https-only`; sets `OriginSSLProtocols: [TLSv1.2]`. S3 website endpoints only speak HTTP and get no fix.',
    fixSafety: 'mixed',
  },
  template(t, ctx) {
    const rep = new Reporter(ctx);
    for (const r of t.byType.get('AWS::CloudFront::Distribution') ?? []) {
      const name = resourceName(ctx.doc, r.id);
      const behaviours = behavioursOf(t, r);
      for (const origin of listItems(t, r.node, ['Properties', 'DistributionConfig', 'Origins'])) {
        for (const c of outcomesOf(t, origin, ['CustomOriginConfig'])) if (c.kind === 'node') check(r, name, origin, c.node, behaviours);
      }
    }
    function check(r: Resource, name: string, origin: Node, config: Node, behaviours: Behaviour[]): void {
      const domain = stringValue(dig(origin, 'DomainName')) ?? '';
      const id = stringValue(dig(origin, 'Id'));
      // An Id or DomainName from an intrinsic is not known here: say "an origin" rather than leave a blank.
      const label = id || domain;
      const what = label ? `Distribution ${name} origin ${label}` : `An origin of distribution ${name}`;
      const website = /\.s3-website[.-]/.test(domain);
      // match-viewer fetches with the viewer's protocol: HTTP only where a behaviour routing here lets viewers use HTTP.
      const httpVia = (v: Scalar): Behaviour | undefined =>
        String(v).toLowerCase() === 'match-viewer' && id !== undefined
          ? behaviours.find((b) => b.targets.has(id) && b.allowsHttp)
          : undefined;
      checkProperty(t, rep, r, {
        base: config,
        path: ['OriginProtocolPolicy'],
        judge: (v) =>
          typeof v !== 'string'
            ? 'unknown'
            : v === 'https-only'
              ? 'ok'
              : v.toLowerCase() === 'match-viewer'
                ? httpVia(v)
                  ? 'bad'
                  : 'ok'
                : 'bad',
        fixValue: website ? undefined : 'https-only',
        fixTitle: 'Set OriginProtocolPolicy: https-only',
        badSeverity: website ? 'info' : undefined,
        bad: (v) => {
          if (website)
            return `${what} is an S3 website endpoint, which only speaks HTTP (OriginProtocolPolicy: ${String(v)}). Use the bucket's REST endpoint with origin access control to encrypt this hop.`;
          const via = httpVia(v);
          return via
            ? `${what} uses OriginProtocolPolicy match-viewer, and ${via.label} lets viewers use HTTP (ViewerProtocolPolicy allow-all), so CloudFront fetches from the origin over plain HTTP. Use https-only.`
            : `${what} is reached over plain HTTP (OriginProtocolPolicy: ${String(v)}). Use https-only.`;
        },
      });
      for (const o of outcomesOf(t, config, ['OriginSSLProtocols'])) {
        if (o.kind !== 'node' || !isSeq(o.node)) continue;
        const weak = o.node.items.map(stringValue).filter((v): v is string => !!v && WEAK.has(v));
        if (!weak.length) continue;
        rep.report({
          node: o.node,
          resource: r,
          message: `${what} allows ${weak.join(', ')} in OriginSSLProtocols, older than TLS 1.2. Allow TLSv1.2 only.`,
          // Every origin that speaks TLS speaks 1.2; https-only (a suggestion) needs an origin that speaks TLS at all.
          fix: { title: 'Set OriginSSLProtocols: [TLSv1.2]', ops: [{ op: 'replace', node: o.node, value: ['TLSv1.2'] }], safety: 'safe' },
        });
      }
    }
  },
  source(ctx) {
    runL2Checks(ctx, cloudfrontOriginHttpsCdk);
  },
};
