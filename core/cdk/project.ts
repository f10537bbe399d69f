import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { decodeText, readRegularFile, readRegularFileSync, ReadOutcome } from '../files';

/**
 * The CDK version and feature flags a file's project declares, so defaults are judged for that
 * version. Found by walking up from the file to the nearest `package.json` / `requirements.txt` /
 * `pyproject.toml` / `cdk.json`; these small files are read (regular files of at most 1 MB, see
 * core/files.ts), nothing is executed. Cached per folder.
 */
export interface CdkProject {
  /** `[major, minor, patch]` of aws-cdk-lib; undefined when not declared (then: current aws-cdk-lib). */
  version: [number, number, number] | undefined;
  /** `cdk.json` context values. */
  flags: Record<string, unknown>;
}

/** The aws-cdk-lib the analysis assumes when a project does not say. */
export const CURRENT: [number, number, number] = [2, 276, 0];

const cache = new Map<string, CdkProject>();

/** Forgets cached projects (tests, or when a project file changes). */
export function clearProjectCache(): void {
  cache.clear();
}

/** Parses `2.99.1`, `^2.99.1`, `~2.99`, `>=2.99.0,<3` into a version triple (the lower bound). */
export function parseVersion(spec: string | undefined): [number, number, number] | undefined {
  if (!spec) return undefined;
  const m = /(\d+)\.(\d+)(?:\.(\d+))?/.exec(spec);
  return m ? [Number(m[1]), Number(m[2]), Number(m[3] ?? 0)] : undefined;
}

/** True when `v` (or the current version) is at least `min`. */
export function atLeast(p: CdkProject, min: string): boolean {
  const v = p.version ?? CURRENT;
  const m = parseVersion(min)!;
  for (let i = 0; i < 3; i++) if (v[i] !== m[i]) return v[i] > m[i];
  return true;
}

/** A feature flag's value as `true`/`false`, or undefined when unset. */
export function flag(p: CdkProject, name: string): boolean | undefined {
  const v = p.flags[name];
  if (v === true || v === 'true') return true;
  if (v === false || v === 'false') return false;
  return undefined;
}

/** Project files are small; a larger one is not a project file anyone wrote by hand, and is ignored. */
export const PROJECT_FILE_LIMIT = 1024 * 1024;

/** A project file's text, or undefined when it is missing, not a regular file, too large or unreadable. */
function textOf(read: ReadOutcome): string | undefined {
  return read.ok ? decodeText(read.bytes) : undefined;
}

/**
 * How `projectOf` reads: `sync` reads the files itself (CLI, tests); `preloaded` never touches the
 * disk and serves only what `loadProject` read beforehand, asynchronously (the language server, so
 * a slow or hostile file never blocks its event loop), else the defaults.
 */
let mode: 'sync' | 'preloaded' = 'sync';

/** Chooses how `projectOf` reads project files (see `mode`). */
export function setProjectReads(m: 'sync' | 'preloaded'): void {
  mode = m;
}

/** How project files (and the project's modules, modules.ts) are read now. */
export function projectReads(): 'sync' | 'preloaded' {
  return mode;
}

/** The steps of finding a project: yields each file to read, receives its text, returns the project. */
type Steps = Generator<string, CdkProject, string | undefined>;

function* versionIn(dir: string): Generator<string, [number, number, number] | undefined | null, string | undefined> {
  const pkg = yield join(dir, 'package.json');
  if (pkg) {
    try {
      const j = JSON.parse(pkg) as Record<string, Record<string, string> | undefined>;
      const spec = j.dependencies?.['aws-cdk-lib'] ?? j.devDependencies?.['aws-cdk-lib'] ?? j.peerDependencies?.['aws-cdk-lib'];
      if (spec) return parseVersion(spec);
    } catch {
      // A broken package.json says nothing.
    }
  }
  for (const f of ['requirements.txt', 'pyproject.toml', 'setup.py', 'Pipfile']) {
    const t = yield join(dir, f);
    const m = t && /aws-cdk-lib["']?\s*(?:[=~><!]=?|\^)\s*["']?(\d+\.\d+(?:\.\d+)?)/.exec(t);
    if (m) return parseVersion(m[1]);
  }
  return null;
}

/**
 * Walks up from `start` to the nearest declared version and cdk.json. Caches each folder passed
 * whose answer is the same: those at or below where the version and the flags were found (a
 * folder above a cdk.json does not share its flags).
 */
function* findProject(start: string): Steps {
  let version: [number, number, number] | undefined;
  let flags: Record<string, unknown> | undefined;
  const seen: string[] = [];
  let sameAnswer = Infinity;
  let dir = start;
  for (let i = 0; i < 30; i++) {
    const cached = cache.get(dir);
    if (cached) {
      version ??= cached.version;
      flags ??= cached.flags;
      break;
    }
    seen.push(dir);
    if (version === undefined) {
      const v = yield* versionIn(dir);
      if (v) {
        version = v;
        sameAnswer = Math.min(sameAnswer, i);
      }
    }
    if (flags === undefined) {
      const cdkJson = yield join(dir, 'cdk.json');
      if (cdkJson) {
        try {
          const ctx = (JSON.parse(cdkJson) as { context?: Record<string, unknown> }).context;
          flags = ctx ?? {};
        } catch {
          flags = {};
        }
        sameAnswer = Math.min(sameAnswer, i);
      }
    }
    if (version !== undefined && flags !== undefined) break;
    const up = dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  const p: CdkProject = { version, flags: flags ?? {} };
  for (const d of seen.slice(0, sameAnswer + 1)) cache.set(d, p);
  return p;
}

function folderOf(uri: string): string | undefined {
  try {
    return uri.startsWith('file:') ? dirname(fileURLToPath(uri)) : undefined;
  } catch {
    return undefined;
  }
}

/** The project of a document URI; non-file URIs get the defaults. */
export function projectOf(uri: string): CdkProject {
  const start = folderOf(uri);
  if (start === undefined) return { version: undefined, flags: {} };
  const hit = cache.get(start);
  if (hit) return hit;
  // Not loaded yet (server): the defaults, not cached, so the loaded project serves the next analysis.
  if (mode === 'preloaded') return { version: undefined, flags: {} };
  const steps = findProject(start);
  let step = steps.next();
  while (!step.done) step = steps.next(textOf(readRegularFileSync(step.value, PROJECT_FILE_LIMIT)));
  return step.value;
}

const loading = new Map<string, Promise<CdkProject>>();

/** Reads (asynchronously) and caches the project of a document URI, for `projectOf` in `preloaded` mode. */
export function loadProject(uri: string): Promise<CdkProject> {
  const start = folderOf(uri);
  if (start === undefined) return Promise.resolve({ version: undefined, flags: {} });
  const hit = cache.get(start);
  if (hit) return Promise.resolve(hit);
  let pending = loading.get(start);
  if (!pending) {
    pending = (async () => {
      const steps = findProject(start);
      let step = steps.next();
      while (!step.done) step = steps.next(textOf(await readRegularFile(step.value, PROJECT_FILE_LIMIT)));
      return step.value;
    })().finally(() => loading.delete(start));
    loading.set(start, pending);
  }
  return pending;
}
