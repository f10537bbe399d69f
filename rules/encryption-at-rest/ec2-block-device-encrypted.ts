import { Node } from '../../core/nodes';
import { Rule } from '../../core/rule';
import { Resource } from '../../core/template';
import { runL2Checks } from '../../core/cdk/check';
import { ec2BlockDeviceEncryptedCdk } from './ec2-block-device-encrypted.cdk';
import { checkProperty, mustBeTrue } from '../lib/property-value';
import { hasKey, listItems } from '../lib/read-nodes';
import { Reporter } from '../lib/reporter';

const WHERE: Record<string, string[]> = {
  'AWS::EC2::LaunchTemplate': ['LaunchTemplateData', 'BlockDeviceMappings'],
  'AWS::AutoScaling::LaunchConfiguration': ['BlockDeviceMappings'],
  'AWS::EC2::Instance': ['BlockDeviceMappings'],
};

/** Compliant: every EBS block device mapping of a launch template, launch configuration or instance sets `Ebs.Encrypted: true`. */
export const ec2BlockDeviceEncrypted: Rule = {
  meta: {
    id: 'ec2-block-device-encrypted',
    title: 'EC2 block devices are encrypted',
    compliant: 'Every `BlockDeviceMappings[].Ebs` in a launch template, launch configuration or instance has `Encrypted: true`.',
    description:
      'An EBS volume created from a block device mapping without `Encrypted: true` is encrypted only if the account turned on EBS encryption by default or the snapshot was encrypted; otherwise the disk and its snapshots are plaintext. ' +
      'An explicit `Encrypted: false` is an error; a missing flag leaves the outcome to account settings the template cannot see.',
    category: 'encryption-at-rest',
    severity: 'warning',
    profile: 'recommended',
    resourceTypes: Object.keys(WHERE),
    syntaxes: ['cfn-yaml', 'cfn-json', 'cdk-ts', 'cdk-py'],
    references: [
      { title: 'Amazon EBS encryption', url: 'https://docs.aws.amazon.com/ebs/latest/userguide/ebs-encryption.html' },
      {
        title: 'AWS::EC2::LaunchTemplate Ebs',
        url: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-ec2-launchtemplate-ebs.html',
      },
    ],
    controls: ['EC2.3'],
    equivalents: { checkov: ['CKV_AWS_8'], cdkNag: ['AwsSolutions-EC26', 'EC2EBSVolumeEncrypted'] },
    fix: "Sets `Ebs.Encrypted: true` on the mapping (new instances get encrypted volumes; an instance's own mappings are replaced with it).",
    fixSafety: 'mixed',
  },
  template(t, ctx) {
    const rep = new Reporter(ctx);
    for (const [type, path] of Object.entries(WHERE)) {
      for (const r of t.byType.get(type) ?? []) {
        for (const m of listItems(t, r.node, ['Properties', ...path])) check(t, rep, r, m);
      }
    }
  },
  source(ctx) {
    runL2Checks(ctx, ec2BlockDeviceEncryptedCdk);
  },
};

function check(t: Parameters<NonNullable<Rule['template']>>[0], rep: Reporter, r: Resource, mapping: Node): void {
  // Instance-store (VirtualName) and suppressed (NoDevice) mappings have no EBS volume.
  if (!hasKey(mapping, 'Ebs')) return;
  const device = (mapping.kind === 'map' && mapping.pairs.find((p) => p.key.value === 'DeviceName')?.value) || undefined;
  const name = device?.kind === 'scalar' ? ` ${String(device.value)}` : '';
  const replace = r.type === 'AWS::EC2::Instance' ? ' (causes replacement of the instance)' : '';
  checkProperty(t, rep, r, {
    base: mapping,
    missingAt: mapping,
    path: ['Ebs', 'Encrypted'],
    judge: mustBeTrue,
    fixValue: true,
    fixTitle: `Set Ebs.Encrypted: true${replace}`,
    // Launch templates and configurations only change new instances; an instance is replaced, with its data.
    fixSafety: replace ? undefined : { missing: 'safe', bad: 'safe' },
    missing: {
      message: `The block device${name} does not ask for encryption: unless EBS encryption by default is on in the account, the volume is unencrypted. Set Ebs.Encrypted: true.`,
    },
    bad: () => `The block device${name} is unencrypted (Ebs.Encrypted is false). Set it to true.`,
    badSeverity: 'error',
  });
}
