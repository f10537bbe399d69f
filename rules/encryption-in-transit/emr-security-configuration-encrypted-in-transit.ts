import { resourceName } from '../../core/parsed-document';
import { Rule } from '../../core/rule';
import { checkProperty, mustBeTrue, outcomesOf } from '../lib/property-value';
import { alwaysTrue, clustersWithoutSecurityConfiguration, eachEncryptionConfiguration } from '../lib/emr-encryption';
import { hasKey } from '../lib/read-nodes';
import { Reporter } from '../lib/reporter';

/** Compliant: every EMR security configuration enables in-transit encryption with a TLS certificate configuration. */
export const emrSecurityConfigurationEncryptedInTransit: Rule = {
  meta: {
    id: 'emr-security-configuration-encrypted-in-transit',
    title: 'EMR security configurations encrypt data in transit',
    compliant:
      '`AWS::EMR::SecurityConfiguration` has `EncryptionConfiguration.EnableInTransitEncryption: true` and an `InTransitEncryptionConfiguration.TLSCertificateConfiguration`; every `AWS::EMR::Cluster` names a `SecurityConfiguration`.',
    description:
      'Without in-transit encryption, EMR nodes exchange shuffle data, HDFS blocks and Spark RPC traffic in plain text inside the VPC. ' +
      'Enabling it also needs a TLS certificate source, or cluster creation fails.',
    category: 'encryption-in-transit',
    severity: 'warning',
    profile: 'recommended',
    resourceTypes: ['AWS::EMR::SecurityConfiguration', 'AWS::EMR::Cluster'],
    syntaxes: ['cfn-yaml', 'cfn-json', 'cdk-ts', 'cdk-py'],
    references: [
      {
        title: 'Encryption in transit in Amazon EMR',
        url: 'https://docs.aws.amazon.com/emr/latest/ManagementGuide/emr-data-encryption-options.html',
      },
      {
        title: 'AWS::EMR::SecurityConfiguration',
        url: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-emr-securityconfiguration.html',
      },
    ],
    controls: ['EMR.4'],
    equivalents: { cfnNag: ['W61'], cdkNag: ['AwsSolutions-EMR5', 'EMREncryptionInTransit'] },
    fix: 'Sets `EnableInTransitEncryption: true` when a certificate configuration is already there; otherwise the certificate source is left to you.',
    fixSafety: 'suggestion',
  },
  template(t, ctx) {
    const rep = new Reporter(ctx);
    for (const r of clustersWithoutSecurityConfiguration(t)) {
      rep.report({
        node: r.keyNode,
        resource: r,
        message: `EMR cluster ${resourceName(ctx.doc, r.id)} has no SecurityConfiguration, so traffic between its nodes (HDFS, shuffle, Spark and other application traffic) is not encrypted. Attach a security configuration with in-transit encryption.`,
      });
    }
    for (const r of t.byType.get('AWS::EMR::SecurityConfiguration') ?? []) {
      const missing =
        'The security configuration has no EncryptionConfiguration: traffic between nodes is not encrypted. Set EnableInTransitEncryption with a TLS certificate source.';
      eachEncryptionConfiguration(t, rep, r, missing, (enc) => {
        const cert = outcomesOf(t, enc, ['InTransitEncryptionConfiguration', 'TLSCertificateConfiguration']).some(
          (o) => o.kind !== 'missing',
        );
        const on = checkProperty(t, rep, r, {
          base: enc,
          path: ['EnableInTransitEncryption'],
          judge: mustBeTrue,
          missing: {
            message:
              'In-transit encryption is not enabled: EncryptionConfiguration.EnableInTransitEncryption is not set (false). Set it to true.',
          },
          bad: () => 'In-transit encryption is disabled (EnableInTransitEncryption is false). Set it to true.',
          fixValue: cert ? true : undefined,
          fixTitle: 'Set EnableInTransitEncryption: true',
        });
        const enabled = alwaysTrue(t, enc, ['EnableInTransitEncryption']);
        if (!on && enabled && !cert && !hasKey(enc, 'InTransitEncryptionConfiguration')) {
          rep.report({
            node: r.keyNode,
            resource: r,
            message:
              'EnableInTransitEncryption is true but no InTransitEncryptionConfiguration names a TLS certificate source. Add TLSCertificateConfiguration.',
          });
        } else if (!on && enabled && !cert) {
          rep.report({
            node: r.keyNode,
            resource: r,
            message:
              'InTransitEncryptionConfiguration has no TLSCertificateConfiguration: in-transit encryption cannot be set up. Add TLSCertificateConfiguration.',
          });
        }
      });
    }
  },
};
