import { Rule } from '../../core/rule';
import { runL2Checks } from '../../core/cdk/check';
import { cloudwatchLogGroupKmsEncryptedCdk } from './cloudwatch-log-group-kms-encrypted.cdk';
import { keyArn, keyFix } from '../lib/kms-key';
import { Reporter } from '../lib/reporter';
import { requireKey } from '../lib/required-key';

/** Compliant: every CloudWatch Logs log group names a customer managed KMS key (`KmsKeyId`). */
export const cloudwatchLogGroupKmsEncrypted: Rule = {
  meta: {
    id: 'cloudwatch-log-group-kms-encrypted',
    title: 'CloudWatch log groups use a customer managed key',
    compliant: '`AWS::Logs::LogGroup` has a `KmsKeyId`.',
    description:
      'CloudWatch Logs always encrypts log data; without `KmsKeyId` it uses a service key, so read access is controlled only by IAM on the log group. ' +
      'A customer managed key is a compliance choice (logs holding personal or regulated data): low severity.',
    category: 'encryption-at-rest',
    severity: 'info',
    profile: 'strict',
    profileWhy:
      'CloudWatch Logs always encrypts log data at rest with a service key; a customer managed key adds ' +
      'key-policy control, a compliance choice.',
    resourceTypes: ['AWS::Logs::LogGroup'],
    syntaxes: ['cfn-yaml', 'cfn-json', 'cdk-ts', 'cdk-py'],
    references: [
      {
        title: 'Encrypt log data in CloudWatch Logs using AWS KMS',
        url: 'https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/encrypt-log-data-kms.html',
      },
      {
        title: 'AWS::Logs::LogGroup',
        url: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-logs-loggroup.html',
      },
    ],
    equivalents: {
      guard: ['CLOUDWATCH_LOG_GROUP_ENCRYPTED'],
      cfnNag: ['W84'],
      checkov: ['CKV_AWS_158'],
      cdkNag: ['CloudWatchLogGroupEncrypted'],
    },
    fix: 'Adds a customer managed KMS key whose policy lets CloudWatch Logs in this Region use it, and sets `KmsKeyId` to it.',
    fixSafety: 'suggestion',
  },
  template(t, ctx) {
    const rep = new Reporter(ctx);
    for (const r of t.byType.get('AWS::Logs::LogGroup') ?? []) {
      requireKey(t, rep, r, ['Properties', 'KmsKeyId'], {
        message:
          'The log group uses the CloudWatch Logs service key, not a customer managed key (KmsKeyId is not set). Where a customer managed key is required, set KmsKeyId.',
        fixes: (at) =>
          keyFix(t, r, at, {
            purpose: `log group ${r.id}`,
            value: keyArn,
            service: { 'Fn::Sub': 'logs.${AWS::Region}.amazonaws.com' },
            serviceActions: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
          }),
      });
    }
  },
  source(ctx) {
    runL2Checks(ctx, cloudwatchLogGroupKmsEncryptedCdk);
  },
};
