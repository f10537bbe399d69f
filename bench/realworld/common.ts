/**
 * Shared by `npm run realworld:build` and `npm run realworld`: where the sources, the mirrors and the
 * materialized set live, and the formats of the committed files (docs/realworld.md).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** The repository root, whether this runs from `out/bench/realworld` or from the source folder. */
export const ROOT = path.resolve(__dirname, __dirname.includes(`${path.sep}out${path.sep}`) ? '../../..' : '../..');
export const HERE = path.join(ROOT, 'bench', 'realworld');
export const SOURCES_DIR = path.join(HERE, 'sources');
export const JUDGEMENTS_DIR = path.join(HERE, 'judgements');

/** Where `fetch` mirrors repositories: `<root>/<owner>+<name>/repo` is a bare git directory. */
export function mirrorsRoot(): string {
  return process.env.PARAPET_MIRRORS || '/work/.mirror';
}

/** Where the selected files are written, one folder per source. */
export function setRoot(): string {
  return process.env.PARAPET_REALWORLD || path.join(os.homedir(), '.cache', 'parapet', 'realworld');
}

/** One `sources/<owner>+<name>.json`. */
export interface Source {
  repo: string;
  commit: string;
  include: string[];
  exclude?: string[];
  why: string;
  /** Part of the holdout: chosen after tuning and never tuned on; `npm run realworld` reports it apart. */
  holdout?: boolean;
}

/** What `realworld:build` wrote for one source: `<set>/<owner>+<name>/.parapet-source.json`. */
export interface Manifest {
  repo: string;
  commit: string;
  files: string[];
}

export const MANIFEST = '.parapet-source.json';

/** `owner/name` → `owner+name`, the folder and file-id prefix of a source. */
export function sourceKey(repo: string): string {
  return repo.replace('/', '+');
}

/** Every source file, sorted; a malformed one is reported and skipped. */
export function loadSources(dir = SOURCES_DIR, warn: (m: string) => void = (m) => process.stderr.write(`${m}\n`)): Source[] {
  const out: Source[] = [];
  for (const f of fs
    .readdirSync(dir)
    .filter((x) => x.endsWith('.json'))
    .sort()) {
    try {
      const s = JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')) as Source;
      if (typeof s.repo !== 'string' || !/^[0-9a-f]{40}$/.test(s.commit) || !Array.isArray(s.include))
        throw new Error('needs repo, a 40-hex commit and include');
      if (`${sourceKey(s.repo)}.json` !== f) throw new Error(`file name should be ${sourceKey(s.repo)}.json`);
      out.push(s);
    } catch (e) {
      warn(`sources/${f}: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  return out;
}

/** The manifest of a materialized source, or undefined when the source was not built. */
export function readManifest(repo: string, root = setRoot()): Manifest | undefined {
  try {
    return JSON.parse(fs.readFileSync(path.join(root, sourceKey(repo), MANIFEST), 'utf8')) as Manifest;
  } catch {
    return undefined;
  }
}
