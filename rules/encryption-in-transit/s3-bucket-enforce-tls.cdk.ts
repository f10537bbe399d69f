import type { PropCheck } from '../../core/cdk/table';
import { judgeTlsPolicy } from '../lib/secure-transport';

/** How s3-bucket-enforce-tls reads CDK L2 constructs (core/cdk/check.ts evaluates it); L1 `Cfn*` constructs reach the `template` hook. */
export const s3BucketEnforceTlsCdk: PropCheck[] = [
  // ── encryption-in-transit ─────────────────────────────────────────────────────────────────
  {
    target: { kind: 'construct', fqn: ['aws-s3.Bucket'] },
    anyOf: [{ path: ['enforceSSL'], good: [{ lit: [true] }] }],
    missing: 'The bucket accepts plain HTTP requests: enforceSSL is not set. Enforce TLS.',
    // A Deny on aws:SecureTransport = false added in code (`addToResourcePolicy`, a separate policy construct) enforces TLS too.
    satisfiedByPolicy: (policy) => judgeTlsPolicy(policy, ['s3:*']).verdict !== 'no',
    bad: 'The bucket accepts plain HTTP requests ({value}). Enforce TLS.',
    fix: [{ title: 'Enforce TLS (enforceSSL: true)', set: [{ path: ['enforceSSL'], value: true }] }],
  },
  {
    target: { kind: 'construct', fqn: ['aws-s3.Bucket'] },
    anyOf: [{ path: ['minimumTLSVersion'], good: [], bad: [{ numBelow: 1.2 }] }],
    bad: 'The bucket accepts TLS versions below 1.2 ({value}). Require TLS 1.2.',
    // minimumTLSVersion without enforceSSL throws at synth: the fix sets both.
    fix: [
      {
        title: 'Require TLS 1.2 (minimumTLSVersion: 1.2)',
        set: [
          { path: ['minimumTLSVersion'], value: 1.2 },
          { path: ['enforceSSL'], value: true },
        ],
      },
    ],
  },
];
