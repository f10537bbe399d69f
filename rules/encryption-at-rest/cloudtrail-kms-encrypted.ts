import { Rule } from '../../core/rule';
import { keyArn, keyFix } from '../lib/kms-key';
import { Reporter } from '../lib/reporter';
import { requireKey } from '../lib/required-key';
import { runL2Checks } from '../../core/cdk/check';
import { cloudtrailKmsEncryptedCdk } from './cloudtrail-kms-encrypted.cdk';

/** Compliant: every CloudTrail trail encrypts its log files with a KMS key (`KMSKeyId`). */
export const cloudtrailKmsEncrypted: Rule = {
  meta: {
    id: 'cloudtrail-kms-encrypted',
    title: 'CloudTrail log files are encrypted with a KMS key',
    compliant: '`AWS::CloudTrail::Trail` has a `KMSKeyId`.',
    description:
      "Without a KMS key, trail log files are encrypted only with S3-managed keys, so anyone who can read the bucket can read the account's whole API history. " +
      'With SSE-KMS, reading logs also needs `kms:Decrypt` on a key whose use is itself logged.',
    category: 'encryption-at-rest',
    severity: 'warning',
    profile: 'recommended',
    resourceTypes: ['AWS::CloudTrail::Trail'],
    syntaxes: ['cfn-yaml', 'cfn-json', 'cdk-ts', 'cdk-py'],
    references: [
      {
        title: 'Encrypting CloudTrail log files with AWS KMS keys (SSE-KMS)',
        url: 'https://docs.aws.amazon.com/awscloudtrail/latest/userguide/encrypting-cloudtrail-log-files-with-aws-kms.html',
      },
      {
        title: 'AWS::CloudTrail::Trail',
        url: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-cloudtrail-trail.html',
      },
    ],
    controls: ['CloudTrail.2', 'CIS AWS 3.5'],
    equivalents: { guard: ['CLOUD_TRAIL_ENCRYPTION_ENABLED'], checkov: ['CKV_AWS_35'], cdkNag: ['CloudTrailEncryptionEnabled'] },
    fix: 'Adds a customer managed KMS key whose policy lets CloudTrail encrypt with it, and sets `KMSKeyId` to it.',
    fixSafety: 'suggestion',
  },
  template(t, ctx) {
    const rep = new Reporter(ctx);
    for (const r of t.byType.get('AWS::CloudTrail::Trail') ?? []) {
      requireKey(t, rep, r, ['Properties', 'KMSKeyId'], {
        message: "The trail's log files are not encrypted with a KMS key (KMSKeyId is not set). Set KMSKeyId to a customer managed key.",
        fixes: (at) =>
          keyFix(t, r, at, {
            purpose: `the log files of trail ${r.id}`,
            value: keyArn,
            service: 'cloudtrail.amazonaws.com',
            serviceActions: ['kms:GenerateDataKey*', 'kms:DescribeKey'],
          }),
      });
    }
  },
  source(ctx) {
    runL2Checks(ctx, cloudtrailKmsEncryptedCdk);
  },
};
