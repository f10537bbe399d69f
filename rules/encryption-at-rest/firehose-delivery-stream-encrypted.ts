import { Rule } from '../../core/rule';
import { isMap } from '../../core/nodes';
import { checkProperty, oneOf, outcomesOf } from '../lib/property-value';
import { Reporter } from '../lib/reporter';
import { presence } from '../lib/required-key';

/** Compliant: every Direct PUT Firehose stream has `DeliveryStreamEncryptionConfigurationInput` with a `KeyType`. */
export const firehoseDeliveryStreamEncrypted: Rule = {
  meta: {
    id: 'firehose-delivery-stream-encrypted',
    title: 'Firehose delivery streams are encrypted at rest',
    compliant:
      'A Direct PUT `AWS::KinesisFirehose::DeliveryStream` has `DeliveryStreamEncryptionConfigurationInput.KeyType` (and `KeyARN` for a customer managed key).',
    description:
      'Firehose buffers records before delivering them; a Direct PUT stream without server-side encryption buffers them unencrypted. ' +
      'Streams that read from a Kinesis data stream or MSK take their protection from the source and are not checked.',
    category: 'encryption-at-rest',
    severity: 'warning',
    profile: 'recommended',
    resourceTypes: ['AWS::KinesisFirehose::DeliveryStream'],
    syntaxes: ['cfn-yaml', 'cfn-json', 'cdk-ts', 'cdk-py'],
    references: [
      { title: 'Data protection in Amazon Data Firehose', url: 'https://docs.aws.amazon.com/firehose/latest/dev/encryption.html' },
      {
        title: 'AWS::KinesisFirehose::DeliveryStream',
        url: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-kinesisfirehose-deliverystream.html',
      },
    ],
    controls: ['DataFirehose.1'],
    equivalents: {
      guard: ['KINESIS_FIREHOSE_DELIVERY_STREAM_ENCRYPTION_RULE'],
      cfnNag: ['W88'],
      cdkNag: ['AwsSolutions-KDF1', 'KinesisDataFirehoseSSE'],
    },
    fix: 'Adds `DeliveryStreamEncryptionConfigurationInput: {KeyType: AWS_OWNED_CMK}`, or completes a block without `KeyType`.',
    fixSafety: 'safe',
  },
  template(t, ctx) {
    const rep = new Reporter(ctx);
    for (const r of t.byType.get('AWS::KinesisFirehose::DeliveryStream') ?? []) {
      // Only Direct PUT streams (the default type) take this setting.
      const types = outcomesOf(t, r.node, ['Properties', 'DeliveryStreamType']);
      if (!types.some((o) => o.kind === 'missing' || (o.kind === 'value' && String(o.value) === 'DirectPut'))) continue;
      for (const o of outcomesOf(t, r.node, ['Properties', 'DeliveryStreamEncryptionConfigurationInput'])) {
        if (o.kind === 'missing' && o.map) {
          rep.report({
            node: r.keyNode,
            resource: r,
            message:
              'The delivery stream is not encrypted at rest (DeliveryStreamEncryptionConfigurationInput is not set). Set it with KeyType AWS_OWNED_CMK or CUSTOMER_MANAGED_CMK.',
            fix: {
              title: 'Encrypt with an AWS owned key (KeyType: AWS_OWNED_CMK)',
              ops: [{ op: 'set', map: o.map, path: o.path, value: { KeyType: 'AWS_OWNED_CMK' } }],
            },
          });
        } else if (o.kind === 'node' && isMap(o.node)) {
          const base = o.node;
          const typed = checkProperty(t, rep, r, {
            base,
            path: ['KeyType'],
            judge: oneOf('AWS_OWNED_CMK', 'CUSTOMER_MANAGED_CMK'),
            fixValue: 'AWS_OWNED_CMK',
            fixTitle: 'Set KeyType: AWS_OWNED_CMK',
            missing: { message: 'The delivery stream is not encrypted at rest: the encryption block has no KeyType. Set KeyType.' },
            bad: (v) => `KeyType '${String(v)}' is not a Firehose key type. Use AWS_OWNED_CMK or CUSTOMER_MANAGED_CMK.`,
          });
          const cmk = outcomesOf(t, base, ['KeyType']).some((k) => k.kind === 'value' && k.value === 'CUSTOMER_MANAGED_CMK');
          if (!typed && cmk && presence(t, base, ['KeyARN']).state === 'absent') {
            rep.report({
              node: r.keyNode,
              resource: r,
              message: 'KeyType is CUSTOMER_MANAGED_CMK but no KeyARN names the key. Name the key.',
            });
          }
        }
      }
    }
  },
};
