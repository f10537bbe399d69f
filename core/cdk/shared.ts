import { isRealReason } from '../suppress';
import { CdkConstruct, CdkFunction, CdkModel, CdkValue, NagAck, asObject, entryOf } from './model';

/** `PolicyStatement` methods that add to a statement after construction, and the element each one extends. */
export const STATEMENT_MUTATORS: ReadonlyMap<
  string,
  'Action' | 'NotAction' | 'Resource' | 'NotResource' | 'Principal' | 'NotPrincipal' | 'Condition'
> = new Map([
  ['addActions', 'Action'],
  ['addNotActions', 'NotAction'],
  ['addResources', 'Resource'],
  ['addAllResources', 'Resource'],
  ['addNotResources', 'NotResource'],
  ['addPrincipals', 'Principal'],
  ['addAnyPrincipal', 'Principal'],
  ['addArnPrincipal', 'Principal'],
  ['addAwsAccountPrincipal', 'Principal'],
  ['addServicePrincipal', 'Principal'],
  ['addFederatedPrincipal', 'Principal'],
  ['addAccountRootPrincipal', 'Principal'],
  ['addCanonicalUserPrincipal', 'Principal'],
  ['addNotPrincipals', 'NotPrincipal'],
  ['addCondition', 'Condition'],
  ['addConditions', 'Condition'],
  ['addAccountCondition', 'Condition'],
  ['addSourceAccountCondition', 'Condition'],
  ['addSourceArnCondition', 'Condition'],
]);

/** Method calls on construct variables that checks read (camelCase). */
export const METHODS_OF_INTEREST = new Set([
  'addListener',
  'addToResourcePolicy',
  'addToPolicy',
  'addToPrincipalPolicy',
  'addBehavior',
  'addStatements',
  'addManagedPolicy',
  'addRedirect',
  'addTargets',
  // Security-group ingress (template.ts writes AWS::EC2::SecurityGroupIngress), listener default actions, domain access policies.
  'addIngressRule',
  'allowFrom',
  'allowFromAnyIpv4',
  'addAction',
  'addAccessPolicies',
  // VPC endpoints created on a VPC: their `addToPolicy` statements are endpoint policies (template.ts).
  'addGatewayEndpoint',
  'addInterfaceEndpoint',
  // A PolicyStatement completed after construction: its elements are not only what its props say (template.ts).
  ...STATEMENT_MUTATORS.keys(),
  // Relations (relations.ts): statements added to the role a construct creates, policies attached to identities.
  'addToRolePolicy',
  'addToTaskRolePolicy',
  'addToExecutionRolePolicy',
  'attachInlinePolicy',
  'attachToRole',
  'attachToUser',
  'attachToGroup',
  // Logging added after the fact: VPC flow logs, ALB access logs.
  'addFlowLog',
  'logAccessLogs',
  'setAttribute',
  // API Gateway: resources, methods, routes, stages and domains added to an API.
  'addResource',
  'addProxy',
  'resourceForPath',
  'getResource',
  'addMethod',
  'addRoutes',
  'addRoute',
  'addStage',
  'addDomainName',
  // Environment added to a task definition's container or a function.
  'addContainer',
  'addEnvironment',
  // Volumes added to a task definition (EFS transit encryption).
  'addVolume',
]);

function litString(v: CdkValue | undefined): string | undefined {
  return v?.k === 'lit' && typeof v.v === 'string' ? v.v : undefined;
}

/**
 * The resource key a construct path names within the file's stack: `/Stack/Fn/ServiceRole/DefaultPolicy/Resource`
 * → `Fn/ServiceRole/DefaultPolicy` (the stack's id and the L1's `Resource` or `Default` dropped).
 */
export function keyOfPath(path: string): string | undefined {
  const segments = path.split('/').filter((s) => s !== '');
  segments.shift();
  if (segments.length > 1 && (segments[segments.length - 1] === 'Resource' || segments[segments.length - 1] === 'Default')) segments.pop();
  return segments.length ? segments.join('/') : undefined;
}

