import type { PropCheck } from '../../core/cdk/table';

const ELB = 'aws-elasticloadbalancingv2';

/** How elbv2-listener-tls-1-2 reads CDK L2 constructs (core/cdk/check.ts evaluates it); L1 `Cfn*` constructs reach the `template` hook. */
export const elbv2ListenerTls12Cdk: PropCheck[] = [
  {
    target: { kind: 'construct', fqn: [`${ELB}.ApplicationListener`, `${ELB}.NetworkListener`] },
    anyOf: [
      {
        path: ['sslPolicy'],
        good: [],
        bad: [
          {
            enum: `${ELB}.SslPolicy`,
            members: [
              'LEGACY',
              'TLS11',
              'FORWARD_SECRECY_TLS11',
              'FORWARD_SECRECY',
              'TLS13_10',
              'TLS13_11',
              'RECOMMENDED',
              'TLS12',
              'FORWARD_SECRECY_TLS10',
            ],
          },
        ],
      },
    ],
    bad: 'The listener allows TLS versions below 1.2 ({value}). Use SslPolicy.RECOMMENDED_TLS.',
    fix: [
      {
        title: 'Use SslPolicy.RECOMMENDED_TLS',
        set: [{ path: ['sslPolicy'], value: { enum: `${ELB}.SslPolicy`, member: 'RECOMMENDED_TLS' } }],
      },
    ],
  },
  {
    target: { kind: 'method', on: [`${ELB}.ApplicationLoadBalancer`, `${ELB}.NetworkLoadBalancer`], method: 'addListener', propsArg: 1 },
    anyOf: [
      {
        path: ['sslPolicy'],
        good: [],
        bad: [
          {
            enum: `${ELB}.SslPolicy`,
            members: [
              'LEGACY',
              'TLS11',
              'FORWARD_SECRECY_TLS11',
              'FORWARD_SECRECY',
              'TLS13_10',
              'TLS13_11',
              'RECOMMENDED',
              'TLS12',
              'FORWARD_SECRECY_TLS10',
            ],
          },
        ],
      },
    ],
    bad: 'The listener allows TLS versions below 1.2 ({value}). Use SslPolicy.RECOMMENDED_TLS.',
    fix: [
      {
        title: 'Use SslPolicy.RECOMMENDED_TLS',
        set: [{ path: ['sslPolicy'], value: { enum: `${ELB}.SslPolicy`, member: 'RECOMMENDED_TLS' } }],
      },
    ],
  },
];
