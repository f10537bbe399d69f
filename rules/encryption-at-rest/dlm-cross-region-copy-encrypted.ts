import { Rule } from '../../core/rule';
import { checkProperty, mustBeTrue } from '../lib/property-value';
import { listItems } from '../lib/read-nodes';
import { Reporter } from '../lib/reporter';

/** Compliant: every cross-Region copy rule of a DLM lifecycle policy sets `EncryptionConfiguration.Encrypted: true`. */
export const dlmCrossRegionCopyEncrypted: Rule = {
  meta: {
    id: 'dlm-cross-region-copy-encrypted',
    title: 'DLM cross-Region snapshot copies are encrypted',
    compliant:
      'Every `PolicyDetails.Actions[].CrossRegionCopy[]` (and `Schedules[].CrossRegionCopyRules[]`) of an `AWS::DLM::LifecyclePolicy` has `Encrypted: true`.',
    description:
      'A Data Lifecycle Manager policy that copies snapshots to another Region without `Encrypted: true` leaves copies of unencrypted snapshots unencrypted in the target Region. ' +
      'Copies usually exist for disaster recovery and are kept longer than the originals.',
    category: 'encryption-at-rest',
    severity: 'warning',
    profile: 'recommended',
    resourceTypes: ['AWS::DLM::LifecyclePolicy'],
    syntaxes: ['cfn-yaml', 'cfn-json', 'cdk-ts', 'cdk-py'],
    references: [
      {
        title: 'Automate snapshot copies with Amazon Data Lifecycle Manager',
        url: 'https://docs.aws.amazon.com/ebs/latest/userguide/event-policy.html',
      },
      {
        title: 'AWS::DLM::LifecyclePolicy EncryptionConfiguration',
        url: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-dlm-lifecyclepolicy-encryptionconfiguration.html',
      },
    ],
    equivalents: { guard: ['DLM_LIFECYCLE_POLICY_CROSS_REGION_ENCRYPTION_RULE'], cfnNag: ['W81'] },
    fix: "Sets `Encrypted: true` on the copy rule's encryption configuration.",
    fixSafety: 'safe',
  },
  template(t, ctx) {
    const rep = new Reporter(ctx);
    for (const r of t.byType.get('AWS::DLM::LifecyclePolicy') ?? []) {
      const copies = [
        ...listItems(t, r.node, ['Properties', 'PolicyDetails', 'Actions']).flatMap((a) =>
          listItems(t, a, ['CrossRegionCopy']).map((c) => ({ c, path: ['EncryptionConfiguration', 'Encrypted'] })),
        ),
        ...listItems(t, r.node, ['Properties', 'PolicyDetails', 'Schedules']).flatMap((s) =>
          listItems(t, s, ['CrossRegionCopyRules']).map((c) => ({ c, path: ['Encrypted'] })),
        ),
      ];
      for (const { c, path } of copies) {
        checkProperty(t, rep, r, {
          base: c,
          missingAt: c,
          path,
          judge: mustBeTrue,
          fixValue: true,
          fixTitle: 'Set Encrypted: true',
          missing: { message: 'Cross-Region snapshot copies are not encrypted: Encrypted is not set. Set it to true.' },
          bad: () => 'Cross-Region snapshot copies are not encrypted (Encrypted is false). Set it to true.',
        });
      }
    }
  },
};