/** The keys of `addResourceSuppressionsByPath`'s path argument (a string or a list of strings). */
function pathKeys(v: CdkValue): string[] {
  const items = v.k === 'arr' ? v.items : [v];
  return items.flatMap((i) => {
    const key = typeof litString(i) === 'string' ? keyOfPath(litString(i)!) : undefined;
    return key ? [key] : [];
  });
}

/** Reads `[{ id, reason }]` lists of cdk-nag acknowledgements. */
export function collectAcks(raw: RawAck[], selfNames = ['this', 'self']): NagAck[] {
  const out: NagAck[] = [];
  for (const r of raw) {
    if (r.list?.k !== 'arr') continue;
    const target = r.target;
    // By path: only paths in the stack this file defines; a stack built elsewhere is out of the file's sight.
    const paths = r.paths ? (target !== undefined && selfNames.includes(target) ? pathKeys(r.paths) : []) : [undefined];
    const stackWide = !r.paths && (r.stackWide || (target !== undefined && selfNames.includes(target)));
    for (const item of r.list.items) {
      const o = asObject(item);
      const id = litString(entryOf(o, 'id')?.value);
      const reason = litString(entryOf(o, 'reason')?.value);
      if (!id || !reason || !isRealReason(reason)) continue;
      // v3 ids may name one finding: `AwsSolutions-IAM5[Action::s3:*]`.
      const base = { stackWide, children: r.children, id: id.replace(/\[.*$/, ''), reason, via: r.via, start: r.start, end: r.end };
      for (const path of paths) out.push(path === undefined ? { target, ...base } : { target: undefined, ...base, path });
    }
  }
  return out;
}

/** An acknowledgement call as read: the construct variable it names and its `[{ id, reason }]` list. */
export interface RawAck {
  target: string | undefined;
  stackWide: boolean;
  /** `applyToChildren` / `apply_to_children` is `true`. */
  children?: boolean;
  via: NagAck['via'];
  list: CdkValue | undefined;
  /** `addResourceSuppressionsByPath`: its path argument. */
  paths?: CdkValue;
  start: number;
  end: number;
}

/** 1-based line of an offset (`construct at line N`); the line starts are counted once, when first needed. */
function lineCounter(text: string): (offset: number) => number {
  let starts: number[] | undefined;
  return (offset) => {
    if (!starts) {
      starts = [0];
      for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
    }
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };
}

/**
 * Names constructs and binds method calls to the constructs of their receivers. A construct's name is
 * its id as written (never rewritten: `sample_bucket_id`, `MySQL_DB_easy`), or `construct at line N`
 * when the id is not a literal; its logical id (the template key) is the name, made unique within the
 * file with the line when another construct already has it (`rds` in both branches of an `if`).
 */
export function finishModel(text: string, m: CdkModel): CdkModel {
  const used = new Set<string>();
  const byVar = new Map<string, CdkModel['constructs'][number]>();
  const sameName = new Map<string, CdkConstruct[]>();
  const lineOf = lineCounter(text);
  for (const c of m.constructs) {
    c.name = c.id !== undefined && c.id !== '' ? c.id : `construct at line ${lineOf(c.call.start)}`;
    let key = c.name;
    if (used.has(key)) key = `${c.name} (line ${lineOf(c.call.start)})`;
    for (let n = 2; used.has(key); n++) key = `${c.name} (line ${lineOf(c.call.start)}, ${n})`;
    used.add(key);
    c.logicalId = key;
    if (c.variable) {
      byVar.set(c.variable, c);
      sameName.set(c.variable, [...(sameName.get(c.variable) ?? []), c]);
      // `this.bucket` and `self.bucket` are the same binding seen from methods.
      if (c.variable.startsWith('self.')) byVar.set(`this.${c.variable.slice(5)}`, c);
    }
  }
  const lookup = (v: string): CdkConstruct | undefined => byVar.get(v) ?? byVar.get(v.replace(/^self\./, 'this.'));
  const scoped = scopedLookup(m.functions ?? [], sameName);
  for (const mc of m.methodCalls) mc.target = scoped(mc.receiver, mc.start) ?? lookup(mc.receiver);
  bindParameters(m, lookup);
  return m;
}

/** The innermost function around an offset, if any. */
function innermost(fns: CdkFunction[], offset: number): CdkFunction | undefined {
  let best: CdkFunction | undefined;
  for (const f of fns) if (f.start <= offset && offset < f.end && (!best || f.start >= best.start)) best = f;
  return best;
}

/**
 * Same-named locals of different functions (`const lambdaRole = new Role(…)` in two methods): a use binds to the
 * construct whose function encloses it, the innermost one, not to the file's last `lambdaRole`. Undefined when the
 * name is bound once, or is a field (`this.x`, `self.x`), or no declaration's function encloses the use.
 */
function scopedLookup(fns: CdkFunction[], sameName: Map<string, CdkConstruct[]>): (v: string, at: number) => CdkConstruct | undefined {
  return (v, at) => {
    const list = sameName.get(v);
    if (!list || list.length < 2 || /^(this|self)\./.test(v)) return undefined;
    let best: { c: CdkConstruct; scope: number } | undefined;
    for (const c of list) {
      const f = innermost(fns, c.call.start);
      if (!f || at < f.start || at >= f.end) continue;
      if (!best || f.start > best.scope || (f.start === best.scope && c.call.start <= at)) best = { c, scope: f.start };
    }
    return best?.c;
  };
}

/** The innermost function around an offset that has this parameter. */
function functionWithParam(fns: CdkFunction[], offset: number, param: string): CdkFunction | undefined {
  let best: CdkFunction | undefined;
  for (const f of fns) if (f.start <= offset && offset < f.end && f.params.includes(param) && (!best || f.start >= best.start)) best = f;
  return best;
}

/**
 * `function addPermissions(handler) { handler.addToRolePolicy(…) }` called as `addPermissions(fn)`: the call on the
 * parameter is a call on `fn`'s construct, when the function's name is unique in the file and every call of it passes
 * the same construct variable. Anything else (callers that differ, a callback) stays unbound.
 */
function bindParameters(m: CdkModel, lookup: (v: string) => CdkConstruct | undefined): void {
  const fns = m.functions ?? [];
  const calls = m.localCalls ?? [];
  if (!fns.length || !calls.length) return;
  for (const mc of m.methodCalls) {
    if (mc.target || !mc.receiver || mc.receiver.includes('.')) continue;
    const fn = functionWithParam(fns, mc.start, mc.receiver);
    if (!fn?.name || fns.filter((f) => f.name === fn.name).length !== 1) continue;
    const i = fn.params.indexOf(mc.receiver);
    const passed = calls.filter((c) => c.name === fn.name).map((c) => c.kw?.get(mc.receiver) ?? c.args[i]);
    if (!passed.length || passed.some((p) => p === undefined) || new Set(passed).size !== 1) continue;
    mc.target = lookup(passed[0]!);
  }
}

/** A name an iteration over a known array binds (`policies.map((p) => …)`, `for p in policies:`), and the elements. */
export interface Iteration<N> {
  name: string;
  elements: N[];
}

/** Calls evaluated for one statement's iterations at most: a bounded model, whatever the lists' lengths. */
const MAX_BINDINGS = 64;

/**
 * Evaluates a call inside iterations over known arrays: once with the first elements bound, to see which of the names it
 * reads (`reads` is filled by the analyzer's lookups; the receiver's root counts), then once per combination of the
 * elements of those iterations. A call that reads none, or an iteration over an empty array, is evaluated once as it is.
 */
export function perElement<N, R>(
  loops: readonly Iteration<N>[],
  each: Map<string, N>,
  reads: Set<string>,
  receiverRoot: string | undefined,
  build: () => R,
): R[] {
  if (!loops.length || loops.some((l) => !l.elements.length)) return [build()];
  reads.clear();
  for (const l of loops) each.set(l.name, l.elements[0]);
  const first = build();
  for (const l of loops) each.delete(l.name);
  const used = loops.filter((l) => reads.has(l.name) || l.name === receiverRoot);
  if (!used.length) return [first];
  const out: R[] = [];
  const bind = (i: number): void => {
    if (i === used.length) {
      if (out.length < MAX_BINDINGS) out.push(build());
      return;
    }
    for (const el of used[i].elements) {
      if (out.length >= MAX_BINDINGS) break;
      each.set(used[i].name, el);
      bind(i + 1);
    }
    each.delete(used[i].name);
  };
  bind(0);
  return out;
}
