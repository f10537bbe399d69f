import { Rule } from '../../core/rule';
import { outcomesOf } from '../lib/property-value';
import { items, listItems } from '../lib/read-nodes';
import { Reporter } from '../lib/reporter';
import { presence, requireKey } from '../lib/required-key';
import { runL2Checks } from '../../core/cdk/check';
import { eksSecretsEncryptedCdk } from './eks-secrets-encrypted.cdk';

/** Compliant: every EKS cluster envelope-encrypts Kubernetes secrets with a KMS key (`EncryptionConfig` with `secrets` and `Provider.KeyArn`). */
export const eksSecretsEncrypted: Rule = {
  meta: {
    id: 'eks-secrets-encrypted',
    title: 'EKS clusters encrypt Kubernetes secrets with a KMS key',
    compliant: '`AWS::EKS::Cluster` has an `EncryptionConfig` entry with `Resources: [secrets]` and `Provider.KeyArn`.',
    description:
      'Without envelope encryption under your KMS key, Kubernetes secrets are protected only by the encryption EKS applies to etcd with keys you do not control, and anyone with etcd or backup access reads them. ' +
      'A customer managed key also lets you revoke access to every secret at once.',
    category: 'encryption-at-rest',
    severity: 'warning',
    profile: 'strict',
    profileWhy:
      'EKS envelope-encrypts all Kubernetes API data, secrets included, with KMS by default on Kubernetes 1.28 ' +
      'and later; naming your own key is a compliance choice.',
    resourceTypes: ['AWS::EKS::Cluster'],
    syntaxes: ['cfn-yaml', 'cfn-json', 'cdk-ts', 'cdk-py'],
    references: [
      {
        title: 'Encrypt Kubernetes secrets with AWS KMS on existing clusters',
        url: 'https://docs.aws.amazon.com/eks/latest/userguide/enable-kms.html',
      },
      {
        title: 'AWS::EKS::Cluster EncryptionConfig',
        url: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-eks-cluster-encryptionconfig.html',
      },
    ],
    controls: ['EKS.3'],
    equivalents: { guard: ['EKS_CLUSTER_ENCRYPTION_RULE'], cfnNag: ['W82'], checkov: ['CKV_AWS_58'] },
  },
  template(t, ctx) {
    const rep = new Reporter(ctx);
    for (const r of t.byType.get('AWS::EKS::Cluster') ?? []) {
      if (
        requireKey(t, rep, r, ['Properties', 'EncryptionConfig'], {
          message:
            'Kubernetes secrets are not envelope-encrypted with a customer managed KMS key (EncryptionConfig is not set). Add an EncryptionConfig entry for secrets with your key.',
        })
      )
        continue;
      const configs = listItems(t, r.node, ['Properties', 'EncryptionConfig']);
      if (!configs.length) continue;
      for (const c of configs) {
        const resources = outcomesOf(t, c, ['Resources']);
        const unknown = resources.some((o) => o.kind === 'unknown');
        const names = resources
          .flatMap((o) => (o.kind === 'node' ? items(o.node) : []))
          .map((n) => (n.kind === 'scalar' ? String(n.value) : '?'));
        if (!unknown && !names.includes('secrets') && !names.includes('?')) {
          rep.report({
            node: c,
            resource: r,
            message:
              'The EncryptionConfig entry does not list secrets in Resources, so secrets are not envelope-encrypted with it. Add secrets to Resources.',
          });
        }
        if (presence(t, c, ['Provider', 'KeyArn']).state === 'absent') {
          rep.report({
            node: c,
            resource: r,
            message:
              'The EncryptionConfig entry names no Provider.KeyArn: secrets cannot be envelope-encrypted without a key. Set Provider.KeyArn.',
          });
        }
      }
    }
  },
  source(ctx) {
    runL2Checks(ctx, eksSecretsEncryptedCdk);
  },
};
