import { TRAIL_DOC, trailFlag } from '../lib/trail-flag';

/** Compliant: every trail has `IsLogging: true`. */
export const cloudtrailIsLogging = trailFlag(
  {
    id: 'cloudtrail-is-logging',
    title: 'CloudTrail trails are logging',
    compliant: '`IsLogging` is true on every trail.',
    description:
      "A trail with logging stopped records nothing: API activity, including an intruder's, leaves no audit record. Stopping a trail is itself a classic step in covering tracks.",
    severity: 'error',
    profile: 'recommended',
    references: [
      TRAIL_DOC,
      {
        title: 'Logging management events',
        url: 'https://docs.aws.amazon.com/awscloudtrail/latest/userguide/logging-management-events-with-cloudtrail.html',
      },
    ],
    controls: ['CloudTrail.1'],
    fix: 'Sets `IsLogging: true`.',
    equivalents: { guard: ['CLOUD_TRAIL_ENABLED'] },
    fixSafety: 'safe',
  },
  'IsLogging',
  undefined,
  (id) => `Trail ${id} is not logging (IsLogging is false): API activity is not recorded. Set IsLogging to true.`,
);
