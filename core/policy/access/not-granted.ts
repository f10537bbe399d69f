/**
 * Offline CheckAccessNotGranted: does a policy grant any of a list of critical actions (on any
 * of a list of resources)? An Allow grants an action when its Action (or NotAction) holds it and
 * its resources meet the ones asked about; a Deny removes it only when it refuses the action on
 * those resources whatever the request (no condition). Conditions on the Allow do not clear it:
 * the access exists for the requests that meet them.
 */
import { actionMatches, expandAction } from '../catalogue';
import { EXFILTRATION_ACTIONS } from '../data/exfiltration-actions';
import { Node } from '../../nodes';
import { PolicyDocument } from '../model';
import { Tri } from './conditions';
import { setCovers, setOverlaps } from './cover';
import { isGlob } from '../glob';
import { AccessFinding, AccessStatement, accessStatements, Pattern } from './sets';

/** The actions asked about: concrete names (lower case) and patterns the catalogue does not expand. */
export interface CriticalList {
  /** Lower-case `service:action` → its name as AWS spells it and the reason it is critical. */
  actions: Map<string, { name: string; reason: string }>;
  /** Patterns as given, for actions outside the catalogue. */
  patterns: string[];
  /** Statement pattern → the critical actions it covers (policies repeat their patterns). */
  memo?: Map<string, string[]>;
}

/** The shipped list: every Permissions-management action of the catalogue, and the reviewed exfiltration list. */
export function defaultCriticalList(): CriticalList {
  const actions: CriticalList['actions'] = new Map();
  for (const a of expandAction('*'))
    if (a.level === 'Permissions management')
      actions.set(`${a.service}:${a.name}`.toLowerCase(), { name: `${a.service}:${a.name}`, reason: 'permissions management' });
  for (const e of EXFILTRATION_ACTIONS) actions.set(e.action.toLowerCase(), { name: e.action, reason: e.reason });
  return { actions, patterns: [] };
}

/** A list from the user (`--actions`, the `criticalActions` setting): patterns expanded through the catalogue. */
export function criticalListOf(patterns: readonly string[]): CriticalList {
  const actions: CriticalList['actions'] = new Map();
  const rest: string[] = [];
  for (const p of patterns) {
    const found = expandAction(p);
    for (const a of found)
      actions.set(`${a.service}:${a.name}`.toLowerCase(), { name: `${a.service}:${a.name}`, reason: `listed as ${p}` });
    if (!found.length) rest.push(p);
  }
  return { actions, patterns: rest };
}

/** One critical access a statement grants. */
export type GrantedAccess = AccessFinding<'granted'>;

/** The critical actions a pattern (or name) of a statement covers: the list is short, the catalogue long, so walk the list. */
function criticalIn(list: CriticalList, pattern: string): string[] {
  const memo = (list.memo ??= new Map());
  const key = pattern.toLowerCase();
  const hit = memo.get(key);
  if (hit) return hit;
  const out = criticalOf(list, pattern);
  if (memo.size > 5000) memo.clear();
  memo.set(key, out);
  return out;
}

function criticalOf(list: CriticalList, pattern: string): string[] {
  const out: string[] = [];
  if (!isGlob(pattern)) {
    const hit = list.actions.get(pattern.toLowerCase());
    if (hit) out.push(hit.name);
    else if (list.patterns.some((p) => actionMatches(p, pattern))) out.push(pattern);
    return out;
  }
  for (const [lower, a] of list.actions) if (actionMatches(pattern, lower)) out.push(a.name);
  for (const p of list.patterns) if (actionMatches(pattern, p)) out.push(p);
  return out;
}

