import type { PropCheck } from '../../core/cdk/table';
import { judgeTlsPolicy } from '../lib/secure-transport';

/** How sns-topic-enforce-tls reads CDK L2 constructs (core/cdk/check.ts evaluates it); L1 `Cfn*` constructs reach the `template` hook. */
export const snsTopicEnforceTlsCdk: PropCheck[] = [
  {
    target: { kind: 'construct', fqn: ['aws-sns.Topic'] },
    anyOf: [{ path: ['enforceSSL'], good: [{ lit: [true] }] }],
    missing: 'The topic accepts publishing over plain HTTP: enforceSSL is not set. Enforce TLS.',
    // A Deny on aws:SecureTransport = false added in code (`addToResourcePolicy`, a separate policy construct) enforces TLS too.
    satisfiedByPolicy: (policy) => judgeTlsPolicy(policy, ['sns:*', 'sns:publish']).verdict !== 'no',
    // SNS requires HTTPS for every request to a topic with SSE (AWS docs; cdk-nag SNS3 agrees): a masterKey enforces TLS.
    missingOkWhen: [{ has: [['masterKey']] }],
    bad: 'The topic accepts publishing over plain HTTP ({value}). Enforce TLS.',
    fix: [{ title: 'Enforce TLS (enforceSSL: true)', set: [{ path: ['enforceSSL'], value: true }], since: '2.129.0' }],
  },
];
