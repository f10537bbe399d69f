import { get } from '../../core/nodes';
import { Rule } from '../../core/rule';
import { Scalar } from '../../core/nodes';
import { checkProperty, oneOf, Verdict } from '../lib/property-value';
import { Reporter } from '../lib/reporter';
import { runL2Checks } from '../../core/cdk/check';
import { cognitoUserPoolMfaCdk } from './cognito-user-pool-mfa.cdk';

const ON = oneOf('ON', 'OPTIONAL');
// A bare YAML `ON` reads as true: a quoting problem CloudFormation reports at deployment, not MFA turned off.
const JUDGE = (v: Scalar): Verdict => (typeof v === 'boolean' ? (v ? 'ok' : 'bad') : ON(v));

/** Compliant: every Cognito user pool has `MfaConfiguration` 'ON' (or at least 'OPTIONAL'). */
export const cognitoUserPoolMfa: Rule = {
  meta: {
    id: 'cognito-user-pool-mfa',
    title: 'Cognito user pools use MFA',
    compliant: "`MfaConfiguration` is 'ON' (or 'OPTIONAL'), quoted, on every AWS::Cognito::UserPool.",
    description:
      "A user pool without MFA lets anyone with a user's password (phished, reused, guessed) sign in as that user. " +
      "`MfaConfiguration` defaults to 'OFF'; 'ON' requires a second factor of every user, 'OPTIONAL' lets users enrol one.",
    category: 'mfa',
    severity: 'warning',
    profile: 'recommended',
    resourceTypes: ['AWS::Cognito::UserPool'],
    syntaxes: ['cfn-yaml', 'cfn-json', 'cdk-ts', 'cdk-py'],
    references: [
      { title: 'Adding MFA to a user pool', url: 'https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-settings-mfa.html' },
      {
        title: 'AWS::Cognito::UserPool MfaConfiguration',
        url: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-cognito-userpool.html#cfn-cognito-userpool-mfaconfiguration',
      },
    ],
    controls: ['Cognito.3'],
    equivalents: { guard: ['COGNITO_USER_POOL_MFA_CONFIGURATION_RULE'], cfnNag: ['F78'], cdkNag: ['COG2'] },
    fix: "Sets MfaConfiguration to 'ON' when the pool already has an MFA method (SmsConfiguration or EnabledMfas); CloudFormation rejects 'ON' without one.",
    fixSafety: 'suggestion',
  },
  template(t, ctx) {
    const rep = new Reporter(ctx);
    for (const r of t.byType.get('AWS::Cognito::UserPool') ?? []) {
      const hasMethod = Boolean(get(r.properties, 'SmsConfiguration') ?? get(r.properties, 'EnabledMfas'));
      checkProperty(t, rep, r, {
        path: ['MfaConfiguration'],
        judge: JUDGE,
        fixValue: hasMethod ? 'ON' : undefined,
        fixTitle: "Require MFA (MfaConfiguration: 'ON')",
        missing: {
          message: `User pool ${r.id} has no MfaConfiguration, so MFA is off: a password alone signs users in. Set MfaConfiguration to 'ON', or at least 'OPTIONAL'.`,
        },
        bad: (v) =>
          `MFA is off for user pool ${r.id} (MfaConfiguration ${JSON.stringify(v)}). Set it to 'ON', or at least 'OPTIONAL' (quoted: YAML reads a bare ON/OFF as a boolean).`,
      });
    }
  },
  source(ctx) {
    runL2Checks(ctx, cognitoUserPoolMfaCdk);
  },
};
