import type { PropCheck } from '../../core/cdk/table';

const OS = ['aws-opensearchservice.Domain', 'aws-elasticsearch.Domain'];

/** How opensearch-node-to-node-encrypted reads CDK L2 constructs (core/cdk/check.ts evaluates it); L1 `Cfn*` constructs reach the `template` hook. */
export const opensearchNodeToNodeEncryptedCdk: PropCheck[] = [
  {
    target: { kind: 'construct', fqn: OS },
    anyOf: [{ path: ['nodeToNodeEncryption'], good: [{ lit: [true] }] }],
    missing: "Traffic between the domain's nodes is not encrypted: nodeToNodeEncryption defaults to false. Enable it.",
    missingOkWhen: [{ has: [['useUnsignedBasicAuth']] }],
    bad: "Traffic between the domain's nodes is not encrypted ({value}). Enable it.",
    fix: [{ title: 'Encrypt node-to-node traffic (nodeToNodeEncryption: true)', set: [{ path: ['nodeToNodeEncryption'], value: true }] }],
  },
];
