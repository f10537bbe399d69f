import { sitesOf } from '../../core/cdk/check';
import { CdkConstruct, CdkMethodCall, CdkModel, CdkObject, CdkValue, entryOf } from '../../core/cdk/model';
import { receiverChain, sameVar } from '../../core/cdk/refs';
import { CdkAnalysis, callOf, mergedProps, propsOf, Site, valueAt } from '../../core/cdk/site';
import type { Alternative, Condition, FixPlan, PropCheck } from '../../core/cdk/table';

const AG = 'aws-apigateway';
const V2 = 'aws-apigatewayv2';
const REST_APIS = [`${AG}.RestApi`, `${AG}.LambdaRestApi`, `${AG}.SpecRestApi`];
/** Methods that return a resource of the API (`api.root.addResource('items')`), whose defaultMethodOptions its methods inherit. */
const RESOURCE_METHODS = ['addResource', 'addProxy', 'resourceForPath', 'getResource'];

/** Options of a method call: argument `i` in TypeScript, the keywords in Python. */
function options(m: CdkModel, mc: CdkMethodCall, i: number): CdkValue | undefined {
  return m.lang === 'py' ? mc.kw : mc.args[i];
}

/** A resource step's own defaultMethodOptions (`addResource(path, { defaultMethodOptions })`, `addProxy({ … })`). */
function stepDefaults(m: CdkModel, step: CdkMethodCall): CdkValue | undefined {
  const o = options(m, step, step.method === 'addResource' ? 1 : 0);
  if (step.method === 'resourceForPath' || step.method === 'getResource' || !o) return undefined;
  const at = valueAt(o, ['defaultMethodOptions']);
  return at === 'absent' ? undefined : at === 'unknown' ? { k: 'unknown', start: o.start, end: o.end } : at.v;
}

/**
 * The options a method runs with: the API's defaultMethodOptions, each resource's on the way, then its
 * own. aws-cdk-lib drops an inherited authorizer when the method itself says AuthorizationType.NONE.
 */
function effective(m: CdkModel, mc: CdkMethodCall, own: CdkValue | undefined): CdkObject | undefined {
  const chain = receiverChain(m, mc, RESOURCE_METHODS, ['root']);
  if (!chain || !REST_APIS.includes(chain.root.call.fqn)) return undefined;
  const api = valueAt(chain.root.props, ['defaultMethodOptions']);
  const layers: (CdkValue | undefined)[] = [
    api === 'absent' ? undefined : api === 'unknown' ? { k: 'unknown', start: 0, end: 0 } : api.v,
    ...[...chain.steps].reverse().map((s) => stepDefaults(m, s)),
  ];
  const merged = mergedProps([...layers, own], mc);
  const ownType = valueAt(own, ['authorizationType']);
  const none = typeof ownType === 'object' && ownType.v.k === 'ref' && ownType.v.path === `${AG}.AuthorizationType.NONE`;
  if (none && valueAt(own, ['authorizer']) === 'absent')
    merged.entries = merged.entries.filter((e) => e.key !== entryOf(merged, 'authorizer')?.key);
  return merged;
}

/**
 * A REST API whose callers a resource policy or a private endpoint may restrict (`policy`, `addToResourcePolicy`,
 * EndpointType.PRIVATE): who can call its methods is not decided by the methods, so nothing is said.
 */
function restricted(m: CdkModel, api: CdkConstruct): boolean {
  if (valueAt(api.props, ['policy']) !== 'absent') return true;
  for (const path of [['endpointTypes'], ['endpointConfiguration', 'types']]) {
    const at = valueAt(api.props, path);
    if (at === 'absent') continue;
    if (at === 'unknown' || at.v.k !== 'arr' || at.v.open) return true;
    if (at.v.items.some((i) => i.k !== 'ref' || i.path.endsWith('.PRIVATE'))) return true;
  }
  const v = api.variable;
  return !!v && m.methodCalls.some((mc) => mc.method === 'addToResourcePolicy' && sameVar(mc.receiver, v));
}

/** Every `addMethod` on a resource of a REST API in the file, read with the defaults it inherits. */
function methodSites(a: CdkAnalysis): Site[] {
  const m = a.model;
  const out: Site[] = [];
  for (const mc of m.methodCalls) {
    if (mc.method !== 'addMethod') continue;
    const own = options(m, mc, 2);
    const read = effective(m, mc, own);
    const chain = read && receiverChain(m, mc, RESOURCE_METHODS, ['root']);
    if (!read || !chain || restricted(m, chain.root)) continue;
    out.push({
      props: own,
      read,
      call: callOf(mc),
      propsArg: 2,
      args: mc.args,
      anchor: { start: mc.start, end: mc.end },
      construct: chain.root,
      mod: AG,
      complete: mc.complete,
      variable: mc.variable,
    });
  }
  return out;
}

