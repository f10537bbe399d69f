import { Rule } from '../../core/rule';
import { everyMustBeTrue } from '../lib/property-value';
import { runL2Checks } from '../../core/cdk/check';
import { ebsVolumeEncryptedCdk } from './ebs-volume-encrypted.cdk';

/** Compliant: every AWS::EC2::Volume sets `Encrypted: true`. */
export const ebsVolumeEncrypted: Rule = {
  meta: {
    id: 'ebs-volume-encrypted',
    title: 'EBS volumes are encrypted',
    compliant: 'Every AWS::EC2::Volume sets Encrypted to true.',
    description:
      'An unencrypted EBS volume keeps its data, and every snapshot taken from it, in the clear; a snapshot shared or copied by mistake exposes it all. ' +
      'Encryption is chosen when the volume is created and costs nothing in performance.',
    category: 'encryption-at-rest',
    severity: 'error',
    profile: 'recommended',
    resourceTypes: ['AWS::EC2::Volume'],
    syntaxes: ['cfn-yaml', 'cfn-json', 'cdk-ts', 'cdk-py'],
    references: [
      { title: 'Amazon EBS encryption', url: 'https://docs.aws.amazon.com/ebs/latest/userguide/ebs-encryption.html' },
      {
        title: 'AWS::EC2::Volume Encrypted',
        url: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-ec2-volume.html#cfn-ec2-volume-encrypted',
      },
    ],
    controls: ['EC2.3'],
    equivalents: { guard: ['ENCRYPTED_VOLUMES'], cfnNag: ['F1'], checkov: ['CKV_AWS_3'], cdkNag: ['EC2EBSVolumeEncrypted', 'EC26'] },
    fix: 'Sets Encrypted to true. CloudFormation replaces an existing volume when this changes: snapshot it first.',
    fixSafety: 'suggestion',
  },
  template(t, ctx) {
    everyMustBeTrue(t, ctx, ['AWS::EC2::Volume'], (r) => ({
      path: ['Encrypted'],
      fixTitle: 'Set Encrypted to true (CloudFormation replaces an existing volume)',
      missing: {
        message: `Volume ${r.id} is not encrypted: Encrypted is not set, so the volume is unencrypted unless the account turns on EBS encryption by default. Set Encrypted: true.`,
      },
      bad: (v) => `Volume ${r.id} is not encrypted: Encrypted is ${String(v)}. Set it to true.`,
    }));
  },
  source(ctx) {
    runL2Checks(ctx, ebsVolumeEncryptedCdk);
  },
};
