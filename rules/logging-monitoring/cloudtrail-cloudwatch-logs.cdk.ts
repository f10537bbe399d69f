import type { PropCheck } from '../../core/cdk/table';

/** How cloudtrail-cloudwatch-logs reads CDK L2 constructs (core/cdk/check.ts evaluates it); L1 `Cfn*` constructs reach the `template` hook. */
export const cloudtrailCloudwatchLogsCdk: PropCheck[] = [
  {
    target: { kind: 'construct', fqn: ['aws-cloudtrail.Trail'] },
    // cloudWatchLogGroup alone does nothing: aws-cdk-lib delivers to CloudWatch Logs only with sendToCloudWatchLogs.
    anyOf: [{ path: ['sendToCloudWatchLogs'], good: [{ lit: [true] }] }],
    missing:
      'Trail {id} does not deliver to CloudWatch Logs (sendToCloudWatchLogs defaults to false), so no alarm can react to what it records. Set sendToCloudWatchLogs: true.',
    bad: 'Trail {id} does not deliver to CloudWatch Logs ({value}), so no alarm can react to what it records. Set sendToCloudWatchLogs: true.',
    fix: [
      {
        title: 'Deliver to CloudWatch Logs (sendToCloudWatchLogs: true; adds a log group and a role)',
        set: [{ path: ['sendToCloudWatchLogs'], value: true }],
      },
    ],
  },
];
