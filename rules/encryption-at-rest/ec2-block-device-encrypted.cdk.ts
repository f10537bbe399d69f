import type { Code } from '../../core/cdk/code';
import type { Condition, FixPlan, PropCheck } from '../../core/cdk/table';

/** Amazon Linux images (written, or a BastionHostLinux's default), whose root device is /dev/xvda with an 8 GiB snapshot: a fix can declare that root volume encrypted. */
const AMAZON_LINUX: Condition = {
  prop: ['machineImage'],
  is: { call: ['aws-ec2.MachineImage.latestAmazonLinux2023', 'aws-ec2.MachineImage.latestAmazonLinux2'], bare: true },
};
// A note, not a finding of fact: without blockDevices the AMI's mapping applies, and EC2 encrypts the new root
// volume when the account turned on EBS encryption by default in the Region (or the snapshot is encrypted).
const ROOT_UNDECLARED =
  'The root volume does not ask for encryption (no blockDevices): it follows the AMI and the account, so it is encrypted only if EBS encryption by default is on in this Region or the AMI snapshot is encrypted. Declare it in blockDevices as an encrypted EBS volume to make it so.';
/** `[{ deviceName: '/dev/xvda', volume: BlockDeviceVolume.ebs(8, { encrypted: true }) }]` in the module of the construct. */
const encryptedRoot = (mod: string): Code => ({
  arr: [{ obj: { deviceName: '/dev/xvda', volume: { call: `${mod}.BlockDeviceVolume.ebs`, args: [8], props: { encrypted: true } } } }],
});
/** The device name and size are the Amazon Linux image's: a suggestion to review, and an instance is replaced. */
const rootFix = (mod: string, when: Condition): FixPlan[] => [
  {
    when: [when],
    title: 'Declare the root volume encrypted (blockDevices: /dev/xvda, 8 GiB, encrypted)',
    set: [{ path: ['blockDevices'], value: encryptedRoot(mod) }],
    safety: 'suggestion',
  },
];
const root = (fqn: string[], mod: string, skipWhen: Condition[], when: Condition = AMAZON_LINUX): PropCheck => ({
  target: { kind: 'construct', fqn },
  anyOf: [{ path: ['blockDevices'], good: [{ present: true }], bad: [] }],
  missing: ROOT_UNDECLARED,
  bad: ROOT_UNDECLARED,
  severity: 'info',
  skipWhen,
  fix: rootFix(mod, when),
});

/** How ec2-block-device-encrypted reads CDK L2 constructs (core/cdk/check.ts evaluates it); L1 `Cfn*` constructs reach the `template` hook. */
export const ec2BlockDeviceEncryptedCdk: PropCheck[] = [
  {
    target: { kind: 'call', fqn: ['aws-ec2.BlockDeviceVolume.ebs', 'aws-autoscaling.BlockDeviceVolume.ebs'], propsArg: 1 },
    anyOf: [{ path: ['encrypted'], good: [{ lit: [true] }] }],
    // Without `encrypted`, aws-cdk-lib writes no Encrypted: the account's EBS encryption by default decides.
    missing:
      'The block device volume does not ask for encryption: unless EBS encryption by default is on in the account, it is unencrypted. Set encrypted: true.',
    missingSeverity: 'warning',
    severity: 'error',
    bad: 'The block device volume is not encrypted ({value}). Encrypt it.',
    fix: [{ title: 'Encrypt the block device (encrypted: true)', set: [{ path: ['encrypted'], value: true }] }],
  },
  // A launch template without an image leaves the AMI, and with it the root volume, to whoever launches from it.
  root(['aws-ec2.Instance', 'aws-ec2.LaunchTemplate'], 'aws-ec2', [{ lacks: [['machineImage']] }]),
  // BastionHostLinux defaults to an Amazon Linux image (2023 or 2, by feature flag), /dev/xvda either way.
  root(['aws-ec2.BastionHostLinux'], 'aws-ec2', [], { lacks: [['machineImage']] }),
  // With a launch template (or mixed instances) the template is checked instead.
  root(['aws-autoscaling.AutoScalingGroup'], 'aws-autoscaling', [
    { has: [['launchTemplate'], ['mixedInstancesPolicy']] },
    { lacks: [['machineImage']] },
  ]),
];
