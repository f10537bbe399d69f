/**
 * Offline CheckNoNewAccess: does a new policy allow any request its baseline does not?
 *
 * A request is allowed when an Allow statement matches it and no Deny does (IAM's evaluation
 * logic for one policy). Each Allow of the new policy is cut into cells, one per action pattern
 * and resource pattern; a cell is covered when one baseline Allow holds its actions, resources,
 * principals and conditions, and no baseline Deny that the new policy lacks refuses part of it.
 * Wildcards go through the action catalogue, so `s3:*` against `s3:Get*` lists the actions that
 * are new. Where references, set operators or partial Denies leave it open, the cell is reported
 * as "cannot decide statically".
 */
import { actionMatches, expandAction } from '../catalogue';
import { Node } from '../../nodes';
import { PolicyDocument } from '../model';
import { condsImplied, describeCond, negation, Tri, Verdict } from './conditions';
import { principalsCover, principalsOverlap, setCovers, setOverlaps } from './cover';
import { isGlob } from '../glob';
import { AccessFinding, AccessStatement, accessStatements, Cond, Pattern, PatternSet } from './sets';

/** One access the new policy allows that the baseline does not (or may not). */
export type NewAccess = AccessFinding<'new'>;

type ResourceCell = Pattern | { except: Pattern[] } | 'unknown';

function resourceText(r: ResourceCell): string {
  if (r === 'unknown') return '(a resource the analysis cannot read)';
  return 'except' in r ? `every resource except ${r.except.map((p) => p.text).join(', ')}` : r.text;
}

function resourceCells(set: PatternSet): ResourceCell[] {
  if (set.kind === 'except') return [set.unknown ? 'unknown' : { except: set.items }];
  const cells: ResourceCell[] = [...set.items];
  if (set.unknown) cells.push('unknown');
  return cells;
}

function covers(set: PatternSet, r: ResourceCell): Tri {
  return r === 'unknown' ? (set.kind === 'list' && set.items.some((i) => i.text === '*') ? 'yes' : 'unknown') : setCovers(set, r, false);
}

function overlaps(set: PatternSet, r: ResourceCell): Tri {
  return r === 'unknown' ? 'unknown' : setOverlaps(set, r, false);
}

/** Does the statement's action set hold this action (or every action of this pattern)? */
function actionIn(set: PatternSet, action: string): Tri {
  if (isGlob(action)) return setCovers(set, { text: action, refs: false, node: undefined as unknown as Node }, true);
  const hit = set.items.some((i) => actionMatches(i.text, action));
  if (set.kind === 'list') return hit ? 'yes' : set.unknown ? 'unknown' : 'no';
  return hit ? 'no' : set.unknown ? 'unknown' : 'yes';
}

/** Does the statement's action set share an action with this action or pattern (for Denies that may apply)? */
function actionMeets(set: PatternSet, action: string): Tri {
  return isGlob(action) ? setOverlaps(set, { text: action, refs: false, node: undefined as unknown as Node }, true) : actionIn(set, action);
}

function sid(s: AccessStatement): string {
  return s.st.sid ? `Deny ${s.st.sid}` : 'a Deny statement';
}

function and(...vs: Verdict[]): Verdict {
  return vs.find((v) => v.result === 'no') ?? vs.find((v) => v.result === 'unknown') ?? { result: 'yes' };
}

/** What one baseline Allow says about a cell, apart from the action: resources, principals, conditions. */
function restOf(b: AccessStatement, r: ResourceCell, s: AccessStatement, conds: Cond[], withPrincipals: boolean): Verdict {
  const res = covers(b.resources, r);
  const rv: Verdict =
    res === 'yes'
      ? { result: 'yes' }
      : {
          result: res,
          part: 'resource',
          reason:
            res === 'no'
              ? `the baseline allows it only on ${describeSet(b.resources)}`
              : `whether the baseline's ${describeSet(b.resources)} holds ${resourceText(r)} cannot be decided statically`,
        };
  let pv: Verdict = { result: 'yes' };
  if (withPrincipals) {
    const p = principalsCover(b.principals, s.principals);
    if (p.result !== 'yes')
      pv = {
        result: p.result,
        part: 'principal',
        reason:
          p.result === 'no'
            ? `the baseline does not allow ${p.missing.join(', ')}`
            : 'whether the baseline names the same principals cannot be decided statically',
      };
  }
  let cv: Verdict;
  if (b.condUnknown) cv = { result: 'unknown', part: 'condition', reason: "the baseline's Condition is a value the analysis cannot read" };
  else if (s.condUnknown && b.conds.length)
    cv = { result: 'unknown', part: 'condition', reason: "the new statement's Condition is a value the analysis cannot read" };
  else cv = condsImplied(conds, b.conds);
  return and(rv, pv, cv);
}

