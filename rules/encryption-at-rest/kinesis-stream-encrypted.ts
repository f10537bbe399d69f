import { Rule } from '../../core/rule';
import { get, isMap, stringValue } from '../../core/nodes';
import { runL2Checks } from '../../core/cdk/check';
import { kinesisStreamEncryptedCdk } from './kinesis-stream-encrypted.cdk';
import { checkProperty, oneOf, outcomesOf } from '../lib/property-value';
import { Reporter } from '../lib/reporter';
import { presence } from '../lib/required-key';

const SAFE = { EncryptionType: 'KMS', KeyId: 'alias/aws/kinesis' };

/** Compliant: every Kinesis data stream has `StreamEncryption` with `EncryptionType: KMS` and a `KeyId`. */
export const kinesisStreamEncrypted: Rule = {
  meta: {
    id: 'kinesis-stream-encrypted',
    title: 'Kinesis data streams are encrypted at rest',
    compliant: '`AWS::Kinesis::Stream` has `StreamEncryption` with `EncryptionType: KMS` and a `KeyId`.',
    description:
      'Kinesis Data Streams keeps records unencrypted in its storage layer unless server-side encryption is configured. ' +
      'Records usually carry application events, logs or clickstreams with personal data.',
    category: 'encryption-at-rest',
    severity: 'warning',
    profile: 'recommended',
    resourceTypes: ['AWS::Kinesis::Stream'],
    syntaxes: ['cfn-yaml', 'cfn-json', 'cdk-ts', 'cdk-py'],
    references: [
      {
        title: 'Data protection in Amazon Kinesis Data Streams',
        url: 'https://docs.aws.amazon.com/streams/latest/dev/server-side-encryption.html',
      },
      {
        title: 'AWS::Kinesis::Stream StreamEncryption',
        url: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-kinesis-stream-streamencryption.html',
      },
    ],
    controls: ['Kinesis.1'],
    equivalents: {
      guard: ['KINESIS_STREAM_ENCRYPTION_RULE'],
      cfnNag: ['W49'],
      checkov: ['CKV_AWS_43'],
      cdkNag: ['AwsSolutions-KDS1', 'KinesisDataStreamSSE'],
    },
    fix: 'Adds `StreamEncryption: {EncryptionType: KMS, KeyId: alias/aws/kinesis}`, or completes a partial block.',
    fixSafety: 'mixed',
  },
  template(t, ctx) {
    const rep = new Reporter(ctx);
    for (const r of t.byType.get('AWS::Kinesis::Stream') ?? []) {
      for (const o of outcomesOf(t, r.node, ['Properties', 'StreamEncryption'])) {
        if (o.kind === 'missing' && o.map) {
          rep.report({
            node: r.keyNode,
            resource: r,
            message: 'The stream is not encrypted at rest: StreamEncryption is not set. Encrypt it with KMS.',
            // With the AWS managed key, producers and consumers need no KMS permission: nothing changes for them.
            fix: {
              title: 'Encrypt with KMS (alias/aws/kinesis)',
              ops: [{ op: 'set', map: o.map, path: o.path, value: SAFE }],
              safety: 'safe',
            },
          });
        } else if (o.kind === 'node' && isMap(o.node)) {
          const base = o.node;
          // Turning on a customer managed key the block names needs its users to hold KMS permissions: a suggestion.
          const key = stringValue(get(base, 'KeyId'));
          const managed = presence(t, base, ['KeyId']).state === 'absent' || key === 'alias/aws/kinesis';
          checkProperty(t, rep, r, {
            base,
            path: ['EncryptionType'],
            judge: oneOf('KMS'),
            fixValue: 'KMS',
            fixTitle: 'Set EncryptionType: KMS',
            fixSafety: managed ? { missing: 'safe', bad: 'safe' } : undefined,
            missing: { message: 'The stream is not encrypted at rest: StreamEncryption has no EncryptionType. Set it to KMS.' },
            bad: (v) => `The stream is not encrypted at rest: EncryptionType is '${String(v)}'. Set it to KMS.`,
          });
          if (presence(t, base, ['KeyId']).state === 'absent' && get(base, 'EncryptionType') !== undefined) {
            rep.report({
              node: r.keyNode,
              resource: r,
              message: 'StreamEncryption names no KeyId, so the stream cannot be encrypted. Name a KMS key.',
              fix: {
                title: 'Use the AWS managed key (alias/aws/kinesis)',
                ops: [{ op: 'set', map: base, path: ['KeyId'], value: 'alias/aws/kinesis' }],
                safety: 'safe',
              },
            });
          }
        }
      }
    }
  },
  source(ctx) {
    runL2Checks(ctx, kinesisStreamEncryptedCdk);
  },
};
