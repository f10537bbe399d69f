import { Node } from '../../core/nodes';
import { Fix, RelatedInfo, Severity } from '../../core/rule';
import { Resource, Template } from '../../core/template';
import { Outcome } from '../../core/values';
import { Target } from './fix-target';
import { outcomesOf } from './property-value';
import { Reporter } from './reporter';

/**
 * What a value can be: 'absent' when every outcome is missing, 'present' when at least one is a
 * written value or collection, 'unknown' when it cannot be told. For "a key must be given" rules.
 * Half-typed input is read as `checkProperty` reads it (rules/lib/property-value.ts).
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
  const at = firstTarget(p.missing);
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

/** The first place a missing key can be written: under the deepest map, or over an empty value. */
function firstTarget(missing: Outcome[]): Target | undefined {
  for (const m of missing) {
    if (m.kind === 'missing' && m.map) return { map: m.map, path: m.path };
    if (m.kind === 'value') return { node: m.via ?? m.node, path: [] };
  }
  return undefined;
}
