import { Scalar, stringValue } from '../../core/nodes';
import { Rule } from '../../core/rule';
import { Resource, Template } from '../../core/template';
import { resolvePath } from '../../core/values';
import { runL2Checks } from '../../core/cdk/check';
import { rdsStorageEncryptedCdk } from './rds-storage-encrypted.cdk';
import { checkProperty, mustBeTrue } from '../lib/property-value';
import { Reporter } from '../lib/reporter';

/** Properties that make a DB instance take its encryption from somewhere else. */
const INSTANCE_INHERITS = [
  'DBClusterIdentifier',
  'DBSnapshotIdentifier',
  'SourceDBInstanceIdentifier',
  'SourceDBClusterIdentifier',
  'SourceDBInstanceAutomatedBackupsArn',
];
/** Properties that make a DB cluster take its encryption from a snapshot or a source cluster. */
const CLUSTER_INHERITS = ['SnapshotIdentifier', 'SourceDBClusterIdentifier'];

const FIX_TITLE = 'Set StorageEncrypted to true (CloudFormation replaces an existing database: snapshot it first)';
const bad = (v: Scalar): string =>
  `Storage is not encrypted: StorageEncrypted is ${String(v)}. Set it to true; data, logs, backups and snapshots are then encrypted with KMS.`;

/** An Aurora Serverless v1 cluster cannot be unencrypted (AWS: the cluster volume is always encrypted). */
const badV1 = (v: Scalar): string =>
  `StorageEncrypted is ${String(v)} on an Aurora Serverless v1 cluster, whose volume is always encrypted: the template asks for what v1 cannot be. Set it to true.`;

/** Compliant: every RDS DB instance and DB cluster that owns its storage sets `StorageEncrypted: true`. */
export const rdsStorageEncrypted: Rule = {
  meta: {
    id: 'rds-storage-encrypted',
    title: 'RDS storage is encrypted',
    compliant:
      'StorageEncrypted is true on every DB cluster and on every DB instance that is not part of a cluster, a replica or a restore.',
    description:
      'An RDS database without storage encryption keeps its data, automated backups, read replicas and snapshots in the clear on disk; ' +
      'anyone who obtains a snapshot (shared by mistake, copied to another account) can read it. ' +
      'Encryption can only be chosen when the database is created, so turning it on later means a migration.',
    category: 'encryption-at-rest',
    severity: 'error',
    profile: 'recommended',
    resourceTypes: ['AWS::RDS::DBInstance', 'AWS::RDS::DBCluster'],
    syntaxes: ['cfn-yaml', 'cfn-json', 'cdk-ts', 'cdk-py'],
    references: [
      { title: 'Encrypting Amazon RDS resources', url: 'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Overview.Encryption.html' },
      {
        title: 'AWS::RDS::DBInstance StorageEncrypted',
        url: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-rds-dbinstance.html#cfn-rds-dbinstance-storageencrypted',
      },
      {
        title: 'AWS::RDS::DBCluster StorageEncrypted',
        url: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-rds-dbcluster.html#cfn-rds-dbcluster-storageencrypted',
      },
      {
        title: 'Using Amazon Aurora Serverless v1 (the cluster volume is always encrypted)',
        url: 'https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/aurora-serverless.html',
      },
    ],
    controls: ['RDS.3', 'RDS.27'],
    equivalents: {
      guard: ['RDS_STORAGE_ENCRYPTED'],
      cfnNag: ['F26', 'F27'],
      checkov: ['CKV_AWS_16', 'CKV_AWS_96'],
      cdkNag: ['RDSStorageEncrypted', 'RDS2'],
    },
    fix: 'Sets StorageEncrypted to true. CloudFormation replaces a database whose StorageEncrypted changes, so snapshot and migrate an existing one.',
    fixSafety: 'suggestion',
  },
  template(t, ctx) {
    const rep = new Reporter(ctx);
    const opts = { path: ['StorageEncrypted'], judge: mustBeTrue, fixValue: true, fixTitle: FIX_TITLE, bad };
    for (const r of t.byType.get('AWS::RDS::DBInstance') ?? []) {
      // An Aurora instance's cluster decides; a replica or restore inherits from its source.
      if (INSTANCE_INHERITS.some((p) => present(t, r, p))) continue;
      checkProperty(t, rep, r, {
        ...opts,
        missing: {
          message: `Storage is not encrypted: DB instance ${r.id} does not set StorageEncrypted, and RDS defaults to unencrypted. Set StorageEncrypted: true.`,
        },
      });
    }
    for (const r of t.byType.get('AWS::RDS::DBCluster') ?? []) {
      if (CLUSTER_INHERITS.some((p) => present(t, r, p))) continue;
      // Aurora Serverless v1 clusters are always encrypted: nothing is missing, and `false` asks for what v1 cannot be.
      const serverlessV1 = resolvePath(t, r.node, ['Properties', 'EngineMode']).some(
        (o) => o.kind === 'value' && stringValue(o.node) === 'serverless',
      );
      checkProperty(t, rep, r, {
        ...opts,
        bad: serverlessV1 ? badV1 : bad,
        // A template mistake, not an unencrypted database.
        badSeverity: serverlessV1 ? 'warning' : undefined,
        missing: serverlessV1
          ? undefined
          : {
              message: `Storage is not encrypted: DB cluster ${r.id} does not set StorageEncrypted, and RDS defaults to unencrypted. Set StorageEncrypted: true.`,
            },
      });
    }
  },
  source(ctx) {
    runL2Checks(ctx, rdsStorageEncryptedCdk);
  },
};

/** True when the property has (or may have, through a condition) a value other than `AWS::NoValue`. */
function present(t: Template, r: Resource, prop: string): boolean {
  return resolvePath(t, r.node, ['Properties', prop]).some((o) => o.kind !== 'missing');
}
