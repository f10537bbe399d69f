import { Rule } from '../../core/rule';
import { checkProperty, outcomesOf } from '../lib/property-value';
import { Reporter } from '../lib/reporter';

/** Engines whose DMS endpoints take an `SslMode`; S3, DynamoDB, Kinesis and the like use service APIs over HTTPS. */
const SSL_ENGINES = new Set([
  'mysql',
  'mariadb',
  'aurora',
  'aurora-postgresql',
  'postgres',
  'oracle',
  'sqlserver',
  'mongodb',
  'docdb',
  'db2',
  'db2-zos',
  'sybase',
  'redshift',
  'redshift-serverless',
  'babelfish',
]);

/** Compliant: every DMS endpoint for a database engine uses TLS (`SslMode` other than `none`). */
export const dmsEndpointSsl: Rule = {
  meta: {
    id: 'dms-endpoint-ssl',
    title: 'DMS endpoints connect over TLS',
    compliant: '`AWS::DMS::Endpoint` for a database engine has `SslMode` `require`, `verify-ca` or `verify-full`.',
    description:
      '`SslMode: none`, the default, makes the replication instance read or write the whole database over an unencrypted connection, often across networks or accounts. ' +
      'A migration copies everything, so its connection deserves the same protection as the database.',
    category: 'encryption-in-transit',
    severity: 'warning',
    profile: 'recommended',
    resourceTypes: ['AWS::DMS::Endpoint'],
    syntaxes: ['cfn-yaml', 'cfn-json', 'cdk-ts', 'cdk-py'],
    references: [
      {
        title: 'Using SSL with AWS Database Migration Service',
        url: 'https://docs.aws.amazon.com/dms/latest/userguide/CHAP_Security.SSL.html',
      },
      {
        title: 'AWS::DMS::Endpoint',
        url: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-dms-endpoint.html',
      },
    ],
    controls: ['DMS.9'],
    fix: 'Sets `SslMode: require`.',
    fixSafety: 'suggestion',
  },
  template(t, ctx) {
    const rep = new Reporter(ctx);
    for (const r of t.byType.get('AWS::DMS::Endpoint') ?? []) {
      const engines = outcomesOf(t, r.node, ['Properties', 'EngineName']);
      if (!engines.some((o) => o.kind === 'value' && SSL_ENGINES.has(String(o.value).toLowerCase()))) continue;
      checkProperty(t, rep, r, {
        path: ['SslMode'],
        judge: (v) => (typeof v !== 'string' ? 'unknown' : v.toLowerCase() === 'none' ? 'bad' : 'ok'),
        fixValue: 'require',
        fixTitle: 'Set SslMode: require',
        missing: {
          message: 'The endpoint connects without TLS: SslMode defaults to none. Set it to require (or verify-full with a certificate).',
        },
        bad: () => 'The endpoint connects without TLS (SslMode: none). Set it to require (or verify-full with a certificate).',
      });
    }
  },
};
