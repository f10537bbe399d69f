import type { PropCheck } from '../../core/cdk/table';

/** How ebs-volume-encrypted reads CDK L2 constructs (core/cdk/check.ts evaluates it); L1 `Cfn*` constructs reach the `template` hook. */
export const ebsVolumeEncryptedCdk: PropCheck[] = [
  // ── encryption-at-rest ────────────────────────────────────────────────────────────────────
  {
    target: { kind: 'construct', fqn: ['aws-ec2.Volume'] },
    anyOf: [{ path: ['encrypted'], good: [{ lit: [true] }] }],
    missing: 'The EBS volume is not encrypted: encrypted defaults to false. Encrypt it.',
    bad: 'The EBS volume is not encrypted ({value}). Encrypt it.',
    fix: [{ title: 'Encrypt the volume (encrypted: true)', set: [{ path: ['encrypted'], value: true }] }],
  },
];
