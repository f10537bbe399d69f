import type { Alternative, Condition, FixPlan, PropCheck } from '../../core/cdk/table';

const AG = 'aws-apigateway';
/** TLS_1_2 and the enhanced policies (SecurityPolicy_*), which all refuse TLS 1.0 and 1.1. */
const MODERN = [
  'TLS_1_2',
  'TLS13_1_3_2025_09',
  'TLS13_1_3_FIPS_2025_09',
  'TLS13_1_2_PQ_2025_09',
  'TLS13_1_2_PFS_PQ_2025_09',
  'TLS13_2025_EDGE',
  'TLS12_PFS_2025_EDGE',
  'TLS12_2018_EDGE',
];
const policy = (path: string[], mod: string): Alternative => ({
  path,
  good: [{ enum: `${mod}.SecurityPolicy`, members: MODERN }],
  bad: [{ enum: `${mod}.SecurityPolicy`, members: ['TLS_1_0'] }],
});
const MISSING =
  'The custom domain sets no securityPolicy, so the template leaves it to API Gateway, whose default for REST custom domains has been TLS_1_0. Set SecurityPolicy.TLS_1_2.';
const BAD = 'The custom domain accepts TLS 1.0 and 1.1 ({value}). Use SecurityPolicy.TLS_1_2.';
const fix = (path: string[]): FixPlan[] => [
  { title: 'Use SecurityPolicy.TLS_1_2', set: [{ path, value: { enum: `${AG}.SecurityPolicy`, member: 'TLS_1_2' } }] },
];
const NO_DOMAIN: Condition = { lacks: [['domainName']] };

/** How apigateway-domain-tls-1-2 reads CDK L2 constructs (core/cdk/check.ts evaluates it); L1 `Cfn*` constructs reach the `template` hook. */
export const apigatewayDomainTls12Cdk: PropCheck[] = [
  {
    target: { kind: 'construct', fqn: [`${AG}.DomainName`] },
    anyOf: [policy(['securityPolicy'], AG)],
    missing: MISSING,
    bad: BAD,
    fix: fix(['securityPolicy']),
  },
  {
    target: { kind: 'construct', fqn: [`${AG}.RestApi`, `${AG}.LambdaRestApi`, `${AG}.SpecRestApi`] },
    anyOf: [policy(['domainName', 'securityPolicy'], AG)],
    missing: MISSING,
    bad: BAD,
    skipWhen: [NO_DOMAIN],
    fix: fix(['domainName', 'securityPolicy']),
  },
  {
    target: { kind: 'method', on: [`${AG}.RestApi`, `${AG}.LambdaRestApi`, `${AG}.SpecRestApi`], method: 'addDomainName', propsArg: 1 },
    anyOf: [policy(['securityPolicy'], AG)],
    missing: MISSING,
    bad: BAD,
    fix: fix(['securityPolicy']),
  },
  {
    // HTTP and WebSocket APIs support TLS 1.2 only: just an explicit TLS_1_0 is wrong.
    target: { kind: 'construct', fqn: ['aws-apigatewayv2.DomainName'] },
    anyOf: [policy(['securityPolicy'], 'aws-apigatewayv2')],
    bad: BAD,
    fix: [
      {
        title: 'Use SecurityPolicy.TLS_1_2',
        set: [{ path: ['securityPolicy'], value: { enum: 'aws-apigatewayv2.SecurityPolicy', member: 'TLS_1_2' } }],
      },
    ],
  },
];
