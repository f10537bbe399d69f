import { runSecretValueChecks } from '../../core/cdk/check';
import { Rule } from '../../core/rule';

/** Compliant: no `SecretValue.unsafePlainText` / `plainText` (Python `unsafe_plain_text` / `plain_text`); secrets come from Secrets Manager or SSM. */
export const cdkSecretValuePlaintext: Rule = {
  meta: {
    id: 'cdk-secret-value-plaintext',
    title: 'CDK secrets are not written in plain text',
    compliant:
      'No SecretValue.unsafePlainText or SecretValue.plainText; secrets come from Secrets Manager, SSM SecureString or a generated secret.',
    description:
      'SecretValue.unsafePlainText (and the deprecated plainText) renders its argument into the synthesized template, where anyone who can read the stack, ' +
      'the cdk.out folder or the CloudFormation console sees it. A literal argument is also committed to source control.',
    category: 'long-term-credentials',
    severity: 'error',
    profile: 'recommended',
    resourceTypes: ['aws-cdk-lib.SecretValue', 'aws-rds.Credentials'],
    syntaxes: ['cdk-ts', 'cdk-py'],
    references: [
      { title: 'SecretValue (AWS CDK API reference)', url: 'https://docs.aws.amazon.com/cdk/api/v2/docs/aws-cdk-lib.SecretValue.html' },
      {
        title: 'Get a value from AWS Secrets Manager (CDK developer guide)',
        url: 'https://docs.aws.amazon.com/cdk/v2/guide/get_secrets_manager_value.html',
      },
    ],
    // Not SMG4 (secret rotation): acknowledging it must not hide a literal password.
    equivalents: { cdkNag: ['DOC3'] },
    fix: 'For rds.Credentials.fromPassword / fromUsername with a plain-text password, switches to Credentials.fromGeneratedSecret with the same user name.',
    fixSafety: 'suggestion',
  },
  source(ctx) {
    runSecretValueChecks(ctx, 'warning');
  },
};
