import { get, isMap, isSeq, stringValue } from '../../core/nodes';
import { Rule } from '../../core/rule';
import { asBool, resolvePath } from '../../core/values';
import { propertiesUnreadable } from '../lib/paths';
import { runL2Checks } from '../../core/cdk/check';
import { eksEndpointNotPublicCdk } from './eks-endpoint-not-public.cdk';

/** Compliant: an EKS cluster's API endpoint is private (`EndpointPublicAccess: false`) or its public endpoint is limited by `PublicAccessCidrs` that exclude 0.0.0.0/0. */
export const eksEndpointNotPublic: Rule = {
  meta: {
    id: 'eks-endpoint-not-public',
    title: 'EKS API endpoints are not open to the internet',
    compliant: '`ResourcesVpcConfig.EndpointPublicAccess` is false, or `PublicAccessCidrs` lists specific ranges (not 0.0.0.0/0).',
    description:
      'EKS clusters get a public Kubernetes API endpoint by default, open to any address. Anyone can then probe the API server, and a leaked kubeconfig or token works from anywhere. ' +
      'Turn on the private endpoint and either turn the public one off or restrict it to your own address ranges.',
    category: 'public-access',
    severity: 'warning',
    profile: 'recommended',
    resourceTypes: ['AWS::EKS::Cluster'],
    syntaxes: ['cfn-yaml', 'cfn-json', 'cdk-ts', 'cdk-py'],
    references: [{ title: 'Cluster API server endpoint', url: 'https://docs.aws.amazon.com/eks/latest/userguide/cluster-endpoint.html' }],
    controls: ['EKS.1'],
    equivalents: { guard: ['EKS_ENDPOINT_NO_PUBLIC_ACCESS'], checkov: ['CKV_AWS_38', 'CKV_AWS_39'], cdkNag: ['EKS1'] },
    fix: 'Turns the public endpoint off and the private endpoint on (one of them must stay on). kubectl then has to reach the API from inside the VPC, a peered network or a VPN.',
    fixSafety: 'suggestion',
  },
  template(t, ctx) {
    for (const r of t.byType.get('AWS::EKS::Cluster') ?? []) {
      if (propertiesUnreadable(r)) continue;
      const pub = resolvePath(t, r.node, ['Properties', 'ResourcesVpcConfig', 'EndpointPublicAccess']);
      // Public unless every outcome says false; unknowns say nothing.
      if (pub.some((o) => o.kind === 'unknown')) continue;
      if (!pub.some((o) => o.kind === 'missing' || (o.kind === 'value' && asBool(o.value) !== false))) continue;
      const cidrs = get(get(r.properties, 'ResourcesVpcConfig'), 'PublicAccessCidrs');
      if (cidrs && !isSeq(cidrs)) continue;
      const values = isSeq(cidrs) ? cidrs.items.map((i) => stringValue(i)) : [];
      if (isSeq(cidrs) && values.some((v) => v === undefined)) continue;
      if (isSeq(cidrs) && values.length && !values.some((v) => v === '0.0.0.0/0' || v === '::/0')) continue;
      const vpc = get(r.properties, 'ResourcesVpcConfig');
      ctx.report({
        node: r.keyNode,
        resource: r,
        message: `EKS cluster ${r.id} has a public API endpoint open to every address. Turn EndpointPublicAccess off, or restrict PublicAccessCidrs to your ranges.`,
        fix: isMap(vpc)
          ? {
              title: 'Make the API endpoint private (EndpointPublicAccess: false, EndpointPrivateAccess: true)',
              ops: [
                { op: 'set', map: vpc, path: ['EndpointPublicAccess'], value: false },
                { op: 'set', map: vpc, path: ['EndpointPrivateAccess'], value: true },
              ],
            }
          : undefined,
      });
    }
  },
  source(ctx) {
    runL2Checks(ctx, eksEndpointNotPublicCdk);
  },
};
