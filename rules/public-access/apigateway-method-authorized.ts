import { get, Node, stringValue } from '../../core/nodes';
import { Rule, RuleContext } from '../../core/rule';
import { Resource, Template } from '../../core/template';
import { asBool, referencedId, resolvePath } from '../../core/values';
import { propertiesUnreadable } from '../lib/paths';
import { runL2Checks } from '../../core/cdk/check';
import { apigatewayMethodAuthorizedCdk } from './apigateway-method-authorized.cdk';

const IAM_FIX = 'Require IAM authorization (AuthorizationType: AWS_IAM)';

/** The protocol of the API a route belongs to (`HTTP`, `WEBSOCKET`), when the template says. */
function protocolOf(t: Template, apiId: Node | undefined): string | undefined {
  const api = t.resourceById.get(referencedId(apiId) ?? '');
  return api?.type === 'AWS::ApiGatewayV2::Api' ? stringValue(get(api.properties, 'ProtocolType'))?.toUpperCase() : undefined;
}

/** True for a route anyone reaching the API can call unless it is authorized: an HTTP API route, or a WebSocket API's $connect. */
function authorizable(t: Template, r: Resource): string | undefined {
  const key = stringValue(get(r.properties, 'RouteKey'));
  if (key === undefined || /^OPTIONS\s/i.test(key)) return undefined;
  const protocol = protocolOf(t, get(r.properties, 'ApiId'));
  // WebSocket APIs authorize at $connect only; a route key the template does not tie to an API is judged by its shape.
  if (key === '$connect') return protocol === 'HTTP' ? undefined : key;
  if (protocol === 'HTTP') return key;
  return protocol === undefined && /^(ANY|GET|HEAD|POST|PUT|PATCH|DELETE)\s+\//i.test(key) ? key : undefined;
}

/** What to do about an open route: WebSocket APIs ($connect) take IAM or a Lambda authorizer, HTTP APIs also JWT. */
function routeAuth(key: string): string {
  const types = key === '$connect' ? 'AWS_IAM or CUSTOM' : 'AWS_IAM, JWT or CUSTOM';
  return `Set AuthorizationType to ${types} (or suppress this with the reason if it is public by design).`;
}

/** HTTP API routes and WebSocket $connect routes with `AuthorizationType: NONE` (the default) and no API key. */
function checkRoutes(t: Template, ctx: RuleContext): void {
  for (const r of t.byType.get('AWS::ApiGatewayV2::Route') ?? []) {
    if (propertiesUnreadable(r)) continue;
    const key = authorizable(t, r);
    if (key === undefined) continue;
    const apiKey = resolvePath(t, r.node, ['Properties', 'ApiKeyRequired']);
    if (apiKey.some((o) => o.kind === 'unknown' || (o.kind === 'value' && asBool(o.value) === true))) continue;
    for (const o of resolvePath(t, r.node, ['Properties', 'AuthorizationType'])) {
      if (o.kind === 'value' && String(o.value).toUpperCase() === 'NONE') {
        ctx.report({
          node: o.via ?? o.node,
          resource: r,
          message: `Route ${key} of ${r.id} has AuthorizationType NONE: anyone can call it. ${routeAuth(key)}`,
          fix: { title: IAM_FIX, ops: [{ op: 'replace', node: o.via ?? o.node, value: 'AWS_IAM' }] },
        });
      } else if (o.kind === 'missing' && r.properties) {
        ctx.report({
          node: r.keyNode,
          resource: r,
          message: `Route ${key} of ${r.id} sets no AuthorizationType (NONE by default): anyone can call it. ${routeAuth(key)}`,
          fix: o.map ? { title: IAM_FIX, ops: [{ op: 'set', map: o.map, path: o.path, value: 'AWS_IAM' }] } : undefined,
        });
      }
    }
  }
}

/**
 * Compliant: every API Gateway REST method other than OPTIONS, every HTTP API route and every WebSocket
 * $connect route has an authorizer (IAM, Cognito, JWT, Lambda) or requires an API key.
 */
