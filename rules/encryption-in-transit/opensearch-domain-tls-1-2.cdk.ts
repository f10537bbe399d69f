import type { PropCheck } from '../../core/cdk/table';

const OS = ['aws-opensearchservice.Domain', 'aws-elasticsearch.Domain'];

/** How opensearch-domain-tls-1-2 reads CDK L2 constructs (core/cdk/check.ts evaluates it); L1 `Cfn*` constructs reach the `template` hook. */
export const opensearchDomainTls12Cdk: PropCheck[] = [
  {
    target: { kind: 'construct', fqn: OS },
    anyOf: [{ path: ['tlsSecurityPolicy'], good: [{ enum: '~.TLSSecurityPolicy', members: ['TLS_1_2', 'TLS_1_2_PFS'] }] }],
    // Up to aws-cdk-lib 2.200 the construct rendered TLS_1_0 when tlsSecurityPolicy was omitted.
    missing: 'The domain accepts TLS 1.0: before aws-cdk-lib 2.201 tlsSecurityPolicy defaults to TLS_1_0. Set TLS_1_2.',
    missingOkWhen: [{ versionAtLeast: '2.201.0' }],
    bad: 'The domain accepts TLS below 1.2 ({value}). Use TLSSecurityPolicy.TLS_1_2.',
    fix: [
      {
        title: 'Use TLSSecurityPolicy.TLS_1_2',
        set: [{ path: ['tlsSecurityPolicy'], value: { enum: '~.TLSSecurityPolicy', member: 'TLS_1_2' } }],
      },
    ],
  },
];
