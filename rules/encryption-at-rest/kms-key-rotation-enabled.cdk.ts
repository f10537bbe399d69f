import type { PropCheck } from '../../core/cdk/table';

/** How kms-key-rotation-enabled reads CDK L2 constructs (core/cdk/check.ts evaluates it); L1 `Cfn*` constructs reach the `template` hook. */
export const kmsKeyRotationEnabledCdk: PropCheck[] = [
  {
    target: { kind: 'construct', fqn: ['aws-kms.Key'] },
    anyOf: [
      { path: ['enableKeyRotation'], good: [{ lit: [true] }] },
      // A rotationPeriod alone turns rotation on (aws-cdk-lib sets enableKeyRotation then).
      { path: ['rotationPeriod'], good: [{ present: true }], bad: [] },
    ],
    missing: 'The key does not rotate its key material: enableKeyRotation defaults to false. Turn rotation on.',
    bad: 'The key does not rotate its key material ({value}). Turn rotation on.',
    // Only symmetric encryption keys rotate: asymmetric and HMAC keys (or a spec the file does not decide) are left alone.
    skipWhen: [
      { prop: ['keySpec'], isNot: { enum: 'aws-kms.KeySpec', members: ['SYMMETRIC_DEFAULT'] } },
      { prop: ['keyUsage'], isNot: { enum: 'aws-kms.KeyUsage', members: ['ENCRYPT_DECRYPT'] } },
    ],
    fix: [{ title: 'Rotate the key material yearly (enableKeyRotation: true)', set: [{ path: ['enableKeyRotation'], value: true }] }],
  },
];
