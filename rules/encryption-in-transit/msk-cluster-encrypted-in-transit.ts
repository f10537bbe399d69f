import { Rule } from '../../core/rule';
import { checkProperty, mustBeTrue, oneOf } from '../lib/property-value';
import { Reporter } from '../lib/reporter';

/** Compliant: every MSK cluster uses TLS between clients and brokers (`ClientBroker: TLS`) and between brokers (`InCluster: true`). */
export const mskClusterEncryptedInTransit: Rule = {
  meta: {
    id: 'msk-cluster-encrypted-in-transit',
    title: 'MSK clusters encrypt traffic in transit',
    compliant:
      '`EncryptionInfo.EncryptionInTransit.ClientBroker` is `TLS` (the default) and `InCluster` is true (the default) on `AWS::MSK::Cluster`.',
    description:
      '`PLAINTEXT` or `TLS_PLAINTEXT` lets Kafka clients produce and consume records unencrypted, and `InCluster: false` replicates them between brokers in plain text. ' +
      'Both defaults are safe; this rule flags templates that turn them off.',
    category: 'encryption-in-transit',
    severity: 'warning',
    profile: 'recommended',
    resourceTypes: ['AWS::MSK::Cluster'],
    syntaxes: ['cfn-yaml', 'cfn-json', 'cdk-ts', 'cdk-py'],
    references: [
      { title: 'Amazon MSK encryption in transit', url: 'https://docs.aws.amazon.com/msk/latest/developerguide/msk-encryption.html' },
      {
        title: 'AWS::MSK::Cluster EncryptionInTransit',
        url: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-msk-cluster-encryptionintransit.html',
      },
    ],
    controls: ['MSK.1'],
    equivalents: {
      checkov: ['CKV_AWS_81'],
      cdkNag: ['AwsSolutions-MSK2', 'AwsSolutions-MSK3', 'MSKClientToBrokerTLS', 'MSKBrokerToBrokerTLS'],
    },
    fix: 'Sets `ClientBroker: TLS` or `InCluster: true` (changing `InCluster` replaces the cluster).',
    fixSafety: 'suggestion',
  },
  template(t, ctx) {
    const rep = new Reporter(ctx);
    for (const r of t.byType.get('AWS::MSK::Cluster') ?? []) {
      checkProperty(t, rep, r, {
        path: ['EncryptionInfo', 'EncryptionInTransit', 'ClientBroker'],
        judge: oneOf('TLS'),
        fixValue: 'TLS',
        fixTitle: 'Set ClientBroker: TLS',
        bad: (v) => `Clients can reach the brokers unencrypted (ClientBroker: ${String(v)}). Use TLS.`,
      });
      checkProperty(t, rep, r, {
        path: ['EncryptionInfo', 'EncryptionInTransit', 'InCluster'],
        judge: mustBeTrue,
        fixValue: true,
        fixTitle: 'Set InCluster: true (causes replacement of the cluster)',
        bad: () => 'Brokers replicate data to each other unencrypted (InCluster: false). Set it to true.',
      });
    }
  },
};
