import { Rule } from '../../core/rule';
import { asBool } from '../../core/values';
import { runL2Checks } from '../../core/cdk/check';
import { sqsQueueEncryptedCdk } from './sqs-queue-encrypted.cdk';
import { sibling } from '../lib/fix-target';
import { keyArn, keyFix } from '../lib/kms-key';
import { outcomesOf } from '../lib/property-value';
import { Reporter } from '../lib/reporter';
import { presence } from '../lib/required-key';

/**
 * Compliant: every SQS queue is encrypted, by a KMS key (`KmsMasterKeyId`) or SQS-managed keys
 * (`SqsManagedSseEnabled`, the default for new queues), and says so.
 */
export const sqsQueueEncrypted: Rule = {
  meta: {
    id: 'sqs-queue-encrypted',
    title: 'SQS queues are encrypted at rest',
    compliant: '`AWS::SQS::Queue` has a `KmsMasterKeyId` or `SqsManagedSseEnabled: true`.',
    description:
      'A queue with `SqsManagedSseEnabled: false` and no KMS key stores its messages unencrypted. ' +
      'A queue that states neither relies on the SSE-SQS default AWS turned on in 2022; writing the setting down keeps it from being switched off unnoticed.',
    category: 'encryption-at-rest',
    severity: 'warning',
    profile: 'recommended',
    profileWhy:
      'SQS has encrypted new queues with SSE-SQS by default since 2022: a queue that states no encryption is ' +
      'encrypted, so that finding is strict-only; `SqsManagedSseEnabled: false` without a KMS key is unencrypted ' +
      'and stays in `recommended`.',
    resourceTypes: ['AWS::SQS::Queue'],
    syntaxes: ['cfn-yaml', 'cfn-json', 'cdk-ts', 'cdk-py'],
    references: [
      {
        title: 'Encryption at rest in Amazon SQS',
        url: 'https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-server-side-encryption.html',
      },
      {
        title: 'AWS::SQS::Queue',
        url: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-sqs-queue.html',
      },
    ],
    controls: ['SQS.1'],
    equivalents: {
      guard: ['SQS_QUEUE_KMS_MASTER_KEY_ID_RULE'],
      cfnNag: ['W48'],
      checkov: ['CKV_AWS_27'],
      cdkNag: ['AwsSolutions-SQS2', 'SQSQueueSSE'],
    },
    fix: 'Sets `SqsManagedSseEnabled: true`, or adds a customer managed KMS key and references it in `KmsMasterKeyId`.',
    fixSafety: 'mixed',
  },
  template(t, ctx) {
    const rep = new Reporter(ctx);
    for (const r of t.byType.get('AWS::SQS::Queue') ?? []) {
      if (presence(t, r.node, ['Properties', 'KmsMasterKeyId']).state !== 'absent') continue;
      for (const o of outcomesOf(t, r.node, ['Properties', 'SqsManagedSseEnabled'])) {
        if (o.kind === 'missing' && o.map) {
          rep.report({
            node: r.keyNode,
            resource: r,
            severity: 'info',
            // SSE-SQS is the default: stating it is a strict-profile matter (meta.profileWhy).
            profile: 'strict',
            message:
              'The queue does not state its encryption: it relies on the SSE-SQS default. Set SqsManagedSseEnabled: true or name a KMS key.',
            fix: [
              // SSE-SQS needs no key policy or permission: every sender and receiver keeps working.
              { title: 'Set SqsManagedSseEnabled: true', ops: [{ op: 'set', map: o.map, path: o.path, value: true }], safety: 'safe' },
              ...keyFix(t, r, sibling({ map: o.map, path: o.path }, 'KmsMasterKeyId'), {
                purpose: `the messages of SQS queue ${r.id}`,
                value: keyArn,
              }),
            ],
          });
        } else if (o.kind === 'value' && asBool(o.value) === false) {
          const at = o.via ?? o.node;
          rep.report({
            node: at,
            resource: r,
            message:
              'The queue is not encrypted at rest: SqsManagedSseEnabled is false and no KmsMasterKeyId is set. Set SqsManagedSseEnabled: true or name a KMS key.',
            related: o.via ? [{ node: o.node, message: 'The value comes from this parameter.' }] : undefined,
            fix: { title: 'Set SqsManagedSseEnabled: true', ops: [{ op: 'replace', node: at, value: true }], safety: 'safe' },
          });
        }
      }
    }
  },
  source(ctx) {
    runL2Checks(ctx, sqsQueueEncryptedCdk);
  },
};
