import { Rule } from '../../core/rule';
import { everyMustBeTrue } from '../lib/property-value';

/** Compliant: every ElastiCache replication group sets `AtRestEncryptionEnabled: true`. */
export const elasticacheReplicationGroupEncryptedAtRest: Rule = {
  meta: {
    id: 'elasticache-replication-group-encrypted-at-rest',
    title: 'ElastiCache replication groups are encrypted at rest',
    compliant: '`AWS::ElastiCache::ReplicationGroup` has `AtRestEncryptionEnabled: true`.',
    description:
      'Without at-rest encryption, a Redis or Valkey replication group writes swap files, backups and snapshots to disk in plaintext. ' +
      'The setting can only be chosen when the group is created.',
    category: 'encryption-at-rest',
    severity: 'error',
    profile: 'recommended',
    resourceTypes: ['AWS::ElastiCache::ReplicationGroup'],
    syntaxes: ['cfn-yaml', 'cfn-json', 'cdk-ts', 'cdk-py'],
    references: [
      {
        title: 'At-rest encryption in ElastiCache',
        url: 'https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/at-rest-encryption.html',
      },
      {
        title: 'AWS::ElastiCache::ReplicationGroup',
        url: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-elasticache-replicationgroup.html',
      },
    ],
    controls: ['ElastiCache.4'],
    equivalents: {
      guard: ['ELASTICACHE_REPLICATION_GROUP_ENCRYPTION_AT_REST'],
      cfnNag: ['F25'],
      checkov: ['CKV_AWS_29'],
      cdkNag: ['AwsSolutions-AEC3', 'ElastiCacheRedisClusterEncryption'],
    },
    fix: 'Sets `AtRestEncryptionEnabled: true` (the replication group is replaced).',
    fixSafety: 'suggestion',
  },
  template(t, ctx) {
    everyMustBeTrue(t, ctx, ['AWS::ElastiCache::ReplicationGroup'], () => ({
      path: ['AtRestEncryptionEnabled'],
      fixTitle: 'Set AtRestEncryptionEnabled: true (causes replacement of the replication group)',
      missing: { message: 'The replication group is not encrypted at rest: AtRestEncryptionEnabled defaults to false. Set it to true.' },
      bad: () => 'The replication group is not encrypted at rest (AtRestEncryptionEnabled is false). Set it to true.',
    }));
  },
};
