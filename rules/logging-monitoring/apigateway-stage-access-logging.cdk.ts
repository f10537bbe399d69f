import type { PropCheck } from '../../core/cdk/table';

const AG = 'aws-apigateway';
const V2 = 'aws-apigatewayv2';
/** The same constructs in the experimental module they came from (Python `aws_cdk.aws_apigatewayv2_alpha`, before 2.112). */
const V2S = [V2, `${V2}-alpha`];
const v2 = (name: string): string[] => V2S.map((m) => `${m}.${name}`);
const NO_LOGS =
  'REST API {id} deploys a stage that writes no access logs: deployOptions.accessLogDestination is not set, so who called what leaves no record. Set deployOptions.accessLogDestination to a LogGroupLogDestination (API Gateway also needs its account-level CloudWatch role).';

/** How apigateway-stage-access-logging reads CDK L2 constructs (core/cdk/check.ts evaluates it); L1 `Cfn*` constructs reach the `template` hook. */
export const apigatewayStageAccessLoggingCdk: PropCheck[] = [
  {
    // A REST API deploys a `prod` stage unless deploy is false.
    target: { kind: 'construct', fqn: [`${AG}.RestApi`, `${AG}.LambdaRestApi`, `${AG}.SpecRestApi`] },
    anyOf: [{ path: ['deployOptions', 'accessLogDestination'], good: [{ present: true }], bad: [] }],
    missing: NO_LOGS,
    bad: NO_LOGS,
    skipWhen: [{ prop: ['deploy'], is: { lit: [false] } }],
    // No automatic fix: access logging fails to deploy until the account has API Gateway's CloudWatch role.
  },
  {
    target: { kind: 'construct', fqn: [`${AG}.Stage`] },
    anyOf: [{ path: ['accessLogDestination'], good: [{ present: true }], bad: [] }],
    missing:
      'Stage {id} writes no access logs: accessLogDestination is not set, so who called what leaves no record. Set accessLogDestination.',
    bad: 'Stage {id} writes no access logs. Set accessLogDestination.',
  },
  {
    // HttpApiProps cannot configure the $default stage's logging: only a stage of one's own can.
    target: { kind: 'construct', fqn: v2('HttpApi') },
    anyOf: [{ path: ['createDefaultStage'], good: [{ lit: [false] }] }],
    missing:
      'The $default stage of HTTP API {id} writes no access logs, and HttpApi cannot turn them on. Set createDefaultStage: false and add an HttpStage with accessLogSettings.',
    bad: 'The $default stage of HTTP API {id} writes no access logs ({value}), and HttpApi cannot turn them on. Set createDefaultStage: false and add an HttpStage with accessLogSettings.',
  },
  {
    target: { kind: 'construct', fqn: [...v2('HttpStage'), ...v2('WebSocketStage')] },
    anyOf: [{ path: ['accessLogSettings'], good: [{ present: true }], bad: [] }],
    missing: 'Stage {id} writes no access logs: accessLogSettings is not set, so who called what leaves no record. Set accessLogSettings.',
    bad: 'Stage {id} writes no access logs. Set accessLogSettings.',
  },
  {
    target: { kind: 'method', on: v2('HttpApi'), method: 'addStage', propsArg: 1 },
    anyOf: [{ path: ['accessLogSettings'], good: [{ present: true }], bad: [] }],
    missing: 'Stage {id} writes no access logs: accessLogSettings is not set, so who called what leaves no record. Set accessLogSettings.',
    bad: 'Stage {id} writes no access logs. Set accessLogSettings.',
  },
];
