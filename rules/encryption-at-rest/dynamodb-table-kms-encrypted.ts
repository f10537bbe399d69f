import { Fix, Rule } from '../../core/rule';
import { isMap } from '../../core/nodes';
import { setAt, Target } from '../lib/fix-target';
import { keyArn, newKmsKey } from '../lib/kms-key';
import { checkProperty, mustBeTrue, outcomesOf } from '../lib/property-value';
import { Reporter } from '../lib/reporter';

const TYPES = ['AWS::DynamoDB::Table', 'AWS::DynamoDB::GlobalTable', 'AWS::Serverless::SimpleTable'];

/** Compliant: every DynamoDB table (and SAM SimpleTable) uses a KMS key: `SSESpecification.SSEEnabled: true`. */
export const dynamodbTableKmsEncrypted: Rule = {
  meta: {
    id: 'dynamodb-table-kms-encrypted',
    title: 'DynamoDB tables use a KMS key',
    compliant:
      '`SSESpecification.SSEEnabled: true` on `AWS::DynamoDB::Table`, `GlobalTable` and SAM `AWS::Serverless::SimpleTable` (optionally with `KMSMasterKeyId`).',
    description:
      'DynamoDB always encrypts tables; without `SSEEnabled: true` it uses an AWS owned key that never appears in your account, so access to the key cannot be audited in CloudTrail or revoked. ' +
      'This is a compliance finding, not plaintext data: with `SSEEnabled: true` the table uses the AWS managed key `aws/dynamodb`, or the customer managed key you name.',
    category: 'encryption-at-rest',
    severity: 'info',
    profile: 'strict',
    profileWhy:
      'DynamoDB encrypts every table at rest with an AWS owned key; `SSEEnabled` and a named key only change ' + 'whose key it is.',
    resourceTypes: TYPES,
    syntaxes: ['cfn-yaml', 'cfn-json', 'cdk-ts', 'cdk-py'],
    references: [
      {
        title: 'DynamoDB encryption at rest',
        url: 'https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/EncryptionAtRest.html',
      },
      {
        title: 'AWS::DynamoDB::Table SSESpecification',
        url: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-dynamodb-table-ssespecification.html',
      },
    ],
    equivalents: { guard: ['DYNAMODB_TABLE_ENCRYPTED_KMS'], cfnNag: ['W74'], checkov: ['CKV_AWS_119'] },
    fix: 'Sets `SSESpecification.SSEEnabled: true` (AWS managed key), or adds a customer managed key with `SSEType: KMS` and `KMSMasterKeyId`.',
    fixSafety: 'suggestion',
  },
  template(t, ctx) {
    const rep = new Reporter(ctx);
    const owned =
      'The table is encrypted with an AWS owned key that you cannot audit or control. Set SSESpecification.SSEEnabled: true to use a KMS key.';
    for (const r of TYPES.flatMap((ty) => t.byType.get(ty) ?? [])) {
      for (const o of outcomesOf(t, r.node, ['Properties', 'SSESpecification'])) {
        if (o.kind === 'missing' && o.map) {
          const at: Target = { map: o.map, path: o.path };
          const key = newKmsKey(t, r, { purpose: `DynamoDB table ${r.id}` });
          const fixes: Fix[] = [{ title: 'Use a KMS key (SSEEnabled: true, AWS managed key)', ops: [setAt(at, { SSEEnabled: true })] }];
          // A global table names its key per replica, which a fix cannot guess.
          if (r.type !== 'AWS::DynamoDB::GlobalTable') {
            fixes.push({
              title: `Encrypt with a new customer managed KMS key (adds ${key.id})`,
              ops: [setAt(at, { SSEEnabled: true, SSEType: 'KMS', KMSMasterKeyId: keyArn(key.id) }), key.op],
            });
          }
          rep.report({ node: r.keyNode, resource: r, message: owned, fix: fixes });
        } else if (o.kind === 'node' && isMap(o.node)) {
          checkProperty(t, rep, r, {
            base: o.node,
            path: ['SSEEnabled'],
            judge: mustBeTrue,
            fixValue: true,
            fixTitle: 'Use a KMS key (SSEEnabled: true, AWS managed key)',
            missing: { message: owned },
            bad: () =>
              'SSEEnabled is false: the table is encrypted with an AWS owned key that you cannot audit or control. Set it to true to use a KMS key.',
          });
        }
      }
    }
  },
};
