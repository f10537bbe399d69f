import type { PropCheck } from '../../core/cdk/table';

/** How s3-bucket-no-public-acl reads CDK L2 constructs (core/cdk/check.ts evaluates it); L1 `Cfn*` constructs reach the `template` hook. */
export const s3BucketNoPublicAclCdk: PropCheck[] = [
  {
    target: { kind: 'construct', fqn: ['aws-s3.Bucket'] },
    anyOf: [
      {
        path: ['accessControl'],
        good: [],
        bad: [{ enum: 'aws-s3.BucketAccessControl', members: ['PUBLIC_READ', 'PUBLIC_READ_WRITE', 'AUTHENTICATED_READ'] }],
      },
    ],
    bad: 'The bucket has a public canned ACL ({value}): anyone on the internet (or every AWS account, for AUTHENTICATED_READ) can read it. Keep it private.',
    fix: [
      {
        title: 'Make the ACL private (BucketAccessControl.PRIVATE)',
        set: [{ path: ['accessControl'], value: { enum: 'aws-s3.BucketAccessControl', member: 'PRIVATE' } }],
      },
    ],
  },
];