function describeSet(set: PatternSet): string {
  const items = set.items.map((i) => i.text).join(', ') || '(nothing readable)';
  return set.kind === 'except' ? `every resource except ${items}` : items;
}

interface Cell {
  s: AccessStatement;
  r: ResourceCell;
  /** The new statement's conditions, plus what single-test Denies of the new policy leave true. */
  conds: Cond[];
  /** Baseline Allows on the same resources, tried first. */
  twins: readonly AccessStatement[];
  /** Every baseline Allow. */
  allows: readonly AccessStatement[];
  /** What each baseline Allow says of the cell apart from the action, worked out when first needed. */
  rests: Map<AccessStatement, Verdict>;
  withPrincipals: boolean;
  baseDenies: AccessStatement[];
  newDenies: AccessStatement[];
}

/** Does a Deny of the new policy refuse everything the baseline's Deny refuses, for this action? */
function matchedByNewDeny(e: AccessStatement, action: string, newDenies: AccessStatement[]): boolean {
  return newDenies.some((d) => {
    if (actionIn(d.actions, action) !== 'yes') return false;
    if (principalsCover(d.principals, e.principals).result !== 'yes') return false;
    if (d.condUnknown || e.condUnknown || condsImplied(e.conds, d.conds).result !== 'yes') return false;
    if (e.resources.kind === 'except') return covers(d.resources, { except: e.resources.items }) === 'yes';
    return !e.resources.unknown && e.resources.items.every((p) => covers(d.resources, p) === 'yes');
  });
}

/** The baseline Allows in the order worth trying: the twins on the same resources, then the others. */
function* candidates(cell: Cell): Generator<AccessStatement> {
  yield* cell.twins;
  for (const b of cell.allows) if (!cell.twins.includes(b)) yield b;
}

/** The verdict for one concrete action (or uncatalogued pattern) of a cell. */
function judge(cell: Cell, action: string, withPrincipals: boolean): Verdict | 'denied' {
  for (const d of cell.newDenies) {
    if (d.conds.length || d.condUnknown) continue;
    if (
      actionIn(d.actions, action) === 'yes' &&
      covers(d.resources, cell.r) === 'yes' &&
      principalsCover(d.principals, cell.s.principals).result === 'yes'
    )
      return 'denied';
  }
  let v: Verdict | undefined;
  for (const b of candidates(cell)) {
    const a = actionIn(b.actions, action);
    if (a === 'no') continue;
    let rest = cell.rests.get(b);
    if (!rest) {
      rest = restOf(b, cell.r, cell.s, cell.conds, cell.withPrincipals);
      cell.rests.set(b, rest);
    }
    const w = a === 'yes' ? rest : and({ result: 'unknown', part: 'action', reason: "the baseline's action list cannot be read" }, rest);
    if (w.result === 'yes') {
      v = w;
      break;
    }
    if (!v || (v.result === 'no' && w.result === 'unknown')) v = w;
  }
  v ??= { result: 'no', part: 'action', reason: 'no Allow statement of the baseline grants it' };
  if (v.result === 'yes') v = baseDenyVerdict(cell, action, withPrincipals);
  if (v.result !== 'yes') v = newDenyCaveat(cell, action, v);
  return v;
}

