import { Rule } from '../../core/rule';
import { allows, IAM_REFERENCE, modelOf, POLICY_RESOURCE_TYPES, POLICY_SYNTAXES, reportAt } from '../lib/policy-rules';

/** Compliant: Allow statements name what they allow; `NotAction`, `NotResource` and `NotPrincipal` appear only with Deny. */
export const iamNoAllowNotElements: Rule = {
  meta: {
    id: 'iam-no-allow-not-elements',
    title: 'Allow statements do not use NotAction, NotResource or NotPrincipal',
    compliant: 'Allow statements use Action, Resource and Principal; the Not- forms appear only in Deny statements.',
    description:
      'An Allow with `NotAction` or `NotResource` grants everything except a list, including every action and resource AWS adds later. ' +
      'An Allow with `NotPrincipal` grants access to everyone except the listed principals, anonymous callers included.',
    category: 'least-privilege',
    severity: 'warning',
    profile: 'recommended',
    resourceTypes: POLICY_RESOURCE_TYPES,
    syntaxes: POLICY_SYNTAXES,
    references: [
      IAM_REFERENCE,
      {
        title: 'IAM JSON policy elements: NotAction',
        url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notaction.html',
      },
      {
        title: 'IAM JSON policy elements: NotPrincipal',
        url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notprincipal.html',
      },
    ],
    equivalents: {
      guard: [
        'IAM_ROLE_OR_POLICY_NO_ALLOW_PLUS_NOT_ACTION',
        'IAM_ROLE_OR_POLICY_NO_ALLOW_PLUS_NOT_RESOURCE',
        'IAM_ROLE_NO_ALLOW_PLUS_NOT_PRINCIPAL',
        'IAM_ROLE_NO_ALLOW_PLUS_NOT_ACTION_ON_TRUST_POLICY',
        'S3_BUCKET_POLICY_NO_ALLOW_PLUS_NOT_ACTION',
        'S3_BUCKETPOLICY_NO_ALLOW_PLUS_NOTPRINCIPAL',
        'SNS_TOPICPOLICY_NO_ALLOW_PLUS_NOT_ACTION',
        'SNS_TOPICPOLICY_NO_ALLOW_PLUS_NOTPRINCIPAL',
        'SQS_QUEUEPOLICY_NO_ALLOW_PLUS_NOT_ACTION',
        'SQS_QUEUEPOLICY_NO_ALLOW_PLUS_NOTPRINCIPAL',
      ],
      cfnNag: ['W14', 'W15', 'W16', 'W17', 'W18', 'W19', 'W20', 'W21', 'W22', 'W23', 'F6', 'F7', 'F8', 'F9'],
      checkov: ['CKV_AWS_107'],
    },
  },
  document(ctx) {
    for (const doc of modelOf(ctx).documents) {
      for (const st of allows(doc)) {
        if (st.notAction) {
          reportAt(
            ctx,
            doc,
            st.notAction.key,
            `Allow with NotAction grants every action except the listed ones, including actions AWS adds later (${doc.where}). List the allowed actions in Action.`,
          );
        }
        if (st.notResource) {
          reportAt(
            ctx,
            doc,
            st.notResource.key,
            `Allow with NotResource grants access to every resource except the listed ones (${doc.where}). List the allowed resources in Resource.`,
          );
        }
        if (st.notPrincipal) {
          reportAt(
            ctx,
            doc,
            st.notPrincipal.key,
            `Allow with NotPrincipal grants access to everyone except the listed principals, anonymous callers included (${doc.where}). Name the allowed principals in Principal.`,
            { severity: 'error' },
          );
        }
      }
    }
  },
};
