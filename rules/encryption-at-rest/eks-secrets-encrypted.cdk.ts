import type { PropCheck } from '../../core/cdk/table';

/** How eks-secrets-encrypted reads CDK L2 constructs (core/cdk/check.ts evaluates it); L1 `Cfn*` constructs reach the `template` hook. */
export const eksSecretsEncryptedCdk: PropCheck[] = [
  {
    // Without secretsEncryptionKey aws-cdk-lib writes no EncryptionConfig (EKS then uses its own default key on 1.28+).
    target: { kind: 'construct', fqn: ['aws-eks.Cluster', 'aws-eks.FargateCluster', 'aws-eks-v2.Cluster', 'aws-eks-v2.FargateCluster'] },
    anyOf: [{ path: ['secretsEncryptionKey'], good: [{ present: true }], bad: [] }],
    missing:
      'Kubernetes secrets are not envelope-encrypted with a customer managed KMS key: secretsEncryptionKey is not set. Set secretsEncryptionKey to your KMS key.',
    bad: 'Kubernetes secrets are not envelope-encrypted with a customer managed KMS key. Set secretsEncryptionKey to your KMS key.',
  },
];
