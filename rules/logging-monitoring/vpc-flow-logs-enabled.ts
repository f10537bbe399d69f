import { Rule } from '../../core/rule';
import { referencedId } from '../../core/values';
import { nodesAt, propertiesUnreadable } from '../lib/paths';
import { runL2Checks } from '../../core/cdk/check';
import { vpcFlowLogsEnabledCdk } from './vpc-flow-logs-enabled.cdk';

/** Compliant: every VPC in the template has a flow log (`AWS::EC2::FlowLog` whose ResourceId refers to it). */
export const vpcFlowLogsEnabled: Rule = {
  meta: {
    id: 'vpc-flow-logs-enabled',
    title: 'VPCs have flow logs',
    compliant: 'An `AWS::EC2::FlowLog` with `ResourceType: VPC` refers to each VPC of the template.',
    description:
      'Flow logs are the network record of a VPC: which addresses talked to which, on what port, accepted or rejected. Without them, exfiltration or lateral movement leaves no trace, and GuardDuty findings cannot be followed up.',
    category: 'logging-monitoring',
    severity: 'warning',
    profile: 'recommended',
    resourceTypes: ['AWS::EC2::VPC', 'AWS::EC2::FlowLog'],
    syntaxes: ['cfn-yaml', 'cfn-json', 'cdk-ts', 'cdk-py'],
    references: [
      { title: 'Logging IP traffic using VPC Flow Logs', url: 'https://docs.aws.amazon.com/vpc/latest/userguide/flow-logs.html' },
    ],
    fix: 'CDK only: sets `flowLogs` on the `ec2.Vpc` to log its traffic to CloudWatch Logs (a new log group and role, which cost money and need review). A template gets no automatic fix: where the logs go is your call.',
    fixSafety: 'suggestion',
    controls: ['EC2.6'],
    equivalents: { guard: ['VPC_FLOW_LOGS_ENABLED'], checkov: ['CKV2_AWS_11'], cdkNag: ['VPCFlowLogsEnabled', 'VPC7'] },
  },
  template(t, ctx) {
    const logged = new Set<string>();
    let opaque = false;
    for (const f of t.byType.get('AWS::EC2::FlowLog') ?? []) {
      const ids = nodesAt(f.properties, ['ResourceId']);
      for (const n of ids) {
        const id = referencedId(n);
        if (id) logged.add(id);
        // A literal id names a VPC that exists before the stack, never one the template creates.
        else if (n.kind !== 'scalar') opaque = true;
      }
    }
    if (opaque) return; // a flow log on a VPC id we cannot resolve may well be this VPC's
    for (const r of t.byType.get('AWS::EC2::VPC') ?? []) {
      if (propertiesUnreadable(r)) continue;
      if (logged.has(r.id)) continue;
      ctx.report({
        node: r.keyNode,
        resource: r,
        message: `VPC ${r.id} has no flow log in this template. Add an AWS::EC2::FlowLog for it.`,
      });
    }
  },
  source(ctx) {
    runL2Checks(ctx, vpcFlowLogsEnabledCdk);
  },
};
