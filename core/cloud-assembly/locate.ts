/**
 * Maps a finding in a synthesized template back to the source: to the construct that created the
 * resource, and to the prop that set the property where the source writes it.
 *
 * 1. The creation stack, when the synth recorded one and the file has not changed since: its
 *    innermost user frame is the line that created the resource (or the construct wrapping it).
 * 2. Else the construct path, walked from the top: the stack's id finds `new MainStack(app, 'Main')`,
 *    its class finds `class MainStack`, whose body holds `new s3.Bucket(this, 'Logs')`, and so on
 *    through the user's own construct classes, across files; children of a CDK construct are found
 *    by their scope (`new sns.Topic(nested, 'Alerts')`). A construct id nothing else can place (a
 *    helper in another module) is taken when it is unique in the app.
 * 3. The property: an L1 construct's props are the CloudFormation properties in camelCase
 *    (core/cdk/names.ts); an L2's props are the ones l2-props.ts names for the property, else
 *    compared by name for its own `Resource`. A default (no prop written) stays on the construct.
 * A resource only the stack can be named for (CDK's own custom-resource providers) points at the
 * stack's class.
 */
import { cfnTypeOf, propsScope } from '../cdk/names';
import type { SynthFinding } from './analyse';
import type { CloudAssembly } from './assembly';
import { byName, l2PropertySpan } from './l2-props';
import { lastName, Site } from './site';
import type { SourceIndex } from './source-index';
import type { Frame } from './trace';

/** How closely a mapped finding points: the prop that sets the property, the construct, a line of a creation stack, or only the stack. */
export type Precision = 'property' | 'construct' | 'line' | 'stack';

export interface Target {
  uri: string;
  start: number;
  end: number;
  precision: Precision;
  /** The construct the finding belongs to (none for a creation-stack line that creates no construct itself). */
  site?: Site;
  /** What the finding names: the construct id as written. */
  name: string;
}

/** `aws-cdk-lib.aws_s3.Bucket` → `aws-s3.Bucket`, `aws-cdk-lib.Stack` → `core.Stack`: the CDK analyzer's spelling. */
export function modelFqn(jsii: string): string | undefined {
  const m = /^(?:aws-cdk-lib|@aws-cdk\/[a-z0-9-]+)\.(?:(aws_[a-z0-9_]+)\.)?([A-Za-z0-9_.]+)$/.exec(jsii);
  if (!m) return undefined;
  return `${m[1] ? m[1].replace(/_/g, '-') : 'core'}.${m[2]}`;
}

/** False when the tree says the construct at this path is a CDK class other than the one the site resolved to. */
function compatible(site: Site, treeFqn: string | undefined): boolean {
  const fqn = site.construct?.call.fqn;
  if (!fqn || !treeFqn) return true;
  const want = modelFqn(treeFqn);
  return want === undefined || want === fqn;
}

function nameOf(site: Site, lineOf: (offset: number) => number): string {
  return site.construct?.name || site.id || `construct at line ${lineOf(site.start) + 1}`;
}

/** Scope texts that mean "this construct" inside its own class. */
const SELF = new Set(['this', 'self']);

/** The constructs created under `parent` with this id. */
function childrenOf(parent: Site, id: string, index: SourceIndex): Site[] {
  const out: Site[] = [];
  const matches = (s: Site): boolean => s.id === id || (s.id === undefined && !!s.pattern?.test(id));
  if (!parent.construct) {
    // The user's own class: constructs its body creates on `this`/`self` (or on any scope, from a helper method).
    const decls = index.classNamed(parent.cls);
    const decl = decls.find((d) => d.uri === parent.uri) ?? (decls.length === 1 ? decls[0] : undefined);
    if (decl) {
      const inBody = index.sitesIn(decl.uri, decl.start, decl.end).filter(matches);
      const own = inBody.filter((s) => s.scope !== undefined && SELF.has(s.scope));
      out.push(...(own.length ? own : inBody));
    }
  }
  if (parent.variable) {
    const v = parent.variable;
    const bare = v.replace(/^(this|self)\./, '');
    for (const s of index.files.get(parent.uri)?.sites ?? []) {
      if (matches(s) && s.scope !== undefined && (s.scope === v || s.scope.replace(/^(this|self)\./, '') === bare) && !out.includes(s))
        out.push(s);
    }
  }
  return out;
}

