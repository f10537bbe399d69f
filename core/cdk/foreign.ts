import { CdkValue, asObject, entryOf } from './model';
import { MAX_HOPS, ModuleLang, ModuleSource, moduleFor, shortName } from './modules';

/**
 * Values that come from another module of the project (modules.ts finds and reads it): a module's
 * summary gives its exported values, evaluated in that module; here they are placed in the
 * importing file. A value from elsewhere keeps no offset of the other file: every span in it
 * becomes the span of the name that imports it (the engine maps findings to this file's text only),
 * and `from` says where it was written, so a message can say so and fixes leave it alone.
 */

/** What a module's summary offers the files that import it. */
export interface ModuleExports {
  /** The value of an exported name, evaluated in the module (offsets of that module's text), or undefined when unknown. */
  value(name: string): CdkValue | undefined;
  /** The specifiers of the project modules it imports (their versions are part of its own). */
  imports(): string[];
}

/** Modules being evaluated, innermost last: an import cycle, or a chain longer than MAX_HOPS, is unknown. */
const chain: string[] = [];
/** The document the chain started from: messages name modules relative to it. */
let top = '';

/**
 * Evaluates `inside` for a module reached through an import, within the hop limit and outside a
 * cycle; undefined when the module cannot be read or is already being evaluated.
 */
export function withModule<T>(
  fromUri: string,
  spec: string,
  lang: ModuleLang,
  inside: (src: ModuleSource) => T | undefined,
): T | undefined {
  if (chain.length >= MAX_HOPS) return undefined;
  const src = moduleFor(fromUri, spec, lang);
  if (!src || chain.includes(src.path)) return undefined;
  if (!chain.length) top = fromUri;
  chain.push(src.path);
  try {
    return inside(src);
  } finally {
    chain.pop();
  }
}

/**
 * The value of `name` (then `path`, through object keys) exported by the module `spec` names, placed
 * at `at` in the importing file; undefined when anything on the way is unknown.
 */
export function importedValue(
  fromUri: string,
  lang: ModuleLang,
  spec: string,
  name: string,
  path: readonly string[],
  at: { start: number; end: number },
  /** The module's summary (cached by the caller, once per version: modules.ts `summaryOf`). */
  summarize: (src: ModuleSource) => ModuleExports,
): CdkValue | undefined {
  return withModule(fromUri, spec, lang, (src) => {
    let v = summarize(src).value(name);
    for (const key of path) {
      const o = asObject(v);
      // A key the object does not have is `undefined` at synth time, but an open object may have it: unknown either way.
      const e = o && !o.open ? entryOf(o, key) : undefined;
      v = e?.value;
    }
    return v && placed(v, at, `${shortName(top, src)} (${[name, ...path].join('.')})`);
  });
}

/** A copy of a value with every span at `at`, marked as written in `from` (an inner origin is kept). */
export function placed(v: CdkValue, at: { start: number; end: number }, from: string, depth = 0): CdkValue {
  const here = { start: at.start, end: at.end, from: v.from ?? from };
  if (depth > 32) return { k: 'unknown', ...here };
  switch (v.k) {
    case 'obj':
      return {
        ...v,
        ...here,
        itemsStart: undefined,
        itemsEnd: undefined,
        entries: v.entries.map((e) => ({
          key: e.key,
          keyStart: at.start,
          keyEnd: at.end,
          start: at.start,
          end: at.end,
          value: placed(e.value, at, here.from, depth + 1),
        })),
      };
    case 'arr':
      return { ...v, ...here, items: v.items.map((i) => placed(i, at, here.from, depth + 1)) };
    case 'call':
      return {
        ...v,
        ...here,
        calleeEnd: at.end,
        closeParen: at.end,
        // Half-typed or not, a call written elsewhere is not this file's to complete: no "missing" findings on it.
        complete: false,
        variable: undefined,
        args: v.args.map((a) => placed(a, at, here.from, depth + 1)),
        kw: v.kw && (placed(v.kw, at, here.from, depth + 1) as typeof v.kw),
      };
    case 'unknown':
      // Not its variable name: a name of the other module says nothing about this file's variables.
      return { k: 'unknown', ...here };
    default:
      return { ...v, ...here };
  }
}

/**
 * A key that changes when a module an import names, or any module it imports in turn (within the
 * hop limit), changes: what the importing file evaluated through it is stale then.
 */
export function modulesKey(
  fromUri: string,
  lang: ModuleLang,
  specs: Iterable<string>,
  summarize: (src: ModuleSource) => ModuleExports,
): string {
  const parts: string[] = [];
  const walk = (uri: string, list: Iterable<string>): void => {
    for (const spec of list) {
      withModule(uri, spec, lang, (src) => {
        parts.push(`${src.path}@${src.version}`);
        walk(src.path, summarize(src).imports());
        return true;
      });
    }
  };
  walk(fromUri, specs);
  return parts.join('|');
}
