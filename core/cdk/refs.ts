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

/** Every value under a key in a construct's props, with the construct's fqn. */
type KeyedValues = Map<string, { v: CdkValue; fqn: string }[]>;

const keyed = new WeakMap<CdkModel, KeyedValues>();

/** Every value the constructs' props hold under a key at any depth, by normalised key, in `valuesIn` order: one walk per model. */
function keyedValues(m: CdkModel): KeyedValues {
  let out = keyed.get(m);
  if (out) return out;
  const byKey: KeyedValues = (out = new Map());
  const norm = new Map<string, string>();
  const walk = (v: CdkValue | undefined, key: string | undefined, depth: number, fqn: string): void => {
    if (!v || depth > 16) return;
    if (key !== undefined) {
      let k = norm.get(key);
      if (k === undefined) norm.set(key, (k = normKey(key)));
      const list = byKey.get(k);
      if (list) list.push({ v, fqn });
      else byKey.set(k, [{ v, fqn }]);
    }
    const o = asObject(v);
    if (o) for (const e of o.entries) walk(e.value, e.key, depth + 1, fqn);
    else if (v.k === 'arr') for (const i of v.items) walk(i, key, depth + 1, fqn);
    else if (v.k === 'call') {
      for (const x of v.args) walk(x, undefined, depth + 1, fqn);
      if (v.kw) walk(v.kw, undefined, depth + 1, fqn);
    }
  };
  for (const c of m.constructs) walk(c.props, undefined, 0, c.call.fqn);
  keyed.set(m, out);
  return out;
}

/** The values constructs (of `within`, if given) hold under a key at any depth. */
function valuesUnder(m: CdkModel, key: string, within: readonly string[] | undefined): CdkValue[] {
  const all = keyedValues(m).get(normKey(key)) ?? [];
  return all.filter((x) => !within || within.includes(x.fqn)).map((x) => x.v);
}

/** What one reference names in a model: call values by start and fqn, variable names and their prefixes. */
interface RefIndex {
  calls: Set<string>;
  names: Set<string>;
  /** An opaque reference names something the file does not create (it may be any site). */
  opaque: boolean;
}

const refIndexes = new WeakMap<CdkModel, Map<Reference, RefIndex>>();

/** The values a reference points at: every argument of its calls or method calls, or every value under its key. */
function refValues(m: CdkModel, r: Reference): CdkValue[] {
  if ('call' in r) return m.calls.filter((c) => r.call.includes(c.fqn)).flatMap(argsOf);
  if ('method' in r) return m.methodCalls.filter((mc) => r.method.includes(mc.method)).flatMap(argsOf);
  return valuesUnder(m, r.key, r.in);
}

/**
 * A reference's index, built once per model: `names` per site was a scan of every value (sites x values per
 * keystroke). A value names a site when its call is the construct's, or its name is the variable or starts `variable.`.
 */
function refIndex(m: CdkModel, r: Reference): RefIndex {
  let byRef = refIndexes.get(m);
  if (!byRef) refIndexes.set(m, (byRef = new Map()));
  let hit = byRef.get(r);
  if (hit) return hit;
  hit = { calls: new Set(), names: new Set(), opaque: false };
  const values = refValues(m, r);
  for (const v of values) {
    if (v.k === 'call') hit.calls.add(`${v.start}|${v.fqn}`);
    if (v.k !== 'unknown' || !v.name) continue;
    const n = v.name.replace(/^self\./, 'this.');
    hit.names.add(n);
    for (let at = n.indexOf('.'); at >= 0; at = n.indexOf('.', at + 1)) hit.names.add(n.slice(0, at));
  }
  if ('call' in r && r.opaque) hit.opaque = values.some((a) => !isFileConstruct(m, a));
  byRef.set(r, hit);
  return hit;
}

/** `names(v, x)` for some value `v` the index holds. */
function namedIn(ix: RefIndex, x: Named): boolean {
  if (x.construct && ix.calls.has(`${x.construct.call.start}|${x.construct.call.fqn}`)) return true;
  return !!x.variable && ix.names.has(x.variable.replace(/^self\./, 'this.'));
}

/**
 * How a site is referenced elsewhere in the file: `true` when a reference names it, `'unknown'` when
 * an opaque reference names something the file does not create (it may be this one).
 */
export function referenced(m: CdkModel, x: Named, refs: readonly Reference[]): boolean | 'unknown' {
  let unknown = false;
  for (const r of refs) {
    const ix = refIndex(m, r);
    if (namedIn(ix, x)) return true;
    unknown ||= ix.opaque;
  }
  return unknown ? 'unknown' : false;
}

/** `referenced` by a scan of every value for every site: the definition the index must agree with (tests). */
export function referencedByScan(m: CdkModel, x: Named, refs: readonly Reference[]): boolean | 'unknown' {
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
    } else {
      const k = normKey(r.key);
      for (const c of m.constructs) {
        if (r.in && !r.in.includes(c.call.fqn)) continue;
        for (const y of valuesIn(c.props)) if (y.key !== undefined && normKey(y.key) === k && names(y.v, x)) return true;
      }
    }
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
