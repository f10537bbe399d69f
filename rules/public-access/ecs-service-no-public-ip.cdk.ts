import type { Condition, PropCheck } from '../../core/cdk/table';

const PATTERNS = 'aws-ecs-patterns';

const PUBLIC_SUBNETS: Condition[] = [
  { prop: ['vpcSubnets', 'subnetType'], is: { enum: 'aws-ec2.SubnetType', members: ['PUBLIC'] } },
  { prop: ['taskSubnets', 'subnetType'], is: { enum: 'aws-ec2.SubnetType', members: ['PUBLIC'] } },
];

/**
 * The tasks are in public subnets: named so, or none named (aws-cdk-lib then selects the VPC's PUBLIC
 * subnets whenever assignPublicIp is true; the multiple-target-group patterns take no subnets at all).
 */
const IN_PUBLIC_SUBNETS: Condition[] = [{ lacks: [['vpcSubnets'], ['taskSubnets']] }, ...PUBLIC_SUBNETS];

const FIX = [{ title: 'Give the tasks private addresses only (assignPublicIp: false)', set: [{ path: ['assignPublicIp'], value: false }] }];

const target = {
  kind: 'construct' as const,
  fqn: [
    'aws-ecs.FargateService',
    'aws-ecs.Ec2Service',
    `${PATTERNS}.ApplicationLoadBalancedFargateService`,
    `${PATTERNS}.NetworkLoadBalancedFargateService`,
    `${PATTERNS}.ApplicationMultipleTargetGroupsFargateService`,
    `${PATTERNS}.NetworkMultipleTargetGroupsFargateService`,
    `${PATTERNS}.QueueProcessingFargateService`,
  ],
};

// Every one of these defaults assignPublicIp to false; only an explicit true is a finding.
const PUBLIC_IP = [{ path: ['assignPublicIp'], good: [{ lit: [false] }], bad: [{ lit: [true] }] }];

/** How ecs-service-no-public-ip reads CDK L2 constructs (core/cdk/check.ts evaluates it); L1 `Cfn*` constructs reach the `template` hook. */
export const ecsServiceNoPublicIpCdk: PropCheck[] = [
  {
    target,
    anyOf: PUBLIC_IP,
    bad: "The service gives each task a public IP address ({value}) in public subnets (routed to an internet gateway; with public IPs and no subnets named, aws-cdk-lib picks the VPC's public ones): its containers are reachable from the internet wherever the security group allows. Set assignPublicIp: false and run the tasks in private subnets.",
    skipWhen: [{ all: IN_PUBLIC_SUBNETS.map((c) => ({ not: c })) }],
    fix: FIX,
  },
  {
    // Subnets the file names otherwise (or does not decide): whether they route to an internet gateway is not known here.
    target,
    anyOf: PUBLIC_IP,
    bad: 'The service gives each task a public IP address ({value}): in a subnet routed to an internet gateway, its containers are reachable from the internet wherever the security group allows. Set assignPublicIp: false and run the tasks in private subnets.',
    skipWhen: IN_PUBLIC_SUBNETS,
    fix: FIX,
  },
];
