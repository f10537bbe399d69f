import type { Condition, PropCheck, Target } from '../../core/cdk/table';

const ELB = 'aws-elasticloadbalancingv2';
/** Predefined policies that allow TLS 1.0 or 1.1. */
const LEGACY = [
  'LEGACY',
  'TLS11',
  'FORWARD_SECRECY_TLS11',
  'FORWARD_SECRECY',
  'TLS13_10',
  'TLS13_11',
  'RECOMMENDED',
  'TLS12',
  'FORWARD_SECRECY_TLS10',
];
const HTTPS = { enum: `${ELB}.ApplicationProtocol`, members: ['HTTPS'] };
/** aws-cdk-lib names ELBSecurityPolicy-TLS13-1-2-PQ-2025-09 for HTTPS listeners without sslPolicy under this flag, else none. */
const PQ_FLAG: Condition = { flag: '@aws-cdk/aws-elasticloadbalancingv2:usePostQuantumTlsPolicy', value: true };
const NO_POLICY =
  'The HTTPS listener names no sslPolicy, and without the post-quantum TLS policy feature flag in cdk.json aws-cdk-lib writes none: the load balancer then uses ELBSecurityPolicy-2016-08, which accepts TLS 1.0 and 1.1. Use SslPolicy.RECOMMENDED_TLS.';
/** Not an HTTPS listener: protocol is not (or may not be) HTTPS and no certificate is given (`certificates`, or a pattern's `certificate`). */
const NOT_HTTPS = (certs: string): Condition => ({ all: [{ not: { prop: ['protocol'], is: HTTPS } }, { lacks: [[certs]] }] });

const LEGACY_POLICY = { enum: `${ELB}.SslPolicy`, members: LEGACY };
const LEGACY_MESSAGE = 'The listener allows TLS versions below 1.2 ({value}). Use SslPolicy.RECOMMENDED_TLS.';
const FIX: PropCheck['fix'] = [
  {
    title: 'Use SslPolicy.RECOMMENDED_TLS',
    set: [{ path: ['sslPolicy'], value: { enum: `${ELB}.SslPolicy`, member: 'RECOMMENDED_TLS' } }],
  },
];

/** How elbv2-listener-tls-1-2 reads CDK L2 constructs (core/cdk/check.ts evaluates it); L1 `Cfn*` constructs reach the `template` hook. */
export const elbv2ListenerTls12Cdk: PropCheck[] = [
  ...(
    [
      { kind: 'construct', fqn: [`${ELB}.ApplicationListener`, `${ELB}.NetworkListener`] },
      { kind: 'method', on: [`${ELB}.ApplicationLoadBalancer`, `${ELB}.NetworkLoadBalancer`], method: 'addListener', propsArg: 1 },
    ] as Target[]
  ).map((target): PropCheck => ({
    // A listener whose sslPolicy is written: judged by name.
    target,
    anyOf: [{ path: ['sslPolicy'], good: [], bad: [LEGACY_POLICY] }],
    bad: LEGACY_MESSAGE,
    fix: FIX,
  })),
  ...(
    [
      { kind: 'construct', fqn: [`${ELB}.ApplicationListener`] },
      { kind: 'method', on: [`${ELB}.ApplicationLoadBalancer`], method: 'addListener', propsArg: 1 },
    ] as Target[]
  ).map((target): PropCheck => ({
    // An HTTPS listener with no sslPolicy at all (a written one is judged above).
    target,
    anyOf: [{ path: ['sslPolicy'], good: [{ present: true }], bad: [] }],
    bad: NO_POLICY,
    missing: NO_POLICY,
    missingOkWhen: [PQ_FLAG],
    skipWhen: [NOT_HTTPS('certificates')],
    fix: FIX,
  })),
  {
    // The ALB service patterns pass their sslPolicy to the HTTPS listener they create.
    target: { kind: 'construct', fqn: ['Fargate', 'Ec2'].map((launch) => `aws-ecs-patterns.ApplicationLoadBalanced${launch}Service`) },
    anyOf: [{ path: ['sslPolicy'], good: [], bad: [LEGACY_POLICY] }],
    bad: LEGACY_MESSAGE,
    missing: NO_POLICY,
    missingOkWhen: [PQ_FLAG],
    skipWhen: [NOT_HTTPS('certificate')],
    fix: FIX,
  },
];
