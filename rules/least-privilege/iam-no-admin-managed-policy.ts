import { Rule } from '../../core/rule';
import { awsManagedPolicyName, IAM_REFERENCE, modelOf } from './common';

/** AWS managed policies that grant administrator or near-administrator access. */
const ELEVATED: Record<string, { severity: 'error' | 'warning'; what: string }> = {
  AdministratorAccess: { severity: 'error', what: 'every action on every resource' },
  IAMFullAccess: { severity: 'error', what: 'full control of IAM, and so of every permission' },
  PowerUserAccess: { severity: 'warning', what: 'every action outside IAM and Organizations' },
};

/** Compliant: no role, user, group or function has AdministratorAccess, IAMFullAccess or PowerUserAccess attached. */
export const iamNoAdminManagedPolicy: Rule = {
  meta: {
    id: 'iam-no-admin-managed-policy',
    title: 'Administrator managed policies are not attached',
    compliant: 'ManagedPolicyArns (and SAM Policies) name no AdministratorAccess, IAMFullAccess or PowerUserAccess.',
    description:
      'AdministratorAccess and IAMFullAccess give a workload or person control of the whole account; PowerUserAccess everything but IAM. ' +
      'A workload needs the few actions it calls: write a policy for them, or use a narrower AWS managed policy.',
    category: 'least-privilege',
    severity: 'error',
    profile: 'recommended',
    resourceTypes: ['AWS::IAM::Role', 'AWS::IAM::User', 'AWS::IAM::Group', 'AWS::Serverless::Function'],
    syntaxes: ['cfn-yaml', 'cfn-json', 'cdk-ts', 'cdk-py'],
    references: [
      IAM_REFERENCE,
      {
        title: 'AWS managed policies for job functions',
        url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_job-functions.html',
      },
    ],
    controls: ['IAM.1'],
    equivalents: {
      guard: ['IAM_ROLE_ADMINISTRATOR_ACCESS_POLICY_RULE'],
      cfnNag: ['W43', 'W44'],
      checkov: ['CKV_AWS_274'],
      cdkNag: ['IAM4'],
    },
  },
  document(ctx) {
    for (const p of modelOf(ctx).principals) {
      for (const m of p.managed) {
        const text = m.value ?? m.text;
        const name = awsManagedPolicyName(text) ?? (p.kind === 'function' && text && /^\w+$/.test(text) ? text : undefined);
        const hit = name ? ELEVATED[name] : undefined;
        if (!hit || !name) continue;
        ctx.report({
          node: m.node,
          resource: p.resource,
          severity: hit.severity,
          message: `${name} gives ${p.kind} ${p.resource.id} ${hit.what}. Attach a policy with the actions it needs instead.`,
        });
      }
    }
  },
};
