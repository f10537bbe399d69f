import type { PropCheck } from '../../core/cdk/table';

const OS = ['aws-opensearchservice.Domain', 'aws-elasticsearch.Domain'];

/** How opensearch-domain-encrypted-at-rest reads CDK L2 constructs (core/cdk/check.ts evaluates it); L1 `Cfn*` constructs reach the `template` hook. */
export const opensearchDomainEncryptedAtRestCdk: PropCheck[] = [
  {
    target: { kind: 'construct', fqn: OS },
    anyOf: [
      { path: ['encryptionAtRest', 'enabled'], good: [{ lit: [true] }] },
      { path: ['encryptionAtRest', 'kmsKey'], good: [{ present: true }], bad: [] },
    ],
    missing: 'The domain is not encrypted at rest: encryptionAtRest is off by default. Enable it (this replaces an existing domain).',
    bad: 'The domain is not encrypted at rest ({value}). Enable it.',
    missingOkWhen: [{ has: [['useUnsignedBasicAuth']] }],
    fix: [
      {
        title: 'Encrypt the domain at rest (encryptionAtRest.enabled: true)',
        set: [{ path: ['encryptionAtRest', 'enabled'], value: true }],
      },
    ],
  },
];
