import { Rule } from '../../core/rule';
import { keyArn, keyFix } from '../lib/kms-key';
import { checkProperty, mustBeFalse, outcomesOf } from '../lib/property-value';
import { items } from '../lib/read-nodes';
import { Reporter } from '../lib/reporter';
import { requireKey } from '../lib/required-key';

/** Compliant: a CodeBuild project never disables artifact encryption and names a KMS key (`EncryptionKey`). */
export const codebuildProjectEncrypted: Rule = {
  meta: {
    id: 'codebuild-project-encrypted',
    title: 'CodeBuild projects encrypt their artifacts with a KMS key',
    compliant: '`AWS::CodeBuild::Project` has an `EncryptionKey` and no artifact with `EncryptionDisabled: true`.',
    description:
      '`EncryptionDisabled: true` uploads build artifacts to S3 unencrypted: build outputs often carry binaries, configuration and embedded credentials. ' +
      'Without `EncryptionKey`, CodeBuild uses the AWS managed S3 key; a customer managed key is the compliance choice (low severity).',
    category: 'encryption-at-rest',
    severity: 'warning',
    profile: 'recommended',
    profileWhy:
      'CodeBuild always encrypts artifacts, with the AWS managed S3 key when `EncryptionKey` is not set, so ' +
      'asking for a customer managed key is strict-only; `EncryptionDisabled: true` stays in `recommended`.',
    resourceTypes: ['AWS::CodeBuild::Project'],
    syntaxes: ['cfn-yaml', 'cfn-json', 'cdk-ts', 'cdk-py'],
    references: [
      { title: 'Data encryption in AWS CodeBuild', url: 'https://docs.aws.amazon.com/codebuild/latest/userguide/security-encryption.html' },
      {
        title: 'AWS::CodeBuild::Project',
        url: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-codebuild-project.html',
      },
    ],
    controls: ['CodeBuild.7'],
    equivalents: {
      guard: ['CODEBUILD_ENCRYPTION_KEY_RULE'],
      cfnNag: ['W32'],
      checkov: ['CKV_AWS_78'],
      cdkNag: ['AwsSolutions-CB4', 'CodeBuildProjectKMSEncryptedArtifacts'],
    },
    fix: 'Sets `EncryptionDisabled: false`; adds a customer managed KMS key and sets `EncryptionKey` to it (the service role needs `kms:GenerateDataKey` and `kms:Decrypt` on it).',
    fixSafety: 'suggestion',
  },
  template(t, ctx) {
    const rep = new Reporter(ctx);
    for (const r of t.byType.get('AWS::CodeBuild::Project') ?? []) {
      const disabled = {
        path: ['EncryptionDisabled'],
        judge: mustBeFalse,
        fixValue: false,
        fixTitle: 'Set EncryptionDisabled: false',
        bad: () =>
          `CodeBuild project ${r.id} stores build artifacts unencrypted (EncryptionDisabled: true). Remove EncryptionDisabled or set it to false.`,
      };
      let off = false;
      for (const o of outcomesOf(t, r.node, ['Properties', 'Artifacts']))
        if (o.kind === 'node') off = checkProperty(t, rep, r, { ...disabled, base: o.node }) || off;
      for (const o of outcomesOf(t, r.node, ['Properties', 'SecondaryArtifacts'])) {
        if (o.kind === 'node') for (const a of items(o.node)) off = checkProperty(t, rep, r, { ...disabled, base: a }) || off;
      }
      requireKey(t, rep, r, ['Properties', 'EncryptionKey'], {
        severity: 'info',
        profile: 'strict',
        // With encryption disabled, "encrypts with the AWS managed S3 key" would be false: say what the key would change.
        message: off
          ? `CodeBuild project ${r.id} names no customer managed key (EncryptionKey is not set): once artifact encryption is on, it uses the AWS managed S3 key. Name a customer managed key in EncryptionKey.`
          : `CodeBuild project ${r.id} encrypts its artifacts with the AWS managed S3 key (EncryptionKey is not set). Name a customer managed key in EncryptionKey.`,
        fixes: (at) => keyFix(t, r, at, { purpose: `the build artifacts of CodeBuild project ${r.id}`, value: keyArn }),
      });
    }
  },
};
