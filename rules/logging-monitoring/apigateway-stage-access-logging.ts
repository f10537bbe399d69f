import { get, isMap } from '../../core/nodes';
import { Rule } from '../../core/rule';
import { propertiesUnreadable } from '../lib/paths';
import { runL2Checks } from '../../core/cdk/check';
import { apigatewayStageAccessLoggingCdk } from './apigateway-stage-access-logging.cdk';

/** Compliant: API Gateway stages (REST, HTTP/WebSocket, SAM) write access logs. */
export const apigatewayStageAccessLogging: Rule = {
  meta: {
    id: 'apigateway-stage-access-logging',
    title: 'API Gateway stages write access logs',
    compliant:
      'REST stages and SAM APIs set `AccessLogSetting.DestinationArn`; HTTP and WebSocket stages set `AccessLogSettings.DestinationArn`.',
    description:
      'Access logs record who called which route, from where and with what result. Without them, abuse of a public API or a leaked key cannot be traced.',
    category: 'logging-monitoring',
    severity: 'warning',
    profile: 'recommended',
    resourceTypes: ['AWS::ApiGateway::Stage', 'AWS::ApiGatewayV2::Stage', 'AWS::Serverless::Api', 'AWS::Serverless::HttpApi'],
    syntaxes: ['cfn-yaml', 'cfn-json', 'cdk-ts', 'cdk-py'],
    references: [
      {
        title: 'Set up CloudWatch logging for REST APIs',
        url: 'https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-logging.html',
      },
    ],
    controls: ['APIGateway.1'],
    equivalents: {
      guard: ['API_GW_STAGE_ACCESS_LOGGING_RULE', 'API_GWV2_ACCESS_LOGS_ENABLED'],
      checkov: ['CKV_AWS_76', 'CKV_AWS_95'],
      cdkNag: ['APIGWAccessLogging', 'APIG1'],
    },
  },
  template(t, ctx) {
    const check = (types: string[], key: string): void => {
      for (const r of types.flatMap((x) => t.byType.get(x) ?? [])) {
        if (propertiesUnreadable(r)) continue;
        if (get(get(r.properties, key), 'DestinationArn') || (r.properties && get(r.properties, key) && !isMap(get(r.properties, key))))
          continue;
        ctx.report({
          node: r.keyNode,
          resource: r,
          message: `${r.id} writes no access logs (${key}.DestinationArn is not set). Set it to a CloudWatch Logs log group or Firehose stream ARN.`,
        });
      }
    };
    check(['AWS::ApiGateway::Stage', 'AWS::Serverless::Api'], 'AccessLogSetting');
    check(['AWS::ApiGatewayV2::Stage', 'AWS::Serverless::HttpApi'], 'AccessLogSettings');
  },
  source(ctx) {
    runL2Checks(ctx, apigatewayStageAccessLoggingCdk);
  },
};
