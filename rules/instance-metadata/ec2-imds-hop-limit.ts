import { isIntrinsic, isScalar, Node, stringValue, walk } from '../../core/nodes';
import { Rule } from '../../core/rule';
import { Resource, Template } from '../../core/template';
import { resolvePath } from '../../core/values';
import { propertiesUnreadable } from '../lib/paths';

/** Hints that instances run containers, whose tasks reach IMDS through one more network hop. */
const CONTAINER_HINT = /\b(ecs|eks|docker|containerd|kubelet|bootstrap\.sh|k8s|kubernetes|podman|nerdctl|bottlerocket)\b/i;

/** True when the AMI, user data, tags or name say this is a container host. */
function isContainerHost(t: Template, r: Resource): boolean {
  // A template that builds an ECS or EKS cluster is building its hosts too, whatever the launch template says.
  if (
    ['AWS::ECS::Cluster', 'AWS::ECS::CapacityProvider', 'AWS::EKS::Cluster', 'AWS::EKS::Nodegroup', 'AWS::Batch::ComputeEnvironment'].some(
      (x) => t.byType.has(x),
    )
  )
    return true;
  let hint = false;
  walk(r.node, (n: Node) => {
    if (hint) return;
    const s = stringValue(n) ?? (isIntrinsic(n, 'Ref') ? stringValue(n.arg) : undefined);
    if (s && CONTAINER_HINT.test(s)) hint = true;
    // An image id from a parameter named after an ECS/EKS-optimised AMI path.
    if (isIntrinsic(n, 'Ref')) {
      const p = t.parameters.get(stringValue(n.arg) ?? '');
      const d = p?.default;
      if (isScalar(d) && CONTAINER_HINT.test(String(d.value))) hint = true;
    }
  });
  return hint;
}

/** Compliant: instances and launch templates that are not container hosts keep `HttpPutResponseHopLimit` at 1. */
export const ec2ImdsHopLimit: Rule = {
  meta: {
    id: 'ec2-imds-hop-limit',
    title: 'IMDS hop limit is 1 outside container hosts',
    compliant:
      '`MetadataOptions.HttpPutResponseHopLimit` is 1 (or unset) on instances, launch templates and launch configurations that do not run containers.',
    description:
      'The hop limit is how many network hops the IMDSv2 token response may travel. At 1 it cannot leave the instance; above 1, a container, a forwarding proxy or a compromised neighbour process behind NAT can obtain a token and read the instance role credentials. ' +
      'Only container hosts (ECS, EKS, Docker in bridge mode) need 2.',
    category: 'instance-metadata',
    severity: 'warning',
    profile: 'recommended',
    resourceTypes: ['AWS::EC2::LaunchTemplate', 'AWS::EC2::Instance', 'AWS::AutoScaling::LaunchConfiguration'],
    syntaxes: ['cfn-yaml', 'cfn-json', 'cdk-ts', 'cdk-py'],
    references: [
      {
        title: 'Instance metadata: hop limit and containers',
        url: 'https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/instancedata-data-retrieval.html#imds-considerations',
      },
      {
        title: 'Configure the instance metadata options',
        url: 'https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/configuring-IMDS-new-instances.html',
      },
    ],
    fix: 'Sets `HttpPutResponseHopLimit: 1`.',
    fixSafety: 'suggestion',
  },
  template(t, ctx) {
    const targets: [string, string[]][] = [
      ['AWS::EC2::LaunchTemplate', ['LaunchTemplateData', 'MetadataOptions']],
      ['AWS::EC2::Instance', ['MetadataOptions']],
      ['AWS::AutoScaling::LaunchConfiguration', ['MetadataOptions']],
    ];
    for (const [type, base] of targets) {
      for (const r of t.byType.get(type) ?? []) {
        if (propertiesUnreadable(r)) continue;
        // With the endpoint off there is no metadata service to reach.
        if (
          resolvePath(t, r.node, ['Properties', ...base, 'HttpEndpoint']).every(
            (o) => o.kind === 'value' && String(o.value).toLowerCase() === 'disabled',
          )
        )
          continue;
        const outs = resolvePath(t, r.node, ['Properties', ...base, 'HttpPutResponseHopLimit']).filter(
          (o) => o.kind === 'value' && Number(o.value) > 1,
        );
        if (!outs.length || isContainerHost(t, r)) continue;
        for (const o of outs) {
          if (o.kind !== 'value') continue;
          const at = o.via ?? o.node;
          ctx.report({
            node: at,
            resource: r,
            message: `${r.id} lets the IMDS token travel ${String(o.value)} hops, and nothing in it says it runs containers: a process behind NAT or a proxy can get the role credentials. Use 1.`,
            related: o.via ? [{ node: o.node, message: 'The hop limit comes from this parameter value.' }] : undefined,
            fix: { title: 'Set HttpPutResponseHopLimit: 1', ops: [{ op: 'replace', node: at, value: 1 }] },
          });
        }
      }
    }
  },
};
