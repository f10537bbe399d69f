import { rcpSupportedServices } from '../../core/policy/catalogue';
import { isPublicPrincipal } from '../../core/policy/analysis';
import { Rule } from '../../core/rule';
import { modelOf, reportAt } from '../lib/policy-rules';

/** Compliant: SCPs name no principals; RCPs are Deny statements with `Principal: "*"` on actions of services RCPs support. */
export const orgPolicyValid: Rule = {
  meta: {
    id: 'org-policy-valid',
    title: 'Service and resource control policies follow their grammar',
    compliant:
      'An SCP names no Principal/NotPrincipal; an RCP has only Deny statements (besides RCPFullAWSAccess), `Principal: "*"`, no NotPrincipal, and actions of services that support RCPs.',
    description:
      'Organizations rejects control policies that use elements their policy type does not support, and an RCP action of a service RCPs do not cover restricts nothing. ' +
      'Catching these while writing the guardrail saves a failed deployment, or a guardrail that silently does not apply.',
    category: 'least-privilege',
    severity: 'warning',
    profile: 'recommended',
    resourceTypes: ['AWS::Organizations::Policy'],
    // Standalone SCP/RCP files are recognised by name (`*.scp.json`, `rcp/…`); the fixtures are templates.
    syntaxes: ['cfn-yaml', 'cfn-json', 'cdk-ts', 'cdk-py'],
    references: [
      { title: 'SCP syntax', url: 'https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps_syntax.html' },
      { title: 'RCP syntax', url: 'https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_rcps_syntax.html' },
    ],
  },
  document(ctx) {
    for (const doc of modelOf(ctx).documents) {
      if (doc.kind === 'scp') {
        for (const st of doc.statements) {
          const el = st.principal ?? st.notPrincipal;
          if (el)
            reportAt(
              ctx,
              doc,
              el.key,
              'A service control policy cannot use Principal or NotPrincipal: it applies to every principal of the accounts it is attached to.',
              { severity: 'error' },
            );
        }
      }
      if (doc.kind !== 'rcp') continue;
      for (const st of doc.statements) {
        const fullAccess = st.effect === 'Allow' && st.action?.items.length === 1 && st.action.items[0].value === '*';
        if (st.effect === 'Allow' && !fullAccess)
          reportAt(
            ctx,
            doc,
            st.effectNode ?? st.node,
            'Resource control policies support only Deny statements (RCPFullAWSAccess aside). Write the restriction as a Deny.',
            {
              severity: 'error',
            },
          );
        if (st.notPrincipal)
          reportAt(
            ctx,
            doc,
            st.notPrincipal.key,
            'Resource control policies do not support NotPrincipal; use Principal: "*" with a condition on aws:PrincipalArn or aws:PrincipalOrgID.',
            { severity: 'error' },
          );
        if (st.principal && !st.principal.unknown && !(st.principal.items.length > 0 && st.principal.items.every(isPublicPrincipal))) {
          reportAt(
            ctx,
            doc,
            st.principal.node,
            'Resource control policies require Principal: "*". Narrow the callers with conditions instead.',
            { severity: 'error' },
          );
        }
        if (!st.principal && !st.notPrincipal && st.map)
          reportAt(ctx, doc, st.map, 'Resource control policy statements need Principal: "*".', { severity: 'error' });
        const supported = rcpSupportedServices();
        if (!supported.size) continue;
        for (const it of st.action?.items ?? []) {
          const svc = it.value?.split(':')[0]?.toLowerCase();
          if (!svc || it.value === '*' || !it.value?.includes(':') || /[*?]/.test(svc)) continue;
          if (!supported.has(svc))
            reportAt(ctx, doc, it.node, `${svc} does not support resource control policies, so this action is never restricted here.`);
        }
      }
    }
  },
};
