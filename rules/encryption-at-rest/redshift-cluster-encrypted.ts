import { Rule } from '../../core/rule';
import { checkProperty, mustBeTrue } from '../lib/property-value';
import { Reporter } from '../lib/reporter';
import { presence } from '../lib/required-key';

/** Compliant: every Redshift cluster sets `Encrypted: true`. */
export const redshiftClusterEncrypted: Rule = {
  meta: {
    id: 'redshift-cluster-encrypted',
    title: 'Redshift clusters are encrypted at rest',
    compliant: '`AWS::Redshift::Cluster` has `Encrypted: true` (optionally with `KmsKeyId`).',
    description:
      'A provisioned Redshift cluster with `Encrypted: false` is unencrypted, and so are its snapshots; without `Encrypted`, only clusters created under the 2025 secure defaults are encrypted. ' +
      'A data warehouse usually holds the most sensitive data an account has.',
    category: 'encryption-at-rest',
    severity: 'error',
    profile: 'recommended',
    resourceTypes: ['AWS::Redshift::Cluster'],
    syntaxes: ['cfn-yaml', 'cfn-json', 'cdk-ts', 'cdk-py'],
    references: [
      {
        title: 'Amazon Redshift database encryption',
        url: 'https://docs.aws.amazon.com/redshift/latest/mgmt/working-with-db-encryption.html',
      },
      {
        title: 'AWS::Redshift::Cluster',
        url: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-redshift-cluster.html',
      },
    ],
    controls: ['Redshift.10'],
    equivalents: { cfnNag: ['F28'], checkov: ['CKV_AWS_64'], cdkNag: ['AwsSolutions-RS6', 'RedshiftClusterEncryptionAtRest'] },
    fix: 'Sets `Encrypted: true`.',
    fixSafety: 'safe',
  },
  template(t, ctx) {
    const rep = new Reporter(ctx);
    for (const r of t.byType.get('AWS::Redshift::Cluster') ?? []) {
      // A KmsKeyId states the intent to encrypt; CloudFormation refuses it together with Encrypted: false.
      const keyed = presence(t, r.node, ['Properties', 'KmsKeyId']).state === 'present';
      checkProperty(t, rep, r, {
        path: ['Encrypted'],
        judge: mustBeTrue,
        fixValue: true,
        fixTitle: 'Set Encrypted: true',
        missing: keyed
          ? undefined
          : {
              severity: 'warning',
              message:
                'The Redshift cluster does not ask for encryption at rest: Encrypted is not set, so clusters created before the 2025 secure defaults (and restores of unencrypted snapshots) are unencrypted. Set Encrypted: true.',
            },
        bad: () => 'The Redshift cluster is not encrypted at rest (Encrypted is false). Set Encrypted: true.',
      });
    }
  },
};
