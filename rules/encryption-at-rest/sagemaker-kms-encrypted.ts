import { Rule } from '../../core/rule';
import { keyArn, keyFix } from '../lib/kms-key';
import { Reporter } from '../lib/reporter';
import { requireKey } from '../lib/required-key';

const TYPES = ['AWS::SageMaker::NotebookInstance', 'AWS::SageMaker::EndpointConfig', 'AWS::SageMaker::Domain'];

/** Compliant: SageMaker notebook instances, endpoint configurations and domains name a customer managed KMS key. */
export const sagemakerKmsEncrypted: Rule = {
  meta: {
    id: 'sagemaker-kms-encrypted',
    title: 'SageMaker storage uses a customer managed key',
    compliant: '`KmsKeyId` on `AWS::SageMaker::NotebookInstance`, `EndpointConfig` and `Domain`.',
    description:
      'Without `KmsKeyId`, SageMaker encrypts notebook volumes, endpoint storage volumes and Studio home directories with AWS managed keys, whose use you cannot restrict by key policy. ' +
      'Notebooks and models often hold training data and credentials: name a customer managed key where your policy asks for one.',
    category: 'encryption-at-rest',
    severity: 'info',
    profile: 'strict',
    profileWhy:
      'SageMaker encrypts notebook, endpoint and Studio storage with AWS managed keys when no key is named; a ' +
      'customer managed key is a compliance choice.',
    resourceTypes: TYPES,
    syntaxes: ['cfn-yaml', 'cfn-json', 'cdk-ts', 'cdk-py'],
    references: [
      {
        title: 'Protect data at rest using encryption (SageMaker)',
        url: 'https://docs.aws.amazon.com/sagemaker/latest/dg/encryption-at-rest.html',
      },
      {
        title: 'AWS::SageMaker::NotebookInstance',
        url: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-sagemaker-notebookinstance.html',
      },
    ],
    equivalents: {
      guard: ['SAGEMAKER_NOTEBOOK_INSTANCE_KMS_KEY_CONFIGURED', 'SAGEMAKER_ENDPOINT_CONFIGURATION_KMS_KEY_CONFIGURED'],
      cfnNag: ['W1200', 'W1201'],
      checkov: ['CKV_AWS_187'],
      cdkNag: ['AwsSolutions-SM2', 'SageMakerNotebookInstanceKMSKeyConfigured', 'SageMakerEndpointConfigurationKMSKeyConfigured'],
    },
    fix: 'Adds a customer managed KMS key and sets `KmsKeyId` to it (the resource is replaced).',
    fixSafety: 'suggestion',
  },
  template(t, ctx) {
    const rep = new Reporter(ctx);
    for (const r of TYPES.flatMap((ty) => t.byType.get(ty) ?? [])) {
      const what = r.type.split('::')[2];
      requireKey(t, rep, r, ['Properties', 'KmsKeyId'], {
        message: `The SageMaker ${what} uses an AWS managed key: KmsKeyId is not set. Name a customer managed key.`,
        fixes: (at) =>
          keyFix(t, r, at, {
            purpose: `SageMaker ${what} ${r.id}`,
            value: keyArn,
            title: 'Encrypt with a new customer managed KMS key (causes replacement)',
          }),
      });
    }
  },
};
