/**
 * The synthesized templates through the CloudFormation engine, unchanged: every rule, the same
 * options as the source. Each finding keeps what mapping it back needs: the resource's logical id
 * and construct path, and the CloudFormation property path of the node the rule reported.
 */
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseDocument } from '../document';
import { analyze, AnalysisOptions, Finding } from '../engine';
import { get, isMap, isSeq, Node, PairNode, pairOf, stringValue } from '../nodes';
import { Rule } from '../rule';
import { AssemblyTemplate, CloudAssembly } from './assembly';

/** One finding in a synthesized template. */
export interface SynthFinding {
  /** As the engine reports it, in the template's own positions. */
  finding: Finding;
  template: AssemblyTemplate;
  templateUri: string;
  logicalId: string | undefined;
  resourceType: string | undefined;
  /** Construct path of the resource (`Main/Logs/Resource`), when the assembly says. */
  constructPath: string | undefined;
  /** Where under the resource's `Properties` the finding points (`['MetadataOptions', 'HttpTokens']`); empty for the resource itself. */
  propertyPath: (string | number)[];
  /** Per key of `propertyPath`: the length of the list a numeric key indexes (whether the source wrote that list whole). */
  listSizes: (number | undefined)[];
}

export interface AnalysedAssembly {
  assembly: CloudAssembly;
  findings: SynthFinding[];
  /** Templates that did not parse, rules that failed. */
  problems: string[];
}

/** Keys from the resource's map down to the node spanning [start, end): the path a rule reported. */
export function pathTo(root: Node, start: number, end: number): (string | number)[] {
  const out: (string | number)[] = [];
  let cur: Node | undefined = root;
  while (cur && !(cur.start === start && cur.end === end)) {
    if (cur.kind === 'map') {
      const pair: PairNode | undefined = cur.pairs.find((p) => p.start <= start && end <= Math.max(p.end, p.value?.end ?? 0));
      if (!pair) break;
      out.push(String(pair.key.value));
      if (pair.key.start === start) break;
      cur = pair.value;
    } else if (cur.kind === 'seq') {
      const i = cur.items.findIndex((n) => n.start <= start && end <= n.end);
      if (i < 0) break;
      out.push(i);
      cur = cur.items[i];
    } else {
      break;
    }
  }
  return out;
}

/** The length of each list the path indexes into (kept instead of the nodes: findings cross to the server's main thread). */
function listSizes(properties: Node | undefined, propertyPath: readonly (string | number)[]): (number | undefined)[] {
  const out: (number | undefined)[] = [];
  let cur = properties;
  for (const k of propertyPath) {
    out.push(typeof k === 'number' && isSeq(cur) ? cur.items.length : undefined);
    if (typeof k === 'number') cur = isSeq(cur) ? cur.items[k] : undefined;
    else cur = isMap(cur) ? pairOf(cur, k)?.value : undefined;
  }
  return out;
}

/** Logical id → construct path for one template, from tree.json (when the stack's metadata does not say). */
function treePaths(asm: CloudAssembly, t: AssemblyTemplate): Map<string, string> {
  const out = new Map<string, string>();
  const nested = asm.templates.filter((o) => o !== t && o.path.startsWith(`${t.path}/`)).map((o) => `${o.path}/`);
  for (const [at, logical] of asm.treeLogicalIds) {
    if (!at.startsWith(`${t.path}/`) || nested.some((n) => at.startsWith(n))) continue;
    if (!out.has(logical)) out.set(logical, at);
  }
  return out;
}

function analyseTemplate(
  asm: CloudAssembly,
  t: AssemblyTemplate,
  rules: readonly Rule[],
  opts: AnalysisOptions,
  out: AnalysedAssembly,
): void {
  const uri = pathToFileURL(t.file).href;
  const doc = parseDocument(uri, 0, t.text);
  const shown = path.relative(asm.dir, t.file).split(path.sep).join('/');
  if (doc.kind !== 'cfn' || !doc.template) {
    out.problems.push(`${shown}: not a CloudFormation template Parapet can read`);
    return;
  }
  const result = analyze(doc, rules, opts);
  for (const e of result.ruleErrors) out.problems.push(`${shown}: rule ${e.ruleId} failed: ${e.message}`);
  let fromTree: Map<string, string> | undefined;
  for (const f of result.findings) {
    const res = f.resource !== undefined ? doc.template.resourceById.get(f.resource) : undefined;
    const logicalId = res?.id;
    let constructPath = stringValue(get(res?.metadata, 'aws:cdk:path')) ?? (logicalId ? t.logicalIds.get(logicalId) : undefined);
    if (!constructPath && logicalId) {
      fromTree ??= treePaths(asm, t);
      constructPath = fromTree.get(logicalId);
    }
    const full = res ? pathTo(res.node, f.start, f.end) : [];
    out.findings.push({
      finding: f,
      template: t,
      templateUri: uri,
      logicalId,
      resourceType: res?.type,
      constructPath,
      propertyPath: full[0] === 'Properties' ? full.slice(1) : [],
      listSizes: listSizes(res?.properties, full[0] === 'Properties' ? full.slice(1) : []),
    });
  }
}

/** Analyses every template of the assembly with the CloudFormation engine. */
export function analyseAssembly(asm: CloudAssembly, rules: readonly Rule[], opts: AnalysisOptions = {}): AnalysedAssembly {
  const out: AnalysedAssembly = { assembly: asm, findings: [], problems: [] };
  for (const t of asm.templates) analyseTemplate(asm, t, rules, opts, out);
  return out;
}
