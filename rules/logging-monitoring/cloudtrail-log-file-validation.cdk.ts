import type { PropCheck } from '../../core/cdk/table';

/** How cloudtrail-log-file-validation reads CDK L2 constructs (core/cdk/check.ts evaluates it); L1 `Cfn*` constructs reach the `template` hook. */
export const cloudtrailLogFileValidationCdk: PropCheck[] = [
  {
    target: { kind: 'construct', fqn: ['aws-cloudtrail.Trail'] },
    // aws-cdk-lib turns it on unless the file says false.
    anyOf: [{ path: ['enableFileValidation'], good: [{ lit: [true] }] }],
    bad: 'The trail has log file validation off ({value}): nobody can prove a log file was not changed after delivery. Turn validation on.',
    fix: [{ title: 'Validate log files (enableFileValidation: true)', set: [{ path: ['enableFileValidation'], value: true }] }],
  },
];
