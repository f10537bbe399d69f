import { resourceName } from '../../core/parsed-document';
import { Rule } from '../../core/rule';
import { checkProperty, mustBeTrue, outcomesOf } from '../lib/property-value';
import { alwaysTrue, clustersWithoutSecurityConfiguration, eachEncryptionConfiguration } from '../lib/emr-encryption';
import { hasKey } from '../lib/read-nodes';
import { Reporter } from '../lib/reporter';

/** Compliant: every EMR security configuration enables at-rest encryption and configures S3 or local-disk encryption. */
export const emrSecurityConfigurationEncryptedAtRest: Rule = {
  meta: {
    id: 'emr-security-configuration-encrypted-at-rest',
    title: 'EMR security configurations encrypt data at rest',
    compliant:
      '`AWS::EMR::SecurityConfiguration` has `EncryptionConfiguration.EnableAtRestEncryption: true` with an `AtRestEncryptionConfiguration` (S3 and/or local disk) and no `EnableEbsEncryption: false`; every `AWS::EMR::Cluster` names a `SecurityConfiguration`.',
    description:
      'Without at-rest encryption, EMR writes EMRFS data to S3 and HDFS, shuffle and spill data to local and EBS disks unencrypted. ' +
      'Clusters that use the security configuration inherit its gaps, and a cluster with no security configuration has no encryption of its own.',
    category: 'encryption-at-rest',
    severity: 'warning',
    profile: 'recommended',
    resourceTypes: ['AWS::EMR::SecurityConfiguration', 'AWS::EMR::Cluster'],
    syntaxes: ['cfn-yaml', 'cfn-json', 'cdk-ts', 'cdk-py'],
    references: [
      {
        title: 'Encrypt data at rest and in transit with Amazon EMR',
        url: 'https://docs.aws.amazon.com/emr/latest/ManagementGuide/emr-data-encryption.html',
      },
      {
        title: 'AWS::EMR::SecurityConfiguration',
        url: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-emr-securityconfiguration.html',
      },
    ],
    controls: ['EMR.3'],
    equivalents: {
      guard: ['EMR_SECURITY_CONFIG_ENABLED_AND_CONFIGURED_RULE'],
      cfnNag: ['W61'],
      cdkNag: ['AwsSolutions-EMR4', 'EMRLocalDiskEncryption'],
    },
    fix: 'Sets `EnableAtRestEncryption: true` or `EnableEbsEncryption: true`; an at-rest block needs a key choice, which is left to you.',
    fixSafety: 'suggestion',
  },
  template(t, ctx) {
    const rep = new Reporter(ctx);
    for (const r of clustersWithoutSecurityConfiguration(t)) {
      rep.report({
        node: r.keyNode,
        resource: r,
        message: `EMR cluster ${resourceName(ctx.doc, r.id)} has no SecurityConfiguration, so EMR encrypts none of its disks: HDFS, shuffle and spill data on local and EBS volumes are unencrypted unless the account turned on EBS encryption by default. Attach a security configuration with at-rest encryption.`,
      });
    }
    for (const r of t.byType.get('AWS::EMR::SecurityConfiguration') ?? []) {
      const missing =
        'The security configuration has no EncryptionConfiguration: data at rest is not encrypted. Set EnableAtRestEncryption with an AtRestEncryptionConfiguration.';
      eachEncryptionConfiguration(t, rep, r, missing, (enc) => {
        const atRest = outcomesOf(t, enc, ['AtRestEncryptionConfiguration']).find((o) => o.kind === 'node');
        // A block that configures at-rest encryption states the intent even when the flag is left out.
        const on = checkProperty(t, rep, r, {
          base: enc,
          path: ['EnableAtRestEncryption'],
          judge: mustBeTrue,
          missing: atRest
            ? undefined
            : {
                message:
                  'At-rest encryption is not enabled: EncryptionConfiguration.EnableAtRestEncryption is not set (false). Set it to true.',
              },
          bad: () => 'At-rest encryption is disabled (EnableAtRestEncryption is false). Set it to true.',
          fixValue: true,
          fixTitle: 'Set EnableAtRestEncryption: true',
        });
        if (!on && alwaysTrue(t, enc, ['EnableAtRestEncryption'])) {
          // Without any AtRestEncryptionConfiguration EMR refuses the configuration; a block that configures neither S3 nor local disks is accepted and does nothing.
          const block = atRest?.kind === 'node' ? atRest.node : undefined;
          if (
            block &&
            block.kind === 'map' &&
            !hasKey(block, 'S3EncryptionConfiguration') &&
            !hasKey(block, 'LocalDiskEncryptionConfiguration')
          ) {
            rep.report({
              node: r.keyNode,
              resource: r,
              message:
                'EnableAtRestEncryption is true but AtRestEncryptionConfiguration configures neither S3 nor local-disk encryption. Configure both.',
            });
          }
        }
        if (atRest?.kind === 'node') {
          checkProperty(t, rep, r, {
            base: atRest.node,
            path: ['LocalDiskEncryptionConfiguration', 'EnableEbsEncryption'],
            judge: mustBeTrue,
            bad: () => 'EBS volumes of the cluster are not encrypted (EnableEbsEncryption is false). Set it to true.',
            fixValue: true,
            fixTitle: 'Set EnableEbsEncryption: true',
          });
        }
      });
    }
  },
};
