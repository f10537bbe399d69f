import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The CDK version and feature flags a file's project declares, so defaults are judged for that
 * version. Found by walking up from the file to the nearest `package.json` / `requirements.txt` /
 * `pyproject.toml` / `cdk.json`; these small files are read, nothing is executed. Cached per folder.
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

function readText(path: string): string | undefined {
  try {
    return existsSync(path) ? readFileSync(path, 'utf8').slice(0, 1_000_000) : undefined;
  } catch {
    return undefined;
  }
}

function versionIn(dir: string): [number, number, number] | undefined | null {
  const pkg = readText(join(dir, 'package.json'));
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
    const t = readText(join(dir, f));
    const m = t && /aws-cdk-lib["']?\s*(?:[=~><!]=?|\^)\s*["']?(\d+\.\d+(?:\.\d+)?)/.exec(t);
    if (m) return parseVersion(m[1]);
  }
  return null;
}

/** The project of a document URI; non-file URIs get the defaults. */
export function projectOf(uri: string): CdkProject {
  let file: string;
  try {
    if (!uri.startsWith('file:')) return { version: undefined, flags: {} };
    file = fileURLToPath(uri);
  } catch {
    return { version: undefined, flags: {} };
  }
  const start = dirname(file);
  const hit = cache.get(start);
  if (hit) return hit;
  let version: [number, number, number] | undefined;
  let flags: Record<string, unknown> | undefined;
  const seen: string[] = [];
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
      const v = versionIn(dir);
      if (v) version = v;
    }
    if (flags === undefined) {
      const cdkJson = readText(join(dir, 'cdk.json'));
      if (cdkJson) {
        try {
          const ctx = (JSON.parse(cdkJson) as { context?: Record<string, unknown> }).context;
          flags = ctx ?? {};
        } catch {
          flags = {};
        }
      }
    }
    if (version !== undefined && flags !== undefined) break;
    const up = dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  const p: CdkProject = { version, flags: flags ?? {} };
  for (const d of seen) cache.set(d, p);
  return p;
}
