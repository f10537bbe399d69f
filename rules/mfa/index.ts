import { Rule } from '../../core/rule';
import { cognitoUserPoolMfa } from './cognito-user-pool-mfa';
import { iamRoleMfaRequired } from './iam-role-mfa-required';
import { iamUserMfaEnforced } from './iam-user-mfa-enforced';

export const mfaRules: Rule[] = [iamRoleMfaRequired, iamUserMfaEnforced, cognitoUserPoolMfa];