/** A covered cell is still new where a baseline Deny refuses part of it and the new policy has no such Deny. */
function baseDenyVerdict(cell: Cell, action: string, withPrincipals: boolean): Verdict {
  for (const e of cell.baseDenies) {
    const meets = actionMeets(e.actions, action);
    if (meets === 'no') continue;
    const ro = overlaps(e.resources, cell.r);
    if (ro === 'no') continue;
    if (withPrincipals && principalsOverlap(e.principals, cell.s.principals) === 'no') continue;
    if (matchedByNewDeny(e, action, cell.newDenies)) continue;
    const mine = new Set(cell.conds.map((c) => c.key.toLowerCase()));
    const when = e.conds.map(describeCond).join(' and ');
    if (ro === 'unknown' || meets === 'unknown' || e.condUnknown || e.conds.some((c) => mine.has(c.key.toLowerCase())))
      return {
        result: 'unknown',
        part: 'deny',
        reason: `whether the baseline's ${sid(e)} still refuses part of it cannot be decided statically`,
      };
    return {
      result: 'no',
      part: 'deny',
      reason: e.conds.length
        ? `the baseline's ${sid(e)} refuses it when ${when}; the new policy has no such Deny`
        : `the baseline's ${sid(e)} refuses it${covers(e.resources, cell.r) === 'yes' ? '' : ' on part of these resources'}; the new policy has no such Deny`,
    };
  }
  return { result: 'yes' };
}

/** A Deny of the new policy that refuses part of an uncovered cell may remove exactly what is new. */
function newDenyCaveat(cell: Cell, action: string, v: Verdict): Verdict {
  if (v.result !== 'no') return v;
  for (const d of cell.newDenies) {
    if (actionMeets(d.actions, action) === 'no' || overlaps(d.resources, cell.r) === 'no') continue;
    const full = covers(d.resources, cell.r) === 'yes';
    // A Deny on the whole cell under a condition leaves requests it does not match: new, unless the condition was the question.
    if (full && v.part !== 'condition' && v.part !== 'deny') continue;
    return { result: 'unknown', part: v.part, reason: `${v.reason}, but the new policy's ${sid(d)} refuses part of it` };
  }
  return v;
}

/** The conditions a cell's requests carry: the statement's, and the negations of covering single-test Denies. */
function cellConds(s: AccessStatement, r: ResourceCell, actionPatterns: string[], newDenies: AccessStatement[]): Cond[] {
  const out = [...s.conds];
  for (const d of newDenies) {
    if (d.conds.length !== 1 || d.condUnknown || covers(d.resources, r) !== 'yes') continue;
    if (!actionPatterns.every((p) => actionIn(d.actions, p) === 'yes')) continue;
    const n = negation(d.conds[0]);
    if (n) out.push(n);
  }
  return out;
}

function resourceKey(s: AccessStatement): string {
  return `${s.resources.kind}\u0000${s.resources.items.map((i) => i.text).join('\u0000')}`;
}

/** The baseline Allows, grouped by resources, so an unchanged statement is settled by its twin rather than by a scan. */
function byResources(allows: readonly AccessStatement[]): Map<string, AccessStatement[]> {
  const out = new Map<string, AccessStatement[]>();
  for (const b of allows) {
    const k = resourceKey(b);
    const list = out.get(k);
    if (list) list.push(b);
    else out.set(k, [b]);
  }
  return out;
}

interface Group {
  verdict: Verdict;
  actions: string[];
  node: Node;
  r: ResourceCell;
}

/** The action patterns of a statement with the node each came from (NotAction: the catalogue minus its items). */
function actionUnits(s: AccessStatement): { pattern: string; node: Node; expand: () => readonly string[] }[] {
  if (s.actions.kind === 'except') {
    const node = s.st.notAction?.key ?? s.st.node;
    const excluded = s.actions.items.map((i) => i.text);
    return [
      {
        pattern: '*',
        node,
        expand: () =>
          expandAction('*')
            .map((a) => `${a.service}:${a.name}`)
            .filter((a) => !excluded.some((x) => actionMatches(x, a))),
      },
    ];
  }
  return s.actions.items.map((i) => ({
    pattern: i.text,
    node: i.node,
    expand: () => (isGlob(i.text) ? expandAction(i.text).map((a) => `${a.service}:${a.name}`) : [i.text]),
  }));
}

