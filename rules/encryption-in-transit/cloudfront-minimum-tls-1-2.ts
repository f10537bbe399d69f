import { Rule } from '../../core/rule';
import { isMap, MapNode, pairOf, Scalar } from '../../core/nodes';
import { runL2Checks } from '../../core/cdk/check';
import { cloudfrontMinimumTls12Cdk } from './cloudfront-minimum-tls-1-2.cdk';
import { checkValue, hasKey, outcomesOf, Reporter, Verdict } from '../lib/encryption';

/** Good minimum versions: TLS 1.2 with the 2021 (or later) cipher set, or TLS 1.3. */
const GOOD = /^TLSv1\.(2_20(2[1-9]|[3-9]\d)|3(_\d{4})?)$/;
const WEAK_12 = /^TLSv1\.2_(2018|2019)$/;

/** Compliant: a distribution uses its own certificate with `MinimumProtocolVersion` TLSv1.2_2021 or later. */
export const cloudfrontMinimumTls12: Rule = {
  meta: {
    id: 'cloudfront-minimum-tls-1-2',
    title: 'CloudFront requires TLS 1.2 from viewers',
    compliant: '`ViewerCertificate` names an ACM or IAM certificate and `MinimumProtocolVersion` is `TLSv1.2_2021` or later.',
    description:
      'With the default `*.cloudfront.net` certificate, or a security policy below `TLSv1.2_2021`, CloudFront still negotiates TLS 1.0/1.1 or weak ciphers with viewers, which are open to downgrade and known attacks. ' +
      'A custom certificate lets the distribution set a TLS 1.2 minimum.',
    category: 'encryption-in-transit',
    severity: 'warning',
    profile: 'recommended',
    resourceTypes: ['AWS::CloudFront::Distribution'],
    syntaxes: ['cfn-yaml', 'cfn-json', 'cdk-ts', 'cdk-py'],
    references: [
      {
        title: 'Supported protocols and ciphers between viewers and CloudFront',
        url: 'https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/secure-connections-supported-viewer-protocols-ciphers.html',
      },
      {
        title: 'AWS::CloudFront::Distribution ViewerCertificate',
        url: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-cloudfront-distribution-viewercertificate.html',
      },
    ],
    controls: ['CloudFront.7'],
    equivalents: {
      guard: ['CLOUDFRONT_MINIMUM_PROTOCOL_VERSION_RULE'],
      cfnNag: ['W70'],
      checkov: ['CKV_AWS_174'],
      cdkNag: ['AwsSolutions-CFR4', 'CloudFrontDistributionHttpsViewerNoOutdatedSSL'],
    },
    fix: 'Sets `MinimumProtocolVersion: TLSv1.2_2021` when the distribution has its own certificate; a distribution on the default certificate needs one first.',
    fixSafety: 'safe',
  },
  template(t, ctx) {
    const rep = new Reporter(ctx);
    const defaultCert =
      'The distribution uses the default CloudFront certificate, which accepts TLSv1 from viewers. Use an ACM certificate with MinimumProtocolVersion TLSv1.2_2021.';
    for (const r of t.byType.get('AWS::CloudFront::Distribution') ?? []) {
      for (const vc of outcomesOf(t, r.node, ['Properties', 'DistributionConfig', 'ViewerCertificate'])) {
        if (vc.kind === 'missing') {
          // No ViewerCertificate means the default *.cloudfront.net certificate (reported only when DistributionConfig is written).
          if (vc.map && vc.path.length === 1) rep.report({ node: r.keyNode, resource: r, severity: 'info', message: defaultCert });
          continue;
        }
        if (vc.kind !== 'node' || !isMap(vc.node)) continue;
        // A certificate key typed without its value yet: the user is choosing the certificate.
        if (
          ['AcmCertificateArn', 'IamCertificateId', 'CloudFrontDefaultCertificate'].some((k) => {
            const p = pairOf(vc.node as MapNode, k);
            return p && !p.value;
          })
        )
          continue;
        const custom = hasKey(vc.node, 'AcmCertificateArn') || hasKey(vc.node, 'IamCertificateId');
        const judge = (v: Scalar): Verdict => (typeof v !== 'string' ? 'unknown' : GOOD.test(v) ? 'ok' : 'bad');
        const bad = (v: Scalar): string =>
          WEAK_12.test(String(v))
            ? `MinimumProtocolVersion ${String(v)} allows TLS 1.2 ciphers without forward secrecy. Use TLSv1.2_2021.`
            : `MinimumProtocolVersion ${String(v)} lets viewers negotiate a protocol older than TLS 1.2. Use TLSv1.2_2021.`;
        if (!custom) {
          // The default certificate forces TLSv1 whatever MinimumProtocolVersion says: the certificate is the finding.
          if (
            !hasKey(vc.node, 'MinimumProtocolVersion') ||
            outcomesOf(t, vc.node, ['MinimumProtocolVersion']).some((o) => o.kind === 'value' && judge(o.value) === 'bad')
          ) {
            rep.report({ node: vc.node, resource: r, severity: 'info', message: defaultCert });
          } else {
            rep.report({
              node: vc.node,
              resource: r,
              severity: 'info',
              message: `${defaultCert} The MinimumProtocolVersion written here is ignored with the default certificate.`,
            });
          }
          continue;
        }
        checkValue(t, rep, r, {
          base: vc.node,
          missingAt: vc.node,
          path: ['MinimumProtocolVersion'],
          judge,
          fixValue: 'TLSv1.2_2021',
          fixTitle: 'Set MinimumProtocolVersion: TLSv1.2_2021',
          missing: { message: 'MinimumProtocolVersion is not set, so viewers can still negotiate TLSv1. Set it to TLSv1.2_2021.' },
          bad,
        });
      }
    }
  },
  source(ctx) {
    runL2Checks(ctx, cloudfrontMinimumTls12Cdk);
  },
};
