import { isSeq, Node, stringValue } from '../../core/nodes';
import { Rule } from '../../core/rule';
import { Resource } from '../../core/template';
import { runL2Checks } from '../../core/cdk/check';
import { cloudfrontOriginHttpsCdk } from './cloudfront-origin-https.cdk';
import { checkValue, dig, listItems, oneOf, outcomesOf, Reporter } from '../lib/encryption';

const WEAK = new Set(['SSLv3', 'TLSv1', 'TLSv1.1']);

/** Compliant: every custom origin of a distribution is reached with `https-only` and TLS 1.2. */
export const cloudfrontOriginHttps: Rule = {
  meta: {
    id: 'cloudfront-origin-https',
    title: 'CloudFront reaches custom origins over TLS 1.2',
    compliant:
      'Every `Origins[].CustomOriginConfig` has `OriginProtocolPolicy: https-only` and no `SSLv3`, `TLSv1` or `TLSv1.1` in `OriginSSLProtocols`.',
    description:
      'With `http-only`, or `match-viewer` for viewers on HTTP, CloudFront fetches content from the origin in plain text across the internet; with SSLv3 or TLS 1.0/1.1 allowed, a downgrade exposes it. ' +
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
      for (const origin of listItems(t, r.node, ['Properties', 'DistributionConfig', 'Origins'])) {
        for (const c of outcomesOf(t, origin, ['CustomOriginConfig'])) if (c.kind === 'node') check(r, origin, c.node);
      }
    }
    function check(r: Resource, origin: Node, config: Node): void {
      const domain = stringValue(dig(origin, 'DomainName')) ?? '';
      const website = /\.s3-website[.-]/.test(domain);
      checkValue(t, rep, r, {
        base: config,
        path: ['OriginProtocolPolicy'],
        judge: oneOf('https-only'),
        fixValue: website ? undefined : 'https-only',
        fixTitle: 'Set OriginProtocolPolicy: https-only',
        badSeverity: website ? 'info' : undefined,
        bad: (v) =>
          website
            ? `The origin is an S3 website endpoint, which only speaks HTTP (OriginProtocolPolicy: ${String(v)}). Use the bucket's REST endpoint with origin access control to encrypt this hop.`
            : `CloudFront can reach this origin over plain HTTP (OriginProtocolPolicy: ${String(v)}). Use https-only.`,
      });
      for (const o of outcomesOf(t, config, ['OriginSSLProtocols'])) {
        if (o.kind !== 'node' || !isSeq(o.node)) continue;
        const weak = o.node.items.map(stringValue).filter((v): v is string => !!v && WEAK.has(v));
        if (!weak.length) continue;
        rep.report({
          node: o.node,
          resource: r,
          message: `CloudFront may reach this origin with ${weak.join(', ')}. Allow TLSv1.2 only.`,
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
