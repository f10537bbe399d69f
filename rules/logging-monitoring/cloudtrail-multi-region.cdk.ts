import type { PropCheck } from '../../core/cdk/table';

/** How cloudtrail-multi-region reads CDK L2 constructs (core/cdk/check.ts evaluates it); L1 `Cfn*` constructs reach the `template` hook. */
export const cloudtrailMultiRegionCdk: PropCheck[] = [
  {
    target: { kind: 'construct', fqn: ['aws-cloudtrail.Trail'] },
    // aws-cdk-lib turns it on unless the file says false.
    anyOf: [{ path: ['isMultiRegionTrail'], good: [{ lit: [true] }] }],
    bad: 'The trail records one Region only ({value}): activity in every other Region leaves no record. Record all Regions.',
    fix: [{ title: 'Record every Region (isMultiRegionTrail: true)', set: [{ path: ['isMultiRegionTrail'], value: true }] }],
  },
];
