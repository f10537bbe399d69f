import { get, isMap, isScalar, isSeq, JsonValue, MapNode, Node, pairOf, PairNode, Scalar, stringValue } from '../../core/nodes';
import { Fix, FixOp, FixSafety, RelatedInfo, RuleContext, Severity } from '../../core/rule';
import { Resource, Template } from '../../core/template';
import { asBool, Outcome, referencedId, resolvePath } from '../../core/values';

/**
 * Helpers shared by the encryption-at-rest and encryption-in-transit rules: typing-aware value
 * reasoning, a "property must be X" check with per-case severity, and KMS key / policy fixes.
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

/** The opposite of `mustBeTrue`, for `…Disabled` flags. */
export const mustBeFalse = (v: Scalar): Verdict => {
  const b = asBool(v);
  return b === undefined ? 'unknown' : b ? 'bad' : 'ok';
};

/** Builds a verdict from a set of good strings (case-insensitive); non-strings are unknown. */
export function oneOf(...good: string[]): (v: Scalar) => Verdict {
  const set = new Set(good.map((g) => g.toLowerCase()));
  return (v) => (typeof v === 'string' ? (set.has(v.toLowerCase()) ? 'ok' : 'bad') : 'unknown');
}

export interface ValueCheck {
  /** Path under the resource's `Properties`, or under `base` when given. */
  path: string[];
  /** Where the path starts; the resource's `Properties` when omitted. */
  base?: Node;
  judge: (v: Scalar) => Verdict;
  /** Message (and severity) when the property is absent; omit to accept absence. */
  missing?: { message: string; severity?: Severity };
  /** Where a missing property is reported; the resource's logical id when omitted. */
  missingAt?: Node;
  /** Message for a bad value. */
  bad: (v: Scalar) => string;
  /** Severity for a bad value; the rule's default when omitted. */
  badSeverity?: Severity;
  /** `strict` when a bad value is a strict-profile finding only (`Report.profile`). */
  badProfile?: 'strict';
  /** The safe value, written by the fix. */
  fixValue?: JsonValue;
  fixTitle?: string;
  /** The main fix's safety where it differs from the rule's, for a missing property and for a bad value. */
  fixSafety?: { missing?: FixSafety; bad?: FixSafety };
  /** Further fixes offered after the main one (e.g. a new KMS key). */
  moreFixes?: (at: { map?: MapNode; path: string[]; node?: Node }) => Fix[];
  related?: RelatedInfo[];
  data?: Record<string, string | number | boolean>;
}

/** Reports each outcome at most once per node and message, so `Fn::If` branches that agree do not repeat. */
export class Reporter {
  private readonly seen = new Set<string>();
  constructor(private readonly ctx: RuleContext) {}

