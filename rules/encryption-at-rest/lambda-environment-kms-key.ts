import { get, isMap } from '../../core/nodes';
import { Rule } from '../../core/rule';
import { keyArn, keyFix } from '../lib/kms-key';
import { dig, hasKey } from '../lib/read-nodes';
import { Reporter } from '../lib/reporter';
import { requireKey } from '../lib/required-key';

/** Compliant: a Lambda (or SAM) function with environment variables names a customer managed key in `KmsKeyArn`. */
export const lambdaEnvironmentKmsKey: Rule = {
  meta: {
    id: 'lambda-environment-kms-key',
    title: 'Lambda environment variables use a customer managed key',
    compliant:
      '`AWS::Lambda::Function` / `AWS::Serverless::Function` with `Environment.Variables` has a `KmsKeyArn` (or SAM `Globals.Function.KmsKeyArn`).',
    description:
      'Lambda encrypts environment variables at rest with the AWS managed key `aws/lambda`, so anyone allowed `lambda:GetFunctionConfiguration` reads them in clear. ' +
      'With a customer managed key, reading them also needs `kms:Decrypt` under a key policy you control. Low severity: a compliance finding; secrets belong in Secrets Manager anyway.',
    category: 'encryption-at-rest',
    severity: 'info',
    profile: 'strict',
    profileWhy:
      'Lambda always encrypts environment variables at rest, with the AWS managed key `aws/lambda` when none is ' +
      'named; a customer managed key adds key-policy control, it does not fix plaintext.',
    resourceTypes: ['AWS::Lambda::Function', 'AWS::Serverless::Function'],
    syntaxes: ['cfn-yaml', 'cfn-json', 'cdk-ts', 'cdk-py'],
    references: [
      {
        title: 'Securing Lambda environment variables',
        url: 'https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars-encryption.html',
      },
      {
        title: 'AWS::Lambda::Function',
        url: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-lambda-function.html',
      },
    ],
    equivalents: { checkov: ['CKV_AWS_173'] },
    fix: "Adds a customer managed KMS key and sets `KmsKeyArn` to it (the function's role needs `kms:Decrypt` on it).",
    fixSafety: 'suggestion',
  },
  template(t, ctx) {
    const rep = new Reporter(ctx);
    const globals = dig(t.root, 'Globals', 'Function');
    for (const r of [...(t.byType.get('AWS::Lambda::Function') ?? []), ...(t.byType.get('AWS::Serverless::Function') ?? [])]) {
      const sam = r.type === 'AWS::Serverless::Function';
      // Only functions that carry variables have something to protect.
      const vars = get(get(r.properties, 'Environment'), 'Variables') ?? (sam ? get(get(globals, 'Environment'), 'Variables') : undefined);
      if (!vars || (isMap(vars) && vars.pairs.length === 0)) continue;
      if (sam && hasKey(globals, 'KmsKeyArn')) continue;
      requireKey(t, rep, r, ['Properties', 'KmsKeyArn'], {
        message:
          "The function's environment variables are encrypted with the AWS managed key aws/lambda (KmsKeyArn is not set). Where a customer managed key is required, set KmsKeyArn.",
        fixes: (at) => keyFix(t, r, at, { purpose: `the environment variables of function ${r.id}`, value: keyArn }),
      });
    }
  },
};