export const apigatewayMethodAuthorized: Rule = {
  meta: {
    id: 'apigateway-method-authorized',
    title: 'API Gateway methods require authorization',
    compliant:
      'REST methods, HTTP API routes and WebSocket `$connect` routes have an `AuthorizationType` other than `NONE` (IAM, Cognito, JWT, a Lambda authorizer); an API key alone is not authorization (CORS `OPTIONS` methods excepted).',
    description:
      'A method or route with `AuthorizationType: NONE` (the default) lets anyone on the internet call the backend behind it, Lambda functions and AWS service integrations included. ' +
      'Intentionally public APIs exist; say so with a suppression and a reason, so that the next open method is a decision and not an accident.',
    category: 'public-access',
    severity: 'warning',
    profile: 'recommended',
    resourceTypes: ['AWS::ApiGateway::Method', 'AWS::ApiGatewayV2::Route'],
    syntaxes: ['cfn-yaml', 'cfn-json', 'cdk-ts', 'cdk-py'],
    references: [
      {
        title: 'Controlling and managing access to a REST API in API Gateway',
        url: 'https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-control-access-to-api.html',
      },
    ],
    equivalents: { guard: ['API_GW_METHOD_AUTHORIZATION_TYPE_RULE'], checkov: ['CKV_AWS_59'], cdkNag: ['APIGWAuthorization', 'APIG4'] },
    fix: 'Sets `AuthorizationType: AWS_IAM` (CDK: `AuthorizationType.IAM`, or an IAM authorizer on HTTP and WebSocket APIs): callers must sign requests with IAM credentials (SigV4). Pick Cognito or a Lambda authorizer instead when the callers are end users.',
    fixSafety: 'suggestion',
  },
  template(t, ctx) {
    for (const r of t.byType.get('AWS::ApiGateway::Method') ?? []) {
      if (propertiesUnreadable(r)) continue;
      if (stringValue(get(r.properties, 'HttpMethod'))?.toUpperCase() === 'OPTIONS') continue;
      const key = resolvePath(t, r.node, ['Properties', 'ApiKeyRequired']);
      if (key.some((o) => o.kind === 'unknown')) continue;
      // An API key identifies a client for usage plans; it is no authorization (AWS says not to use it as one).
      const keyOnly = key.some((o) => o.kind === 'value' && asBool(o.value) === true);
      const who = keyOnly
        ? 'only an API key protects it, and anyone holding the key (it ships with the clients) can call it'
        : 'anyone can call it';
      for (const o of resolvePath(t, r.node, ['Properties', 'AuthorizationType'])) {
        if (o.kind === 'value' && String(o.value).toUpperCase() === 'NONE') {
          ctx.report({
            node: o.via ?? o.node,
            resource: r,
            message: `Method ${r.id} has AuthorizationType NONE${keyOnly ? '' : ' and no API key'}: ${who}. Set AuthorizationType to AWS_IAM, COGNITO_USER_POOLS or CUSTOM (or suppress this with the reason if it is public by design).`,
            fix: { title: IAM_FIX, ops: [{ op: 'replace', node: o.via ?? o.node, value: 'AWS_IAM' }] },
          });
        } else if (o.kind === 'missing' && r.properties) {
          ctx.report({
            node: r.keyNode,
            resource: r,
            message: `Method ${r.id} sets no AuthorizationType (NONE by default)${keyOnly ? '' : ' and no API key'}: ${who}. Set AuthorizationType to AWS_IAM, COGNITO_USER_POOLS or CUSTOM (or suppress this with the reason if it is public by design).`,
            fix: o.map ? { title: IAM_FIX, ops: [{ op: 'set', map: o.map, path: o.path, value: 'AWS_IAM' }] } : undefined,
          });
        }
      }
    }
    checkRoutes(t, ctx);
  },
  source(ctx) {
    runL2Checks(ctx, apigatewayMethodAuthorizedCdk);
  },
};