  report(r: Parameters<RuleContext['report']>[0]): void {
    const key = `${r.node.start}:${r.node.end}:${r.message}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.ctx.report(r);
  }
}

/**
 * The common "property must be X" check: every outcome through parameters and `Fn::If` branches
 * is judged; a missing property is reported at the resource, a bad value where it is written (or
 * at the `!Ref` that brings it), each with a fix writing the safe value. Returns true when a
 * finding was reported.
 */
export function checkValue(t: Template, rep: Reporter, r: Resource, c: ValueCheck): boolean {
  let found = false;
  const from = c.base ?? r.node;
  const path = c.base ? c.path : ['Properties', ...c.path];
  const title = c.fixTitle ?? `Set ${c.path[c.path.length - 1]} to ${String(c.fixValue)}`;
  for (const out of outcomesOf(t, from, path)) {
    if (out.kind === 'missing') {
      if (!c.missing) continue;
      const map = out.map;
      const fixes: Fix[] = [];
      if (map && c.fixValue !== undefined)
        fixes.push({ title, ops: [{ op: 'set', map, path: out.path, value: c.fixValue }], ...safety(c.fixSafety?.missing) });
      if (map && c.moreFixes) fixes.push(...c.moreFixes({ map, path: out.path }));
      rep.report({
        node: c.missingAt ?? r.keyNode,
        resource: r,
        message: c.missing.message,
        severity: c.missing.severity,
        fix: fixes.length ? fixes : undefined,
        related: c.related,
        data: c.data,
      });
      found = true;
    } else if (out.kind === 'value' && c.judge(out.value) === 'bad') {
      const at = out.via ?? out.node;
      const fixes: Fix[] = [];
      if (c.fixValue !== undefined)
        fixes.push({ title, ops: [{ op: 'replace', node: at, value: c.fixValue }], ...safety(c.fixSafety?.bad) });
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
      found = true;
    }
  }
  return found;
}

/** A `Fix`'s `safety` field, only when one is given. */
export function safety(s: FixSafety | undefined): { safety?: FixSafety } {
  return s ? { safety: s } : {};
}

/**
 * What a value can be: 'absent' when every outcome is missing, 'present' when at least one is a
 * written value or collection, 'unknown' when it cannot be told. For "a key must be given" rules.
 */
export function presence(
  t: Template,
  from: Node | undefined,
  path: readonly string[],
): { state: 'absent' | 'present' | 'unknown' | 'mixed'; missing: Outcome[] } {
  const outs = outcomesOf(t, from, path);
  const missing = outs.filter((o) => o.kind === 'missing');
  // An empty string is as good as absent: CloudFormation treats it as "not set" for key ids.
  const empty = outs.filter((o) => o.kind === 'value' && (o.value === '' || o.value === false));
  if (outs.some((o) => o.kind === 'unknown') && missing.length === 0) return { state: 'unknown', missing };
  if (missing.length + empty.length === outs.length) return { state: 'absent', missing: [...missing, ...empty] };
  if (missing.length || empty.length) return { state: 'mixed', missing: [...missing, ...empty] };
  return { state: 'present', missing };
}

/** Where a fix writes: a missing path under a map, or a written node to replace. */
export interface Target {
  map?: MapNode;
  path: string[];
  node?: Node;
}

/** The op that writes `value` at a target. */
export function setAt(at: Target, value: JsonValue): FixOp {
  return at.node ? { op: 'replace', node: at.node, value } : { op: 'set', map: at.map!, path: at.path, value };
}

/** The same target with its last key swapped, for a sibling property (e.g. `KmsMasterKeyId` beside `SqsManagedSseEnabled`). */
export function sibling(at: Target, key: string): Target | undefined {
  if (at.node || !at.map || !at.path.length) return undefined;
  return { map: at.map, path: [...at.path.slice(0, -1), key] };
}

export interface RequireKeyOptions {
  message: string;
  severity?: Severity;
  /** `strict` when the finding is for the strict profile only. */
  profile?: 'strict';
  /** Path start; the resource's mapping when omitted (then `path` starts with `Properties`). */
  base?: Node;
  fixes?: (at: Target) => Fix[];
  related?: RelatedInfo[];
}

/**
 * "This key must be given": reports once at the resource when every outcome is absent (or an
 * empty string), with fixes aimed at the first place it can be written. Returns true when reported.
 */
export function requireKey(t: Template, rep: Reporter, r: Resource, path: string[], o: RequireKeyOptions): boolean {
  const p = presence(t, o.base ?? r.node, path);
  if (p.state !== 'absent') return false;
  let at: Target | undefined;
  for (const m of p.missing) {
    if (m.kind === 'missing' && m.map) {
      at = { map: m.map, path: m.path };
      break;
    }
    if (m.kind === 'value') {
      at = { node: m.via ?? m.node, path: [] };
      break;
    }
  }
  const fixes = at && o.fixes ? o.fixes(at) : [];
  rep.report({
    node: r.keyNode,
    resource: r,
    message: o.message,
    severity: o.severity,
    profile: o.profile,
    fix: fixes.length ? fixes : undefined,
    related: o.related,
  });
  return true;
}

/** The sequence's items, or nothing when the node is not a sequence (a half-typed map, a scalar). */
export function items(n: Node | undefined): Node[] {
  return isSeq(n) ? n.items : [];
}

/** The items of a list property reached through parameters and `Fn::If` branches. */
export function listItems(t: Template, from: Node | undefined, path: readonly string[]): Node[] {
  const out: Node[] = [];
  for (const o of outcomesOf(t, from, path)) if (o.kind === 'node') out.push(...items(o.node));
  return out;
}

/** Like `listItems`, but a single mapping written where a list belongs counts as a one-item list (a common slip that peers still judge). */
export function listOrOne(t: Template, from: Node | undefined, path: readonly string[]): Node[] {
  const out: Node[] = [];
  for (const o of outcomesOf(t, from, path)) if (o.kind === 'node') out.push(...(isMap(o.node) ? [o.node] : items(o.node)));
  return out;
}

/** A string value written in place (not through a parameter), or undefined. */
export function literal(n: Node | undefined): string | undefined {
  return stringValue(n);
}

/** A logical id not yet used in the template, starting from `base`. */
export function freshId(t: Template, base: string): string {
  const clean = base.replace(/[^A-Za-z0-9]/g, '') || 'Encryption';
  if (!t.resourceById.has(clean)) return clean;
  for (let i = 2; ; i++) if (!t.resourceById.has(`${clean}${i}`)) return `${clean}${i}`;
}

/** A statement letting a service principal use a key, for the services that encrypt on the caller's behalf. */
function serviceStatement(principal: JsonValue, actions: string[]): JsonValue {
  return { Sid: 'AllowServiceUse', Effect: 'Allow', Principal: { Service: principal }, Action: actions, Resource: '*' };
}

export interface NewKeyOptions {
  /** What the key protects, for its Description. */
  purpose: string;
  /** Service principal that must use the key itself (CloudTrail, CloudWatch Logs, SNS publishers). */
  service?: JsonValue;
  serviceActions?: string[];
}

/**
 * A new symmetric `AWS::KMS::Key` with rotation on and the account-root key policy (what AWS
 * writes when no policy is given, made explicit so reviewers see it), plus a service statement
 * where the service itself must use the key.
 */
export function newKmsKey(t: Template, owner: Resource, o: NewKeyOptions): { id: string; op: FixOp } {
  const id = freshId(t, `${owner.id}Key`);
  const statements: JsonValue[] = [
    {
      Sid: 'EnableAccountAdministration',
      Effect: 'Allow',
      Principal: { AWS: { 'Fn::Sub': 'arn:${AWS::Partition}:iam::${AWS::AccountId}:root' } },
      Action: 'kms:*',
      Resource: '*',
    },
  ];
  if (o.service) statements.push(serviceStatement(o.service, o.serviceActions ?? ['kms:GenerateDataKey*', 'kms:Decrypt']));
  return {
    id,
    op: {
      op: 'addResource',
      id,
      value: {
        Type: 'AWS::KMS::Key',
        Properties: {
          Description: `Encrypts ${o.purpose}`,
          EnableKeyRotation: true,
          KeyPolicy: { Version: '2012-10-17', Statement: statements },
        },
      },
    },
  };
}

/** `!GetAtt Key.Arn` as a fix value. */
export const keyArn = (id: string): JsonValue => ({ 'Fn::GetAtt': [id, 'Arn'] });
/** `!Ref Key` (the key id) as a fix value. */
export const keyRef = (id: string): JsonValue => ({ Ref: id });

/**
 * A fix that creates a customer managed key and writes a reference to it at `at` (a missing
 * path under a map, or a node to replace), with any sibling settings the property needs.
 */
export function keyFix(
  t: Template,
  r: Resource,
  at: Target | undefined,
  o: NewKeyOptions & {
    title?: string;
    value: (id: string) => JsonValue;
  },
): Fix[] {
  if (!at || (!at.node && !at.map)) return [];
  const key = newKmsKey(t, r, o);
  const ops: FixOp[] = [setAt(at, o.value(key.id)), key.op];
  // A new key's policy, and who may use it, are for the user to review: always a suggestion.
  return [{ title: o.title ?? `Encrypt with a new customer managed KMS key (adds ${key.id})`, ops, safety: 'suggestion' }];
}

/** True when the node is a map with this key written (any value, even an intrinsic). */
export function hasKey(n: Node | undefined, key: string): boolean {
  return isMap(n) && !!pairOf(n, key)?.value;
}

/** The pair under a key, for related locations. */
export function pairAt(n: Node | undefined, key: string): PairNode | undefined {
  return isMap(n) ? pairOf(n, key) : undefined;
}

/** A resource this value points to (by `!Ref`/`!GetAtt`), when it is in the template. */
export function target(t: Template, n: Node | undefined): Resource | undefined {
  const id = referencedId(n);
  return id ? t.resourceById.get(id) : undefined;
}

/** The value of a scalar written in place, lower-cased when it is a string. */
export function lower(n: Node | undefined): string | undefined {
  return isScalar(n) && typeof n.value === 'string' ? n.value.toLowerCase() : undefined;
}

/** Resources of any of these types. */
export function ofTypes(t: Template, ...types: string[]): Resource[] {
  return types.flatMap((ty) => t.byType.get(ty) ?? []);
}

/** Walks to a key, reporting nothing: `get` over several keys. */
export function dig(n: Node | undefined, ...keys: string[]): Node | undefined {
  let cur = n;
  for (const k of keys) cur = get(cur, k);
  return cur;
}
