import { runL2Checks } from '../../core/cdk/check';
import { Rule } from '../../core/rule';
import { propertiesUnreadable } from '../lib/paths';
import { checkProperty, mustBeTrue } from '../lib/property-value';
import { Reporter } from '../lib/reporter';
import { rdsProxyRequireTlsCdk } from './rds-proxy-require-tls.cdk';

/** Compliant: every RDS Proxy sets `RequireTLS: true` (CloudFormation's default is false; aws-cdk-lib's is true). */
export const rdsProxyRequireTls: Rule = {
  meta: {
    id: 'rds-proxy-require-tls',
    title: 'RDS Proxy requires TLS from its clients',
    compliant: '`AWS::RDS::DBProxy` has `RequireTLS: true` (CDK `DatabaseProxy`: `requireTLS` left at its default, true).',
    description:
      'Without `RequireTLS`, an RDS Proxy accepts plain-text connections from its clients, so queries, results and database passwords cross the VPC unencrypted ' +
      'whatever the database itself requires. CloudFormation creates proxies with `RequireTLS` off when the property is omitted.',
    category: 'encryption-in-transit',
    severity: 'warning',
    profile: 'recommended',
    resourceTypes: ['AWS::RDS::DBProxy'],
    syntaxes: ['cfn-yaml', 'cfn-json', 'cdk-ts', 'cdk-py'],
    references: [
      {
        title: 'Using TLS/SSL with RDS Proxy',
        url: 'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/rds-proxy.howitworks.html#rds-proxy-security.tls',
      },
      {
        title: 'AWS::RDS::DBProxy RequireTLS',
        url: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-rds-dbproxy.html',
      },
    ],
    fix: 'Sets `RequireTLS: true` (`requireTLS: true` in CDK). Clients that connect without TLS are then refused: check their connection settings first.',
    fixSafety: 'suggestion',
  },
  template(t, ctx) {
    const rep = new Reporter(ctx);
    for (const r of t.byType.get('AWS::RDS::DBProxy') ?? []) {
      if (propertiesUnreadable(r)) continue;
      checkProperty(t, rep, r, {
        path: ['RequireTLS'],
        judge: mustBeTrue,
        fixValue: true,
        fixTitle: 'Require TLS from clients (RequireTLS: true)',
        missing: {
          message: `RDS Proxy ${r.id} accepts clients without TLS: RequireTLS defaults to false. Set RequireTLS: true.`,
        },
        bad: () => `RDS Proxy ${r.id} accepts clients without TLS (RequireTLS: false). Set RequireTLS: true.`,
      });
    }
  },
  source(ctx) {
    runL2Checks(ctx, rdsProxyRequireTlsCdk);
  },
};
