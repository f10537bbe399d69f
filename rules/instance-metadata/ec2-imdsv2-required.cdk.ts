import type { Condition, PropCheck } from '../../core/cdk/table';

const HTTP_PROPS = [['httpEndpoint'], ['httpProtocolIpv6'], ['httpPutResponseHopLimit'], ['instanceMetadataTags'], ['httpTokens']];

/**
 * Amazon Linux 2023 AMIs (and the ECS-optimized AL2023 ones) are registered with ImdsSupport v2.0: instances
 * launched from them require IMDSv2 unless the metadata options say otherwise, so nothing is missing.
 */
const AL2023: Condition = {
  prop: ['machineImage'],
  is: {
    call: [
      'aws-ec2.MachineImage.latestAmazonLinux2023',
      'aws-ec2.AmazonLinux2023ImageSsmParameter',
      'aws-ecs.EcsOptimizedImage.amazonLinux2023',
    ],
  },
};

/** How ec2-imdsv2-required reads CDK L2 constructs (core/cdk/check.ts evaluates it); L1 `Cfn*` constructs reach the `template` hook. */
export const ec2Imdsv2RequiredCdk: PropCheck[] = [
  // ── instance-metadata ─────────────────────────────────────────────────────────────────────
  {
    target: { kind: 'construct', fqn: ['aws-ec2.Instance'] },
    anyOf: [
      { path: ['requireImdsv2'], good: [{ lit: [true] }] },
      { path: ['httpTokens'], good: [{ enum: 'aws-ec2.HttpTokens', members: ['REQUIRED'] }] },
    ],
    missing: 'IMDSv1 may be allowed: neither requireImdsv2 nor httpTokens is set, so the AMI and account defaults decide. Require IMDSv2.',
    missingSeverity: 'warning',
    missingOkWhen: [AL2023],
    bad: 'IMDSv1 is allowed ({value}). Require IMDSv2 so every metadata request needs a session token.',
    aspects: ['aws-ec2.InstanceRequireImdsv2Aspect'],
    fix: [
      // requireImdsv2 together with any http* prop throws at synth: use httpTokens then.
      {
        when: [{ has: HTTP_PROPS }],
        title: 'Require IMDSv2 (httpTokens: HttpTokens.REQUIRED)',
        set: [{ path: ['httpTokens'], value: { enum: 'aws-ec2.HttpTokens', member: 'REQUIRED' } }],
        since: '2.231.0',
      },
      { title: 'Require IMDSv2 (requireImdsv2: true)', set: [{ path: ['requireImdsv2'], value: true }] },
    ],
  },
  {
    target: { kind: 'construct', fqn: ['aws-ec2.LaunchTemplate'] },
    anyOf: [
      { path: ['requireImdsv2'], good: [{ lit: [true] }] },
      { path: ['httpTokens'], good: [{ enum: 'aws-ec2.LaunchTemplateHttpTokens', members: ['REQUIRED'] }] },
    ],
    missing:
      'IMDSv1 may be allowed: the launch template sets neither requireImdsv2 nor httpTokens, so the AMI and account defaults decide. Require IMDSv2.',
    missingSeverity: 'warning',
    missingOkWhen: [AL2023],
    bad: 'IMDSv1 is allowed ({value}). Require IMDSv2 so every metadata request needs a session token.',
    aspects: ['aws-ec2.LaunchTemplateRequireImdsv2Aspect'],
    fix: [
      {
        when: [{ has: [['httpTokens']] }],
        title: 'Require IMDSv2 (httpTokens: LaunchTemplateHttpTokens.REQUIRED)',
        set: [{ path: ['httpTokens'], value: { enum: 'aws-ec2.LaunchTemplateHttpTokens', member: 'REQUIRED' } }],
      },
      { title: 'Require IMDSv2 (requireImdsv2: true)', set: [{ path: ['requireImdsv2'], value: true }] },
    ],
  },
  {
    target: { kind: 'construct', fqn: ['aws-autoscaling.AutoScalingGroup'] },
    anyOf: [{ path: ['requireImdsv2'], good: [{ lit: [true] }] }],
    missing:
      'IMDSv1 may be allowed: the Auto Scaling group does not set requireImdsv2, so the AMI and account defaults decide. Require IMDSv2.',
    missingSeverity: 'warning',
    missingOkWhen: [AL2023],
    bad: 'IMDSv1 is allowed ({value}). Require IMDSv2 so every metadata request needs a session token.',
    // requireImdsv2 with a launch template or mixed instances policy throws: the launch template is checked instead.
    skipWhen: [{ has: [['launchTemplate'], ['mixedInstancesPolicy']] }],
    aspects: ['aws-autoscaling.AutoScalingGroupRequireImdsv2Aspect'],
    fix: [{ title: 'Require IMDSv2 (requireImdsv2: true)', set: [{ path: ['requireImdsv2'], value: true }] }],
  },
  {
    target: { kind: 'construct', fqn: ['aws-ec2.BastionHostLinux'] },
    anyOf: [{ path: ['requireImdsv2'], good: [{ lit: [true] }] }],
    missing: 'IMDSv1 may be allowed: requireImdsv2 is not set, so the AMI and account defaults decide. Require IMDSv2.',
    missingSeverity: 'warning',
    bad: 'IMDSv1 is allowed ({value}). Require IMDSv2 so every metadata request needs a session token.',
    // Its default image is Amazon Linux 2023 under this flag, and AL2023 AMIs require IMDSv2 (ImdsSupport v2.0).
    missingOkWhen: [
      { all: [{ lacks: [['machineImage']] }, { flag: '@aws-cdk/aws-ec2:bastionHostUseAmazonLinux2023ByDefault', value: true }] },
    ],
    aspects: ['aws-ec2.InstanceRequireImdsv2Aspect'],
    fix: [{ title: 'Require IMDSv2 (requireImdsv2: true)', set: [{ path: ['requireImdsv2'], value: true }] }],
  },
];
