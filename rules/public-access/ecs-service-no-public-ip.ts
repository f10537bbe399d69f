import { runL2Checks } from '../../core/cdk/check';
import { Rule } from '../../core/rule';
import { propertiesUnreadable } from '../lib/paths';
import { checkProperty, noneOf } from '../lib/property-value';
import { Reporter } from '../lib/reporter';
import { ecsServiceNoPublicIpCdk } from './ecs-service-no-public-ip.cdk';

/** Resource types whose tasks get their network interface from `NetworkConfiguration.AwsvpcConfiguration`. */
const TYPES: { type: string; what: string }[] = [
  { type: 'AWS::ECS::Service', what: 'ECS service' },
  { type: 'AWS::ECS::TaskSet', what: 'ECS task set' },
];

/** Compliant: ECS services and task sets leave `AssignPublicIp` at its default, `DISABLED`. */
export const ecsServiceNoPublicIp: Rule = {
  meta: {
    id: 'ecs-service-no-public-ip',
    title: 'ECS tasks do not get public IP addresses',
    compliant: '`NetworkConfiguration.AwsvpcConfiguration.AssignPublicIp` is `DISABLED` or omitted (the default is `DISABLED`).',
    description:
      "With `AssignPublicIp: ENABLED` every task's network interface gets a public address: the only thing between the internet and the container's ports is its security group, " +
      'and the tasks reach the internet without the egress controls of a NAT gateway or VPC endpoints. Tasks belong in private subnets, behind a load balancer for inbound traffic.',
    category: 'public-access',
    severity: 'warning',
    profile: 'recommended',
    resourceTypes: TYPES.map((x) => x.type),
    syntaxes: ['cfn-yaml', 'cfn-json', 'cdk-ts', 'cdk-py'],
    references: [
      {
        title: 'Amazon ECS task networking options for Fargate (public IP addresses)',
        url: 'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/fargate-task-networking.html',
      },
      {
        title: 'AwsVpcConfiguration (AssignPublicIp defaults to DISABLED)',
        url: 'https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_AwsVpcConfiguration.html',
      },
    ],
    controls: ['ECS.2'],
    fix: 'Sets `AssignPublicIp: DISABLED` (`assignPublicIp: false` in CDK). Tasks in a public subnet without a NAT gateway or VPC endpoints then cannot pull images or reach AWS APIs: move them to private subnets first.',
    fixSafety: 'suggestion',
  },
  template(t, ctx) {
    const rep = new Reporter(ctx);
    for (const { type, what } of TYPES) {
      for (const r of t.byType.get(type) ?? []) {
        if (propertiesUnreadable(r)) continue;
        checkProperty(t, rep, r, {
          path: ['NetworkConfiguration', 'AwsvpcConfiguration', 'AssignPublicIp'],
          judge: noneOf('ENABLED'),
          fixValue: 'DISABLED',
          fixTitle: 'Give the tasks private addresses only (AssignPublicIp: DISABLED)',
          bad: () =>
            `${what} ${r.id} gives each task a public IP address (AssignPublicIp: ENABLED): in a subnet routed to an internet gateway, its containers are reachable from the internet wherever the security group allows. Set AssignPublicIp to DISABLED and run the tasks in private subnets.`,
        });
      }
    }
  },
  source(ctx) {
    runL2Checks(ctx, ecsServiceNoPublicIpCdk);
  },
};
