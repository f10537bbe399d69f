import { Rule } from '../../core/rule';
import { accountBaselineComplete } from './account-baseline-complete';
import { apigatewayStageAccessLogging } from './apigateway-stage-access-logging';
import { cloudfrontAccessLogging } from './cloudfront-access-logging';
import { cloudtrailCloudwatchLogs } from './cloudtrail-cloudwatch-logs';
import { cloudtrailIsLogging } from './cloudtrail-is-logging';
import { cloudtrailLogFileValidation } from './cloudtrail-log-file-validation';
import { cloudtrailMultiRegion } from './cloudtrail-multi-region';
import { elbAccessLogging } from './elb-access-logging';
import { s3BucketAccessLogging } from './s3-bucket-access-logging';
import { vpcFlowLogsEnabled } from './vpc-flow-logs-enabled';

export const loggingMonitoringRules: Rule[] = [
  cloudtrailIsLogging,
  cloudtrailMultiRegion,
  cloudtrailLogFileValidation,
  cloudtrailCloudwatchLogs,
  accountBaselineComplete,
  s3BucketAccessLogging,
  elbAccessLogging,
  cloudfrontAccessLogging,
  apigatewayStageAccessLogging,
  vpcFlowLogsEnabled,
];
