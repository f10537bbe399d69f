import type { PropCheck } from '../../core/cdk/table';

const PATTERNS = 'aws-ecs-patterns';

/** How ecs-service-no-public-ip reads CDK L2 constructs (core/cdk/check.ts evaluates it); L1 `Cfn*` constructs reach the `template` hook. */
export const ecsServiceNoPublicIpCdk: PropCheck[] = [
  {
    // Every one of these defaults assignPublicIp to false; only an explicit true is a finding.
    target: {
      kind: 'construct',
      fqn: [
        'aws-ecs.FargateService',
        'aws-ecs.Ec2Service',
        `${PATTERNS}.ApplicationLoadBalancedFargateService`,
        `${PATTERNS}.NetworkLoadBalancedFargateService`,
        `${PATTERNS}.ApplicationMultipleTargetGroupsFargateService`,
        `${PATTERNS}.NetworkMultipleTargetGroupsFargateService`,
        `${PATTERNS}.QueueProcessingFargateService`,
      ],
    },
    anyOf: [{ path: ['assignPublicIp'], good: [{ lit: [false] }], bad: [{ lit: [true] }] }],
    bad: 'The service gives each task a public IP address ({value}): in a subnet routed to an internet gateway, its containers are reachable from the internet wherever the security group allows. Set assignPublicIp: false and run the tasks in private subnets.',
    fix: [{ title: 'Give the tasks private addresses only (assignPublicIp: false)', set: [{ path: ['assignPublicIp'], value: false }] }],
  },
];
