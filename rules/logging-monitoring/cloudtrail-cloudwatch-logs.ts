import { get } from '../../core/nodes';
import { Rule } from '../../core/rule';
import { propertiesUnreadable } from '../lib/paths';
import { runL2Checks } from '../../core/cdk/check';
import { cloudtrailCloudwatchLogsCdk } from './cloudtrail-cloudwatch-logs.cdk';

/** Compliant: every trail sends its events to CloudWatch Logs (`CloudWatchLogsLogGroupArn` and `CloudWatchLogsRoleArn` both set). */
export const cloudtrailCloudwatchLogs: Rule = {
  meta: {
    id: 'cloudtrail-cloudwatch-logs',
    title: 'CloudTrail trails deliver to CloudWatch Logs',
    compliant: 'Every trail sets both `CloudWatchLogsLogGroupArn` and `CloudWatchLogsRoleArn`.',
    description:
      'Logs that only land in S3 are read after the fact, if ever. Delivering the trail to CloudWatch Logs lets metric filters and alarms react to root sign-ins, policy changes or a stopped trail within minutes. ' +
      'CloudTrail needs both the log group and a role it can assume to write to it.',
    category: 'logging-monitoring',
    severity: 'warning',
    profile: 'recommended',
    resourceTypes: ['AWS::CloudTrail::Trail'],
    syntaxes: ['cfn-yaml', 'cfn-json', 'cdk-ts', 'cdk-py'],
    references: [
      {
        title: 'Sending events to CloudWatch Logs',
        url: 'https://docs.aws.amazon.com/awscloudtrail/latest/userguide/send-cloudtrail-events-to-cloudwatch-logs.html',
      },
    ],
    fix: 'CDK only: sets `sendToCloudWatchLogs: true` on the `cloudtrail.Trail` (a new log group and role, which cost money and need review). A template gets no automatic fix: which log group and role is your call.',
    fixSafety: 'suggestion',
    controls: ['CloudTrail.5'],
    equivalents: { guard: ['CLOUD_TRAIL_CLOUD_WATCH_LOGS_ENABLED'], cdkNag: ['CloudTrailCloudWatchLogsEnabled'] },
  },
  template(t, ctx) {
    for (const r of t.byType.get('AWS::CloudTrail::Trail') ?? []) {
      if (propertiesUnreadable(r)) continue;
      if (!r.properties) continue;
      const missing = ['CloudWatchLogsLogGroupArn', 'CloudWatchLogsRoleArn'].filter((k) => !get(r.properties, k));
      if (!missing.length) continue;
      ctx.report({
        node: r.keyNode,
        resource: r,
        message:
          missing.length === 2
            ? `Trail ${r.id} does not deliver to CloudWatch Logs, so no alarm can react to what it records. Set CloudWatchLogsLogGroupArn and CloudWatchLogsRoleArn.`
            : `Trail ${r.id} sets ${missing[0] === 'CloudWatchLogsRoleArn' ? 'a log group but no CloudWatchLogsRoleArn' : 'a role but no CloudWatchLogsLogGroupArn'}: CloudTrail needs both to deliver to CloudWatch Logs. Set the other one.`,
      });
    }
  },
  source(ctx) {
    runL2Checks(ctx, cloudtrailCloudwatchLogsCdk);
  },
};
