import { JsonValue, MapNode, Node, pairOf, Scalar } from '../../core/nodes';
import { Fix, FixSafety, RelatedInfo, RuleContext, Severity } from '../../core/rule';
import { Resource, Template } from '../../core/template';
import { asBool, Outcome, resolvePath } from '../../core/values';
import { Reporter } from './reporter';

/*
 * "This property must be X": the one helper for rules that judge a property's value, and its one treatment of
 * half-typed input. Every outcome of the path is followed (core/values.ts) and read as CloudFormation reads it:
 *
 * - a value written in place is judged by the check's `judge`: 'ok' and 'unknown' say nothing, 'bad' is reported
 *   where it is written, with a fix that replaces it;
 * - `Ref` to a parameter is judged at the parameter's value (its `Default`, or each of its `AllowedValues`); a bad
 *   one is reported at the `Ref`, with the parameter's value as related information; a parameter with neither is
 *   unknown;
 * - `Ref` to a resource or a pseudo parameter, and every other intrinsic (`Fn::Sub`, `Fn::GetAtt`,
 *   `Fn::ImportValue`, ...), is unknown: the analysis cannot know the value, so it says nothing;
 * - `Fn::If` is followed into each branch (only the one its condition picks when that is decided at the
 *   parameters' defaults); branches that agree are reported once (`Reporter`);
 * - an absent key, or `!Ref AWS::NoValue`, is missing: reported at the resource only when the check gives a
 *   `missing` message (the AWS default is unsafe), with a fix that writes the safe value;
 * - a key typed with no value yet (`Encrypted:`) or an explicit null is unknown, not missing: the user is still
 *   typing, and CloudFormation rejects a null property;
 * - booleans: `true`, `"true"` and `"True"` alike (`mustBeTrue`, `mustBeFalse`); any other string or a number is
 *   unknown (CloudFormation refuses it; it is no claim about the setting);
 * - enumerations (`oneOf`, `noneOf`): strings compared case-insensitively, a number read as its digits (as
 *   CloudFormation reads it for a String property), a boolean unknown (a bare YAML `ON`/`OFF`, refused at deploy).
 */

/**
 * `resolvePath`, except that a key typed with no value yet (`Encrypted:`) or an explicit null is
 * unknown rather than missing: the user is still typing, and a finding there would be noise.
 */
export function outcomesOf(t: Template, from: Node | undefined, path: readonly string[]): Outcome[] {
  return resolvePath(t, from, path).map((o): Outcome => {
    if (o.kind === 'missing' && o.map) {
      const p = pairOf(o.map, o.path[0]);
      if (p && !p.value) return { kind: 'unknown', node: p.key };
    }
    if (o.kind === 'value' && o.value === null) return { kind: 'unknown', node: o.node };
    return o;
  });
}

/** A verdict on one written value: compliant, non-compliant, or not something the rule can judge. */
export type Verdict = 'ok' | 'bad' | 'unknown';

/** Judges CloudFormation booleans: `true`/`"true"` ok, `false`/`"false"` bad, anything else unknown. */
export const mustBeTrue = (v: Scalar): Verdict => {
  const b = asBool(v);
  return b === undefined ? 'unknown' : b ? 'ok' : 'bad';
};

/** The opposite of `mustBeTrue`, for `…Disabled` and `PubliclyAccessible` flags. */
export const mustBeFalse = (v: Scalar): Verdict => {
  const b = asBool(v);
  return b === undefined ? 'unknown' : b ? 'bad' : 'ok';
};

/** An enumeration value as CloudFormation reads it for a String property: strings and numbers, lower-cased. */
function enumValue(v: Scalar): string | undefined {
  return typeof v === 'string' || typeof v === 'number' ? String(v).toLowerCase() : undefined;
}

/** Judges an enumeration by its good values: those are ok, any other value is bad. */
export function oneOf(...good: string[]): (v: Scalar) => Verdict {
  const set = new Set(good.map((g) => g.toLowerCase()));
  return (v) => {
    const e = enumValue(v);
    return e === undefined ? 'unknown' : set.has(e) ? 'ok' : 'bad';
  };
}

/** Judges an enumeration by its bad values: those are bad, any other value is ok. */
export function noneOf(...bad: string[]): (v: Scalar) => Verdict {
  const set = new Set(bad.map((g) => g.toLowerCase()));
  return (v) => {
    const e = enumValue(v);
    return e === undefined ? 'unknown' : set.has(e) ? 'bad' : 'ok';
  };
}

