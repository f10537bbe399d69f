import * as fs from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { decodeText, readRegularFile, readRegularFileSync } from '../files';
import { projectReads } from './project';

/**
 * Other modules of the same project a CDK file imports (`import { dbConfig } from './config'`,
 * `from .config import settings`): found, read and cached here, so the analyzers can follow a value
 * into them. Only relative imports (and, in Python, a module beside the file) are followed; only
 * regular files of at most MODULE_LIMIT bytes, inside the project folder, never under
 * `node_modules` / `site-packages` / a virtualenv. Nothing is executed.
 *
 * As for project files (project.ts): `sync` reads on demand (CLI, tests); `preloaded` (the language
 * server) serves only what `loadModules` read asynchronously before the analysis, so a keystroke
 * never touches the disk. An editor buffer of a module (`setOpenModule`) wins over its file.
 */

/** A module the analysis may read: its real path, text, and a key that changes when the text does. */
export interface ModuleSource {
  path: string;
  text: string;
  version: string;
}

export type ModuleLang = 'ts' | 'py';

/** Modules are hand-written source; a larger file is generated or hostile, and is not read. */
export const MODULE_LIMIT = 512 * 1024;

/** How many imports deep a value is followed (file → module → module → module). */
export const MAX_HOPS = 3;

const PROJECT_MARKERS = ['cdk.json', 'package.json', 'pyproject.toml', 'setup.py', 'requirements.txt'];
const NEVER = /[\\/](node_modules|site-packages|dist-packages|\.venv|venv|\.git|cdk\.out)[\\/]/;

/** Files read: by path, the stat key they were read at (sync mode), or what `loadModules` read (preloaded). */
const files = new Map<string, ModuleSource | null>();
/** Project roots by folder. */
const roots = new Map<string, string>();
/** Editor buffers of modules, by path. */
const open = new Map<string, ModuleSource>();
/** Module path → the documents whose analysis read it (`loadModules`): analysed again when it changes. */
const importers = new Map<string, Set<string>>();

/** Forgets every module read (tests). */
export function clearModuleCache(): void {
  files.clear();
  roots.clear();
  summaries.clear();
}

/** An open editor's text of a file, which the analysis then reads instead of the disk; undefined text closes it. */
export function setOpenModule(uri: string, text: string | undefined, version = 0): void {
  const path = pathOf(uri);
  if (!path || !/\.(tsx?|m?js|cjs|py)$/.test(path)) return;
  if (text === undefined) open.delete(path);
  else open.set(path, { path, text, version: `open:${version}:${text.length}` });
}

/** The documents (URIs) whose modules, as last loaded, include the file of `uri`. */
export function importersOf(uri: string): string[] {
  const path = pathOf(uri);
  return path ? [...(importers.get(path) ?? [])] : [];
}

/** The file path of a `file:` URI (or a plain path), else undefined. */
export function pathOf(uri: string): string | undefined {
  try {
    if (uri.startsWith('file:')) return fileURLToPath(uri);
    return isAbsolute(uri) ? uri : undefined;
  } catch {
    return undefined;
  }
}

/** True when `p` is `root` or inside it. */
function inside(p: string, root: string): boolean {
  const r = relative(root, p);
  return r === '' || (!r.startsWith('..') && !isAbsolute(r));
}

/** The files an import may name, best first (TypeScript: `./config` → config.ts, config/index.ts, …; Python: `.config`, `config`). */
export function candidates(fromFile: string, spec: string, lang: ModuleLang, root: string): string[] {
  const dir = dirname(fromFile);
  if (lang === 'ts') {
    if (!spec.startsWith('./') && !spec.startsWith('../') && spec !== '.' && spec !== '..') return [];
    const base = resolve(dir, spec);
    const stem = base.replace(/\.(m?js|cjs)$/, '');
    const exts = ['.ts', '.tsx', '.js', '.mjs', '.cjs'];
    return [...(/\.(tsx?|m?js|cjs)$/.test(base) ? [base] : []), ...exts.map((e) => stem + e), ...exts.map((e) => join(base, `index${e}`))];
  }
  const dots = /^\.*/.exec(spec)![0].length;
  const rest = spec.slice(dots).split('.').filter(Boolean);
  if (rest.some((p) => !/^\w+$/.test(p))) return [];
  const bases: string[] = [];
  if (dots > 0) {
    let d = dir;
    for (let i = 1; i < dots; i++) d = dirname(d);
    bases.push(d);
  } else {
    // `from config import X`: a module beside the file, or at the project's top (how `cdk synth` runs app.py).
    bases.push(dir, root);
  }
  const out: string[] = [];
  for (const b of bases) {
    if (!rest.length) out.push(join(b, '__init__.py'));
    else out.push(join(b, ...rest) + '.py', join(b, ...rest, '__init__.py'));
  }
  return [...new Set(out)];
}

