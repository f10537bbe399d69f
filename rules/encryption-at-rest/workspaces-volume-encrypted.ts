import { FixOp, Rule } from '../../core/rule';
import { setAt, sibling } from '../lib/fix-target';
import { checkProperty, mustBeTrue } from '../lib/property-value';
import { Reporter } from '../lib/reporter';
import { presence } from '../lib/required-key';

/** Compliant: every WorkSpace encrypts its user volume, and does not turn root volume encryption off. */
export const workspacesVolumeEncrypted: Rule = {
  meta: {
    id: 'workspaces-volume-encrypted',
    title: 'WorkSpaces volumes are encrypted',
    compliant:
      '`AWS::WorkSpaces::Workspace` has `UserVolumeEncryptionEnabled: true` (with a `VolumeEncryptionKey`) and no `RootVolumeEncryptionEnabled: false`.',
    description:
      "The user volume holds the user's profile and documents; unless `UserVolumeEncryptionEnabled` is true it is stored unencrypted, and so are its snapshots. " +
      'Encryption can only be chosen when the WorkSpace is created.',
    category: 'encryption-at-rest',
    severity: 'warning',
    profile: 'recommended',
    resourceTypes: ['AWS::WorkSpaces::Workspace'],
    syntaxes: ['cfn-yaml', 'cfn-json', 'cdk-ts', 'cdk-py'],
    references: [
      { title: 'Encrypted WorkSpaces', url: 'https://docs.aws.amazon.com/workspaces/latest/adminguide/encrypt-workspaces.html' },
      {
        title: 'AWS::WorkSpaces::Workspace',
        url: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-workspaces-workspace.html',
      },
    ],
    controls: ['WorkSpaces.1', 'WorkSpaces.2'],
    equivalents: { guard: ['WORKSPACE_ENCRYPTION_ENABLED'], cfnNag: ['F29'], checkov: ['CKV_AWS_155', 'CKV_AWS_156'] },
    fix: 'Sets `UserVolumeEncryptionEnabled: true`, adding `VolumeEncryptionKey: alias/aws/workspaces` when no key is named (the WorkSpace is replaced).',
    fixSafety: 'suggestion',
  },
  template(t, ctx) {
    const rep = new Reporter(ctx);
    for (const r of t.byType.get('AWS::WorkSpaces::Workspace') ?? []) {
      const needsKey = presence(t, r.node, ['Properties', 'VolumeEncryptionKey']).state === 'absent';
      const title = 'Set UserVolumeEncryptionEnabled: true (causes replacement of the WorkSpace)';
      checkProperty(t, rep, r, {
        path: ['UserVolumeEncryptionEnabled'],
        judge: mustBeTrue,
        missing: { message: 'The WorkSpace user volume is not encrypted: UserVolumeEncryptionEnabled defaults to false. Set it to true.' },
        bad: () => 'The WorkSpace user volume is not encrypted (UserVolumeEncryptionEnabled is false). Set it to true.',
        moreFixes: (at) => {
          const ops: FixOp[] = [setAt(at, true)];
          const key = needsKey
            ? (sibling(at, 'VolumeEncryptionKey') ?? (r.properties ? { map: r.properties, path: ['VolumeEncryptionKey'] } : undefined))
            : undefined;
          if (key?.map) ops.push(setAt(key, 'alias/aws/workspaces'));
          return [{ title, ops }];
        },
      });
      checkProperty(t, rep, r, {
        path: ['RootVolumeEncryptionEnabled'],
        judge: mustBeTrue,
        fixValue: true,
        fixTitle: 'Set RootVolumeEncryptionEnabled: true (causes replacement of the WorkSpace)',
        bad: () => 'The WorkSpace root volume is not encrypted (RootVolumeEncryptionEnabled is false). Set it to true.',
      });
    }
  },
};
