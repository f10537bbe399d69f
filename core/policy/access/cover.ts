/**
 * Set questions over statement elements: does one statement's Action / Resource / Principal
 * cover a pattern of another's, do two overlap. Three answers (`yes`, `no`, `unknown`): a
 * CloudFormation reference (`${Bucket.Arn}`) is compared as written, and where that cannot
 * settle it the answer is `unknown`, never a guess.
 */
import { Tri } from './conditions';
import { globContains, globsOverlap } from '../glob';
import { Pattern, PatternSet, PrincipalPattern, PrincipalSet } from './sets';

/** Two strings no ARN or action holds: wildcards replaced by them give members of a pattern to test. */
const WITNESS_FILLS: [string, string][] = [
  ['\u0001w\u0001', '\u0001'],
  ['', '\u0001'],
];

const REF_G = /\$\{(?:AWS::[A-Za-z]+|[A-Za-z0-9]+(?:\.[A-Za-z0-9.]+)?)\}/g;

/** References read as "anything": a superset of what the pattern can be. */
function widened(p: Pattern): string {
  return p.refs ? p.text.replace(REF_G, '*') : p.text;
}

/** Concrete members of a pattern without references (wildcards filled with unlikely text). */
function witnesses(p: Pattern): string[] {
  if (p.refs) return [];
  return WITNESS_FILLS.map(([star, one]) => p.text.replace(/\*/g, star).replace(/\?/g, one));
}

/** Is every member of `inner` in one of `outers` (a union)? */
function unionContains(outers: readonly Pattern[], inner: Pattern, ci: boolean): Tri {
  if (outers.some((o) => globContains(o.text, inner.text, ci))) return 'yes';
  if (inner.refs && outers.some((o) => globContains(o.text, widened(inner), ci))) return 'yes';
  if (!inner.refs && !outers.some((o) => o.refs)) {
    // A member of `inner` outside every outer pattern settles it; else the union may cover it.
    return witnesses(inner).some((w) => !outers.some((o) => globContains(o.text, w, ci))) ? 'no' : 'unknown';
  }
  return outers.some((o) => globsOverlap(widened(o), widened(inner), ci)) ? 'unknown' : 'no';
}

/** Does the pattern share a member with one of the patterns? */
function anyOverlap(list: readonly Pattern[], p: Pattern, ci: boolean): Tri {
  let unknown = false;
  for (const q of list) {
    if (!q.refs && !p.refs) {
      if (globsOverlap(q.text, p.text, ci)) return 'yes';
      continue;
    }
    if (q.text === p.text) return 'yes';
    if (globsOverlap(widened(q), widened(p), ci)) unknown = true;
  }
  return unknown ? 'unknown' : 'no';
}

/** Does the set hold every member of `p` (`p` from a list, or everything except `except`)? */
export function setCovers(set: PatternSet, p: Pattern | { except: Pattern[] }, ci: boolean): Tri {
  const star = set.kind === 'list' && set.items.some((i) => i.text === '*');
  if (star) return 'yes';
  if ('except' in p) {
    // Everything except N ⊆ everything except M  ⇔  every M item lies inside some N item.
    if (set.unknown) return 'unknown';
    if (set.kind === 'list') return 'no';
    let r: Tri = 'yes';
    for (const m of set.items) {
      const c = unionContains(p.except, m, ci);
      if (c === 'no') return 'no';
      if (c === 'unknown') r = 'unknown';
    }
    return r;
  }
  if (set.kind === 'list') {
    const r = unionContains(set.items, p, ci);
    return r === 'no' && set.unknown ? 'unknown' : r;
  }
  const o = anyOverlap(set.items, p, ci);
  if (o === 'yes') return 'no';
  if (o === 'unknown' || set.unknown) return 'unknown';
  return 'yes';
}

/** Does the set share a member with `p` (a pattern, or everything except a list)? */
export function setOverlaps(set: PatternSet, p: Pattern | { except: Pattern[] }, ci: boolean): Tri {
  if (set.unknown) return 'unknown';
  if ('except' in p) {
    if (set.kind === 'except') return 'yes';
    // The set overlaps "everything except N" unless each of its items lies inside N.
    let r: Tri = 'no';
    for (const i of set.items) {
      const c = unionContains(p.except, i, ci);
      if (c === 'no') return 'yes';
      if (c === 'unknown') r = 'unknown';
    }
    return r;
  }
  if (set.kind === 'list') return anyOverlap(set.items, p, ci);
  const c = unionContains(set.items, p, ci);
  return c === 'yes' ? 'no' : c === 'no' ? 'yes' : 'unknown';
}

/** Account root principals stand for every principal of their account. */
function principalCovers(o: PrincipalPattern, i: PrincipalPattern): boolean {
  if (o.type !== i.type) return false;
  if (o.type === 'Service') return o.text.toLowerCase() === i.text.toLowerCase();
  if (o.type !== 'AWS') return o.text === i.text;
  if (globContains(o.text, i.text)) return true;
  const root = /^arn:([^:]+):iam::([^:]+):root$/.exec(o.text);
  if (!root) return false;
  const m = /^arn:([^:]+):(?:iam|sts)::([^:]+):/.exec(i.text);
  return !!m && m[1] === root[1] && m[2] === root[2];
}

/** Does the base statement's principal set hold every principal the new one names? */
export function principalsCover(base: PrincipalSet, n: PrincipalSet): { result: Tri; missing: string[] } {
  if (base.kind === 'any') return { result: 'yes', missing: [] };
  if (n.kind === 'any') return { result: 'no', missing: ['every principal ("*")'] };
  if (base.kind === 'except' || n.kind === 'except') {
    const same =
      base.kind === n.kind && JSON.stringify(base.items.map((i) => i.text).sort()) === JSON.stringify(n.items.map((i) => i.text).sort());
    return { result: same ? 'yes' : 'unknown', missing: [] };
  }
  const missing: string[] = [];
  let unknown = base.unknown || n.unknown;
  for (const i of n.items) {
    if (base.items.some((o) => principalCovers(o, i))) continue;
    if (i.refs || base.items.some((o) => o.refs)) unknown = true;
    else missing.push(`${i.type} ${i.text}`);
  }
  if (missing.length) return { result: 'no', missing };
  return { result: unknown ? 'unknown' : 'yes', missing };
}

/** Does the principal set share a principal with another (for a Deny that may apply)? */
export function principalsOverlap(a: PrincipalSet, b: PrincipalSet): Tri {
  if (a.kind === 'any' || b.kind === 'any') return 'yes';
  if (a.kind === 'except' || b.kind === 'except' || a.unknown || b.unknown) return 'unknown';
  return a.items.some((x) => b.items.some((y) => principalCovers(x, y) || principalCovers(y, x))) ? 'yes' : 'no';
}
