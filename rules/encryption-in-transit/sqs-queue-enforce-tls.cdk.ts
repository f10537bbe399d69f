import type { PropCheck } from '../../core/cdk/table';
import { judgeTlsPolicy } from '../lib/secure-transport';

/** How sqs-queue-enforce-tls reads CDK L2 constructs (core/cdk/check.ts evaluates it); L1 `Cfn*` constructs reach the `template` hook. */
export const sqsQueueEnforceTlsCdk: PropCheck[] = [
  {
    target: { kind: 'construct', fqn: ['aws-sqs.Queue'] },
    anyOf: [{ path: ['enforceSSL'], good: [{ lit: [true] }] }],
    missing: 'The queue accepts plain HTTP requests: enforceSSL is not set. Enforce TLS.',
    // A Deny on aws:SecureTransport = false added in code (`addToResourcePolicy`, a separate policy construct) enforces TLS too.
    satisfiedByPolicy: (policy) => judgeTlsPolicy(policy, ['sqs:*']).verdict !== 'no',
    bad: 'The queue accepts plain HTTP requests ({value}). Enforce TLS.',
    fix: [{ title: 'Enforce TLS (enforceSSL: true)', set: [{ path: ['enforceSSL'], value: true }], since: '2.46.0' }],
  },
];