/** The candidate to take: a literal id over a pattern, then one the tree agrees with, then the first in source order. */
function best(cands: Site[], id: string, treeFqn: string | undefined): Site | undefined {
  const exact = cands.filter((s) => s.id === id);
  const pool = exact.length ? exact : cands;
  const ok = pool.filter((s) => compatible(s, treeFqn));
  return ok[0];
}

interface IdMatch {
  site: Site;
  /** Index of the path segment the site stands for. */
  depth: number;
}

/** Walks the construct path from the top through the source (see the module comment). */
function walkPath(segs: string[], index: SourceIndex, fqnAt: (depth: number) => string | undefined): IdMatch | undefined {
  let cur: IdMatch | undefined;
  for (let i = 0; i < segs.length; i++) {
    if (cur) {
      const pick = best(childrenOf(cur.site, segs[i], index), segs[i], fqnAt(i));
      if (!pick) break;
      cur = { site: pick, depth: i };
      continue;
    }
    // No anchor yet (the app's entry point is not indexed, or its id is computed): an id that is unique, or
    // whose sites are all the same class (`new MainStack(app, 'Main')` for two stages), anchors the walk.
    const cands = index.withId(segs[i]).filter((s) => compatible(s, fqnAt(i)));
    if (cands.length && cands.every((s) => lastName(s.cls) === lastName(cands[0].cls))) cur = { site: cands[0], depth: i };
  }
  const reached = cur?.depth ?? -1;
  // Deeper segments a helper elsewhere created: an id unique in the whole app.
  for (let j = segs.length - 1; j > reached; j--) {
    const cands = index.withId(segs[j]).filter((s) => s.id === segs[j] && compatible(s, fqnAt(j)));
    if (cands.length === 1) return { site: cands[0], depth: j };
  }
  return cur;
}

/** Frames for the construct path, or for its nearest ancestor that has them. */
function framesFor(at: string, traces: ReadonlyMap<string, Frame[]>): Frame[] {
  for (let p = at; p; p = p.includes('/') ? p.slice(0, p.lastIndexOf('/')) : '') {
    const f = traces.get(p);
    if (f?.length) return f;
  }
  return [];
}

/** True when the file may have changed since the synth: unsaved edits, or saved after the template was written. */
export function staleFor(index: SourceIndex, uri: string, templateMtimeMs: number): boolean {
  const f = index.files.get(uri);
  if (!f) return false;
  return f.dirty === true || (f.mtimeMs !== undefined && templateMtimeMs > 0 && f.mtimeMs > templateMtimeMs);
}

function byTrace(sf: SynthFinding, segs: string[], asm: CloudAssembly, index: SourceIndex): Target | undefined {
  const frame = framesFor(sf.constructPath!, asm.traces)[0];
  const uri = frame && index.fileOfFrame(frame.file);
  const file = uri ? index.files.get(uri) : undefined;
  if (!frame || !uri || !file || staleFor(index, uri, sf.template.mtimeMs)) return undefined;
  const lines = file.doc.lines;
  if (frame.line < 1 || frame.line > lines.lineCount) return undefined;
  const line = frame.line - 1;
  const offset = Math.min(lines.lineStart(line) + Math.max(0, frame.column - 1), lines.lineEnd(line));
  const lineOf = (o: number): number => lines.positionAt(o).line;
  const onLine = file.sites.filter((s) => (s.start <= offset && offset < s.end) || lineOf(s.start) === line);
  // The innermost construct there, preferring one the construct path names.
  onLine.sort((a, b) => Number(segs.includes(b.id ?? '')) - Number(segs.includes(a.id ?? '')) || a.end - a.start - (b.end - b.start));
  const site = onLine[0];
  if (site) return { uri, start: site.start, end: site.calleeEnd, precision: 'construct', site, name: nameOf(site, lineOf) };
  const text = lines.lineText(line);
  const start = lines.lineStart(line) + (text.length - text.trimStart().length);
  const end = lines.lineStart(line) + text.trimEnd().length;
  return { uri, start, end: Math.max(start, end), precision: 'line', name: text.trim().slice(0, 60) };
}

