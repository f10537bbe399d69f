import { get, stringValue } from '../../core/nodes';
import { Rule } from '../../core/rule';
import { runL2Checks } from '../../core/cdk/check';
import { snsTopicEnforceTlsCdk } from './sns-topic-enforce-tls.cdk';
import { checkSecureTransport } from '../lib/secure-transport';

/** Compliant: a TopicPolicy in the template denies publishing to the topic without TLS. */
export const snsTopicEnforceTls: Rule = {
  meta: {
    id: 'sns-topic-enforce-tls',
    title: 'SNS topics refuse requests without TLS',
    compliant:
      "An `AWS::SNS::TopicPolicy` listing the topic has a statement: Deny, Principal '*', Action `sns:Publish` (or `sns:*`), Condition Bool `aws:SecureTransport` = false.",
    description:
      'SNS accepts plain-HTTP publish requests unless the topic policy refuses them, so a misconfigured publisher sends messages in the clear. ' +
      'A Deny on `aws:SecureTransport = false` makes the topic refuse every such request.',
    category: 'encryption-in-transit',
    severity: 'warning',
    profile: 'recommended',
    resourceTypes: ['AWS::SNS::Topic', 'AWS::SNS::TopicPolicy'],
    syntaxes: ['cfn-yaml', 'cfn-json', 'cdk-ts', 'cdk-py'],
    references: [
      {
        title: 'Amazon SNS security best practices: enforce encryption of data in transit',
        url: 'https://docs.aws.amazon.com/sns/latest/dg/sns-security-best-practices.html',
      },
      {
        title: 'AWS::SNS::TopicPolicy',
        url: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-sns-topicpolicy.html',
      },
    ],
    equivalents: { cdkNag: ['AwsSolutions-SNS3', 'SNSTopicSSLPublishOnly'] },
    fix: "Appends the Deny-without-TLS statement to the topic's policy, or adds an `AWS::SNS::TopicPolicy` (`<TopicId>TlsPolicy`) holding it when the topic has none.",
    fixSafety: 'mixed',
  },
  template(t, ctx) {
    checkSecureTransport(t, ctx, {
      type: 'AWS::SNS::Topic',
      policyType: 'AWS::SNS::TopicPolicy',
      targetsKey: 'Topics',
      // A TopicPolicy replaces the topic's default policy (which lets the owner account's sources publish): the user's call.
      newPolicySafety: 'suggestion',
      actions: ['sns:*', 'sns:publish'],
      service: 'sns',
      noun: 'topic',
      fixAction: 'sns:Publish',
      namesLiteral: (lit, r) => {
        const name = stringValue(get(r.properties, 'TopicName'));
        return !!name && lit.startsWith('arn:') && lit.endsWith(`:${name}`);
      },
      resourceValue: (r) => ({ Ref: r.id }),
    });
  },
  source(ctx) {
    runL2Checks(ctx, snsTopicEnforceTlsCdk);
  },
};
