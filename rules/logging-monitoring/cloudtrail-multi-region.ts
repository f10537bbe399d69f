import { TRAIL_DOC, trailFlag } from '../lib/trail-flag';
import { cloudtrailMultiRegionCdk } from './cloudtrail-multi-region.cdk';

/** Compliant: every trail has `IsMultiRegionTrail: true`. */
export const cloudtrailMultiRegion = trailFlag(
  {
    id: 'cloudtrail-multi-region',
    title: 'CloudTrail trails cover every Region',
    compliant: '`IsMultiRegionTrail` is true on every trail.',
    description:
      'A single-Region trail misses activity in every other Region, and attackers deliberately work in Regions nobody watches (crypto-mining instances in an unused Region are a common first sign). A multi-Region trail also records global service events once.',
    severity: 'warning',
    profile: 'recommended',
    references: [
      TRAIL_DOC,
      {
        title: 'Receiving CloudTrail log files from multiple Regions',
        url: 'https://docs.aws.amazon.com/awscloudtrail/latest/userguide/receive-cloudtrail-log-files-from-multiple-regions.html',
      },
    ],
    controls: ['CloudTrail.1'],
    equivalents: { guard: ['MULTI_REGION_CLOUD_TRAIL_ENABLED'], checkov: ['CKV_AWS_67'] },
    fix: 'Sets `IsMultiRegionTrail: true`.',
    fixSafety: 'safe',
  },
  'IsMultiRegionTrail',
  (id) => `Trail ${id} records one Region only: IsMultiRegionTrail is not set (default false). Set it to true.`,
  (id) => `Trail ${id} records one Region only (IsMultiRegionTrail is false). Set it to true.`,
  cloudtrailMultiRegionCdk,
);
