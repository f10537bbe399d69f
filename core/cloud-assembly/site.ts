/** What the per-language site indexers produce and the locator consumes: kept apart from sites.ts so the indexers need not import it (sites.ts imports them). */
import type { ParsedDocument } from '../document';
import type { CdkConstruct, CdkValue } from '../cdk/model';

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
  /** For a child a method creates (`lb.addListener('Web', {…})`): the method, and the props it is given. */
  method?: string;
  props?: CdkValue;
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
