/**
 * Where a CDK source file creates constructs: every `new X(scope, 'id', …)` (TypeScript) and
 * `X(scope, "id", …)` (Python), of CDK classes and of the user's own classes alike, and the classes
 * the file declares. Mapping a synthesized resource back to source walks its construct path through
 * these (locate.ts). Built from the parse the CDK analyzer already made (no second parse), linked to
 * the analyzer's model where it resolved the class (its fqn and props).
 */
import type { ParsedDocument } from '../document';
import { CdkModel, entryOf } from '../cdk/model';
import type { indexTsSites as IndexTs } from './sites-ts';
import { indexPySites } from './sites-py';
import type { ClassDecl, Site } from './site';

let tsIndexer: typeof IndexTs | undefined;
function indexTs(): typeof IndexTs {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- lazy: the TypeScript compiler loads only for CDK TypeScript files
  tsIndexer ??= (require('./sites-ts') as typeof import('./sites-ts')).indexTsSites;
  return tsIndexer;
}

const cache = new WeakMap<ParsedDocument, { sites: Site[]; classes: ClassDecl[] }>();

/**
 * The construct sites of a CDK document, from the parser state its model keeps. Computed once per
 * parsed document, when it is first asked for (right after the analysis: the parser state moves to
 * the next version's parse later). Undefined for other documents or a state already moved on.
 */
export function sitesOf(doc: ParsedDocument): { sites: Site[]; classes: ClassDecl[] } | undefined {
  const hit = cache.get(doc);
  if (hit) return hit;
  const model = doc.cdk;
  if (!model?.state || model.state.consumed) return undefined;
  const found =
    model.lang === 'ts' ? indexTs()(doc, model.state.handle) : indexPySites(doc, (model.state.handle as { root?: unknown }).root);
  if (!found) return undefined;
  const byCall = new Map(model.constructs.map((c) => [`${c.call.start}:${c.call.end}`, c]));
  for (const s of found.sites) s.construct = byCall.get(`${s.start}:${s.end}`);
  found.sites.push(...childSites(doc, model));
  found.sites.sort((a, b) => a.start - b.start);
  cache.set(doc, found);
  return found;
}

/**
 * Methods that create a child construct whose id is their first argument: `lb.addListener('Web', …)` creates
 * `Lb/Web`, a listener the synthesized template holds under that path.
 */
const CHILD_METHODS = new Set(['addListener', 'addFlowLog', 'addGatewayEndpoint', 'addInterfaceEndpoint', 'addContainer', 'addStage']);

/**
 * The child constructs method calls create, as sites scoped to the receiver: a synthesized finding on the
 * child is placed on the call, where the source reports the same rule (so the two merge), not on its parent.
 */
function childSites(doc: ParsedDocument, model: CdkModel): Site[] {
  const out: Site[] = [];
  for (const mc of model.methodCalls) {
    if (!CHILD_METHODS.has(mc.method) || !mc.receiver) continue;
    const id = mc.args[0] ?? entryOf(mc.kw, 'id')?.value;
    if (id?.k !== 'lit' || typeof id.v !== 'string' || !id.v) continue;
    const paren = doc.text.indexOf('(', mc.start);
    const calleeEnd = paren > mc.start && paren < mc.end ? paren : mc.end;
    out.push({
      uri: doc.uri,
      id: id.v,
      cls: doc.text.slice(mc.start, calleeEnd).replace(/\s+/g, ''),
      start: mc.start,
      end: mc.end,
      calleeEnd,
      scope: mc.receiver,
      variable: mc.variable,
      method: mc.method,
      props: mc.args[1] ?? mc.kw,
    });
  }
  return out;
}
