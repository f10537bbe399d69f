import { TRAIL_DOC, trailFlag } from '../lib/trail-flag';
import { cloudtrailLogFileValidationCdk } from './cloudtrail-log-file-validation.cdk';

/** Compliant: every trail has `EnableLogFileValidation: true`. */
export const cloudtrailLogFileValidation = trailFlag(
  {
    id: 'cloudtrail-log-file-validation',
    title: 'CloudTrail log file validation is on',
    compliant: '`EnableLogFileValidation` is true on every trail.',
    description:
      'Without digest files, nobody can prove that a log file was not changed or deleted after delivery, so an intruder with access to the bucket can rewrite history. Validation signs an hourly digest of every delivered file.',
    severity: 'warning',
    profile: 'recommended',
    references: [
      TRAIL_DOC,
      {
        title: 'Validating CloudTrail log file integrity',
        url: 'https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-log-file-validation-intro.html',
      },
    ],
    controls: ['CloudTrail.4'],
    equivalents: {
      guard: ['CLOUD_TRAIL_LOG_FILE_VALIDATION_ENABLED'],
      checkov: ['CKV_AWS_36'],
      cdkNag: ['CloudTrailLogFileValidationEnabled'],
    },
    fix: 'Sets `EnableLogFileValidation: true`.',
    fixSafety: 'safe',
  },
  'EnableLogFileValidation',
  (id) => `Trail ${id} has no log file validation: EnableLogFileValidation is not set (default false). Set it to true.`,
  (id) => `Trail ${id} has log file validation off (EnableLogFileValidation is false). Set it to true.`,
  cloudtrailLogFileValidationCdk,
);
