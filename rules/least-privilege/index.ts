import { Rule } from '../../core/rule';
import '../../core/policy/hover';
import { iamNoAdminManagedPolicy } from './iam-no-admin-managed-policy';
import { iamNoAllowNotElements } from './iam-no-allow-not-elements';
import { iamNoPrivilegeEscalation } from './iam-no-privilege-escalation';
import { iamNoPublicPrincipal } from './iam-no-public-principal';
import { iamNoWildcardAction } from './iam-no-wildcard-action';
import { iamNoWildcardResourceWrite } from './iam-no-wildcard-resource-write';
import { iamPolicyValidActions } from './iam-policy-valid-actions';
import { iamPolicyValidConditions } from './iam-policy-valid-conditions';
import { iamPolicyValidGrammar } from './iam-policy-valid-grammar';
import { iamRoleTrustRestricted } from './iam-role-trust-restricted';
import { orgPolicyValid } from './org-policy-valid';
import { scpAllowListReview } from './scp-allow-list-review';

/** Least-privilege rules; importing this module also registers the IAM action hover. */
export const leastPrivilegeRules: Rule[] = [
  iamNoWildcardAction,
  iamNoWildcardResourceWrite,
  iamNoAllowNotElements,
  iamNoPublicPrincipal,
  iamRoleTrustRestricted,
  iamNoPrivilegeEscalation,
  iamNoAdminManagedPolicy,
  iamPolicyValidActions,
  iamPolicyValidGrammar,
  iamPolicyValidConditions,
  scpAllowListReview,
  orgPolicyValid,
];
