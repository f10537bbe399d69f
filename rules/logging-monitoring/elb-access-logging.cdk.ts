import type { FollowUp, PropCheck } from '../../core/cdk/table';

const ELB = 'aws-elasticloadbalancingv2';
const PATTERNS = ['Fargate', 'Ec2'].map((launch) => `aws-ecs-patterns.ApplicationLoadBalanced${launch}Service`);

/** Access logs turned on after the fact: `lb.logAccessLogs(bucket)`, or the attribute set by hand. */
const LOGGED = (via?: string): FollowUp[] => [
  { method: 'logAccessLogs', propsArg: 0, via },
  { method: 'setAttribute', propsArg: 0, via },
];

/**
 * How elb-access-logging reads CDK L2 constructs (core/cdk/check.ts evaluates it); L1 `Cfn*` constructs reach the
 * `template` hook. Internet-facing application load balancers, and the network load-balanced patterns' NLBs with a TLS
 * listener: L2 load balancers are internal unless told, and an NLB logs TLS listeners only.
 */
export const elbAccessLoggingCdk: PropCheck[] = [
  {
    target: { kind: 'construct', fqn: [`${ELB}.ApplicationLoadBalancer`] },
    // The props have no logging setting: only logAccessLogs (or setAttribute) turns it on.
    anyOf: [],
    missing:
      'The internet-facing load balancer writes no access logs: nothing calls logAccessLogs on it, so requests through it leave no record. Log them to an S3 bucket (logAccessLogs).',
    bad: 'The internet-facing load balancer writes no access logs.',
    skipWhen: [{ not: { prop: ['internetFacing'], is: { lit: [true] } } }],
    satisfiedBy: LOGGED(),
    // No automatic fix: which bucket receives the logs (and who reads them) is the author's choice.
  },
  {
    // The pattern creates an internet-facing ALB unless given one, or told publicLoadBalancer: false.
    target: { kind: 'construct', fqn: PATTERNS },
    anyOf: [],
    missing:
      "The service's internet-facing load balancer writes no access logs: nothing calls loadBalancer.logAccessLogs, so requests through it leave no record. Log them to an S3 bucket.",
    bad: "The service's internet-facing load balancer writes no access logs.",
    skipWhen: [{ has: [['loadBalancer']] }, { prop: ['publicLoadBalancer'], isNot: { lit: [true] } }],
    satisfiedBy: LOGGED('loadBalancer'),
  },
  {
    // An NLB logs its TLS listeners only: the pattern has one when given a listenerCertificate, else none to log.
    target: { kind: 'construct', fqn: ['Fargate', 'Ec2'].map((launch) => `aws-ecs-patterns.NetworkLoadBalanced${launch}Service`) },
    anyOf: [],
    missing:
      'The public network load balancer of {id} writes no access logs for its TLS listener: nothing calls loadBalancer.logAccessLogs, so connections through it leave no record. Log them to an S3 bucket (loadBalancer.logAccessLogs).',
    bad: 'The public network load balancer of {id} writes no access logs. Log them to an S3 bucket (loadBalancer.logAccessLogs).',
    skipWhen: [{ has: [['loadBalancer']] }, { prop: ['publicLoadBalancer'], isNot: { lit: [true] } }, { lacks: [['listenerCertificate']] }],
    satisfiedBy: LOGGED('loadBalancer'),
  },
];
