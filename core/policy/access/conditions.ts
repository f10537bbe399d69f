/**
 * Does a set of condition tests (the new statement's) imply one test of the baseline's? Exactly
 * where IAM's operators allow it (same key, comparable operators, value sets), `unknown`
 * elsewhere: numeric ranges, dates, IP ranges and set operators are compared only when written
 * identically. Sources: IAM JSON policy elements, condition operators (docs/policy-checks.md).
 */
import { globContains } from '../glob';
import { Cond } from './sets';

export type Tri = 'yes' | 'no' | 'unknown';

/** An answer with the reason a user reads. */
export interface Verdict {
  result: Tri;
  reason?: string;
  /** Which part of the statement decided a `no`/`unknown`. */
  part?: 'action' | 'resource' | 'principal' | 'condition' | 'deny';
}

type Family = 'string' | 'stringci' | 'like' | 'arn' | 'bool' | 'null' | 'other';

interface Op {
  family: Family;
  negated: boolean;
  ifExists: boolean;
  /** `ForAnyValue:` / `ForAllValues:` prefix, lower case, or ''. */
  set: string;
  base: string;
}

const FAMILIES: Record<string, { family: Family; negated: boolean }> = {
  stringequals: { family: 'string', negated: false },
  stringnotequals: { family: 'string', negated: true },
  stringequalsignorecase: { family: 'stringci', negated: false },
  stringnotequalsignorecase: { family: 'stringci', negated: true },
  stringlike: { family: 'like', negated: false },
  stringnotlike: { family: 'like', negated: true },
  arnequals: { family: 'arn', negated: false },
  arnlike: { family: 'arn', negated: false },
  arnnotequals: { family: 'arn', negated: true },
  arnnotlike: { family: 'arn', negated: true },
  bool: { family: 'bool', negated: false },
  null: { family: 'null', negated: false },
};

/** Operator parts: `ForAnyValue:StringLikeIfExists` → set `foranyvalue:`, base `stringlike`, ifExists. */
export function parseOperator(op: string): Op {
  let rest = op.toLowerCase();
  let set = '';
  const m = /^(foranyvalue:|forallvalues:)/.exec(rest);
  if (m) {
    set = m[1];
    rest = rest.slice(set.length);
  }
  const ifExists = rest.endsWith('ifexists');
  if (ifExists) rest = rest.slice(0, -'ifexists'.length);
  const f = FAMILIES[rest] ?? { family: 'other' as Family, negated: false };
  return { ...f, ifExists, set, base: rest };
}

/** True when value `v` satisfies a positive test with pattern `p` of this family. */
function valueMatches(family: Family, p: string, v: string): boolean {
  if (family === 'string') return p === v;
  if (family === 'stringci' || family === 'bool') return p.toLowerCase() === v.toLowerCase();
  if (family === 'like') return globContains(p, v);
  if (family === 'arn') return globContains(p, v);
  return p === v;
}

/** Every value the new test lets through is let through by the base test (positive families). */
function positiveSubset(nf: Family, nv: string[], bf: Family, bv: string[]): boolean {
  // A `like`/`arn` value on the new side is a pattern: it must be contained, not just matched.
  const literal = nf === 'string' || nf === 'stringci' || nf === 'bool';
  return nv.every((v) => bv.some((p) => (literal ? valueMatches(bf, p, v) : globContains(p, v, bf === 'stringci'))));
}

const COMPARABLE: Record<Family, Family[]> = {
  string: ['string', 'stringci', 'like'],
  stringci: ['stringci'],
  like: ['like'],
  arn: ['arn'],
  bool: ['bool'],
  null: ['null'],
  other: [],
};

/** `StringEquals aws:SourceAccount: 111122223333`, for reasons. */
export function describeCond(c: Cond): string {
  const vals = c.values.length === 1 ? c.values[0] : `[${c.values.join(', ')}]`;
  return `${c.operator} ${c.key}: ${vals}`;
}

