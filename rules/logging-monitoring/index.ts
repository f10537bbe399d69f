import { Rule } from '../../core/rule';
import { accountBaselineComplete } from './account-baseline-complete';
import {
  apigatewayStageAccessLogging,
  cloudfrontAccessLogging,
  elbAccessLogging,
  s3BucketAccessLogging,
  vpcFlowLogsEnabled,
} from './access-logging';
import { cloudtrailCloudwatchLogs } from './cloudtrail-cloudwatch-logs';
import { cloudtrailIsLogging, cloudtrailLogFileValidation, cloudtrailMultiRegion } from './cloudtrail-settings';

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
