import type { PropCheck, Target } from '../../core/cdk/table';

const ELB = 'aws-elasticloadbalancingv2';

/** How elbv2-listener-https reads CDK L2 constructs (core/cdk/check.ts evaluates it); L1 `Cfn*` constructs reach the `template` hook. */
export const elbv2ListenerHttpsCdk: PropCheck[] = [
  ...(
    [
      { kind: 'construct', fqn: [`${ELB}.ApplicationListener`] },
      { kind: 'method', on: [`${ELB}.ApplicationLoadBalancer`], method: 'addListener', propsArg: 1 },
    ] as Target[]
  ).map((target): PropCheck => ({
    target,
    anyOf: [
      {
        path: ['protocol'],
        good: [{ enum: `${ELB}.ApplicationProtocol`, members: ['HTTPS'] }],
        bad: [{ enum: `${ELB}.ApplicationProtocol`, members: ['HTTP'] }],
      },
      // Without a protocol, CDK infers HTTPS from port 443 or certificates, HTTP from port 80.
      { path: ['port'], good: [{ lit: [443] }], bad: [{ lit: [80] }] },
      { path: ['certificates'], good: [{ present: true }], bad: [] },
      { path: ['defaultAction'], good: [{ call: [`${ELB}.ListenerAction.redirect`] }], bad: [] },
    ],
    bad: 'The listener serves plain HTTP ({value}) and does not redirect to HTTPS. Redirect to HTTPS (or serve HTTPS with a certificate).',
    reportOnce: true,
    // `listener.addAction(id, { action })` without conditions or priority replaces the default action.
    satisfiedBy: [
      {
        method: 'addAction',
        propsArg: 1,
        path: ['action'],
        is: { call: [`${ELB}.ListenerAction.redirect`] },
        unless: [['conditions'], ['priority']],
      },
    ],
    fix: [
      {
        // defaultAction together with defaultTargetGroups throws at synth: no automatic fix then.
        when: [{ lacks: [['defaultTargetGroups']] }],
        title: 'Redirect to HTTPS (defaultAction: ListenerAction.redirect)',
        set: [
          {
            path: ['defaultAction'],
            value: { call: `${ELB}.ListenerAction.redirect`, props: { protocol: 'HTTPS', port: '443', permanent: true } },
          },
        ],
      },
    ],
  })),
  {
    // The pattern's listener is HTTPS with a certificate (or protocol HTTPS and a domain), else plain HTTP on 80.
    target: { kind: 'construct', fqn: ['Fargate', 'Ec2'].map((launch) => `aws-ecs-patterns.ApplicationLoadBalanced${launch}Service`) },
    anyOf: [
      {
        path: ['protocol'],
        good: [{ enum: `${ELB}.ApplicationProtocol`, members: ['HTTPS'] }],
        bad: [{ enum: `${ELB}.ApplicationProtocol`, members: ['HTTP'] }],
      },
      { path: ['certificate'], good: [{ present: true }], bad: [] },
    ],
    missing:
      "The service's public load balancer listens on plain HTTP: there is no certificate and protocol is not HTTPS, so requests and responses cross the internet unencrypted. Give it a certificate (protocol HTTPS, redirectHTTP: true).",
    bad: "The service's public load balancer listens on plain HTTP ({value}). Give it a certificate (protocol HTTPS, redirectHTTP: true).",
    reportOnce: true,
    // An internal load balancer (or one the file does not decide) is not judged here.
    skipWhen: [{ prop: ['publicLoadBalancer'], isNot: { lit: [true] } }],
    // No automatic fix: a certificate needs a domain the author owns.
  },
  {
    // The NLB pattern's listener is TLS with a listenerCertificate, else plain TCP on listenerPort (80 by default).
    target: { kind: 'construct', fqn: ['Fargate', 'Ec2'].map((launch) => `aws-ecs-patterns.NetworkLoadBalanced${launch}Service`) },
    anyOf: [{ path: ['listenerCertificate'], good: [{ present: true }], bad: [] }],
    missing:
      "The public network load balancer of {id} listens on plain TCP port 80, HTTP's port: with no listenerCertificate there is no TLS listener, so requests and responses cross the internet unencrypted. Give it a listenerCertificate (a TLS listener on 443).",
    bad: 'The public network load balancer of {id} has no TLS listener. Give it a listenerCertificate.',
    // Internal load balancers, and a port other than 80 (whose protocol the file does not say), are not judged here.
    skipWhen: [
      { prop: ['publicLoadBalancer'], isNot: { lit: [true] } },
      { prop: ['listenerPort'], isNot: { lit: [80] } },
    ],
    // No automatic fix: a certificate needs a domain the author owns.
  },
];
