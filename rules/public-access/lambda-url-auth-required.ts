import { Rule } from '../../core/rule';
import { resolvePath } from '../../core/values';

/** Compliant: Lambda function URLs (`AWS::Lambda::Url`, SAM `FunctionUrlConfig`) use `AuthType: AWS_IAM`. */
export const lambdaUrlAuthRequired: Rule = {
  meta: {
    id: 'lambda-url-auth-required',
    title: 'Lambda function URLs require IAM authentication',
    compliant: '`AuthType` of every function URL is `AWS_IAM`.',
    description:
      'A function URL with `AuthType: NONE` is a public HTTPS endpoint: anyone who finds it can invoke the function, run up its cost and reach whatever its role can reach. ' +
      'Use `AWS_IAM` (callers sign requests, CloudFront can sign with origin access control) or put API Gateway with an authorizer in front.',
    category: 'public-access',
    severity: 'warning',
    profile: 'recommended',
    resourceTypes: ['AWS::Lambda::Url', 'AWS::Serverless::Function'],
    syntaxes: ['cfn-yaml', 'cfn-json', 'cdk-ts', 'cdk-py'],
    references: [
      { title: 'Security and auth model for Lambda function URLs', url: 'https://docs.aws.amazon.com/lambda/latest/dg/urls-auth.html' },
    ],
    controls: ['Lambda.1'],
    equivalents: { checkov: ['CKV_AWS_258'] },
    fix: 'Sets `AuthType: AWS_IAM` (callers must then sign their requests).',
    fixSafety: 'suggestion',
  },
  template(t, ctx) {
    const check = (r: (typeof t.resources)[number], path: string[]): void => {
      for (const o of resolvePath(t, r.node, path)) {
        if (o.kind !== 'value' || String(o.value).toUpperCase() !== 'NONE') continue;
        const at = o.via ?? o.node;
        ctx.report({
          node: at,
          resource: r,
          message: `The function URL of ${r.id} has AuthType NONE: anyone on the internet can invoke the function. Set AuthType to AWS_IAM.`,
          fix: { title: 'Require IAM authentication (AuthType: AWS_IAM)', ops: [{ op: 'replace', node: at, value: 'AWS_IAM' }] },
        });
      }
    };
    for (const r of t.byType.get('AWS::Lambda::Url') ?? []) check(r, ['Properties', 'AuthType']);
    for (const r of t.byType.get('AWS::Serverless::Function') ?? []) check(r, ['Properties', 'FunctionUrlConfig', 'AuthType']);
  },
};
