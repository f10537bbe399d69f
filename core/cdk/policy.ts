import { MapNode, Node, PairNode, ScalarNode } from '../nodes';
import { CdkCall, CdkMethodCall, CdkObject, CdkValue, asObject, entryOf } from './model';

/**
 * PolicyStatements, principals and managed policies written in the CloudFormation policy shape,
 * so the policy engine (core/policy) and the least-privilege rules read CDK code unchanged.
 */

// ── policies: PolicyStatement and principals, in the shape the policy engine reads ───────────

export function scalarAt(value: string | number | boolean | null, start: number, end: number, parent?: Node): ScalarNode {
  return { kind: 'scalar', value, style: 'single', start, end, parent };
}

function pair(key: string, keyStart: number, keyEnd: number, value: Node, start: number, end: number): PairNode {
  return { key: scalarAt(key, keyStart, keyEnd), value, start, end };
}

const UNKNOWN = 'Fn::CdkExpression';

export function unknownNode(start: number, end: number): Node {
  return { kind: 'intrinsic', name: UNKNOWN, arg: undefined, short: false, start, end };
}

/** A CDK value as a policy node: literals and lists as written, anything else unknown. */
function plainNode(v: CdkValue, verbatim = true): Node {
  if (v.k === 'lit') return scalarAt(v.v, v.start, v.end);
  if (v.k === 'arr') {
    const seq: Node = { kind: 'seq', items: [], flow: true, start: v.start, end: v.end };
    seq.items = v.items.map((i) => ({ ...plainNode(i, verbatim), parent: seq }));
    // `[...actions]` of something unknown: the list is not known to be empty or complete.
    if (v.open) seq.items.push({ ...unknownNode(v.end, v.end), parent: seq });
    return seq;
  }
  const o = asObject(v);
  if (o) {
    const map: MapNode = { kind: 'map', pairs: [], flow: true, start: o.start, end: o.end, open: o.open || undefined };
    for (const e of o.entries) {
      const val = plainNode(e.value, verbatim);
      val.parent = map;
      map.pairs.push(pair(e.key, e.keyStart, e.keyEnd, val, e.start, e.end));
    }
    return map;
  }
  return unknownNode(v.start, v.end);
}

/** `new iam.AnyPrincipal()` → `{ AWS: '*' }`, `new iam.ServicePrincipal('x')` → `{ Service: 'x' }`, … */
export function principalNode(v: CdkValue): Node {
  if (v.k !== 'call') return unknownNode(v.start, v.end);
  const at = (value: string | null, type?: string): Node => {
    const s = scalarAt(value, v.start, v.end);
    if (!type) return s;
    const map: MapNode = { kind: 'map', pairs: [pair(type, v.start, v.end, s, v.start, v.end)], flow: true, start: v.start, end: v.end };
    s.parent = map;
    return map;
  };
  const arg = v.args[0];
  const lit = arg?.k === 'lit' && typeof arg.v === 'string' ? arg.v : undefined;
  switch (v.fqn) {
    case 'aws-iam.AnyPrincipal':
      return at('*', 'AWS');
    case 'aws-iam.StarPrincipal':
      return at('*');
    case 'aws-iam.ServicePrincipal':
      return lit ? at(lit, 'Service') : unknownNode(v.start, v.end);
    case 'aws-iam.ArnPrincipal':
    case 'aws-iam.AccountPrincipal':
      return lit ? at(lit, 'AWS') : unknownNode(v.start, v.end);
    case 'aws-iam.FederatedPrincipal':
      return lit ? at(lit, 'Federated') : unknownNode(v.start, v.end);
    case 'aws-iam.CanonicalUserPrincipal':
      return lit ? at(lit, 'CanonicalUser') : unknownNode(v.start, v.end);
    default:
      return unknownNode(v.start, v.end);
  }
}

