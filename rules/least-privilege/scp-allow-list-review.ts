import { Rule } from '../../core/rule';
import { allows, modelOf, reportAt } from '../lib/policy-rules';

const SCP_REFERENCES = [
  {
    title: 'Service control policies (SCPs)',
    url: 'https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps.html',
  },
  {
    title: 'SCP evaluation: allow list and deny list strategies',
    url: 'https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps_evaluation.html',
  },
];

/** Compliant: an SCP's Allow statements are plain allow-lists (`Action` list, `Resource: "*"`, no condition) or the FullAWSAccess statement. */
export const scpAllowListReview: Rule = {
  meta: {
    id: 'scp-allow-list-review',
    title: 'SCP Allow statements follow the allow-list strategy',
    compliant:
      'Allow statements in a service control policy list actions on `Resource: "*"` without NotAction or conditions (or are FullAWSAccess); restrictions are written as Deny statements.',
    description:
      'An SCP Allow never grants anything; it only sets the ceiling of what IAM policies may grant. An Allow with NotAction, scoped resources or conditions is easy to misread as a restriction ' +
      'while it silently widens or narrows the ceiling for the whole organisational unit. Guardrails read best as Deny statements; Allow statements as a plain list of permitted services.',
    category: 'least-privilege',
    severity: 'info',
    profile: 'recommended',
    resourceTypes: ['AWS::Organizations::Policy'],
    syntaxes: ['cfn-yaml', 'cfn-json', 'policy-json', 'policy-yaml', 'cdk-ts', 'cdk-py'],
    references: SCP_REFERENCES,
  },
  document(ctx) {
    for (const doc of modelOf(ctx).documents) {
      if (doc.kind !== 'scp') continue;
      for (const st of allows(doc)) {
        const fullAccess = st.action?.items.length === 1 && st.action.items[0].value === '*';
        const why = st.notAction
          ? 'uses NotAction'
          : st.condition
            ? 'has a condition'
            : st.notResource || (st.resource && st.resource.items.some((i) => i.value !== '*'))
              ? 'is scoped to resources'
              : undefined;
        if (!why || (fullAccess && !st.condition)) continue;
        reportAt(
          ctx,
          doc,
          st.map ?? st.node,
          `Review this SCP Allow: it ${why}, so it does not follow the allow-list strategy (an Allow lists permitted actions on "*"; restrictions go in Deny statements). Rewrite it as an allow-list, or suppress this with the reason.`,
        );
      }
    }
  },
};
