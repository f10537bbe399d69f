import type { PropCheck } from '../../core/cdk/table';

/** How s3-bucket-access-logging reads CDK L2 constructs (core/cdk/check.ts evaluates it); L1 `Cfn*` constructs reach the `template` hook. */
export const s3BucketAccessLoggingCdk: PropCheck[] = [
  {
    target: { kind: 'construct', fqn: ['aws-s3.Bucket'] },
    // serverAccessLogsPrefix alone logs into the bucket itself (aws-cdk-lib): logging, if not a good destination.
    anyOf: [
      { path: ['serverAccessLogsBucket'], good: [{ present: true }], bad: [] },
      { path: ['serverAccessLogsPrefix'], good: [{ present: true }], bad: [] },
    ],
    missing: 'Bucket {id} has no server access logging, so requests to it leave no record. Set serverAccessLogsBucket to a log bucket.',
    // Never reported: no written value of these props is bad.
    bad: 'Bucket {id} has no server access logging. Set serverAccessLogsBucket to a log bucket.',
    // Buckets that receive logs need none of their own (logging them would loop).
    skipWhenReferenced: [
      { key: 'serverAccessLogsBucket' },
      { key: 'logBucket' },
      { key: 'destinationBucketName' },
      { key: 'bucket', in: ['aws-cloudtrail.Trail'] },
      { call: ['aws-ec2.FlowLogDestination.toS3'] },
      { method: ['logAccessLogs'] },
    ],
    skipWhen: [{ prop: ['accessControl'], is: { enum: 'aws-s3.BucketAccessControl', members: ['LOG_DELIVERY_WRITE'] } }],
    // No automatic fix: where the logs go (and who may read them) is the author's choice.
  },
];