/** A `PolicyStatement`'s props as a CloudFormation statement mapping (`Effect`, `Action`, …), with the calls that complete it later. */
export function statementNode(call: CdkCall, props: CdkObject | undefined, later: CdkMethodCall[] = []): MapNode {
  const map: MapNode = {
    kind: 'map',
    pairs: [],
    flow: true,
    start: props?.start ?? call.start,
    end: props?.end ?? call.end,
    open: props?.open || undefined,
  };
  const add = (key: string, e: { keyStart: number; keyEnd: number; start: number; end: number } | undefined, value: Node): void => {
    value.parent = map;
    map.pairs.push(
      pair(key, e?.keyStart ?? call.start, e?.keyEnd ?? call.calleeEnd, value, e?.start ?? call.start, e?.end ?? call.calleeEnd),
    );
  };
  const effect = entryOf(props, 'effect');
  if (effect) {
    const v = effect.value;
    const text =
      v.k === 'ref' && v.path === 'aws-iam.Effect.DENY' ? 'Deny' : v.k === 'ref' && v.path === 'aws-iam.Effect.ALLOW' ? 'Allow' : undefined;
    add('Effect', effect, text ? scalarAt(text, v.start, v.end) : unknownNode(v.start, v.end));
  } else {
    // PolicyStatement's effect defaults to ALLOW.
    add('Effect', undefined, scalarAt('Allow', call.start, call.calleeEnd));
  }
  const simple: [string, string][] = [
    ['actions', 'Action'],
    ['notActions', 'NotAction'],
    ['resources', 'Resource'],
    ['notResources', 'NotResource'],
    ['sid', 'Sid'],
  ];
  for (const [cdk, cfn] of simple) {
    const e = entryOf(props, cdk);
    if (e) add(cfn, e, plainNode(e.value));
  }
  for (const [cdk, cfn] of [
    ['principals', 'Principal'],
    ['notPrincipals', 'NotPrincipal'],
  ] as const) {
    const e = entryOf(props, cdk);
    if (!e) continue;
    if (e.value.k !== 'arr') {
      add(cfn, e, unknownNode(e.value.start, e.value.end));
      continue;
    }
    const items = e.value.items.map(principalNode);
    add(cfn, e, mergePrincipals(items, e.value.start, e.value.end));
  }
  const cond = entryOf(props, 'conditions');
  if (cond) add('Condition', cond, plainNode(cond.value));
  for (const mc of later) complete(map, mc);
  return map;
}

/** Statement methods that add to a list element: method → element. */
const ADDS: Record<string, string> = {
  addActions: 'Action',
  addNotActions: 'NotAction',
  addResources: 'Resource',
  addNotResources: 'NotResource',
};

/** Principal methods: method → the principal class whose node they add. */
const PRINCIPAL_ADDS: Record<string, string> = {
  addArnPrincipal: 'aws-iam.ArnPrincipal',
  addAwsAccountPrincipal: 'aws-iam.AccountPrincipal',
  addServicePrincipal: 'aws-iam.ServicePrincipal',
  addFederatedPrincipal: 'aws-iam.FederatedPrincipal',
  addCanonicalUserPrincipal: 'aws-iam.CanonicalUserPrincipal',
};

/** Condition methods that add one fixed test: method → operator and key. */
const CONDITION_ADDS: Record<string, [string, string]> = {
  addAccountCondition: ['StringEquals', 'sts:ExternalId'],
  addSourceAccountCondition: ['StringEquals', 'aws:SourceAccount'],
  addSourceArnCondition: ['ArnEquals', 'aws:SourceArn'],
};

/**
 * A call that completes a statement after it is built (`stmt.addActions('s3:GetObject')`,
 * `stmt.add_resources(bucket.bucket_arn)`), merged into its mapping. A completion the file does not
 * spell fully makes the element (or the statement) open: unknown, never empty.
 */
