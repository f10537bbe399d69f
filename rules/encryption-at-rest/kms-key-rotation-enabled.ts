import { Rule } from '../../core/rule';
import { checkProperty, mustBeTrue, outcomesOf } from '../lib/property-value';
import { Reporter } from '../lib/reporter';
import { runL2Checks } from '../../core/cdk/check';
import { kmsKeyRotationEnabledCdk } from './kms-key-rotation-enabled.cdk';

/** Compliant: every symmetric encryption KMS key sets `EnableKeyRotation: true`. */
export const kmsKeyRotationEnabled: Rule = {
  meta: {
    id: 'kms-key-rotation-enabled',
    title: 'KMS keys rotate their key material',
    compliant:
      'No symmetric encryption `AWS::KMS::Key` (`KeySpec: SYMMETRIC_DEFAULT`, `KeyUsage: ENCRYPT_DECRYPT`) turns rotation off with `EnableKeyRotation: false`.',
    description:
      'Without automatic rotation, a customer managed key keeps the same key material for ever, so a leaked or broken key material protects everything encrypted with it. ' +
      'Rotation needs no re-encryption: old material keeps decrypting old data. Parapet flags a key that turns rotation off explicitly; asymmetric and HMAC keys cannot rotate and are not checked.',
    category: 'encryption-at-rest',
    severity: 'warning',
    profile: 'recommended',
    resourceTypes: ['AWS::KMS::Key'],
    syntaxes: ['cfn-yaml', 'cfn-json', 'cdk-ts', 'cdk-py'],
    references: [
      { title: 'Rotating AWS KMS keys', url: 'https://docs.aws.amazon.com/kms/latest/developerguide/rotate-keys.html' },
      { title: 'AWS::KMS::Key', url: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-kms-key.html' },
    ],
    controls: ['KMS.4', 'CIS AWS 3.6'],
    equivalents: { guard: ['CMK_BACKING_KEY_ROTATION_ENABLED'], checkov: ['CKV_AWS_7'], cdkNag: ['AwsSolutions-KMS5'] },
    fix: 'Sets `EnableKeyRotation: true`.',
    fixSafety: 'safe',
  },
  template(t, ctx) {
    const rep = new Reporter(ctx);
    for (const r of t.byType.get('AWS::KMS::Key') ?? []) {
      // Only symmetric encryption keys support automatic rotation: anything else (or unknown) is left alone.
      const spec = outcomesOf(t, r.node, ['Properties', 'KeySpec']);
      const usage = outcomesOf(t, r.node, ['Properties', 'KeyUsage']);
      const symmetric = spec.every((o) => o.kind === 'missing' || (o.kind === 'value' && o.value === 'SYMMETRIC_DEFAULT'));
      const encrypt = usage.every((o) => o.kind === 'missing' || (o.kind === 'value' && o.value === 'ENCRYPT_DECRYPT'));
      if (!symmetric || !encrypt) continue;
      checkProperty(t, rep, r, {
        path: ['EnableKeyRotation'],
        judge: mustBeTrue,
        fixValue: true,
        fixTitle: 'Set EnableKeyRotation: true',
        bad: () => 'The key does not rotate its key material (EnableKeyRotation is false). Set it to true.',
      });
    }
  },
  source(ctx) {
    runL2Checks(ctx, kmsKeyRotationEnabledCdk);
  },
};
