import type { PropCheck } from '../../core/cdk/table';

/** How eks-endpoint-not-public reads CDK L2 constructs (core/cdk/check.ts evaluates it); L1 `Cfn*` constructs reach the `template` hook. */
export const eksEndpointNotPublicCdk: PropCheck[] = [
  {
    // aws-eks and aws-eks-v2 both default endpointAccess to PUBLIC_AND_PRIVATE, open to 0.0.0.0/0.
    target: { kind: 'construct', fqn: ['aws-eks.Cluster', 'aws-eks.FargateCluster', 'aws-eks-v2.Cluster', 'aws-eks-v2.FargateCluster'] },
    anyOf: [
      {
        path: ['endpointAccess'],
        good: [{ enum: '~.EndpointAccess', members: ['PRIVATE'] }],
        // `PUBLIC_AND_PRIVATE.onlyFrom(…)` names the ranges: not reported (the CIDRs are the user's).
        bad: [{ enum: '~.EndpointAccess', members: ['PUBLIC', 'PUBLIC_AND_PRIVATE'] }],
      },
    ],
    missing:
      "The cluster's Kubernetes API endpoint is open to every address: endpointAccess is not set, and aws-cdk-lib's default is PUBLIC_AND_PRIVATE from 0.0.0.0/0. Use EndpointAccess.PRIVATE, or limit the public endpoint with EndpointAccess.PUBLIC_AND_PRIVATE.onlyFrom(…) and your ranges.",
    bad: "The cluster's Kubernetes API endpoint is open to every address ({value}). Use EndpointAccess.PRIVATE, or limit the public endpoint with .onlyFrom(…) and your ranges.",
    fix: [
      {
        title: 'Make the API endpoint private (endpointAccess: EndpointAccess.PRIVATE)',
        set: [{ path: ['endpointAccess'], value: { enum: '~.EndpointAccess', member: 'PRIVATE' } }],
      },
    ],
  },
];
