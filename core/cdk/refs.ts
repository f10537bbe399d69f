import { CdkConstruct, CdkMethodCall, CdkModel, CdkValue, asObject, normKey } from './model';
import type { Reference } from './table';

/**
 * Relations between the things a file binds to names: which construct or method call a receiver
 * names (`api.root.addResource('x')`, `items`), and where else a construct's variable is used
 * (`serverAccessLogsBucket: logs`, `FlowLogResourceType.fromVpc(vpc)`).
 */

/** `this.x` and `self.x` name the same binding. */
export function sameVar(a: string, b: string): boolean {
  return a.replace(/^self\./, 'this.') === b.replace(/^self\./, 'this.');
}

/** What a reference may name: a variable, and the construct bound to it. */
export interface Named {
  variable?: string;
  construct?: CdkConstruct;
}

/**
 * True when a value names the thing: its variable (`logs`, `logs.bucketName`, `self.logs`), or the
 * construct itself (a `const` bound to a construct evaluates to the construct's own call).
 */
export function names(v: CdkValue, x: Named): boolean {
  if (x.construct && v.k === 'call' && v.start === x.construct.call.start && v.fqn === x.construct.call.fqn) return true;
  if (v.k !== 'unknown' || !v.name || !x.variable) return false;
  const n = v.name.replace(/^self\./, 'this.');
  const w = x.variable.replace(/^self\./, 'this.');
  return n === w || n.startsWith(`${w}.`);
}

/** Every value inside a value with the key it sits under (list items keep their list's key), depth-first. */
function* valuesIn(v: CdkValue | undefined, key?: string, depth = 0): Generator<{ v: CdkValue; key?: string }> {
  if (!v || depth > 16) return;
  yield { v, key };
  const o = asObject(v);
  if (o) {
    for (const e of o.entries) yield* valuesIn(e.value, e.key, depth + 1);
  } else if (v.k === 'arr') {
    for (const i of v.items) yield* valuesIn(i, key, depth + 1);
  } else if (v.k === 'call') {
    for (const a of v.args) yield* valuesIn(a, undefined, depth + 1);
    if (v.kw) yield* valuesIn(v.kw, undefined, depth + 1);
  }
}

/** The top-level arguments of a call or method call, positional and keyword. */
function argsOf(c: { args: CdkValue[]; kw?: { entries: { value: CdkValue }[] } }): CdkValue[] {
  return [...c.args, ...(c.kw?.entries.map((e) => e.value) ?? [])];
}

/** Variables the file binds to constructs (`this.x` and `self.x` alike). */
function constructVars(m: CdkModel): Set<string> {
  return new Set(m.constructs.flatMap((c) => (c.variable ? [c.variable.replace(/^self\./, 'this.')] : [])));
}

/** True when a value is a construct of the file, or names one (for opaque references: anything else may be the site). */
function isFileConstruct(m: CdkModel, v: CdkValue): boolean {
  if (v.k === 'call') return m.constructs.some((c) => c.call.start === v.start);
  if (v.k !== 'unknown' || v.name === undefined) return false;
  const parts = v.name.replace(/^self\./, 'this.').split('.');
  const vars = constructVars(m);
  return vars.has(parts[0]) || vars.has(parts.slice(0, 2).join('.'));
}

const keyed = new WeakMap<CdkModel, Map<string, CdkValue[]>>();

/** The values constructs (of `within`, if given) hold under a key at any depth: collected once per model, not once per site. */
function valuesUnder(m: CdkModel, key: string, within: readonly string[] | undefined): CdkValue[] {
  let byKey = keyed.get(m);
  if (!byKey) keyed.set(m, (byKey = new Map()));
  const id = `${normKey(key)}|${within?.join(',') ?? ''}`;
  let out = byKey.get(id);
  if (!out) {
    out = [];
    const k = normKey(key);
    for (const c of m.constructs) {
      if (within && !within.includes(c.call.fqn)) continue;
      for (const y of valuesIn(c.props)) if (y.key !== undefined && normKey(y.key) === k) out.push(y.v);
    }
    byKey.set(id, out);
  }
  return out;
}

/**
 * How a site is referenced elsewhere in the file: `true` when a reference names it, `'unknown'` when
 * an opaque reference names something the file does not create (it may be this one).
 */
export function referenced(m: CdkModel, x: Named, refs: readonly Reference[]): boolean | 'unknown' {
  let unknown = false;
  for (const r of refs) {
    if ('call' in r) {
      for (const c of m.calls) {
        if (!r.call.includes(c.fqn)) continue;
        const args = argsOf(c);
        if (args.some((a) => names(a, x))) return true;
        if (r.opaque && args.some((a) => !isFileConstruct(m, a))) unknown = true;
      }
    } else if ('method' in r) {
      for (const mc of m.methodCalls) if (r.method.includes(mc.method) && argsOf(mc).some((a) => names(a, x))) return true;
    } else if (valuesUnder(m, r.key, r.in).some((v) => names(v, x))) return true;
  }
  return unknown ? 'unknown' : false;
}

/** The construct bound to a variable, or the method call whose result is. */
export function bindingOf(m: CdkModel, name: string): CdkConstruct | CdkMethodCall | undefined {
  const c = m.constructs.find((k) => k.variable !== undefined && sameVar(k.variable, name));
  if (c) return c;
  return m.methodCalls.find((mc) => mc.variable !== undefined && sameVar(mc.variable, name));
}

/**
 * The construct a method call's receiver comes from, through `via` methods that return a part of it
 * (`api.root.addResource('a').addResource('b')`, or a variable bound to one) and `viaProps`
 * properties (`api.root`); the steps on the way, innermost last. Undefined when the chain leaves the file.
 */
export function receiverChain(
  m: CdkModel,
  mc: CdkMethodCall,
  via: readonly string[],
  viaProps: readonly string[],
): { root: CdkConstruct; steps: CdkMethodCall[] } | undefined {
  const steps: CdkMethodCall[] = [];
  let cur = mc;
  for (let i = 0; i < 32; i++) {
    let next: CdkMethodCall | undefined;
    if (cur.receiverCall !== undefined) {
      next = m.methodCalls.find((x) => x.end === cur.receiverCall);
    } else {
      let name = cur.receiver;
      for (const p of viaProps) if (name.endsWith(`.${p}`)) name = name.slice(0, -p.length - 1);
      const b = bindingOf(m, name);
      if (b && 'call' in b) return { root: b, steps };
      next = b;
    }
    if (!next || !via.includes(next.method)) return undefined;
    steps.push(next);
    cur = next;
  }
  return undefined;
}
