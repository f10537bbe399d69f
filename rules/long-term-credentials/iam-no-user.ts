import { Rule } from '../../core/rule';

/** Compliant: the template creates no IAM users; people sign in through IAM Identity Center and workloads use roles. */
export const iamNoUser: Rule = {
  meta: {
    id: 'iam-no-user',
    title: 'No IAM users',
    compliant: 'The template creates no AWS::IAM::User; people use IAM Identity Center, workloads use roles.',
    description:
      'An IAM user is a long-lived identity whose password and access keys do not expire on their own. Leaked user credentials are the most common way into AWS accounts. ' +
      'Humans should sign in through IAM Identity Center with temporary credentials; workloads should assume IAM roles (IAM Roles Anywhere for workloads outside AWS).',
    category: 'long-term-credentials',
    severity: 'warning',
    profile: 'recommended',
    resourceTypes: ['AWS::IAM::User'],
    syntaxes: ['cfn-yaml', 'cfn-json', 'cdk-ts', 'cdk-py'],
    references: [
      {
        title: 'IAM best practices: require human users to use federation',
        url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#bp-users-federation-idp',
      },
      { title: 'IAM Roles Anywhere', url: 'https://docs.aws.amazon.com/rolesanywhere/latest/userguide/introduction.html' },
    ],
    controls: ['IAM.2'],
    equivalents: { checkov: ['CKV_AWS_273'], cdkNag: ['IAMUserNoPolicies'] },
  },
  template(t, ctx) {
    for (const r of t.byType.get('AWS::IAM::User') ?? []) {
      ctx.report({
        node: r.keyNode,
        resource: r,
        message: `IAM user ${r.id} is a long-term credential. Use IAM Identity Center for people, an IAM role for workloads, or IAM Roles Anywhere outside AWS.`,
      });
    }
  },
};
