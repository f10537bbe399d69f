import { accountPrincipals, conditionEntries, hasExternalId, publicGrant } from '../../core/policy/analysis';
import { Rule } from '../../core/rule';
import { allows, IAM_REFERENCE, modelOf, reportAt } from '../lib/policy-rules';

/** Placeholder the fix writes for the external id agreed with the third party. */
const EXTERNAL_ID_PLACEHOLDER = 'REPLACE-WITH-EXTERNAL-ID';

/** Compliant: trust policies name specific principals; a whole other account is trusted only with `sts:ExternalId` (or MFA), and never `*` without a condition. */
export const iamRoleTrustRestricted: Rule = {
  meta: {
    id: 'iam-role-trust-restricted',
    title: 'Role trust policies do not trust everyone or a whole foreign account',
    compliant:
      'The trust policy names roles, users or services; a whole other account is trusted only with an sts:ExternalId (or MFA) condition.',
    description:
      'A trust policy with `Principal: "*"` lets anyone in any account assume the role. ' +
      "Trusting another account's root delegates the decision to every administrator there; without an external id a third party that assumes roles for several customers can be tricked into using yours (the confused deputy).",
    category: 'least-privilege',
    severity: 'error',
    profile: 'recommended',
    resourceTypes: ['AWS::IAM::Role'],
    syntaxes: ['cfn-yaml', 'cfn-json', 'policy-json', 'policy-yaml', 'cdk-ts', 'cdk-py'],
    references: [
      IAM_REFERENCE,
      { title: 'The confused deputy problem', url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/confused-deputy.html' },
      {
        title: 'Access to AWS accounts owned by third parties',
        url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_common-scenarios_third-party.html',
      },
    ],
    equivalents: { cfnNag: ['F2'], checkov: ['CKV_AWS_60', 'CKV_AWS_61'] },
    fix: 'Adds `StringEquals: { sts:ExternalId: … }` with a placeholder to fill in with the id agreed with the third party.',
    fixSafety: 'suggestion',
  },
  document(ctx) {
    for (const doc of modelOf(ctx).documents) {
      if (doc.kind !== 'trust') continue;
      for (const st of allows(doc)) {
        const items = st.principal?.items ?? [];
        const open = publicGrant(st);
        if (open) {
          reportAt(
            ctx,
            doc,
            open.node,
            `Anyone may assume this role: the trust policy allows "*" without a condition (${doc.where}). Name the principals that need it.`,
          );
          continue;
        }
        if (hasExternalId(st) || conditionEntries(st, 'aws:MultiFactorAuthPresent').length || st.condition?.unknown) continue;
        if (conditionEntries(st, 'aws:PrincipalArn').length) continue;
        for (const acct of accountPrincipals(items)) {
          if (acct.account === 'self') continue;
          const map = st.map;
          reportAt(
            ctx,
            doc,
            acct.item.node,
            `Every principal ${acct.account === 'unknown' ? 'of the account this trust policy names through a reference' : `of account ${acct.account}`} that its administrators allow may assume this role, and no sts:ExternalId condition guards against a confused deputy. Name the role that needs it, or require an sts:ExternalId.`,
            {
              severity: 'warning',
              fix: map
                ? {
                    title: 'Require an external id (sts:ExternalId: fill in)',
                    ops: [{ op: 'set', map, path: ['Condition', 'StringEquals', 'sts:ExternalId'], value: EXTERNAL_ID_PLACEHOLDER }],
                  }
                : undefined,
            },
          );
        }
      }
    }
  },
};