/** The critical actions a statement's action set holds. */
function grantedActions(s: AccessStatement, list: CriticalList): { node: Node; actions: string[] }[] {
  if (s.actions.kind === 'except') {
    const excluded = s.actions.items.map((i) => i.text);
    const all = [...[...list.actions.values()].map((a) => a.name), ...list.patterns].filter(
      (a) => !excluded.some((x) => actionMatches(x, a)),
    );
    return all.length ? [{ node: s.st.notAction?.key ?? s.st.node, actions: all }] : [];
  }
  const out: { node: Node; actions: string[] }[] = [];
  for (const i of s.actions.items) {
    const hits = criticalIn(list, i.text);
    if (hits.length) out.push({ node: i.node, actions: hits });
  }
  return out;
}

/** Do the statement's resources meet the resources asked about (none asked: any)? */
function meets(s: AccessStatement, resources: readonly Pattern[]): Tri {
  if (!resources.length) return s.resources.items.length || s.resources.kind === 'except' ? 'yes' : s.resources.unknown ? 'unknown' : 'no';
  let r: Tri = 'no';
  for (const p of resources) {
    const o = setOverlaps(s.resources, p, false);
    if (o === 'yes') return 'yes';
    if (o === 'unknown') r = 'unknown';
  }
  return r;
}

/** True when an unconditional Deny refuses the action on every resource asked about. */
function denied(denies: readonly AccessStatement[], action: string, resources: readonly Pattern[], s: AccessStatement): boolean {
  const asked = resources.length ? resources : s.resources.kind === 'list' ? s.resources.items : [];
  return denies.some(
    (d) =>
      !d.conds.length &&
      !d.condUnknown &&
      d.principals.kind === 'any' &&
      d.actions.items.length + (d.actions.kind === 'except' ? 1 : 0) > 0 &&
      (d.actions.kind === 'list'
        ? d.actions.items.some((i) => actionMatches(i.text, action))
        : !d.actions.items.some((i) => actionMatches(i.text, action))) &&
      (asked.length
        ? asked.every((p) => setCovers(d.resources, p, false) === 'yes')
        : setCovers(d.resources, { text: '*', refs: false, node: d.st.node }, false) === 'yes'),
  );
}

/** Every critical access the policy grants (or may grant, where it cannot be read). */
export function checkAccessNotGranted(doc: PolicyDocument, list: CriticalList, resources: readonly string[] = []): GrantedAccess[] {
  const sts = accessStatements(doc);
  const denies = sts.filter((s) => s.effect === 'Deny');
  const asked: Pattern[] = resources.map((text) => ({ text, refs: false, node: doc.node }));
  const out: GrantedAccess[] = [];
  for (const s of sts) {
    if (s.effect !== 'Allow') continue;
    const where = meets(s, asked);
    if (where === 'no') continue;
    const resource =
      s.resources.kind === 'except'
        ? `every resource except ${s.resources.items.map((i) => i.text).join(', ')}`
        : s.resources.items.map((i) => i.text).join(', ') || '(a resource the analysis cannot read)';
    if (s.actions.unknown && !s.actions.items.length) {
      out.push({
        verdict: 'undecided',
        doc,
        statement: s.st,
        node: s.st.action?.node ?? s.st.node,
        actions: [],
        resource,
        reason: 'the Action is a value the analysis cannot read',
      });
      continue;
    }
    for (const g of grantedActions(s, list)) {
      const actions = g.actions.filter((a) => !denied(denies, a, asked, s));
      if (!actions.length) continue;
      const why = actions.length === 1 ? (list.actions.get(actions[0].toLowerCase())?.reason ?? 'listed') : 'critical actions';
      const cond = s.conds.length || s.condUnknown ? ' (when its conditions hold)' : '';
      out.push({
        verdict: where === 'yes' ? 'granted' : 'undecided',
        doc,
        statement: s.st,
        node: g.node,
        actions,
        resource,
        reason:
          where === 'yes'
            ? `the statement allows ${actions.length === 1 ? `${actions[0]} (${why})` : `${actions.length} critical actions`}${cond}`
            : 'whether its resources include the ones asked about cannot be decided statically',
      });
    }
  }
  return out;
}
