import type { PropCheck } from '../../core/cdk/table';

const CF = 'aws-cloudfront';
/** Logs delivered through CloudWatch Logs vended delivery name the distribution's ARN in a delivery source. */
const DELIVERED = [{ key: 'resourceArn', in: ['aws-logs.CfnDeliverySource'] }];

/** How cloudfront-access-logging reads CDK L2 constructs (core/cdk/check.ts evaluates it); L1 `Cfn*` constructs reach the `template` hook. */
export const cloudfrontAccessLoggingCdk: PropCheck[] = [
  {
    // aws-cdk-lib writes Logging when enableLogging is true or a logBucket is given (enableLogging: false then wins).
    target: { kind: 'construct', fqn: [`${CF}.Distribution`] },
    anyOf: [
      { path: ['enableLogging'], good: [{ lit: [true] }], bad: [{ lit: [false] }] },
      { path: ['logBucket'], good: [{ present: true }], bad: [] },
      // Real-time logs (Kinesis) record each request of the behaviours that carry them.
      { path: ['defaultBehavior', 'realtimeLogConfig'], good: [{ present: true }], bad: [] },
    ],
    reportOnce: true,
    missing:
      'The distribution writes no access logs: neither enableLogging nor logBucket is set, so who fetched what through it leaves no record. Log to S3 (enableLogging: true, or a logBucket).',
    bad: 'The distribution writes no access logs ({value}).',
    skipWhenReferenced: DELIVERED,
    fix: [{ title: 'Write access logs (enableLogging: true; adds a log bucket)', set: [{ path: ['enableLogging'], value: true }] }],
  },
  {
    target: { kind: 'construct', fqn: [`${CF}.CloudFrontWebDistribution`] },
    anyOf: [{ path: ['loggingConfig'], good: [{ present: true }], bad: [] }],
    missing:
      'The distribution writes no access logs: loggingConfig is not set, so who fetched what through it leaves no record. Log to S3 (loggingConfig: {} creates a bucket).',
    bad: 'The distribution writes no access logs.',
    skipWhenReferenced: DELIVERED,
    fix: [{ title: 'Write access logs (loggingConfig: {}; adds a log bucket)', set: [{ path: ['loggingConfig'], value: { obj: {} } }] }],
  },
];