/** The span of the prop that sets the finding's property, when the construct writes it. */
function propertySpan(sf: SynthFinding, site: Site, sitePath: string): { start: number; end: number } | undefined {
  const c = site.construct;
  const type = sf.resourceType;
  if (!type || !sf.propertyPath.length || !sf.constructPath) return undefined;
  if (c && cfnTypeOf(c.call.fqn) === type && sf.constructPath === sitePath) return byName(c.props, sf.propertyPath, propsScope(type));
  if (!sf.constructPath.startsWith(`${sitePath}/`)) return undefined;
  const child = sf.constructPath.slice(sitePath.length + 1);
  const kind = c ? c.call.fqn : site.method && `#${site.method}`;
  const props = c ? c.props : site.props;
  const mapped = kind ? l2PropertySpan(kind, props, type, child, sf.propertyPath, sf.listSizes) : undefined;
  // Else an L2 prop named like the property (`publiclyAccessible`), for the construct's own resource.
  return mapped ?? (child === 'Resource' ? byName(props, sf.propertyPath, undefined) : undefined);
}

/** Where the stack itself is written: its class declaration, else its instantiation. */
function stackTarget(stack: Site, index: SourceIndex): Target {
  const decl = index.classNamed(stack.cls)[0];
  if (decl && !stack.construct)
    return { uri: decl.uri, start: decl.start, end: decl.headEnd, precision: 'stack', site: stack, name: stack.id ?? decl.name };
  const lines = index.files.get(stack.uri)!.doc.lines;
  return {
    uri: stack.uri,
    start: stack.start,
    end: stack.calleeEnd,
    precision: 'stack',
    site: stack,
    name: nameOf(stack, (o) => lines.positionAt(o).line),
  };
}

/** Where in the source a synthesized finding belongs; undefined when nothing in the indexed source creates its resource. */
export function locate(sf: SynthFinding, asm: CloudAssembly, index: SourceIndex): Target | undefined {
  if (!sf.constructPath) return undefined;
  const segs = sf.constructPath.split('/');
  const stackDepth = (sf.template.nestedIn ?? sf.template.path).split('/').length - 1;
  let traced = byTrace(sf, segs, asm, index);
  // Only the stack's own frame (a resource a library construct creates later, with no user frame of its own,
  // such as an EKS cluster's creation role): the construct path below the stack says more.
  const tracedDepth = traced?.site ? segs.lastIndexOf(traced.site.id ?? '\0') : -1;
  if (tracedDepth >= 0 && tracedDepth <= stackDepth && segs.length > stackDepth + 1) traced = undefined;
  const fqnAt = (d: number): string | undefined => asm.fqns.get(segs.slice(0, d + 1).join('/'));
  let match: IdMatch | undefined;
  if (traced) {
    // A creation-stack line with no construct the path names: the line is all there is to say.
    const depth = traced.site ? segs.lastIndexOf(traced.site.id ?? '\0') : -1;
    if (!traced.site || depth < 0) return traced;
    match = { site: traced.site, depth };
  } else {
    match = walkPath(segs, index, fqnAt);
    if (!match) return undefined;
  }
  if (!traced && match.depth <= stackDepth && segs.length > stackDepth + 1) return stackTarget(match.site, index);
  const lines = index.files.get(match.site.uri)!.doc.lines;
  const target: Target = traced ?? {
    uri: match.site.uri,
    start: match.site.start,
    end: match.site.calleeEnd,
    precision: 'construct',
    site: match.site,
    name: nameOf(match.site, (o) => lines.positionAt(o).line),
  };
  const prop = propertySpan(sf, match.site, segs.slice(0, match.depth + 1).join('/'));
  return prop ? { ...target, ...prop, precision: 'property' } : target;
}
