import { Rule } from '../../core/rule';
import { cognitoUserPoolMfa } from './cognito-user-pool-mfa';
import { iamRoleMfaRequired } from './iam-role-mfa-required';
import { iamUserMfaEnforced } from './iam-user-mfa-enforced';

export const mfaRules: Rule[] = [
  // One entry per line, as in every registry: adding a rule is a one-line change.
  iamRoleMfaRequired,
  iamUserMfaEnforced,
  cognitoUserPoolMfa,
];
