import { Rule } from '../../core/rule';
import { checkValue, mustBeTrue, Reporter } from '../lib/encryption';

/** Compliant: every Redshift cluster sets `Encrypted: true`. */
export const redshiftClusterEncrypted: Rule = {
  meta: {
    id: 'redshift-cluster-encrypted',
    title: 'Redshift clusters are encrypted at rest',
    compliant: '`AWS::Redshift::Cluster` has `Encrypted: true` (optionally with `KmsKeyId`).',
    description:
      'A provisioned Redshift cluster is unencrypted unless `Encrypted` is true, and so are its automated and manual snapshots. ' +
      'A data warehouse usually holds the most sensitive data an account has.',
    category: 'encryption-at-rest',
    severity: 'error',
    resourceTypes: ['AWS::Redshift::Cluster'],
    syntaxes: ['cfn-yaml', 'cfn-json'],
    references: [
      { title: 'Amazon Redshift database encryption', url: 'https://docs.aws.amazon.com/redshift/latest/mgmt/working-with-db-encryption.html' },
      { title: 'AWS::Redshift::Cluster', url: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-redshift-cluster.html' },
    ],
    controls: ['Redshift.10'],
    equivalents: { cfnNag: ['F28'], checkov: ['CKV_AWS_64'], cdkNag: ['AwsSolutions-RS6', 'RedshiftClusterEncryptionAtRest'] },
    fix: 'Sets `Encrypted: true`.',
  },
  template(t, ctx) {
    const rep = new Reporter(ctx);
    for (const r of t.byType.get('AWS::Redshift::Cluster') ?? []) {
      checkValue(t, rep, r, {
        path: ['Encrypted'], judge: mustBeTrue, fixValue: true, fixTitle: 'Set Encrypted: true',
        missing: { message: 'The Redshift cluster is not encrypted at rest: Encrypted defaults to false. Set Encrypted: true.' },
        bad: () => 'The Redshift cluster is not encrypted at rest (Encrypted is false). Set Encrypted: true.',
      });
    }
  },
};
