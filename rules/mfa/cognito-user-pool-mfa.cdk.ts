import type { PropCheck } from '../../core/cdk/table';

/** How cognito-user-pool-mfa reads CDK L2 constructs (core/cdk/check.ts evaluates it); L1 `Cfn*` constructs reach the `template` hook. */
export const cognitoUserPoolMfaCdk: PropCheck[] = [
  {
    target: { kind: 'construct', fqn: ['aws-cognito.UserPool'] },
    anyOf: [{ path: ['mfa'], good: [{ enum: 'aws-cognito.Mfa', members: ['REQUIRED', 'OPTIONAL'] }] }],
    missing:
      'MFA is off: mfa defaults to Mfa.OFF, so a password alone signs users in. Require a second factor (Mfa.REQUIRED, or at least OPTIONAL).',
    bad: 'MFA is off ({value}): a password alone signs users in. Require a second factor (Mfa.REQUIRED, or at least OPTIONAL).',
    fix: [
      // Only where the file already chose the second factors: without mfaSecondFactor aws-cdk-lib turns on SMS, which needs an SMS role and phone numbers.
      {
        when: [{ has: [['mfaSecondFactor']] }],
        title: 'Require MFA (mfa: Mfa.REQUIRED)',
        set: [{ path: ['mfa'], value: { enum: 'aws-cognito.Mfa', member: 'REQUIRED' } }],
      },
    ],
  },
];
