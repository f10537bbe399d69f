import { MapNode, Node, PairNode, ScalarNode } from '../nodes';
import { CdkCall, CdkObject, CdkValue, asObject, entryOf } from './model';

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
    default:
      return unknownNode(v.start, v.end);
  }
}

/** A `PolicyStatement`'s props as a CloudFormation statement mapping (`Effect`, `Action`, …). */
export function statementNode(call: CdkCall, props: CdkObject | undefined): MapNode {
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
  return map;
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

/**
 * A statement completed after construction (`st.addActions(…)`, `st.addCondition(…)`): each element a later call
 * extends is no longer only what the props say. Lists get an unknown item, a condition becomes unknown, a missing
 * element becomes unknown (`addAnyPrincipal` adds `{ AWS: '*' }`), so no rule reads the statement as empty or complete.
 */
export function extendStatement(map: MapNode, calls: readonly { element: string; method: string; start: number; end: number }[]): void {
  for (const c of calls) {
    const existing = map.pairs.find((p) => p.key.value === c.element);
    const added =
      c.method === 'addAnyPrincipal'
        ? principalNode({ k: 'call', fqn: 'aws-iam.AnyPrincipal', isNew: true, args: [], ...callSpan(c) })
        : unknownNode(c.start, c.end);
    if (!existing?.value) {
      added.parent = map;
      map.pairs.push(pair(c.element, c.start, c.end, added, c.start, c.end));
    } else if (c.element === 'Condition') {
      added.parent = map;
      existing.value = added;
    } else if (existing.value.kind === 'seq') {
      added.parent = existing.value;
      existing.value.items.push(added);
    } else if (!c.element.endsWith('Principal')) {
      // A single value becomes a list of it and what the call adds; known principals stay as they are (more cannot narrow).
      const seq: Node = {
        kind: 'seq',
        items: [existing.value, added],
        flow: true,
        start: existing.value.start,
        end: existing.value.end,
        parent: map,
      };
      existing.value.parent = seq;
      added.parent = seq;
      existing.value = seq;
    }
  }
}

function callSpan(c: { start: number; end: number }): Pick<CdkCall, 'start' | 'end' | 'calleeEnd' | 'closeParen' | 'complete'> {
  return { start: c.start, end: c.end, calleeEnd: c.end, closeParen: c.end, complete: true };
}
