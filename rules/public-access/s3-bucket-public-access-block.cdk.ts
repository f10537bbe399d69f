import type { Condition, PropCheck } from '../../core/cdk/table';

const S3 = 'aws-s3';
/** With this feature flag aws-cdk-lib fills the settings a `BlockPublicAccess` omits with true; without it CloudFormation reads them as false. */
const FILLED: Condition = { flag: '@aws-cdk/aws-s3:publicAccessBlockedByDefault', value: true };
/** A bucket meant to be public: blocking would make the deployment fail, so no automatic fix (s3-bucket-policy-not-public says why it is public). */
const NOT_PUBLIC_ON_PURPOSE: Condition = { onConstruct: { not: { prop: ['publicReadAccess'], is: { lit: [true] } } } };
const BLOCK_ALL_FIX = [
  {
    when: [{ not: { prop: ['publicReadAccess'], is: { lit: [true] } } } as Condition],
    title: 'Block all public access (BlockPublicAccess.BLOCK_ALL)',
    set: [{ path: ['blockPublicAccess'], value: { enum: `${S3}.BlockPublicAccess`, member: 'BLOCK_ALL' } }],
  },
];

const SETTINGS = ['blockPublicAcls', 'ignorePublicAcls', 'blockPublicPolicy', 'restrictPublicBuckets'];
/** Every setting written false: one decision, reported once where the `BlockPublicAccess` is built. */
const ALL_OFF: Condition = { all: SETTINGS.map((name): Condition => ({ prop: [name], is: { lit: [false] } })) };

/** One check per setting of a `new s3.BlockPublicAccess({ … })`. */
function setting(name: string, what: string): PropCheck {
  return {
    target: { kind: 'call', fqn: [`${S3}.BlockPublicAccess`], propsArg: 0 },
    skipWhen: [ALL_OFF],
    anyOf: [{ path: [name], good: [{ lit: [true] }] }],
    missing: `${name} is not set, and without the @aws-cdk/aws-s3:publicAccessBlockedByDefault feature flag an omitted setting is false: ${what}. Set it to true.`,
    missingOkWhen: [FILLED],
    bad: `Block Public Access is off for ${what} (${name}: {value}). Set it to true.`,
    fix: [{ when: [NOT_PUBLIC_ON_PURPOSE], title: `Block public access (${name}: true)`, set: [{ path: [name], value: true }] }],
  };
}

/** How s3-bucket-public-access-block reads CDK L2 constructs (core/cdk/check.ts evaluates it); L1 `Cfn*` constructs reach the `template` hook. */
export const s3BucketPublicAccessBlockCdk: PropCheck[] = [
  // No blockPublicAccess: the bucket gets S3's default, all four settings on.
  {
    target: { kind: 'construct', fqn: [`${S3}.Bucket`] },
    anyOf: [{ path: ['blockPublicAccess'], good: [], bad: [{ enum: `${S3}.BlockPublicAccess`, members: ['BLOCK_ACLS_ONLY'] }] }],
    bad: 'Bucket {id} does not block public bucket policies ({value} sets blockPublicPolicy and restrictPublicBuckets to false): one policy statement can publish it. Use BlockPublicAccess.BLOCK_ALL (or suppress this with the reason if the bucket is public by design).',
    fix: BLOCK_ALL_FIX,
  },
  {
    target: { kind: 'construct', fqn: [`${S3}.Bucket`] },
    anyOf: [{ path: ['blockPublicAccess'], good: [], bad: [{ enum: `${S3}.BlockPublicAccess`, members: ['BLOCK_ACLS'] }] }],
    // The deprecated BLOCK_ACLS names only the ACL settings; the feature flag turns the other two on.
    skipWhen: [FILLED],
    bad: 'Bucket {id} does not block public bucket policies ({value} leaves blockPublicPolicy and restrictPublicBuckets false without the @aws-cdk/aws-s3:publicAccessBlockedByDefault feature flag): one policy statement can publish it. Use BlockPublicAccess.BLOCK_ALL (or suppress this with the reason if the bucket is public by design).',
    fix: BLOCK_ALL_FIX,
  },
  {
    target: { kind: 'call', fqn: [`${S3}.BlockPublicAccess`], propsArg: 0 },
    anyOf: [],
    missing:
      'Bucket {id} turns Block Public Access off entirely (all four settings false): public ACLs and public bucket policies both take effect. Use BlockPublicAccess.BLOCK_ALL (or suppress this with the reason if the bucket is public by design).',
    bad: 'Bucket {id} turns Block Public Access off entirely. Use BlockPublicAccess.BLOCK_ALL.',
    skipWhen: [{ not: ALL_OFF }],
    fix: [
      {
        when: [NOT_PUBLIC_ON_PURPOSE],
        title: 'Block all public access (all four settings true)',
        set: SETTINGS.map((name) => ({ path: [name], value: true })),
      },
    ],
  },
  setting('blockPublicAcls', 'new public ACLs'),
  setting('ignorePublicAcls', 'existing public ACLs'),
  setting('blockPublicPolicy', 'public bucket policies'),
  setting('restrictPublicBuckets', 'access through a public policy'),
];
