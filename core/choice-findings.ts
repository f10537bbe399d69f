import { choiceDefault, conditionParameters } from './choices';
import { isIntrinsic, isScalar, Node, PairNode, stringValue } from './nodes';
import { Report } from './rule';
import { Parameter, Template } from './template';

/**
 * What a rule reports only when a parameter takes an allowed value other than its default (core/choices.ts):
 * one info finding per rule and parameter, worded "parameter P allows …", where the every-choice pass found
 * something the defaults pass did not. Fixes are dropped: they would rewrite the `!Ref`, not the choice.
 */
export function choiceOnlyReports(tpl: Template, atDefaults: readonly Report[], every: readonly Report[]): Report[] {
  const known = new Set(atDefaults.map(spanOf));
  const groups = new Map<string, { param: Parameter | undefined; reports: Report[] }>();
  for (const r of every) {
    if (known.has(spanOf(r))) continue;
    const param = parameterOf(tpl, r);
    const key = param ? `p:${param.id}` : `n:${spanOf(r)}`;
    const g = groups.get(key);
    if (g) g.reports.push(r);
    else groups.set(key, { param, reports: [r] });
  }
  return [...groups.values()].map(({ param, reports }) => reword(param, reports));
}

function spanOf(r: Report): string {
  return `${r.node.start}:${r.node.end}`;
}

/** The one finding of a group: the first report, at info, its message prefixed with the choice that brings it. */
function reword(param: Parameter | undefined, reports: Report[]): Report {
  const first = reports[0];
  const lead = param ? choiceLead(param, reports) : 'Only a non-default parameter value leads here';
  return {
    node: first.node,
    resource: first.resource,
    message: `${lead}: ${lowerFirst(first.message)}`,
    severity: 'info',
    profile: first.profile,
    secrets: first.secrets,
    related: param ? [{ node: param.keyNode, message: `The parameter's default is ${defaultText(param)}.` }] : first.related,
  };
}

/** "Parameter Access allows PublicRead and PublicReadWrite (default Private); with that choice" */
function choiceLead(param: Parameter, reports: Report[]): string {
  const picked = new Set<string>();
  for (const r of reports)
    for (const x of r.related ?? []) if (isAllowedValue(param, x.node)) picked.add(String((x.node as { value: unknown }).value));
  const def = defaultText(param);
  const others = picked.size
    ? [...picked]
    : (param.allowedValues ?? []).filter((v) => isScalar(v) && String(v.value) !== def).map((v) => String((v as { value: unknown }).value));
  const shown = others.length > 4 ? [...others.slice(0, 3), `${others.length - 3} more`] : others;
  const list = shown.length > 1 ? `${shown.slice(0, -1).join(', ')} or ${shown[shown.length - 1]}` : (shown[0] ?? 'other values');
  return `Parameter ${param.id} allows ${list} besides its default ${def}; with that choice`;
}

function defaultText(param: Parameter): string {
  const d = choiceDefault(param);
  return isScalar(d) ? String(d.value) : '(none)';
}

function isAllowedValue(param: Parameter, n: Node | PairNode): boolean {
  return (param.allowedValues ?? []).includes(n as Node);
}

function lowerFirst(s: string): string {
  // Keep identifiers and acronyms (`IMDSv1`, `S3`, `Bucket Logs`) as written; lower an ordinary first word only.
  return /^[A-Z][a-z]+\b/.test(s) && !/^[A-Z][a-z]+[A-Z0-9]/.test(s) ? s[0].toLowerCase() + s.slice(1) : s;
}

/**
 * The parameter choice behind a report: the `!Ref` it is reported at, the allowed value it points to, the
 * condition of an `Fn::If` around it, or the one choice parameter its resource uses.
 */
function parameterOf(tpl: Template, r: Report): Parameter | undefined {
  const choice = (id: string | undefined): Parameter | undefined => {
    const p = id === undefined ? undefined : tpl.parameters.get(id);
    return p && choiceDefault(p) ? p : undefined;
  };
  const node = 'kind' in r.node ? r.node : undefined;
  if (node && isIntrinsic(node, 'Ref')) {
    const p = choice(stringValue(node.arg));
    if (p) return p;
  }
  for (const x of r.related ?? []) for (const p of tpl.parameters.values()) if (choiceDefault(p) && isAllowedValue(p, x.node)) return p;
  // The report's node, its related nodes and the nodes its fixes edit: the first Fn::If around one names the choice.
  for (const start of [node, ...(r.related ?? []).map((x) => x.node), ...fixNodes(r)]) {
    for (let n: Node | undefined = asNode(start); n; n = n.parent) {
      if (!isIntrinsic(n, 'Fn::If') || n.arg?.kind !== 'seq') continue;
      const [p] = conditionParameters(tpl, stringValue(n.arg.items[0]) ?? '');
      if (p) return p;
    }
  }
  const used = r.resource ? choicesUsedIn(tpl, r.resource.node) : [];
  return used.length === 1 ? used[0] : undefined;
}

function asNode(n: Node | PairNode | undefined): Node | undefined {
  return n && 'kind' in n ? n : undefined;
}

/** The nodes a report's fixes replace or write into. */
function fixNodes(r: Report): Node[] {
  const fixes = r.fix === undefined ? [] : Array.isArray(r.fix) ? r.fix : [r.fix];
  return fixes.flatMap((f) =>
    f.ops.flatMap((op): Node[] =>
      op.op === 'replace' ? [op.node] : op.op === 'set' || op.op === 'remove' ? [op.map] : op.op === 'append' ? [op.seq] : [],
    ),
  );
}

/** The choice parameters a resource reads, through `!Ref` or the conditions of its `Fn::If`s. */
function choicesUsedIn(tpl: Template, root: Node): Parameter[] {
  const out = new Map<string, Parameter>();
  const visit = (n: Node | undefined): void => {
    if (!n) return;
    if (isIntrinsic(n, 'Ref')) {
      const p = tpl.parameters.get(stringValue(n.arg) ?? '');
      if (p && choiceDefault(p)) out.set(p.id, p);
    } else if (isIntrinsic(n, 'Fn::If') && n.arg?.kind === 'seq') {
      for (const p of conditionParameters(tpl, stringValue(n.arg.items[0]) ?? '')) out.set(p.id, p);
    }
    if (n.kind === 'map') n.pairs.forEach((p) => visit(p.value));
    else if (n.kind === 'seq') n.items.forEach(visit);
    else if (n.kind === 'intrinsic') visit(n.arg);
  };
  visit(root);
  return [...out.values()];
}