function complete(map: MapNode, mc: CdkMethodCall): void {
  const args = mc.args;
  const at = { start: mc.start, end: mc.end };
  const open = mc.kw !== undefined && mc.kw.entries.length > 0;
  if (ADDS[mc.method]) {
    appendTo(
      map,
      ADDS[mc.method],
      args.map((a) => plainNode(a)),
      at,
      open || args.some((a) => a.k === 'arr'),
    );
  } else if (mc.method === 'addAllResources') {
    appendTo(map, 'Resource', [scalarAt('*', at.start, at.end)], at, false);
  } else if (mc.method === 'addAnyPrincipal') {
    appendPrincipal(map, 'AWS', scalarAt('*', at.start, at.end), at);
  } else if (mc.method === 'addPrincipals' || mc.method === 'addNotPrincipals') {
    for (const a of args) {
      const p = principalNode(a);
      const key = mc.method === 'addPrincipals' ? 'Principal' : 'NotPrincipal';
      if (p.kind === 'map') for (const pp of p.pairs) appendPrincipal(map, String(pp.key.value), pp.value!, at, key);
      else if (p.kind === 'scalar') appendPrincipal(map, 'AWS', p, at, key);
      else appendPrincipal(map, 'AWS', p, at, key);
    }
  } else if (PRINCIPAL_ADDS[mc.method]) {
    const fake: CdkValue = {
      k: 'call',
      fqn: PRINCIPAL_ADDS[mc.method],
      isNew: true,
      args,
      ...at,
      calleeEnd: at.end,
      closeParen: at.end,
      complete: true,
    };
    const p = principalNode(fake);
    if (p.kind === 'map') for (const pp of p.pairs) appendPrincipal(map, String(pp.key.value), pp.value!, at);
    else appendPrincipal(map, 'AWS', p, at);
  } else if (mc.method === 'addAccountRootPrincipal') {
    appendPrincipal(map, 'AWS', unknownNode(at.start, at.end), at);
  } else if (CONDITION_ADDS[mc.method]) {
    const [op, key] = CONDITION_ADDS[mc.method];
    addCondition(
      map,
      op,
      {
        k: 'obj',
        entries: [{ key, keyStart: at.start, keyEnd: at.end, value: args[0] ?? { k: 'unknown', ...at }, ...at }],
        open: false,
        style: 'ts-object',
        ...at,
      },
      at,
    );
  } else if (mc.method === 'addCondition') {
    const op = args[0]?.k === 'lit' && typeof args[0].v === 'string' ? args[0].v : undefined;
    if (op && args[1]) addCondition(map, op, args[1], at);
    else map.open = true;
  } else if (mc.method === 'addConditions') {
    const o = asObject(args[0]);
    if (o) for (const e of o.entries) addCondition(map, e.key, e.value, at);
    if (!o || o.open) map.open = true;
  } else if (/^add[A-Z]/.test(mc.method)) {
    // Another completion (`addCondition` in a form not read): the statement may hold more than the file shows.
    map.open = true;
  }
}

/** The pair of a statement element, created (empty) when the statement has none yet. */
function elementPair(map: MapNode, key: string, at: { start: number; end: number }): PairNode {
  let p = map.pairs.find((x) => x.key.value === key);
  if (!p) {
    const seq: Node = { kind: 'seq', items: [], flow: true, ...at, parent: map };
    p = pair(key, at.start, at.end, seq, at.start, at.end);
    map.pairs.push(p);
  }
  return p;
}

/** Appends items to a list element (`Action`, `Resource`), turning a single value into a list. */
function appendTo(map: MapNode, key: string, items: Node[], at: { start: number; end: number }, open: boolean): void {
  const p = elementPair(map, key, at);
  let seq = p.value;
  if (!seq || seq.kind !== 'seq') {
    const single = seq;
    seq = { kind: 'seq', items: single ? [single] : [], flow: true, ...at, parent: map };
    if (single) single.parent = seq;
    p.value = seq;
  }
  const list = seq;
  for (const i of items) {
    i.parent = list;
    list.items.push(i);
  }
  if (open) list.items.push({ ...unknownNode(at.end, at.end), parent: list });
}

