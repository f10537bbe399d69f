import { Rule, RuleMeta } from '../../core/rule';
import { asBool } from '../../core/values';
import { expectProperty } from '../lib/expect';
import { propertiesUnreadable } from '../lib/paths';

const TRAIL_DOC = {
  title: 'AWS::CloudTrail::Trail',
  url: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-cloudtrail-trail.html',
};

/** A rule that one boolean of every trail must be true, with a fix that sets it. */
function trailFlag(
  meta: Omit<RuleMeta, 'category' | 'resourceTypes' | 'syntaxes'>,
  prop: string,
  missing: ((id: string) => string) | undefined,
  bad: (id: string) => string,
): Rule {
  return {
    meta: {
      ...meta,
      category: 'logging-monitoring',
      resourceTypes: ['AWS::CloudTrail::Trail'],
      syntaxes: ['cfn-yaml', 'cfn-json', 'cdk-ts', 'cdk-py'],
    },
    template(t, ctx) {
      for (const r of t.byType.get('AWS::CloudTrail::Trail') ?? []) {
        if (propertiesUnreadable(r)) continue;
        expectProperty(t, ctx, r, [prop], {
          // Only an explicit false (or a missing flag) is judged; a null or a non-boolean is still being typed.
          ok: (v) => v === null || asBool(v) !== false,
          fixValue: true,
          fixTitle: `Set ${prop}: true`,
          missing: missing?.(r.id),
          bad: () => bad(r.id),
          quietWhileTyping: true,
        });
      }
    },
  };
}

/** Compliant: every trail has `IsLogging: true`. */
export const cloudtrailIsLogging = trailFlag(
  {
    id: 'cloudtrail-is-logging',
    title: 'CloudTrail trails are logging',
    compliant: '`IsLogging` is true on every trail.',
    description:
      "A trail with logging stopped records nothing: API activity, including an intruder's, leaves no audit record. Stopping a trail is itself a classic step in covering tracks.",
    severity: 'error',
    references: [
      TRAIL_DOC,
      {
        title: 'Logging management events',
        url: 'https://docs.aws.amazon.com/awscloudtrail/latest/userguide/logging-management-events-with-cloudtrail.html',
      },
    ],
    controls: ['CloudTrail.1'],
    fix: 'Sets `IsLogging: true`.',
  },
  'IsLogging',
  undefined,
  (id) => `Trail ${id} is not logging (IsLogging is false): API activity is not recorded.`,
);

/** Compliant: every trail has `IsMultiRegionTrail: true`. */
export const cloudtrailMultiRegion = trailFlag(
  {
    id: 'cloudtrail-multi-region',
    title: 'CloudTrail trails cover every Region',
    compliant: '`IsMultiRegionTrail` is true on every trail.',
    description:
      'A single-Region trail misses activity in every other Region, and attackers deliberately work in Regions nobody watches (crypto-mining instances in an unused Region are a common first sign). A multi-Region trail also records global service events once.',
    severity: 'warning',
    references: [
      TRAIL_DOC,
      {
        title: 'Receiving CloudTrail log files from multiple Regions',
        url: 'https://docs.aws.amazon.com/awscloudtrail/latest/userguide/receive-cloudtrail-log-files-from-multiple-regions.html',
      },
    ],
    controls: ['CloudTrail.1'],
    equivalents: { checkov: ['CKV_AWS_67'] },
    fix: 'Sets `IsMultiRegionTrail: true`.',
  },
  'IsMultiRegionTrail',
  (id) => `Trail ${id} records one Region only: IsMultiRegionTrail is not set (default false).`,
  (id) => `Trail ${id} records one Region only (IsMultiRegionTrail is false).`,
);

/** Compliant: every trail has `EnableLogFileValidation: true`. */
export const cloudtrailLogFileValidation = trailFlag(
  {
    id: 'cloudtrail-log-file-validation',
    title: 'CloudTrail log file validation is on',
    compliant: '`EnableLogFileValidation` is true on every trail.',
    description:
      'Without digest files, nobody can prove that a log file was not changed or deleted after delivery, so an intruder with access to the bucket can rewrite history. Validation signs an hourly digest of every delivered file.',
    severity: 'warning',
    references: [
      TRAIL_DOC,
      {
        title: 'Validating CloudTrail log file integrity',
        url: 'https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-log-file-validation-intro.html',
      },
    ],
    controls: ['CloudTrail.4'],
    equivalents: { checkov: ['CKV_AWS_36'], cdkNag: ['CloudTrailLogFileValidationEnabled'] },
    fix: 'Sets `EnableLogFileValidation: true`.',
  },
  'EnableLogFileValidation',
  (id) => `Trail ${id} has no log file validation: EnableLogFileValidation is not set (default false).`,
  (id) => `Trail ${id} has log file validation off (EnableLogFileValidation is false).`,
);