const AUTHORIZED: Alternative[] = [
  {
    path: ['authorizationType'],
    good: [{ enum: `${AG}.AuthorizationType`, members: ['IAM', 'COGNITO', 'CUSTOM'] }],
    bad: [{ enum: `${AG}.AuthorizationType`, members: ['NONE'] }],
  },
  { path: ['authorizer'], good: [{ present: true }], bad: [] },
  { path: ['apiKeyRequired'], good: [{ lit: [true] }], bad: [] },
];
const IAM: FixPlan = {
  title: 'Require IAM authorization (authorizationType: AuthorizationType.IAM)',
  set: [{ path: ['authorizationType'], value: { enum: `${AG}.AuthorizationType`, member: 'IAM' } }],
};
/** What to do about an open method: the fix writes IAM; an API public by design is acknowledged instead. */
const REQUIRE =
  'Set authorizationType to AuthorizationType.IAM, or give it a Cognito or Lambda authorizer (or suppress this with the reason if it is public by design).';
const OPEN = `Anyone can call this method of {id}: it has no authorizer, no authorizationType (NONE by default) and needs no API key. ${REQUIRE}`;
const OPEN_BAD = `Anyone can call this method of {id} ({value}), and it needs no API key. ${REQUIRE}`;
/** An API key identifies a client for usage plans; AWS says not to use it for authorization. */
const KEY_ONLY = `Only an API key protects this method of {id}, and anyone holding the key (it ships with the clients) can call it. ${REQUIRE}`;
const KEY_ONLY_BAD = `Only an API key protects this method of {id} ({value}), and anyone holding the key can call it. ${REQUIRE}`;
const KEY_REQUIRED: Condition = { prop: ['apiKeyRequired'], is: { lit: [true] } };
/** CORS preflight methods are meant to be open. */
const IS_OPTIONS: Condition = { arg: 0, is: { lit: ['OPTIONS', 'options'] } };

/** HTTP APIs: a route's authorizer, else the API's defaultAuthorizer. */
function routeSites(a: CdkAnalysis): Site[] {
  const m = a.model;
  const out: Site[] = [];
  for (const mc of m.methodCalls) {
    if (mc.method !== 'addRoutes' || mc.target?.call.fqn !== `${V2}.HttpApi`) continue;
    const own = options(m, mc, 0);
    // The API's defaultAuthorizer, as the route's authorizer; props the file does not decide leave it unknown.
    const apiProps = propsOf(mc.target.props);
    const def = entryOf(apiProps, 'defaultAuthorizer');
    const apiLayer: CdkValue | undefined = !apiProps
      ? mc.target.props
      : {
          k: 'obj',
          entries: def ? [{ ...def, key: 'authorizer' }] : [],
          open: apiProps.open,
          style: 'ts-object',
          start: mc.start,
          end: mc.end,
        };
    out.push({
      props: own,
      read: mergedProps([apiLayer, own], mc),
      call: callOf(mc),
      propsArg: 0,
      args: mc.args,
      anchor: { start: mc.start, end: mc.end },
      construct: mc.target,
      mod: V2,
      complete: mc.complete,
      variable: mc.variable,
    });
  }
  return out;
}

/** A route authorizer: any but the explicit "none" authorizer. */
function routeAuthorized(none: string): Alternative[] {
  return [{ path: ['authorizer'], good: [{ other: [{ call: [none] }] }], bad: [{ call: [none] }] }];
}

