import type { PropCheck } from '../../core/cdk/table';

/** How vpc-flow-logs-enabled reads CDK L2 constructs (core/cdk/check.ts evaluates it); L1 `Cfn*` constructs reach the `template` hook. */
export const vpcFlowLogsEnabledCdk: PropCheck[] = [
  {
    target: { kind: 'construct', fqn: ['aws-ec2.Vpc'] },
    anyOf: [{ path: ['flowLogs'], good: [{ nonEmpty: true }] }],
    missing:
      'VPC {id} has no flow logs: flowLogs is not set and no addFlowLog, FlowLog or CfnFlowLog names it, so its traffic leaves no record. Set flowLogs (or call addFlowLog).',
    // An empty map: aws-cdk-lib adds one flow log per entry.
    bad: 'VPC {id} has no flow logs ({value} adds none), so its traffic leaves no record. Add an entry to flowLogs.',
    satisfiedBy: [{ method: 'addFlowLog', propsArg: 1 }],
    // A FlowLog on a VPC the file does not bind may be this one: say nothing then. An L1 flow log names it by `vpc.vpcId`.
    skipWhenReferenced: [
      { call: ['aws-ec2.FlowLogResourceType.fromVpc'], opaque: true },
      { key: 'resourceId', in: ['aws-ec2.CfnFlowLog'] },
    ],
    fix: [
      {
        title: 'Log the VPC traffic to CloudWatch Logs (flowLogs; adds a log group and a role)',
        set: [{ path: ['flowLogs'], value: { obj: { FlowLog: { obj: {} } }, verbatim: true } }],
      },
    ],
  },
];
