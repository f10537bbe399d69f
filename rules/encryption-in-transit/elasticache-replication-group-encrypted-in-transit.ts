import { Rule } from '../../core/rule';
import { checkValue, mustBeTrue, Reporter } from '../lib/encryption';

/** Compliant: every ElastiCache replication group sets `TransitEncryptionEnabled: true`. */
export const elasticacheReplicationGroupEncryptedInTransit: Rule = {
  meta: {
    id: 'elasticache-replication-group-encrypted-in-transit',
    title: 'ElastiCache replication groups encrypt traffic in transit',
    compliant: '`AWS::ElastiCache::ReplicationGroup` has `TransitEncryptionEnabled: true`.',
    description:
      'Without in-transit encryption, clients talk to Redis or Valkey in plain text and replicas sync in plain text, so cached sessions, tokens and the AUTH password can be read on the network. ' +
      'An AUTH token or RBAC user group also requires in-transit encryption.',
    category: 'encryption-in-transit',
    severity: 'warning',
    profile: 'recommended',
    resourceTypes: ['AWS::ElastiCache::ReplicationGroup'],
    syntaxes: ['cfn-yaml', 'cfn-json', 'cdk-ts', 'cdk-py'],
    references: [
      {
        title: 'ElastiCache in-transit encryption (TLS)',
        url: 'https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/in-transit-encryption.html',
      },
      {
        title: 'AWS::ElastiCache::ReplicationGroup',
        url: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-elasticache-replicationgroup.html',
      },
    ],
    controls: ['ElastiCache.5'],
    equivalents: {
      guard: ['ELASTICACHE_REPLICATION_GROUP_ENCRYPTION_IN_TRANSIT'],
      cfnNag: ['F33'],
      checkov: ['CKV_AWS_30', 'CKV_AWS_31'],
      cdkNag: ['AwsSolutions-AEC3', 'ElastiCacheRedisClusterEncryption'],
    },
    fix: 'Sets `TransitEncryptionEnabled: true` (older engine versions replace the group; clients must then connect with TLS).',
    fixSafety: 'suggestion',
  },
  template(t, ctx) {
    const rep = new Reporter(ctx);
    for (const r of t.byType.get('AWS::ElastiCache::ReplicationGroup') ?? []) {
      checkValue(t, rep, r, {
        path: ['TransitEncryptionEnabled'],
        judge: mustBeTrue,
        fixValue: true,
        fixTitle: 'Set TransitEncryptionEnabled: true (may cause replacement on engines before Redis 7)',
        missing: {
          message:
            'Traffic to and within the replication group is not encrypted: TransitEncryptionEnabled defaults to false. Set it to true.',
        },
        bad: () => 'Traffic to and within the replication group is not encrypted (TransitEncryptionEnabled is false). Set it to true.',
      });
    }
  },
};
