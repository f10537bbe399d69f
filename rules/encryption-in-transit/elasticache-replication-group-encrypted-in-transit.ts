import { Rule } from '../../core/rule';
import { Resource, Template } from '../../core/template';
import { asBool } from '../../core/values';
import { checkProperty, mustBeTrue, outcomesOf } from '../lib/property-value';
import { Reporter } from '../lib/reporter';

/** The one value a path has, when the template decides it (no parameter choice, no `Fn::If`). */
function only(t: Template, r: Resource, prop: string): string | undefined {
  const outs = outcomesOf(t, r.node, ['Properties', prop]);
  return outs.length === 1 && outs[0].kind === 'value' ? String(outs[0].value).toLowerCase() : undefined;
}

/** `1.6.12` or later (or no version: ElastiCache picks the newest). */
function tlsCapableMemcached(version: string | undefined): boolean {
  if (version === undefined) return true;
  const [a, b, c] = version.split('.').map(Number);
  return a > 1 || (a === 1 && (b > 6 || (b === 6 && (c ?? 0) >= 12)));
}

/** A single-cluster cache (`AWS::ElastiCache::CacheCluster`): Memcached 1.6.12+ encrypts in transit when told; Redis OSS and Valkey cannot. */
function checkCacheCluster(t: Template, rep: Reporter, r: Resource): void {
  const engine = only(t, r, 'Engine');
  const on = outcomesOf(t, r.node, ['Properties', 'TransitEncryptionEnabled']);
  if (on.some((o) => o.kind === 'unknown' || (o.kind === 'value' && asBool(o.value) === true))) return;
  if (engine === 'redis' || engine === 'valkey') {
    rep.report({
      node: r.keyNode,
      resource: r,
      message: `Traffic to the ${engine === 'redis' ? 'Redis OSS' : 'Valkey'} cache cluster is not encrypted, and a single cache cluster cannot encrypt it. Replace it with a replication group that sets TransitEncryptionEnabled: true.`,
    });
    return;
  }
  if (engine !== 'memcached') return;
  const capable = tlsCapableMemcached(only(t, r, 'EngineVersion'));
  checkProperty(t, rep, r, {
    path: ['TransitEncryptionEnabled'],
    judge: mustBeTrue,
    fixValue: capable ? true : undefined,
    fixTitle: 'Set TransitEncryptionEnabled: true (replaces the cluster; Memcached 1.6.12 or later, in a VPC)',
    missing: {
      message: `Traffic to the Memcached cluster is not encrypted: TransitEncryptionEnabled defaults to false. Set it to true${capable ? '' : ' (Memcached 1.6.12 or later)'}.`,
    },
    bad: () => 'Traffic to the Memcached cluster is not encrypted (TransitEncryptionEnabled is false). Set it to true.',
  });
}

/** Compliant: every ElastiCache replication group, and every Memcached cache cluster, sets `TransitEncryptionEnabled: true`; Redis OSS and Valkey run as replication groups. */
export const elasticacheReplicationGroupEncryptedInTransit: Rule = {
  meta: {
    id: 'elasticache-replication-group-encrypted-in-transit',
    title: 'ElastiCache clusters encrypt traffic in transit',
    compliant:
      '`AWS::ElastiCache::ReplicationGroup` and Memcached `AWS::ElastiCache::CacheCluster` have `TransitEncryptionEnabled: true`; Redis OSS and Valkey run as replication groups (a single cache cluster of theirs cannot encrypt in transit).',
    description:
      'Without in-transit encryption, clients talk to Redis or Valkey in plain text and replicas sync in plain text, so cached sessions, tokens and the AUTH password can be read on the network. ' +
      'An AUTH token or RBAC user group also requires in-transit encryption.',
    category: 'encryption-in-transit',
    severity: 'warning',
    profile: 'recommended',
    resourceTypes: ['AWS::ElastiCache::ReplicationGroup', 'AWS::ElastiCache::CacheCluster'],
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
    fix: 'Sets `TransitEncryptionEnabled: true` (older engine versions replace the group, a Memcached cache cluster is replaced; clients must then connect with TLS).',
    fixSafety: 'suggestion',
  },
  template(t, ctx) {
    const rep = new Reporter(ctx);
    for (const r of t.byType.get('AWS::ElastiCache::ReplicationGroup') ?? []) {
      checkProperty(t, rep, r, {
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
    for (const r of t.byType.get('AWS::ElastiCache::CacheCluster') ?? []) checkCacheCluster(t, rep, r);
  },
};
