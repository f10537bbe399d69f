import type { PropCheck } from '../../core/cdk/table';

/** How s3-bucket-policy-not-public reads CDK L2 constructs (core/cdk/check.ts evaluates it); L1 `Cfn*` constructs reach the `template` hook. */
export const s3BucketPolicyNotPublicCdk: PropCheck[] = [
  {
    target: { kind: 'construct', fqn: ['aws-s3.Bucket'] },
    anyOf: [{ path: ['publicReadAccess'], good: [{ lit: [false] }], bad: [{ lit: [true] }] }],
    bad: 'The bucket is public: publicReadAccess ({value}) adds a bucket policy that lets anyone read every object. Serve it through CloudFront with origin access control instead.',
    // publicReadAccess: true also needs blockPublicAccess relaxed; with the default BLOCK_ALL it fails to deploy, so false is the safe value.
    fix: [{ title: 'Make the bucket private (publicReadAccess: false)', set: [{ path: ['publicReadAccess'], value: false }] }],
  },
];
