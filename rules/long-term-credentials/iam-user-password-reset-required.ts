import { get, isMap, pairOf } from '../../core/nodes';
import { Rule } from '../../core/rule';
import { propertiesUnreadable } from '../lib/paths';
import { checkProperty, mustBeTrue } from '../lib/property-value';
import { Reporter } from '../lib/reporter';

/** Compliant: an IAM user's LoginProfile sets `PasswordResetRequired: true`, so the password written at creation is replaced at first sign-in. */
export const iamUserPasswordResetRequired: Rule = {
  meta: {
    id: 'iam-user-password-reset-required',
    title: 'IAM user console passwords must be reset at first sign-in',
    compliant: '`LoginProfile.PasswordResetRequired` is `true` on every IAM user with a console password.',
    description:
      'The initial password of a LoginProfile passes through the template, the deployment pipeline and whoever hands it over. ' +
      'Without a forced reset, that shared password stays the long-term credential of the user.',
    category: 'long-term-credentials',
    severity: 'warning',
    profile: 'recommended',
    resourceTypes: ['AWS::IAM::User'],
    syntaxes: ['cfn-yaml', 'cfn-json', 'cdk-ts', 'cdk-py'],
    references: [
      {
        title: 'AWS::IAM::User LoginProfile',
        url: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-iam-user-loginprofile.html',
      },
    ],
    equivalents: { guard: ['IAM_USER_LOGIN_PROFILE_PASSWORD_RESET_RULE'], cfnNag: ['W50'] },
    fix: 'Sets `LoginProfile.PasswordResetRequired: true`.',
    fixSafety: 'suggestion',
  },
  template(t, ctx) {
    const rep = new Reporter(ctx);
    for (const r of t.byType.get('AWS::IAM::User') ?? []) {
      if (propertiesUnreadable(r)) continue;
      // Judge a console password once it is written: a LoginProfile without Password is still being typed.
      const profile = get(r.properties, 'LoginProfile');
      if (!profile || (isMap(profile) && !pairOf(profile, 'Password'))) continue;
      checkProperty(t, rep, r, {
        path: ['LoginProfile', 'PasswordResetRequired'],
        judge: mustBeTrue,
        fixValue: true,
        fixTitle: 'Require a password reset at first sign-in',
        missing: {
          message: `IAM user ${r.id} has a console password but LoginProfile.PasswordResetRequired is not set, so the initial password never has to change. Set PasswordResetRequired: true.`,
        },
        bad: () =>
          `IAM user ${r.id} does not have to change its initial console password (PasswordResetRequired is false). Set it to true.`,
      });
    }
  },
};