export interface PropertyCheck {
  /** Path under the resource's `Properties`, or under `base` when given. */
  path: string[];
  /** Where the path starts; the resource's `Properties` when omitted. */
  base?: Node;
  judge: (v: Scalar) => Verdict;
  /** Message (severity, profile) when the property is absent; omit to accept absence (a safe AWS default). */
  missing?: { message: string; severity?: Severity; profile?: 'strict' };
  /** Where a missing property is reported; the resource's logical id when omitted. */
  missingAt?: Node;
  /** Message for a bad value. */
  bad: (v: Scalar) => string;
  /** Severity for a bad value; the rule's default when omitted. */
  badSeverity?: Severity;
  /** `strict` when a bad value is a strict-profile finding only (`Report.profile`). */
  badProfile?: 'strict';
  /** The safe value, written by the fix. Omit when there is no single safe value. */
  fixValue?: JsonValue;
  fixTitle?: string;
  /** The main fix's safety where it differs from the rule's, for a missing property and for a bad value. */
  fixSafety?: { missing?: FixSafety; bad?: FixSafety };
  /** Further fixes offered after the main one (e.g. a new KMS key). */
  moreFixes?: (at: { map?: MapNode; path: string[]; node?: Node }) => Fix[];
  related?: RelatedInfo[];
  data?: Record<string, string | number | boolean>;
}

/**
 * The common "property must be X" check, with the treatment of half-typed input described at the top of this
 * file: a missing property is reported at the resource, a bad value where it is written (or at the `!Ref` that
 * brings it), each with a fix writing the safe value. Returns true when a finding was reported.
 */
export function checkProperty(t: Template, rep: Reporter, r: Resource, c: PropertyCheck): boolean {
  let found = false;
  const from = c.base ?? r.node;
  const path = c.base ? c.path : ['Properties', ...c.path];
  for (const out of outcomesOf(t, from, path)) {
    if (out.kind === 'missing' && c.missing) found = reportMissing(rep, r, c, c.missing, out.map, out.path) || found;
    else if (out.kind === 'value' && c.judge(out.value) === 'bad') found = reportBad(rep, r, c, out) || found;
  }
  return found;
}

/** A check of a boolean that must be true: `checkProperty` with `mustBeTrue`, and a fix that writes true. */
export type TrueCheck = Omit<PropertyCheck, 'judge' | 'fixValue'>;

/** The commonest property rule: on every resource of these types, the boolean `check(r).path` must be true. */
export function everyMustBeTrue(t: Template, ctx: RuleContext, types: readonly string[], check: (r: Resource) => TrueCheck): void {
  const rep = new Reporter(ctx);
  for (const type of types)
    for (const r of t.byType.get(type) ?? []) checkProperty(t, rep, r, { ...check(r), judge: mustBeTrue, fixValue: true });
}

function fixTitle(c: PropertyCheck): string {
  return c.fixTitle ?? `Set ${c.path[c.path.length - 1]} to ${String(c.fixValue)}`;
}

function reportMissing(
  rep: Reporter,
  r: Resource,
  c: PropertyCheck,
  missing: NonNullable<PropertyCheck['missing']>,
  map: MapNode | undefined,
  path: string[],
): boolean {
  const fixes: Fix[] = [];
  if (map && c.fixValue !== undefined)
    fixes.push({ title: fixTitle(c), ops: [{ op: 'set', map, path, value: c.fixValue }], ...safety(c.fixSafety?.missing) });
  if (map && c.moreFixes) fixes.push(...c.moreFixes({ map, path }));
  rep.report({
    node: c.missingAt ?? r.keyNode,
    resource: r,
    message: missing.message,
    severity: missing.severity,
    profile: missing.profile,
    fix: fixes.length ? fixes : undefined,
    related: c.related,
    data: c.data,
  });
  return true;
}

function reportBad(rep: Reporter, r: Resource, c: PropertyCheck, out: Extract<Outcome, { kind: 'value' }>): boolean {
  const at = out.via ?? out.node;
  const fixes: Fix[] = [];
  if (c.fixValue !== undefined)
    fixes.push({ title: fixTitle(c), ops: [{ op: 'replace', node: at, value: c.fixValue }], ...safety(c.fixSafety?.bad) });
  if (c.moreFixes) fixes.push(...c.moreFixes({ node: at, path: [] }));
  const related = [...(c.related ?? [])];
  if (out.via) related.push({ node: out.node, message: 'The value comes from this parameter.' });
  rep.report({
    node: at,
    resource: r,
    message: c.bad(out.value),
    severity: c.badSeverity,
    profile: c.badProfile,
    fix: fixes.length ? fixes : undefined,
    related: related.length ? related : undefined,
    data: c.data,
  });
  return true;
}

/** A `Fix`'s `safety` field, only when one is given. */
function safety(s: FixSafety | undefined): { safety?: FixSafety } {
  return s ? { safety: s } : {};
}