/** How apigateway-method-authorized reads CDK L2 constructs (core/cdk/check.ts evaluates it); L1 `Cfn*` constructs reach the `template` hook. */
export const apigatewayMethodAuthorizedCdk: PropCheck[] = [
  {
    target: { kind: 'custom', sites: methodSites },
    anyOf: AUTHORIZED,
    reportOnce: true,
    missing: OPEN,
    bad: OPEN_BAD,
    skipWhen: [IS_OPTIONS],
    fix: [IAM],
  },
  {
    target: { kind: 'custom', sites: methodSites },
    anyOf: AUTHORIZED.slice(0, 2),
    reportOnce: true,
    missing: KEY_ONLY,
    bad: KEY_ONLY_BAD,
    skipWhen: [IS_OPTIONS, { not: KEY_REQUIRED }],
    fix: [IAM],
  },
  {
    // A LambdaRestApi proxies every path to the function (ANY on / and /{proxy+}) with its defaultMethodOptions.
    target: {
      kind: 'custom',
      sites: (a) =>
        sitesOf(a, { kind: 'construct', fqn: [`${AG}.LambdaRestApi`] }).filter((s) => !s.construct || !restricted(a.model, s.construct)),
    },
    anyOf: AUTHORIZED.map((alt) => ({ ...alt, path: ['defaultMethodOptions', ...alt.path] })),
    reportOnce: true,
    missing:
      'Anyone can call {id}: it proxies every path to the function, and defaultMethodOptions sets no authorizer or authorizationType (NONE by default) and no API key. Set defaultMethodOptions.authorizationType to AuthorizationType.IAM, or give defaultMethodOptions a Cognito or Lambda authorizer.',
    bad: 'Anyone can call {id} ({value}): it proxies every path to the function and needs no API key. Set defaultMethodOptions.authorizationType to AuthorizationType.IAM, or give defaultMethodOptions a Cognito or Lambda authorizer.',
    skipWhen: [{ prop: ['proxy'], is: { lit: [false] } }],
    fix: [{ ...IAM, set: [{ path: ['defaultMethodOptions', 'authorizationType'], value: IAM.set[0].value }] }],
  },
  {
    target: { kind: 'custom', sites: routeSites },
    anyOf: routeAuthorized(`${V2}.HttpNoneAuthorizer`),
    reportOnce: true,
    missing:
      'Anyone can call this route of HTTP API {id}: it has no authorizer and the HTTP API has no defaultAuthorizer. Give the route an authorizer, or the HTTP API a defaultAuthorizer.',
    bad: 'Anyone can call this route of HTTP API {id} ({value}). Give the route an authorizer (or suppress this with the reason if it is public by design).',
    fix: [
      {
        title: 'Require IAM authorization (authorizer: HttpIamAuthorizer)',
        set: [{ path: ['authorizer'], value: { new: 'aws-apigatewayv2-authorizers.HttpIamAuthorizer' } }],
      },
    ],
  },
  {
    // defaultIntegration makes a $default route that catches every request, authorized only by defaultAuthorizer.
    target: { kind: 'construct', fqn: [`${V2}.HttpApi`] },
    anyOf: routeAuthorized(`${V2}.HttpNoneAuthorizer`).map((alt) => ({ ...alt, path: ['defaultAuthorizer'] })),
    reportOnce: true,
    missing:
      'Anyone can call HTTP API {id}: defaultIntegration answers every route, and there is no defaultAuthorizer. Set defaultAuthorizer.',
    bad: 'Anyone can call HTTP API {id} ({value}): defaultIntegration answers every route. Set defaultAuthorizer to an authorizer that checks callers.',
    skipWhen: [{ lacks: [['defaultIntegration']] }],
    fix: [
      {
        title: 'Require IAM authorization (defaultAuthorizer: HttpIamAuthorizer)',
        set: [{ path: ['defaultAuthorizer'], value: { new: 'aws-apigatewayv2-authorizers.HttpIamAuthorizer' } }],
      },
    ],
  },
  {
    // WebSocket APIs authorize the $connect route only.
    target: { kind: 'construct', fqn: [`${V2}.WebSocketApi`] },
    anyOf: routeAuthorized(`${V2}.WebSocketNoneAuthorizer`).map((alt) => ({ ...alt, path: ['connectRouteOptions', ...alt.path] })),
    reportOnce: true,
    missing: 'Anyone can connect to WebSocket API {id}: connectRouteOptions has no authorizer. Set connectRouteOptions.authorizer.',
    bad: 'Anyone can connect to WebSocket API {id} ({value}). Set connectRouteOptions.authorizer to an authorizer that checks callers.',
    skipWhen: [{ lacks: [['connectRouteOptions']] }],
    fix: [
      {
        title: 'Require IAM authorization on $connect (authorizer: WebSocketIamAuthorizer)',
        set: [{ path: ['connectRouteOptions', 'authorizer'], value: { new: 'aws-apigatewayv2-authorizers.WebSocketIamAuthorizer' } }],
      },
    ],
  },
  {
    target: { kind: 'method', on: [`${V2}.WebSocketApi`], method: 'addRoute', propsArg: 1 },
    anyOf: routeAuthorized(`${V2}.WebSocketNoneAuthorizer`),
    reportOnce: true,
    missing: 'Anyone can connect to WebSocket API {id}: its $connect route has no authorizer. Give the $connect route an authorizer.',
    bad: 'Anyone can connect to WebSocket API {id} ({value}). Give the $connect route an authorizer that checks callers.',
    skipWhen: [{ not: { arg: 0, is: { lit: ['$connect'] } } }],
    fix: [
      {
        title: 'Require IAM authorization on $connect (authorizer: WebSocketIamAuthorizer)',
        set: [{ path: ['authorizer'], value: { new: 'aws-apigatewayv2-authorizers.WebSocketIamAuthorizer' } }],
      },
    ],
  },
];
