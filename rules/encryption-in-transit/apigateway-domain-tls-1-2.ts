import { get } from '../../core/nodes';
import { Rule } from '../../core/rule';
import { checkProperty, outcomesOf, Verdict } from '../lib/property-value';
import { listItems } from '../lib/read-nodes';
import { Reporter } from '../lib/reporter';
import { runL2Checks } from '../../core/cdk/check';
import { apigatewayDomainTls12Cdk } from './apigateway-domain-tls-1-2.cdk';

/** TLS_1_2 and the enhanced `SecurityPolicy_TLS12_*` / `SecurityPolicy_TLS13_*` policies allow nothing older than TLS 1.2. */
const judge = (v: unknown): Verdict =>
  typeof v !== 'string' ? 'unknown' : /^(TLS_1_2|SecurityPolicy_TLS1_?2.*|SecurityPolicy_TLS13.*)$/i.test(v) ? 'ok' : 'bad';

/** Compliant: every API Gateway custom domain (REST, HTTP/WebSocket, SAM `Domain`) uses `SecurityPolicy: TLS_1_2`. */
export const apigatewayDomainTls12: Rule = {
  meta: {
    id: 'apigateway-domain-tls-1-2',
    title: 'API Gateway custom domains require TLS 1.2',
    compliant:
      '`SecurityPolicy: TLS_1_2` on `AWS::ApiGateway::DomainName`, each `AWS::ApiGatewayV2::DomainName` configuration, and SAM `Api`/`HttpApi` `Domain`.',
    description:
      'A custom domain name with `SecurityPolicy: TLS_1_0` (the historical default for REST APIs when none is given) accepts TLS 1.0 and 1.1 from clients, which are deprecated and open to downgrade attacks. ' +
      '`TLS_1_2` refuses them.',
    category: 'encryption-in-transit',
    severity: 'warning',
    profile: 'recommended',
    resourceTypes: ['AWS::ApiGateway::DomainName', 'AWS::ApiGatewayV2::DomainName', 'AWS::Serverless::Api', 'AWS::Serverless::HttpApi'],
    syntaxes: ['cfn-yaml', 'cfn-json', 'cdk-ts', 'cdk-py'],
    references: [
      {
        title: 'Choose a security policy for your custom domain in API Gateway',
        url: 'https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-custom-domain-tls-version.html',
      },
      {
        title: 'AWS::ApiGateway::DomainName',
        url: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-apigateway-domainname.html',
      },
    ],
    equivalents: { guard: ['API_GW_DOMAIN_DENY_NON_TLS_TRAFFIC'], cfnNag: ['W62'] },
    fix: 'Sets `SecurityPolicy: TLS_1_2`.',
    fixSafety: 'safe',
  },
  template(t, ctx) {
    const rep = new Reporter(ctx);
    const opts = {
      judge,
      fixValue: 'TLS_1_2',
      fixTitle: 'Set SecurityPolicy: TLS_1_2',
      bad: (v: unknown) => `SecurityPolicy ${String(v)} accepts TLS 1.0 and 1.1. Use TLS_1_2.`,
    };
    for (const r of t.byType.get('AWS::ApiGateway::DomainName') ?? []) {
      checkProperty(t, rep, r, {
        ...opts,
        path: ['SecurityPolicy'],
        missing: {
          message: 'The custom domain names no SecurityPolicy, so older API Gateway domains accept TLS 1.0. Set SecurityPolicy: TLS_1_2.',
        },
      });
    }
    for (const r of t.byType.get('AWS::ApiGatewayV2::DomainName') ?? []) {
      for (const c of listItems(t, r.node, ['Properties', 'DomainNameConfigurations']))
        checkProperty(t, rep, r, { ...opts, base: c, path: ['SecurityPolicy'] });
    }
    for (const r of [...(t.byType.get('AWS::Serverless::Api') ?? []), ...(t.byType.get('AWS::Serverless::HttpApi') ?? [])]) {
      for (const d of outcomesOf(t, r.node, ['Properties', 'Domain'])) {
        if (d.kind !== 'node' || !get(d.node, 'DomainName')) continue;
        checkProperty(t, rep, r, { ...opts, base: d.node, path: ['SecurityPolicy'] });
      }
    }
  },
  source(ctx) {
    runL2Checks(ctx, apigatewayDomainTls12Cdk);
  },
};