/** The steps of finding one module: yields each path to read, receives its source (or null), returns the first found. */
type Steps<T> = Generator<string, T, ModuleSource | null | undefined>;

function* firstOf(paths: string[]): Steps<ModuleSource | undefined | 'not-loaded'> {
  for (const p of paths) {
    const got = yield p;
    if (got === undefined) return 'not-loaded';
    if (got) return got;
  }
  return undefined;
}

/** True for a path the analysis may read at all: inside the root, outside package folders. */
function allowed(p: string, root: string): boolean {
  return inside(p, root) && !NEVER.test(p.slice(root.length));
}

/**
 * The steps of finding a file's project folder: the nearest folder above it with a project file, else the file's
 * own folder. Yields each folder to probe, receives whether it holds a project file (the sync and async readers
 * share the walk).
 */
function* findRoot(start: string): Generator<string, string, boolean> {
  let dir = start;
  for (let i = 0; i < 30; i++) {
    if (yield dir) return dir;
    const up = dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  return start;
}

/** The project folder of a file, probing the disk synchronously (CLI, tests). */
function rootSync(fromFile: string): string {
  const start = dirname(fromFile);
  const hit = roots.get(start);
  if (hit) return hit;
  const steps = findRoot(start);
  let step = steps.next();
  while (!step.done) {
    const dir = step.value;
    step = steps.next(PROJECT_MARKERS.some((m) => fs.existsSync(join(dir, m))));
  }
  roots.set(start, step.value);
  return step.value;
}

/** The project folder of a file, probing the disk asynchronously (the server, before an analysis). */
async function rootAsync(fromFile: string): Promise<string> {
  const start = dirname(fromFile);
  const hit = roots.get(start);
  if (hit) return hit;
  const exists = (f: string) =>
    fs.promises.access(f).then(
      () => true,
      () => false,
    );
  const steps = findRoot(start);
  let step = steps.next();
  while (!step.done) {
    const dir = step.value;
    const here = await Promise.all(PROJECT_MARKERS.map((m) => exists(join(dir, m))));
    step = steps.next(here.some(Boolean));
  }
  roots.set(start, step.value);
  return step.value;
}

/** The real path of a file when it (after symbolic links) is still inside the project, else null. */
function realInside(p: string, root: string, real: (x: string) => string): string | null {
  try {
    const rp = real(p);
    const rr = real(root);
    return allowed(rp, rr) ? rp : null;
  } catch {
    return null;
  }
}

function readSync(p: string, root: string): ModuleSource | null {
  if (!allowed(p, root)) return null;
  const o = open.get(p);
  let st: fs.Stats;
  try {
    st = fs.statSync(p);
  } catch {
    return null;
  }
  if (!st.isFile()) return null;
  if (o) return o;
  const key = `${st.mtimeMs}:${st.size}:${st.ino}`;
  const cached = files.get(p);
  if (cached && cached.version === key) return cached;
  const real = realInside(p, root, fs.realpathSync);
  const read = real ? readRegularFileSync(real, MODULE_LIMIT) : undefined;
  const src = read?.ok ? { path: p, text: decodeText(read.bytes), version: key } : null;
  files.set(p, src);
  return src;
}

async function readAsync(p: string, root: string): Promise<ModuleSource | null> {
  if (!allowed(p, root)) return null;
  let st: fs.Stats;
  try {
    st = await fs.promises.stat(p);
  } catch {
    files.set(p, null);
    return null;
  }
  if (!st.isFile()) {
    files.set(p, null);
    return null;
  }
  const key = `${st.mtimeMs}:${st.size}:${st.ino}`;
  const cached = files.get(p);
  if (cached && cached.version === key) return cached;
  let real: string | null = null;
  try {
    const rp = await fs.promises.realpath(p);
    const rr = await fs.promises.realpath(root);
    real = allowed(rp, rr) ? rp : null;
  } catch {
    real = null;
  }
  const read = real ? await readRegularFile(real, MODULE_LIMIT) : undefined;
  const src = read?.ok ? { path: p, text: decodeText(read.bytes), version: key } : null;
  files.set(p, src);
  return src;
}

/** In preloaded mode: what `loadModules` read (undefined: never asked, so unknown). */
function readPreloaded(p: string, root: string): ModuleSource | null | undefined {
  if (!allowed(p, root)) return null;
  const got = files.get(p);
  if (got === undefined) return undefined;
  return got && (open.get(p) ?? got);
}

/**
 * The module an import in `fromUri` names, or undefined when it cannot be read (not relative, missing,
 * a folder, too large, outside the project, not loaded yet in the server): the value is then unknown.
 */
export function moduleFor(fromUri: string, spec: string, lang: ModuleLang): ModuleSource | undefined {
  const from = pathOf(fromUri);
  if (!from) return undefined;
  const preloaded = projectReads() === 'preloaded';
  const root = preloaded ? roots.get(dirname(from)) : rootSync(from);
  if (root === undefined) return undefined;
  const steps = firstOf(candidates(from, spec, lang, root));
  let step = steps.next();
  while (!step.done) step = steps.next(preloaded ? readPreloaded(step.value, root) : readSync(step.value, root));
  return step.value === 'not-loaded' ? undefined : step.value;
}

/** The import specifiers a file's text names (for preloading; the analyzers decide what they follow). */
export function importSpecs(text: string, lang: ModuleLang): string[] {
  const out = new Set<string>();
  if (lang === 'ts') {
    for (const m of text.matchAll(/\bfrom\s*['"](\.{1,2}(?:\/[^'"\n]*)?)['"]|\brequire\(\s*['"](\.{1,2}(?:\/[^'"\n]*)?)['"]\s*\)/g))
      out.add(m[1] ?? m[2]);
    return [...out];
  }
  for (const m of text.matchAll(/^[ \t]*from[ \t]+(\.*[\w.]*)[ \t]+import[ \t]+(?:\(([^)]*)\)|([^#\n]*))/gm)) {
    const spec = m[1];
    if (!spec) continue;
    out.add(spec);
    // `from . import config`, `from .pkg import mod`: the names may be modules.
    for (const n of (m[2] ?? m[3]).split(/,/).map((x) => x.trim())) {
      const name = /^\w+/.exec(n)?.[0];
      if (name && name !== 'as') out.add(spec.endsWith('.') ? spec + name : `${spec}.${name}`);
    }
  }
  for (const m of text.matchAll(/^[ \t]*import[ \t]+([\w.]+)/gm)) out.add(m[1]);
  return [...out];
}

/**
 * Reads (asynchronously) the modules a document imports, and theirs, up to MAX_HOPS deep, for
 * `moduleFor` in preloaded mode. A module changed on disk since is read again (the stat key differs).
 */
export async function loadModules(uri: string, text: string, lang: ModuleLang): Promise<void> {
  const from = pathOf(uri);
  if (!from) return;
  const seen = new Set<string>([from]);
  let frontier: { file: string; text: string }[] = [{ file: from, text }];
  for (let hop = 0; hop < MAX_HOPS && frontier.length; hop++) {
    const next: { file: string; text: string }[] = [];
    for (const f of frontier) {
      const root = await rootAsync(f.file);
      for (const spec of importSpecs(f.text, lang)) {
        for (const p of candidates(f.file, spec, lang, root)) {
          const src = await readAsync(p, root);
          if (!src) continue;
          if (!seen.has(p)) {
            seen.add(p);
            let by = importers.get(p);
            if (!by) importers.set(p, (by = new Set()));
            by.add(uri);
            next.push({ file: p, text: (open.get(p) ?? src).text });
          }
          break;
        }
      }
    }
    frontier = next;
  }
}

/** Per-module summaries, by kind, computed once per module version. */
const summaries = new Map<string, { version: string; value: unknown }>();

/** A module's summary of one kind (`make` runs once per version of the module's text). */
export function summaryOf<T>(src: ModuleSource, kind: string, make: (src: ModuleSource) => T): T {
  const key = `${kind}\u0000${src.path}`;
  const hit = summaries.get(key);
  if (hit && hit.version === src.version) return hit.value as T;
  const value = make(src);
  summaries.set(key, { version: src.version, value });
  return value;
}

/** `config.ts`, `infrastructure/config.py`: a module's path as messages name it, relative to the importing file's folder. */
export function shortName(fromUri: string, src: ModuleSource): string {
  const from = pathOf(fromUri);
  const r = from ? relative(dirname(from), src.path) : src.path;
  return r.split(sep).join('/');
}
