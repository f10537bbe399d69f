/**
 * Where a CDK source file creates constructs: every `new X(scope, 'id', …)` (TypeScript) and
 * `X(scope, "id", …)` (Python), of CDK classes and of the user's own classes alike, and the classes
 * the file declares. Mapping a synthesized resource back to source walks its construct path through
 * these (locate.ts). Built from the parse the CDK analyzer already made (no second parse), linked to
 * the analyzer's model where it resolved the class (its fqn and props).
 */
import type { ParsedDocument } from '../document';
import type { CdkConstruct } from '../cdk/model';
import type { indexTsSites as IndexTs } from './sites-ts';
import { indexPySites } from './sites-py';

/** One construct instantiation in the source. */
export interface Site {
  uri: string;
  /** The id when it is a literal. */
  id?: string;
  /** A template string or f-string id (`${name}-stage`) as a pattern. */
  pattern?: RegExp;
  /** The class as written (`s3.Bucket`, `MainStack`). */
  cls: string;
  start: number;
  end: number;
  /** End of the callee (`new s3.Bucket`), where construct findings point. */
  calleeEnd: number;
  /** The scope argument as written (`this`, `self`, `app`, `nested`). */
  scope: string | undefined;
  /** The variable the construct is bound to (`bucket`, `this.bucket`, `self.vpc`). */
  variable?: string;
  /** The class whose body holds the call. */
  inClass?: string;
  /** The CDK analyzer's construct, when it resolved the class: fqn and props. */
  construct?: CdkConstruct;
}

/** A class declaration (`class MainStack extends Stack`, `class MainStack(Stack):`). */
export interface ClassDecl {
  uri: string;
  name: string;
  start: number;
  end: number;
  /** End of the class's first line (`class X extends Y {`), where stack-level findings point. */
  headEnd: number;
}

/** The sites and classes of one file. */
export interface FileSites {
  uri: string;
  doc: ParsedDocument;
  sites: Site[];
  classes: ClassDecl[];
  /** The file's modification time on disk; undefined for unsaved text. */
  mtimeMs?: number;
  /** True when the text differs from the file on disk (an editor buffer with unsaved changes). */
  dirty?: boolean;
}

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
  cache.set(doc, found);
  return found;
}

/** The id of a template-literal id as a pattern: literal parts kept, every `${…}` field any text. */
export function idPattern(parts: readonly string[]): RegExp | undefined {
  if (parts.join('').length < 2) return undefined;
  const esc = parts.map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`^${esc.join('.+')}$`);
}

/** The last name of a dotted class (`s3.Bucket` → `Bucket`). */
export function lastName(cls: string): string {
  const i = cls.lastIndexOf('.');
  return i < 0 ? cls : cls.slice(i + 1);
}
