import type { PropCheck } from '../../core/cdk/table';

/** How ec2-block-device-encrypted reads CDK L2 constructs (core/cdk/check.ts evaluates it); L1 `Cfn*` constructs reach the `template` hook. */
export const ec2BlockDeviceEncryptedCdk: PropCheck[] = [
  {
    target: { kind: 'call', fqn: ['aws-ec2.BlockDeviceVolume.ebs', 'aws-autoscaling.BlockDeviceVolume.ebs'], propsArg: 1 },
    anyOf: [{ path: ['encrypted'], good: [{ lit: [true] }] }],
    missing: 'The block device volume is not encrypted: encrypted defaults to false. Encrypt it.',
    bad: 'The block device volume is not encrypted ({value}). Encrypt it.',
    fix: [{ title: 'Encrypt the block device (encrypted: true)', set: [{ path: ['encrypted'], value: true }] }],
  },
];
