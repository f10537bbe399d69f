import { accountPrincipals, conditionEntries, hasExternalId, samlPrincipals, userPrincipals } from '../../core/policy/analysis';
import { PrincipalItem, Statement } from '../../core/policy/model';
import { Rule } from '../../core/rule';
import { allows, modelOf, reportAt } from '../lib/policy-rules';

/** Compliant: a role that people assume (trusting an account, IAM users or a SAML provider) requires `aws:MultiFactorAuthPresent`. */
export const iamRoleMfaRequired: Rule = {
  meta: {
    id: 'iam-role-mfa-required',
    title: 'Roles assumed by people require MFA',
    compliant:
      'Trust statements for accounts or IAM users carry `Bool: { aws:MultiFactorAuthPresent: "true" }` (or an sts:ExternalId for third-party services).',
    description:
      'A role trusted by an account or by IAM users is usually assumed by people with long-lived passwords or keys. ' +
      'Without `aws:MultiFactorAuthPresent` in the trust policy, a stolen access key alone is enough to assume it. ' +
      'SAML sessions carry no MFA context, so for SAML trusts MFA must be enforced by the identity provider: those are shown as information.',
    category: 'mfa',
    severity: 'warning',
    profile: 'recommended',
    resourceTypes: ['AWS::IAM::Role'],
    syntaxes: ['cfn-yaml', 'cfn-json', 'policy-json', 'policy-yaml', 'cdk-ts', 'cdk-py'],
    references: [
      {
        title: 'Configuring MFA-protected API access',
        url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_mfa_configure-api-require.html',
      },
      {
        title: 'AWS global condition keys: aws:MultiFactorAuthPresent',
        url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-multifactorauthpresent',
      },
    ],
    controls: ['IAM.5'],
    equivalents: { checkov: ['CKV_AWS_60'] },
    fix: 'Adds `Bool: { aws:MultiFactorAuthPresent: "true" }` to the trust statement\'s Condition.',
    fixSafety: 'suggestion',
  },
  document(ctx) {
    for (const doc of modelOf(ctx).documents) {
      if (doc.kind !== 'trust') continue;
      for (const st of allows(doc)) {
        if (st.condition?.unknown || requiresMfa(st) || hasExternalId(st)) continue;
        const items = st.principal?.items ?? [];
        const human: PrincipalItem[] = [...accountPrincipals(items).map((a) => a.item), ...userPrincipals(items)];
        const map = st.map;
        if (human.length) {
          reportAt(
            ctx,
            doc,
            human[0].node,
            `People can assume this role without MFA: the trust policy allows ${human.length === 1 ? 'this principal' : `${human.length} account or user principals`} with no aws:MultiFactorAuthPresent condition (${doc.where}). Require it: Bool aws:MultiFactorAuthPresent true.`,
            {
              fix: map
                ? {
                    title: 'Require MFA (Bool aws:MultiFactorAuthPresent: true)',
                    ops: [{ op: 'set', map, path: ['Condition', 'Bool', 'aws:MultiFactorAuthPresent'], value: 'true' }],
                  }
                : undefined,
            },
          );
          continue;
        }
        const saml = samlPrincipals(items);
        if (saml.length) {
          reportAt(
            ctx,
            doc,
            saml[0].node,
            `This role is assumed through SAML federation: make sure the identity provider enforces MFA (SAML sessions carry no aws:MultiFactorAuthPresent).`,
            { severity: 'info' },
          );
        }
      }
    }
  },
};

/** `Bool`/`BoolIfExists aws:MultiFactorAuthPresent true`, or a `NumericLessThan aws:MultiFactorAuthAge`. */
function requiresMfa(st: Statement): boolean {
  if (conditionEntries(st, 'aws:MultiFactorAuthAge').some((e) => /^Numeric/.test(e.operator))) return true;
  return conditionEntries(st, 'aws:MultiFactorAuthPresent').some(
    (e) => /^Bool/.test(e.operator) && e.values.some((v) => v.value?.toLowerCase() === 'true'),
  );
}