/** Does one new test imply the base test? */
function entryImplies(n: Cond, b: Cond): Tri {
  if (n.unknown || b.unknown) return sameText(n, b) ? 'yes' : 'unknown';
  const no = parseOperator(n.operator);
  const bo = parseOperator(b.operator);
  // A new test that passes when the key is missing cannot imply a base test that fails then.
  if (no.ifExists && !bo.ifExists && !bo.negated && bo.family !== 'null') return 'no';
  if (no.set || bo.set || no.family === 'other' || bo.family === 'other') return sameText(n, b) ? 'yes' : 'unknown';
  if (no.negated !== bo.negated) return 'unknown';
  if (!no.negated) {
    if (bo.family === 'null' || no.family === 'null') return no.family === bo.family && sameValues(n, b, true) ? 'yes' : 'unknown';
    if (!COMPARABLE[no.family].includes(bo.family)) return 'unknown';
    return positiveSubset(no.family, n.values, bo.family, b.values) ? 'yes' : 'no';
  }
  // Negated: the new test excludes at least what the base excludes.
  if (no.family !== bo.family) return 'unknown';
  return b.values.every((bv) =>
    n.values.some((nv) =>
      no.family === 'stringci' ? nv.toLowerCase() === bv.toLowerCase() : no.family === 'string' ? nv === bv : globContains(nv, bv),
    ),
  )
    ? 'yes'
    : 'no';
}

function sameValues(a: Cond, b: Cond, ci: boolean): boolean {
  const norm = (v: string[]): string =>
    [...v]
      .map((x) => (ci ? x.toLowerCase() : x))
      .sort()
      .join('\u0000');
  return norm(a.values) === norm(b.values);
}

function sameText(a: Cond, b: Cond): boolean {
  return (
    a.operator.toLowerCase() === b.operator.toLowerCase() &&
    a.key.toLowerCase() === b.key.toLowerCase() &&
    !a.unknown &&
    !b.unknown &&
    sameValues(a, b, false)
  );
}

/** A base test that every request passes (`StringLike k: "*"` with IfExists, `Null k: [true, false]`): it narrows nothing. */
function alwaysTrue(b: Cond): boolean {
  const o = parseOperator(b.operator);
  if (b.unknown || o.set || o.negated) return false;
  return o.ifExists && (o.family === 'like' || o.family === 'arn') && b.values.includes('*');
}

/** Do the new statement's tests imply this baseline test? */
export function condImplied(news: readonly Cond[], b: Cond): Verdict {
  if (alwaysTrue(b)) return { result: 'yes' };
  const same = news.filter((n) => n.key.toLowerCase() === b.key.toLowerCase());
  if (!same.length)
    return {
      result: 'no',
      part: 'condition',
      reason: `the baseline requires ${describeCond(b)}; the new statement has no condition on ${b.key}`,
    };
  let unknown = false;
  for (const n of same) {
    const r = entryImplies(n, b);
    if (r === 'yes') return { result: 'yes' };
    if (r === 'unknown') unknown = true;
  }
  const mine = same.map(describeCond).join(' and ');
  return unknown
    ? {
        result: 'unknown',
        part: 'condition',
        reason: `whether ${mine} implies the baseline's ${describeCond(b)} cannot be decided statically`,
      }
    : {
        result: 'no',
        part: 'condition',
        reason: `the baseline requires ${describeCond(b)}; the new statement's ${mine} lets more through`,
      };
}

/** Do the new tests imply every baseline test (they are ANDed)? */
export function condsImplied(news: readonly Cond[], base: readonly Cond[]): Verdict {
  let unknown: Verdict | undefined;
  for (const b of base) {
    const v = condImplied(news, b);
    if (v.result === 'no') return v;
    if (v.result === 'unknown') unknown ??= v;
  }
  return unknown ?? { result: 'yes' };
}

/**
 * The test a single-test Deny leaves true for the requests it lets through: `Bool k false` →
 * `Bool k true`, `StringNotEquals k v` → `StringEquals k v`. Undefined when there is no exact negation.
 */
export function negation(c: Cond): Cond | undefined {
  const o = parseOperator(c.operator);
  if (c.unknown || o.set || o.ifExists) return undefined;
  if (o.family === 'bool' && c.values.length === 1) {
    const v = c.values[0].toLowerCase();
    if (v !== 'true' && v !== 'false') return undefined;
    // Not denied: the key is missing, or has the other value.
    return { ...c, operator: 'BoolIfExists', values: [v === 'true' ? 'false' : 'true'] };
  }
  if (o.family === 'null' || o.family === 'other') return undefined;
  const flip: Record<string, string> = {
    stringequals: 'StringNotEquals',
    stringnotequals: 'StringEquals',
    stringequalsignorecase: 'StringNotEqualsIgnoreCase',
    stringnotequalsignorecase: 'StringEqualsIgnoreCase',
    stringlike: 'StringNotLike',
    stringnotlike: 'StringLike',
    arnlike: 'ArnNotLike',
    arnequals: 'ArnNotEquals',
    arnnotlike: 'ArnLike',
    arnnotequals: 'ArnEquals',
  };
  // Only a negated Deny test flips into a positive one: a positive test's negation passes when the key is missing.
  if (!o.negated) return undefined;
  return { ...c, operator: flip[o.base], values: c.values };
}
