import { get, isMap, pairOf } from '../../core/nodes';
import { Rule } from '../../core/rule';

const KEY_FIELDS = ['accessKeyId', 'secretKey', 'password'];

/** Compliant: `AWS::CloudFormation::Authentication` blocks use `roleName`, never access keys or passwords. */
export const cfnInitAuthNoKeys: Rule = {
  meta: {
    id: 'cfn-init-auth-no-keys',
    title: 'cfn-init authentication uses a role, not keys or passwords',
    compliant:
      '`AWS::CloudFormation::Authentication` entries authenticate with `roleName` (the instance profile role), without `accessKeyId`, `secretKey` or `password`.',
    description:
      'Keys or passwords in `AWS::CloudFormation::Authentication` metadata are long-term credentials handed to the instance and readable by anyone who can describe the stack or read the instance metadata. ' +
      'cfn-init can fetch from S3 with the instance profile role (`type: S3` with `roleName`), which uses short-lived credentials.',
    category: 'long-term-credentials',
    severity: 'error',
    profile: 'recommended',
    resourceTypes: ['AWS::CloudFormation::Authentication'],
    syntaxes: ['cfn-yaml', 'cfn-json'],
    references: [
      {
        title: 'AWS::CloudFormation::Authentication',
        url: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-cloudformation-authentication.html',
      },
    ],
    equivalents: { guard: ['CFN_AUTHENTICATION_RULE'], cfnNag: ['W1'] },
  },
  template(t, ctx) {
    for (const r of t.resources) {
      const auth = get(r.metadata, 'AWS::CloudFormation::Authentication');
      if (!isMap(auth)) continue;
      for (const entry of auth.pairs) {
        const block = entry.value;
        if (!isMap(block)) continue;
        const fields = KEY_FIELDS.filter((k) => pairOf(block, k));
        if (!fields.length) continue;
        const first = pairOf(block, fields[0])!;
        ctx.report({
          node: first.key,
          resource: r,
          message: `Authentication ${String(entry.key.value)} gives cfn-init ${fields.join(' and ')}: long-term credentials in the template. Use roleName with the instance profile role.`,
        });
      }
    }
  },
};