function appendPrincipal(map: MapNode, type: string, value: Node, at: { start: number; end: number }, key = 'Principal'): void {
  let p = map.pairs.find((x) => x.key.value === key);
  if (!p) {
    const m: MapNode = { kind: 'map', pairs: [], flow: true, ...at, parent: map };
    p = pair(key, at.start, at.end, m, at.start, at.end);
    map.pairs.push(p);
  }
  if (!p.value || p.value.kind !== 'map') {
    // `Principal: "*"` already, or unknown: stays as it is.
    return;
  }
  appendTo(p.value, type, [value], at, false);
}

function addCondition(map: MapNode, op: string, value: CdkValue, at: { start: number; end: number }): void {
  let p = map.pairs.find((x) => x.key.value === 'Condition');
  if (!p) {
    const m: MapNode = { kind: 'map', pairs: [], flow: true, ...at, parent: map };
    p = pair('Condition', at.start, at.end, m, at.start, at.end);
    map.pairs.push(p);
  }
  if (!p.value || p.value.kind !== 'map') return;
  const node = plainNode(value);
  node.parent = p.value;
  p.value.pairs.push(pair(op, at.start, at.end, node, at.start, at.end));
}

/** Several principals in one `Principal` element: `*` alone, else `{ AWS: [...], Service: [...] }`. */
function mergePrincipals(items: Node[], start: number, end: number): Node {
  if (items.length === 1) return items[0];
  if (items.some((i) => i.kind === 'scalar')) return items.find((i) => i.kind === 'scalar')!;
  const byType = new Map<string, Node[]>();
  for (const i of items) {
    // A principal the file does not spell (`role`, `props.user`): an unknown AWS principal, so the known ones (`AnyPrincipal`) still count.
    if (i.kind !== 'map') byType.set('AWS', [...(byType.get('AWS') ?? []), i]);
    else for (const p of i.pairs) if (p.value) byType.set(String(p.key.value), [...(byType.get(String(p.key.value)) ?? []), p.value]);
  }
  const map: MapNode = { kind: 'map', pairs: [], flow: true, start, end };
  for (const [type, vals] of byType) {
    const seq: Node = { kind: 'seq', items: vals, flow: true, start, end, parent: map };
    vals.forEach((v) => {
      v.parent = seq;
    });
    map.pairs.push(pair(type, start, end, seq, start, end));
  }
  return map;
}

/** Wraps statements in a `{ Version, Statement }` document node. */
export function documentNode(statements: MapNode[], start: number, end: number): MapNode {
  const seq: Node = { kind: 'seq', items: statements, flow: true, start, end };
  const doc: MapNode = { kind: 'map', pairs: [], flow: true, start, end };
  seq.parent = doc;
  statements.forEach((s) => {
    s.parent = seq;
  });
  doc.pairs.push(pair('Version', start, start, scalarAt('2012-10-17', start, start, doc), start, start));
  doc.pairs.push(pair('Statement', start, end, seq, start, end));
  return doc;
}

/** `iam.ManagedPolicy.fromAwsManagedPolicyName('X')` → its ARN; `fromManagedPolicyArn(…, 'arn')` → the ARN; else unknown. */
export function managedArn(v: CdkValue): Node {
  if (v.k === 'call') {
    // Positional, or (Python) by keyword: `from_aws_managed_policy_name(managed_policy_name="…")`.
    const lit = (i: number, key: string): string | undefined => {
      const a = v.args[i] ?? (v.args.length <= i ? entryOf(v.kw, key)?.value : undefined);
      return a?.k === 'lit' && typeof a.v === 'string' ? a.v : undefined;
    };
    const name = lit(0, 'managedPolicyName');
    const arn = lit(2, 'managedPolicyArn');
    if (v.fqn === 'aws-iam.ManagedPolicy.fromAwsManagedPolicyName' && name)
      return scalarAt(`arn:aws:iam::aws:policy/${name}`, v.start, v.end);
    if (v.fqn === 'aws-iam.ManagedPolicy.fromManagedPolicyArn' && arn) return scalarAt(arn, v.start, v.end);
  }
  return unknownNode(v.start, v.end);
}
