/**
 * A statement's Action, Resource and Principal as sets the checks can compare: a list of
 * patterns, everything except a list (`NotAction`, `NotResource`, `NotPrincipal`), or unknown
 * (an intrinsic the analysis cannot read). Conditions become entries with their values as text.
 */
import { Node } from '../../nodes';
import { ConditionEntry, Element, PolicyDocument, PolicyItem, PrincipalElement, Statement } from '../model';

/** One access a check reports: where it is granted, what, on which resources, and why. */
export interface AccessFinding<V extends string> {
  /** `undecided`: the answer depends on something that cannot be decided statically. */
  verdict: V | 'undecided';
  doc: PolicyDocument;
  statement: Statement;
  /** Where to point: the action item, else the statement's NotAction key, else the statement. */
  node: Node;
  /** Concrete actions from the catalogue, or the pattern as written when the catalogue does not know it. */
  actions: string[];
  /** The resource pattern, or `every resource except …`. */
  resource: string;
  reason: string;
}

/** One pattern: its text, and whether it holds a CloudFormation reference (`${Bucket.Arn}`). */
export interface Pattern {
  text: string;
  refs: boolean;
  node: Node;
}

export interface PatternSet {
  kind: 'list' | 'except';
  items: Pattern[];
  /** Something in it cannot be read: an intrinsic list, or an item without text. */
  unknown: boolean;
  node: Node | undefined;
}

/** A principal pattern: `AWS`, `Service`, `Federated`, `CanonicalUser`, or `*` for everyone. */
export interface PrincipalPattern extends Pattern {
  type: string;
}

export interface PrincipalSet {
  kind: 'any' | 'list' | 'except';
  items: PrincipalPattern[];
  unknown: boolean;
}

/** One condition test, values as text (references as `${X}`), unknown when a value cannot be read. */
export interface Cond {
  operator: string;
  key: string;
  values: string[];
  unknown: boolean;
  node: Node;
}

export interface AccessStatement {
  st: Statement;
  effect: 'Allow' | 'Deny' | undefined;
  actions: PatternSet;
  resources: PatternSet;
  principals: PrincipalSet;
  conds: Cond[];
  /** The Condition block is an intrinsic. */
  condUnknown: boolean;
}

const REF = /\$\{(?:AWS::|[A-Za-z0-9]+(?:\.[A-Za-z0-9.]+)?\})/;

function pattern(i: PolicyItem): Pattern | undefined {
  if (i.value !== undefined) return { text: i.value, refs: false, node: i.node };
  if (i.text !== undefined) return { text: i.text, refs: REF.test(i.text), node: i.node };
  return undefined;
}

function patternSet(el: Element | undefined, kind: 'list' | 'except'): PatternSet {
  const items: Pattern[] = [];
  let unknown = el?.unknown ?? false;
  for (const i of el?.items ?? []) {
    const p = pattern(i);
    if (p) items.push(p);
    else unknown = true;
  }
  return { kind, items, unknown, node: el?.node };
}

const EVERYTHING = (node: Node): PatternSet => ({
  kind: 'list',
  items: [{ text: '*', refs: false, node }],
  unknown: false,
  node: undefined,
});

/** A bare account id in a principal means the account's root. */
function principalText(type: string, text: string): string {
  return type === 'AWS' && /^\d{12}$/.test(text) ? `arn:aws:iam::${text}:root` : text;
}

function principalSet(el: PrincipalElement | undefined, kind: 'list' | 'except'): PrincipalSet {
  const items: PrincipalPattern[] = [];
  let unknown = el?.unknown ?? false;
  for (const i of el?.items ?? []) {
    const p = pattern(i);
    if (!p) {
      unknown = true;
      continue;
    }
    if (kind === 'list' && (i.type === '*' || (i.type === 'AWS' && p.text === '*'))) return { kind: 'any', items: [], unknown: false };
    items.push({ ...p, text: principalText(i.type, p.text), type: i.type });
  }
  return { kind, items, unknown };
}

function cond(e: ConditionEntry): Cond {
  const values: string[] = [];
  let unknown = false;
  for (const v of e.values) {
    const t = v.value ?? v.text;
    if (t === undefined) unknown = true;
    else values.push(t);
  }
  if (!e.valueNode) unknown = true;
  return { operator: e.operator, key: e.key, values, unknown, node: e.keyNode };
}

/** Lambda permission properties read as the conditions they stand for. */
function narrowingConds(st: Statement): Cond[] {
  return st.narrowing.map((n) => {
    const text = n.node.kind === 'scalar' && n.node.value !== null ? String(n.node.value) : undefined;
    return {
      operator: n.key === 'aws:SourceArn' ? 'ArnLike' : 'StringEquals',
      key: n.key,
      values: text ? [text] : [],
      unknown: text === undefined,
      node: n.node,
    };
  });
}

/** The sets of one statement; a missing Resource in a resource or trust policy means the policy's own resource. */
export function accessStatement(st: Statement, doc: PolicyDocument): AccessStatement {
  const actions = st.notAction ? patternSet(st.notAction, 'except') : patternSet(st.action, 'list');
  const resources = st.notResource
    ? patternSet(st.notResource, 'except')
    : st.resource
      ? patternSet(st.resource, 'list')
      : doc.kind === 'identity'
        ? patternSet(undefined, 'list')
        : EVERYTHING(st.node);
  const principals: PrincipalSet = st.notPrincipal
    ? principalSet(st.notPrincipal, 'except')
    : st.principal
      ? principalSet(st.principal, 'list')
      : { kind: 'any', items: [], unknown: false };
  return {
    st,
    effect: st.effect,
    actions,
    resources,
    principals,
    conds: [...(st.condition?.entries ?? []).map(cond), ...narrowingConds(st)],
    condUnknown: st.condition?.unknown ?? false,
  };
}

/** Every statement of a document, as sets. */
export function accessStatements(doc: PolicyDocument): AccessStatement[] {
  return doc.statements.map((st) => accessStatement(st, doc));
}
