import { Node } from '../../core/nodes';
import { Rule } from '../../core/rule';
import { runL2Checks } from '../../core/cdk/check';
import { cloudfrontViewerHttpsCdk } from './cloudfront-viewer-https.cdk';
import { checkProperty, oneOf, outcomesOf } from '../lib/property-value';
import { listOrOne } from '../lib/read-nodes';
import { Reporter } from '../lib/reporter';

const OK = oneOf('redirect-to-https', 'https-only');

/** Compliant: the default cache behaviour and every cache behaviour of a distribution use `redirect-to-https` or `https-only`. */
export const cloudfrontViewerHttps: Rule = {
  meta: {
    id: 'cloudfront-viewer-https',
    title: 'CloudFront serves viewers over HTTPS only',
    compliant: '`ViewerProtocolPolicy` is `redirect-to-https` or `https-only` on `DefaultCacheBehavior` and every `CacheBehaviors` entry.',
    description:
      '`allow-all` lets viewers fetch content over plain HTTP, where anyone on the path can read it, inject scripts or steal cookies. ' +
      'Each cache behaviour has its own policy, so one `allow-all` path is enough to expose a site.',
    category: 'encryption-in-transit',
    severity: 'warning',
    profile: 'recommended',
    resourceTypes: ['AWS::CloudFront::Distribution'],
    syntaxes: ['cfn-yaml', 'cfn-json', 'cdk-ts', 'cdk-py'],
    references: [
      {
        title: 'Require HTTPS for communication between viewers and CloudFront',
        url: 'https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/using-https-viewers-to-cloudfront.html',
      },
      {
        title: 'AWS::CloudFront::Distribution DefaultCacheBehavior',
        url: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-cloudfront-distribution-defaultcachebehavior.html',
      },
    ],
    controls: ['CloudFront.3'],
    equivalents: { guard: ['CLOUDFRONT_VIEWER_POLICY_HTTPS'], checkov: ['CKV_AWS_34'] },
    fix: 'Sets `ViewerProtocolPolicy: redirect-to-https`.',
    fixSafety: 'safe',
  },
  template(t, ctx) {
    const rep = new Reporter(ctx);
    for (const r of t.byType.get('AWS::CloudFront::Distribution') ?? []) {
      const behaviours: { node: Node; label: string }[] = [];
      for (const o of outcomesOf(t, r.node, ['Properties', 'DistributionConfig', 'DefaultCacheBehavior']))
        if (o.kind === 'node') behaviours.push({ node: o.node, label: 'The default cache behaviour' });
      for (const b of listOrOne(t, r.node, ['Properties', 'DistributionConfig', 'CacheBehaviors']))
        behaviours.push({ node: b, label: 'A cache behaviour' });
      for (const b of behaviours) {
        checkProperty(t, rep, r, {
          base: b.node,
          path: ['ViewerProtocolPolicy'],
          judge: OK,
          fixValue: 'redirect-to-https',
          fixTitle: 'Set ViewerProtocolPolicy: redirect-to-https',
          bad: (v) => `${b.label} lets viewers use plain HTTP (ViewerProtocolPolicy: ${String(v)}). Use redirect-to-https or https-only.`,
        });
      }
    }
  },
  source(ctx) {
    runL2Checks(ctx, cloudfrontViewerHttpsCdk);
  },
};