/** Every access `next` allows that `base` does not; `base` undefined: the baseline has no such policy. */
export function checkNoNewAccess(next: PolicyDocument, base: PolicyDocument | undefined): NewAccess[] {
  const news = accessStatements(next);
  const withPrincipals = next.kind !== 'identity';
  const out: NewAccess[] = [];
  const newDenies = news.filter((s) => s.effect === 'Deny');
  const baseSts = base ? accessStatements(base) : [];
  const baseAllows = baseSts.filter((b) => b.effect === 'Allow');
  const groups = byResources(baseAllows);
  for (const s of news) {
    if (s.effect !== 'Allow') continue;
    if (!base) {
      out.push(...unmatched(next, s));
      continue;
    }
    if (s.actions.unknown && !s.actions.items.length) {
      out.push(
        entry(
          'undecided',
          next,
          s,
          s.st.action?.node ?? s.st.node,
          ['(actions the analysis cannot read)'],
          resourceText('unknown'),
          'the Action is a value the analysis cannot read',
        ),
      );
      continue;
    }
    for (const r of resourceCells(s.resources)) {
      const units = actionUnits(s);
      const conds = cellConds(
        s,
        r,
        units.map((u) => u.pattern),
        newDenies,
      );
      const cell: Cell = {
        s,
        r,
        conds,
        twins: groups.get(resourceKey(s)) ?? [],
        allows: baseAllows,
        rests: new Map(),
        withPrincipals,
        baseDenies: baseSts.filter((b) => b.effect === 'Deny'),
        newDenies,
      };
      for (const u of units) out.push(...judgeUnit(cell, u, withPrincipals, next));
    }
  }
  return out;
}

function judgeUnit(cell: Cell, u: ReturnType<typeof actionUnits>[number], withPrincipals: boolean, next: PolicyDocument): NewAccess[] {
  // The whole pattern at once first: most cells are settled without expanding it.
  const whole = u.pattern === '*' && cell.s.actions.kind === 'except' ? undefined : judge(cell, u.pattern, withPrincipals);
  if (whole === 'denied' || whole?.result === 'yes') return [];
  const expanded = u.expand();
  const groups = new Map<string, Group>();
  const list = expanded.length ? expanded : [u.pattern];
  for (const a of list) {
    const v = expanded.length ? judge(cell, a, withPrincipals) : whole!;
    if (v === 'denied' || v.result === 'yes') continue;
    const key = `${v.result}\u0000${v.reason ?? ''}`;
    const g = groups.get(key);
    if (g) g.actions.push(a);
    else groups.set(key, { verdict: v, actions: [a], node: u.node, r: cell.r });
  }
  const notInCatalogue = !expanded.length && !isGlob(u.pattern) ? ' (an action the catalogue does not list)' : '';
  return [...groups.values()].map((g) =>
    entry(
      g.verdict.result === 'no' ? 'new' : 'undecided',
      next,
      cell.s,
      g.node,
      g.actions,
      resourceText(g.r),
      (g.verdict.reason ?? '') + notInCatalogue,
    ),
  );
}

function entry(
  verdict: NewAccess['verdict'],
  doc: PolicyDocument,
  s: AccessStatement,
  node: Node,
  actions: string[],
  resource: string,
  reason: string,
): NewAccess {
  return { verdict, doc, statement: s.st, node, actions, resource, reason };
}

/** A policy the baseline does not have: each of its grants is new. */
function unmatched(next: PolicyDocument, s: AccessStatement): NewAccess[] {
  const reason = `the baseline has no ${next.where === 'this policy' ? 'policy' : next.where}`;
  const resources = s.resources.kind === 'except' ? [resourceText({ except: s.resources.items })] : s.resources.items.map((i) => i.text);
  const units =
    s.actions.kind === 'except'
      ? [{ text: `every action except ${s.actions.items.map((i) => i.text).join(', ')}`, node: s.st.notAction?.key ?? s.st.node }]
      : s.actions.items;
  return units.map((u) => entry('new', next, s, u.node, [u.text], resources.join(', ') || resourceText('unknown'), reason));
}
