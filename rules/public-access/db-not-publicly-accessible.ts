import { Rule } from '../../core/rule';
import { runL2Checks } from '../../core/cdk/check';
import { dbNotPubliclyAccessibleCdk } from './db-not-publicly-accessible.cdk';
import { propertiesUnreadable } from '../lib/paths';
import { checkProperty, mustBeFalse } from '../lib/property-value';
import { Reporter } from '../lib/reporter';

/** Types with a `PubliclyAccessible` flag, and whether an omitted flag means public. */
const TYPES: { type: string; what: string; defaultPublic: boolean }[] = [
  { type: 'AWS::RDS::DBInstance', what: 'RDS instance', defaultPublic: false },
  { type: 'AWS::Redshift::Cluster', what: 'Redshift cluster', defaultPublic: false },
  { type: 'AWS::RedshiftServerless::Workgroup', what: 'Redshift Serverless workgroup', defaultPublic: false },
  // DMS makes replication instances public unless told otherwise.
  { type: 'AWS::DMS::ReplicationInstance', what: 'DMS replication instance', defaultPublic: true },
];

/** Compliant: RDS instances, Redshift clusters and workgroups, and DMS replication instances have `PubliclyAccessible: false` (DMS: set explicitly, since it defaults to public). */
export const dbNotPubliclyAccessible: Rule = {
  meta: {
    id: 'db-not-publicly-accessible',
    title: 'Databases are not publicly accessible',
    compliant:
      '`PubliclyAccessible` is false (or omitted where the default is private) on RDS instances, Redshift clusters and workgroups and DMS replication instances.',
    description:
      'A publicly accessible database gets a public DNS name and IP address; one security group rule away from the internet, its login page is open to credential stuffing and exploits. ' +
      'Databases belong in private subnets, reached from the application tier, a bastion-less Session Manager tunnel or a VPN.',
    category: 'public-access',
    severity: 'error',
    profile: 'recommended',
    resourceTypes: TYPES.map((x) => x.type),
    syntaxes: ['cfn-yaml', 'cfn-json', 'cdk-ts', 'cdk-py'],
    references: [
      {
        title: 'Hiding a DB instance in a VPC from the internet',
        url: 'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_VPC.WorkingWithRDSInstanceinaVPC.html#USER_VPC.Hiding',
      },
      {
        title: 'Public and private DMS replication instances',
        url: 'https://docs.aws.amazon.com/dms/latest/userguide/CHAP_ReplicationInstance.PublicPrivate.html',
      },
    ],
    controls: ['RDS.2', 'Redshift.1', 'DMS.1'],
    equivalents: {
      guard: ['RDS_INSTANCE_PUBLIC_ACCESS_CHECK', 'REDSHIFT_CLUSTER_PUBLIC_ACCESS_CHECK', 'DMS_REPLICATION_NOT_PUBLIC'],
      checkov: ['CKV_AWS_17', 'CKV_AWS_87', 'CKV_AWS_89'],
      cdkNag: ['RDSInstancePublicAccess', 'RedshiftClusterPublicAccess', 'DMSReplicationNotPublic', 'DMS1'],
    },
    fix: 'Sets `PubliclyAccessible: false`.',
    fixSafety: 'suggestion',
  },
  template(t, ctx) {
    const rep = new Reporter(ctx);
    for (const { type, what, defaultPublic } of TYPES) {
      for (const r of t.byType.get(type) ?? []) {
        if (propertiesUnreadable(r)) continue;
        checkProperty(t, rep, r, {
          path: ['PubliclyAccessible'],
          judge: mustBeFalse,
          fixValue: false,
          fixTitle: 'Make it private (PubliclyAccessible: false)',
          missing: defaultPublic
            ? {
                message: `${what} ${r.id} is publicly accessible: DMS makes replication instances public unless PubliclyAccessible is false. Set PubliclyAccessible: false.`,
              }
            : undefined,
          bad: () =>
            `${what} ${r.id} is publicly accessible (PubliclyAccessible: true): it gets a public address reachable from the internet. Set PubliclyAccessible: false.`,
        });
      }
    }
  },
  source(ctx) {
    runL2Checks(ctx, dbNotPubliclyAccessibleCdk);
  },
};
