import { get, stringValue } from '../../core/nodes';
import { Rule } from '../../core/rule';
import { runL2Checks } from '../../core/cdk/check';
import { sqsQueueEnforceTlsCdk } from './sqs-queue-enforce-tls.cdk';
import { checkSecureTransport } from '../lib/secure-transport';

/** Compliant: a QueuePolicy in the template denies every request to the queue made without TLS. */
export const sqsQueueEnforceTls: Rule = {
  meta: {
    id: 'sqs-queue-enforce-tls',
    title: 'SQS queues refuse requests without TLS',
    compliant:
      "An `AWS::SQS::QueuePolicy` listing the queue has a statement: Deny, Principal '*', Action `sqs:*`, Condition Bool `aws:SecureTransport` = false.",
    description:
      'SQS accepts plain-HTTP requests on its endpoints unless the queue policy refuses them, so a misconfigured client sends message bodies in the clear. ' +
      'A Deny on `aws:SecureTransport = false` makes the queue refuse every such request.',
    category: 'encryption-in-transit',
    severity: 'warning',
    profile: 'recommended',
    resourceTypes: ['AWS::SQS::Queue', 'AWS::SQS::QueuePolicy'],
    syntaxes: ['cfn-yaml', 'cfn-json', 'cdk-ts', 'cdk-py'],
    references: [
      {
        title: 'Amazon SQS security best practices: enforce encryption of data in transit',
        url: 'https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-security-best-practices.html',
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
    });
  },
  source(ctx) {
    runL2Checks(ctx, sqsQueueEnforceTlsCdk);
  },
};
