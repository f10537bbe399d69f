import type { Code } from '../../core/cdk/code';
import type { Condition, PropCheck } from '../../core/cdk/table';

/** Amazon Linux images whose root device is /dev/xvda with an 8 GiB snapshot: a fix can declare that root volume encrypted. */
const AMAZON_LINUX: Condition = {
  prop: ['machineImage'],
  is: { call: ['aws-ec2.MachineImage.latestAmazonLinux2023', 'aws-ec2.MachineImage.latestAmazonLinux2'], bare: true },
};
const ROOT_UNDECLARED =
  'The root volume is not declared (no blockDevices), so its encryption is left to the AMI and the account: unless EBS encryption by default is on in this Region, it is unencrypted (Amazon Linux AMIs ship unencrypted snapshots). Declare it in blockDevices as an encrypted EBS volume.';
/** `[{ deviceName: '/dev/xvda', volume: BlockDeviceVolume.ebs(8, { encrypted: true }) }]` in the module of the construct. */
const encryptedRoot = (mod: string): Code => ({
  arr: [{ obj: { deviceName: '/dev/xvda', volume: { call: `${mod}.BlockDeviceVolume.ebs`, args: [8], props: { encrypted: true } } } }],
});
const ROOT_FIX = (mod: string) => [
  {
    when: [AMAZON_LINUX],
    title: 'Declare the root volume encrypted (blockDevices: /dev/xvda, 8 GiB, encrypted)',
    set: [{ path: ['blockDevices'], value: encryptedRoot(mod) }],
  },
];

/** How ec2-block-device-encrypted reads CDK L2 constructs (core/cdk/check.ts evaluates it); L1 `Cfn*` constructs reach the `template` hook. */
export const ec2BlockDeviceEncryptedCdk: PropCheck[] = [
  {
    target: { kind: 'call', fqn: ['aws-ec2.BlockDeviceVolume.ebs', 'aws-autoscaling.BlockDeviceVolume.ebs'], propsArg: 1 },
    anyOf: [{ path: ['encrypted'], good: [{ lit: [true] }] }],
    missing: 'The block device volume is not encrypted: encrypted defaults to false. Encrypt it.',
    bad: 'The block device volume is not encrypted ({value}). Encrypt it.',
    fix: [{ title: 'Encrypt the block device (encrypted: true)', set: [{ path: ['encrypted'], value: true }] }],
  },
  {
    target: { kind: 'construct', fqn: ['aws-ec2.Instance', 'aws-ec2.LaunchTemplate'] },
    anyOf: [{ path: ['blockDevices'], good: [{ present: true }], bad: [] }],
    missing: ROOT_UNDECLARED,
    bad: ROOT_UNDECLARED,
    // A launch template without an image leaves the AMI, and with it the root volume, to whoever launches from it.
    skipWhen: [{ lacks: [['machineImage']] }],
    fix: ROOT_FIX('aws-ec2'),
  },
  {
    target: { kind: 'construct', fqn: ['aws-autoscaling.AutoScalingGroup'] },
    anyOf: [{ path: ['blockDevices'], good: [{ present: true }], bad: [] }],
    missing: ROOT_UNDECLARED,
    bad: ROOT_UNDECLARED,
    // With a launch template (or mixed instances) the template is checked instead.
    skipWhen: [{ has: [['launchTemplate'], ['mixedInstancesPolicy']] }, { lacks: [['machineImage']] }],
    fix: ROOT_FIX('aws-autoscaling'),
  },
];
