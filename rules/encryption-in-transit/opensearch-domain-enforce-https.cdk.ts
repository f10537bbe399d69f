import type { PropCheck } from '../../core/cdk/table';

const OS = ['aws-opensearchservice.Domain', 'aws-elasticsearch.Domain'];

/** How opensearch-domain-enforce-https reads CDK L2 constructs (core/cdk/check.ts evaluates it); L1 `Cfn*` constructs reach the `template` hook. */
export const opensearchDomainEnforceHttpsCdk: PropCheck[] = [
  {
    target: { kind: 'construct', fqn: OS },
    anyOf: [{ path: ['enforceHttps'], good: [{ lit: [true] }] }],
    missing: 'The domain endpoint accepts plain HTTP: enforceHttps defaults to false. Enforce HTTPS.',
    missingOkWhen: [{ has: [['useUnsignedBasicAuth']] }],
    bad: 'The domain endpoint accepts plain HTTP ({value}). Enforce HTTPS.',
    fix: [{ title: 'Enforce HTTPS (enforceHttps: true)', set: [{ path: ['enforceHttps'], value: true }] }],
  },
];
