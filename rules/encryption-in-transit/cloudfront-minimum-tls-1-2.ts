import { resourceName } from '../../core/parsed-document';
import { Rule } from '../../core/rule';
import { isMap, MapNode, pairOf, Scalar } from '../../core/nodes';
import { runL2Checks } from '../../core/cdk/check';
import { cloudfrontMinimumTls12Cdk } from './cloudfront-minimum-tls-1-2.cdk';
import { checkProperty, outcomesOf, Verdict } from '../lib/property-value';
import { hasKey } from '../lib/read-nodes';
import { Reporter } from '../lib/reporter';

/** Good minimum versions: TLS 1.2 with the 2021 (or later) cipher set, or TLS 1.3. */
const GOOD = /^TLSv1\.(2_20(2[1-9]|[3-9]\d)|3(_\d{4})?)$/;
/** TLS 1.2 minimums with an older cipher set: not below TLS 1.2, so strict-profile findings only. */
const OLDER_CIPHERS: Readonly<Record<string, string>> = {
  // CloudFront's cipher table: TLSv1.2_2018 still offers RSA key exchange (AES128-GCM-SHA256, AES256-GCM-SHA384, AES128-SHA256).
  'TLSv1.2_2018':
    'requires TLS 1.2 but still offers ciphers without forward secrecy (RSA key exchange: AES128-GCM-SHA256, AES256-GCM-SHA384, AES128-SHA256) and CBC-mode ciphers',
  // TLSv1.2_2019 offers only ECDHE key exchange, but keeps the CBC-mode ECDHE-*-AES128-SHA256 and -AES256-SHA384 ciphers.
  'TLSv1.2_2019':
    'requires TLS 1.2 with forward secrecy but still offers CBC-mode ciphers (ECDHE-RSA-AES128-SHA256, ECDHE-RSA-AES256-SHA384)',
};

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
    profileWhy:
      'TLSv1.2_2018 and TLSv1.2_2019 already require TLS 1.2; that TLSv1.2_2021 drops their non-forward-secret and CBC-mode ciphers is a strict-profile finding.',
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
    const defaultCert = (id: string): string =>
      `Distribution ${id} uses the default CloudFront certificate, with which CloudFront accepts TLSv1 from viewers. Use an ACM certificate with MinimumProtocolVersion TLSv1.2_2021.`;
    for (const r of t.byType.get('AWS::CloudFront::Distribution') ?? []) {
      const name = resourceName(ctx.doc, r.id);
      for (const vc of outcomesOf(t, r.node, ['Properties', 'DistributionConfig', 'ViewerCertificate'])) {
        if (vc.kind === 'missing') {
          // No ViewerCertificate means the default *.cloudfront.net certificate (reported only when DistributionConfig is written).
          if (vc.map && vc.path.length === 1) rep.report({ node: r.keyNode, resource: r, severity: 'info', message: defaultCert(name) });
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
        const judge = (v: Scalar): Verdict => (typeof v !== 'string' ? 'unknown' : GOOD.test(v) || v in OLDER_CIPHERS ? 'ok' : 'bad');
        const bad = (v: Scalar): string =>
          `Distribution ${name} sets MinimumProtocolVersion ${String(v)}, which lets viewers negotiate TLS older than 1.2. Set it to TLSv1.2_2021.`;
        if (!custom) {
          // The default certificate forces TLSv1 whatever MinimumProtocolVersion says: the certificate is the finding.
          if (
            !hasKey(vc.node, 'MinimumProtocolVersion') ||
            outcomesOf(t, vc.node, ['MinimumProtocolVersion']).some((o) => o.kind === 'value' && judge(o.value) === 'bad')
          ) {
            rep.report({ node: vc.node, resource: r, severity: 'info', message: defaultCert(name) });
          } else {
            rep.report({
              node: vc.node,
              resource: r,
              severity: 'info',
              message: `${defaultCert(name)} The MinimumProtocolVersion written here is ignored with the default certificate.`,
            });
          }
          continue;
        }
        checkProperty(t, rep, r, {
          base: vc.node,
          missingAt: vc.node,
          path: ['MinimumProtocolVersion'],
          judge,
          fixValue: 'TLSv1.2_2021',
          fixTitle: 'Set MinimumProtocolVersion: TLSv1.2_2021',
          missing: {
            message: `Distribution ${name} sets no MinimumProtocolVersion, so viewers can still negotiate TLSv1. Set it to TLSv1.2_2021.`,
          },
          bad,
        });
        checkProperty(t, rep, r, {
          base: vc.node,
          path: ['MinimumProtocolVersion'],
          judge: (v) => (typeof v === 'string' && v in OLDER_CIPHERS ? 'bad' : 'ok'),
          fixValue: 'TLSv1.2_2021',
          fixTitle: 'Set MinimumProtocolVersion: TLSv1.2_2021',
          badSeverity: 'info',
          badProfile: 'strict',
          bad: (v) =>
            `Distribution ${name} sets MinimumProtocolVersion ${String(v)}, which ${OLDER_CIPHERS[String(v)]}. Set it to TLSv1.2_2021, which offers only forward-secret AEAD ciphers.`,
        });
      }
    }
  },
  source(ctx) {
    runL2Checks(ctx, cloudfrontMinimumTls12Cdk);
  },
};
