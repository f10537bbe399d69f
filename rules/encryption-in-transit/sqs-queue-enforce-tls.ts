import { get, stringValue } from '../../core/nodes';
import { Resource, Template } from '../../core/template';
import { asBool } from '../../core/values';
import { outcomesOf } from '../lib/property-value';
import { presence } from '../lib/required-key';
import { Rule } from '../../core/rule';
import { runL2Checks } from '../../core/cdk/check';
import { sqsQueueEnforceTlsCdk } from './sqs-queue-enforce-tls.cdk';
import { checkSecureTransport } from '../lib/secure-transport';

/** True when some outcome leaves the queue unencrypted: `SqsManagedSseEnabled: false` and no KMS key. SSE-SQS is the default. */
function unencrypted(t: Template, r: Resource): boolean {
  if (presence(t, r.node, ['Properties', 'KmsMasterKeyId']).state === 'present') return false;
  return outcomesOf(t, r.node, ['Properties', 'SqsManagedSseEnabled']).some((o) => o.kind === 'value' && asBool(o.value) === false);
}

/** Compliant: a QueuePolicy in the template denies every request to the queue made without TLS. */
export const sqsQueueEnforceTls: Rule = {
  meta: {
    id: 'sqs-queue-enforce-tls',
    title: 'SQS queues refuse requests without TLS',
    compliant:
      "An `AWS::SQS::QueuePolicy` listing the queue has a statement: Deny, Principal '*', Action `sqs:*`, Condition Bool `aws:SecureTransport` = false.",
    description:
      'SQS refuses plain-HTTP requests to a queue with server-side encryption (SSE-SQS, the default for new queues, or SSE-KMS), but accepts them for an unencrypted queue, so a misconfigured client sends message bodies in the clear. ' +
      'A Deny on `aws:SecureTransport = false` makes the queue refuse every such request whatever its encryption.',
    category: 'encryption-in-transit',
    severity: 'warning',
    profile: 'recommended',
    profileWhy:
      'SQS requires HTTPS and Signature Version 4 for every request to a queue with server-side encryption, which new queues get by default (SSE-SQS): for an encrypted queue the Deny is defence in depth, a strict-only finding; an unencrypted queue stays in `recommended`.',
    resourceTypes: ['AWS::SQS::Queue', 'AWS::SQS::QueuePolicy'],
    syntaxes: ['cfn-yaml', 'cfn-json', 'cdk-ts', 'cdk-py'],
    references: [
      {
        title: 'Amazon SQS security best practices: enforce encryption of data in transit',
        url: 'https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-security-best-practices.html',
      },
      {
        title: 'Encryption at rest in Amazon SQS: requests to a queue with SSE must use HTTPS and Signature Version 4',
        url: 'https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-server-side-encryption.html',
      },
      {
        title: 'AWS::SQS::QueuePolicy',
        url: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-sqs-queuepolicy.html',
      },
    ],
    equivalents: { cdkNag: ['AwsSolutions-SQS4', 'SQSQueueSSLRequestsOnly'] },
    fix: "Appends the Deny-without-TLS statement to the queue's policy, or adds an `AWS::SQS::QueuePolicy` (`<QueueId>TlsPolicy`) holding it when the queue has none.",
    fixSafety: 'safe',
  },
  template(t, ctx) {
    checkSecureTransport(t, ctx, {
      type: 'AWS::SQS::Queue',
      policyType: 'AWS::SQS::QueuePolicy',
      targetsKey: 'Queues',
      // A queue has no policy by default: one holding only the Deny takes nothing away.
      newPolicySafety: 'safe',
      actions: ['sqs:*'],
      service: 'sqs',
      noun: 'queue',
      fixAction: 'sqs:*',
      namesLiteral: (lit, r) => {
        const name = stringValue(get(r.properties, 'QueueName'));
        return !!name && /^https?:\/\//.test(lit) && lit.endsWith(`/${name}`);
      },
      resourceValue: (r) => ({ 'Fn::GetAtt': [r.id, 'Arn'] }),
      alreadyRefusesHttp: (r) =>
        unencrypted(t, r) ? undefined : 'SQS refuses every plain-HTTP request to an encrypted queue (SSE-SQS by default)',
      whyExposed: (r) => (unencrypted(t, r) ? 'it is unencrypted: SqsManagedSseEnabled is false and no KmsMasterKeyId is set' : undefined),
    });
  },
  source(ctx) {
    runL2Checks(ctx, sqsQueueEnforceTlsCdk);
  },
};
