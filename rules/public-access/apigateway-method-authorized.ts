import { get, stringValue } from '../../core/nodes';
import { Rule } from '../../core/rule';
import { asBool, resolvePath } from '../../core/values';
import { propertiesUnreadable } from '../lib/paths';

const IAM_FIX = 'Require IAM authorization (AuthorizationType: AWS_IAM)';

/** Compliant: every API Gateway REST method other than OPTIONS has an authorizer (IAM, Cognito, Lambda) or requires an API key. */
export const apigatewayMethodAuthorized: Rule = {
  meta: {
    id: 'apigateway-method-authorized',
    title: 'API Gateway methods require authorization',
    compliant:
      '`AuthorizationType` is `AWS_IAM`, `COGNITO_USER_POOLS` or `CUSTOM`, or `ApiKeyRequired` is true (CORS `OPTIONS` methods excepted).',
    description:
      'A method with `AuthorizationType: NONE` lets anyone on the internet call the backend behind it, Lambda functions and AWS service integrations included. ' +
      'Intentionally public APIs exist; say so with a suppression and a reason, so that the next open method is a decision and not an accident.',
    category: 'public-access',
    severity: 'warning',
    profile: 'recommended',
    resourceTypes: ['AWS::ApiGateway::Method'],
    syntaxes: ['cfn-yaml', 'cfn-json', 'cdk-ts', 'cdk-py'],
    references: [
      {
        title: 'Controlling and managing access to a REST API in API Gateway',
        url: 'https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-control-access-to-api.html',
      },
    ],
    equivalents: { guard: ['API_GW_METHOD_AUTHORIZATION_TYPE_RULE'], checkov: ['CKV_AWS_59'], cdkNag: ['APIGWAuthorization', 'APIG4'] },
    fix: 'Sets `AuthorizationType: AWS_IAM`: callers must sign requests with IAM credentials (SigV4). Pick Cognito or a Lambda authorizer instead when the callers are end users.',
    fixSafety: 'suggestion',
  },
  template(t, ctx) {
    for (const r of t.byType.get('AWS::ApiGateway::Method') ?? []) {
      if (propertiesUnreadable(r)) continue;
      if (stringValue(get(r.properties, 'HttpMethod'))?.toUpperCase() === 'OPTIONS') continue;
      const key = resolvePath(t, r.node, ['Properties', 'ApiKeyRequired']);
      if (key.some((o) => o.kind === 'unknown' || (o.kind === 'value' && asBool(o.value) === true))) continue;
      for (const o of resolvePath(t, r.node, ['Properties', 'AuthorizationType'])) {
        if (o.kind === 'value' && String(o.value).toUpperCase() === 'NONE') {
          ctx.report({
            node: o.via ?? o.node,
            resource: r,
            message: `Method ${r.id} has AuthorizationType NONE and no API key: anyone can call it.`,
            fix: { title: IAM_FIX, ops: [{ op: 'replace', node: o.via ?? o.node, value: 'AWS_IAM' }] },
          });
        } else if (o.kind === 'missing' && r.properties) {
          ctx.report({
            node: r.keyNode,
            resource: r,
            message: `Method ${r.id} sets no AuthorizationType (NONE by default) and no API key: anyone can call it.`,
            fix: o.map ? { title: IAM_FIX, ops: [{ op: 'set', map: o.map, path: o.path, value: 'AWS_IAM' }] } : undefined,
          });
        }
      }
    }
  },
};
