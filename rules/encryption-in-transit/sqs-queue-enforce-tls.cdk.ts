import type { Condition, PropCheck } from '../../core/cdk/table';
import { judgeTlsPolicy } from '../lib/secure-transport';

const UNENCRYPTED: Condition = { prop: ['encryption'], is: { enum: 'aws-sqs.QueueEncryption', members: ['UNENCRYPTED'] } };
// A Deny on aws:SecureTransport = false added in code (`addToResourcePolicy`, a separate policy construct) enforces TLS too.
const TLS_POLICY: PropCheck['satisfiedByPolicy'] = (policy) => judgeTlsPolicy(policy, ['sqs:*']).verdict !== 'no';
const FIX: PropCheck['fix'] = [{ title: 'Enforce TLS (enforceSSL: true)', set: [{ path: ['enforceSSL'], value: true }], since: '2.46.0' }];

/**
 * How sqs-queue-enforce-tls reads CDK L2 constructs (core/cdk/check.ts evaluates it); L1 `Cfn*` constructs reach the
 * `template` hook. SQS refuses plain HTTP for encrypted queues (SSE-SQS is the `Queue` default): only an
 * `UNENCRYPTED` queue accepts it, and for the others `enforceSSL` is defence in depth (strict profile).
 */
export const sqsQueueEnforceTlsCdk: PropCheck[] = [
  {
    target: { kind: 'construct', fqn: ['aws-sqs.Queue'] },
    skipWhen: [{ not: UNENCRYPTED }],
    anyOf: [{ path: ['enforceSSL'], good: [{ lit: [true] }] }],
    missing:
      'Queue {id} is unencrypted (QueueEncryption.UNENCRYPTED), so SQS accepts plain-HTTP requests to it, and enforceSSL is not set. Enforce TLS.',
    bad: 'Queue {id} is unencrypted (QueueEncryption.UNENCRYPTED), so SQS accepts plain-HTTP requests to it, and enforceSSL is {value}. Enforce TLS.',
    satisfiedByPolicy: TLS_POLICY,
    fix: FIX,
  },
  {
    target: { kind: 'construct', fqn: ['aws-sqs.Queue'] },
    skipWhen: [UNENCRYPTED],
    anyOf: [{ path: ['enforceSSL'], good: [{ lit: [true] }] }],
    missing:
      'Queue {id} sets no enforceSSL. SQS already refuses plain-HTTP requests to an encrypted queue (SSE-SQS by default), so enforcing TLS is defence in depth. Enforce TLS to keep plain HTTP out if the encryption changes.',
    bad: 'Queue {id} sets enforceSSL to {value}. SQS already refuses plain-HTTP requests to an encrypted queue (SSE-SQS by default), so enforcing TLS is defence in depth. Enforce TLS to keep plain HTTP out if the encryption changes.',
    severity: 'info',
    profile: 'strict',
    satisfiedByPolicy: TLS_POLICY,
    fix: FIX,
  },
];
