/**
 * `npm run realworld:build`: materializes the real-world evaluation set. For each
 * `bench/realworld/sources/*.json`, reads the mirror that the workplace `fetch` tool made
 * (`$PARAPET_MIRRORS/<owner>+<name>/repo`, a bare git directory) and writes the selected files
 * at the pinned commit into `$PARAPET_REALWORLD/<owner>+<name>/`. A missing mirror or commit is
 * reported, not fatal. Third-party files stay outside the repository.
 *   node out/bench/realworld/build.js [--only owner/name]
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { globToRegExp, isExcluded } from '../../server/src/glob';
import { Manifest, MANIFEST, mirrorsRoot, loadSources, readManifest, setRoot, Source, sourceKey } from './common';

interface Blob {
  sha: string;
  path: string;
}

function git(gitDir: string, args: string[], input?: string): Buffer | undefined {
  const r = spawnSync('git', ['--git-dir', gitDir, ...args], { input, maxBuffer: 1 << 30 });
  return r.status === 0 ? r.stdout : undefined;
}

/** True when `file` matches an include glob and no exclude glob. */
export function selected(src: Pick<Source, 'include' | 'exclude'>, file: string): boolean {
  const included = src.include.some((g) => globToRegExp(g)?.test(file) ?? false);
  return included && !isExcluded(src.exclude ?? [], file, `/${file}`);
}

/** The regular files of the commit's tree that the source selects. */
function listBlobs(gitDir: string, src: Source): Blob[] | undefined {
  const out = git(gitDir, ['ls-tree', '-r', '-z', src.commit]);
  if (!out) return undefined;
  const blobs: Blob[] = [];
  for (const entry of out.toString('utf8').split('\0')) {
    const m = /^(\d+) blob ([0-9a-f]+)\t(.*)$/s.exec(entry);
    // 120000 is a symbolic link: its blob is a path, not a template.
    if (m && m[1] !== '120000' && selected(src, m[3])) blobs.push({ sha: m[2], path: m[3] });
  }
  return blobs;
}

/** Reads every blob in one `git cat-file --batch`; a blob the snapshot lacks is left out. */
function readBlobs(gitDir: string, blobs: Blob[]): Map<string, Buffer> {
  const contents = new Map<string, Buffer>();
  const out = git(gitDir, ['cat-file', '--batch'], blobs.map((b) => b.sha).join('\n') + '\n');
  if (!out) return contents;
  let at = 0;
  while (at < out.length) {
    const eol = out.indexOf(10, at);
    if (eol < 0) break;
    const header = out.subarray(at, eol).toString('utf8').split(' ');
    at = eol + 1;
    if (header[1] !== 'blob') continue; // `<sha> missing`
    const size = Number(header[2]);
    contents.set(header[0], out.subarray(at, at + size));
    at += size + 1;
  }
  return contents;
}

/** True when the folder already holds exactly these files at this commit: another run may be reading it. */
function upToDate(root: string, key: string, src: Source, blobs: Blob[]): boolean {
  const m = readManifest(src.repo, root);
  if (!m || m.commit !== src.commit || m.files.length !== blobs.length) return false;
  return blobs.every((b, i) => m.files[i] === b.path && fs.existsSync(path.join(root, key, b.path)));
}

function buildOne(src: Source, root: string): string {
  const key = sourceKey(src.repo);
  const repoDir = path.join(mirrorsRoot(), key, 'repo');
  // Usually a bare git directory; some mirrors arrive as a checkout with `.git` inside.
  const gitDir = fs.existsSync(path.join(repoDir, '.git')) ? path.join(repoDir, '.git') : repoDir;
  if (!fs.existsSync(gitDir)) return `${src.repo}: no mirror at ${gitDir} (mirror it with the fetch tool)`;
  if (!git(gitDir, ['cat-file', '-e', `${src.commit}^{commit}`])) return `${src.repo}: commit ${src.commit} is not in the mirror`;
  const blobs = listBlobs(gitDir, src);
  if (!blobs) return `${src.repo}: cannot list ${src.commit}`;
  if (upToDate(root, key, src, blobs)) return `${src.repo}: ${blobs.length} files (up to date)`;
  const contents = readBlobs(gitDir, blobs);
  const part = path.join(root, `${key}.part`);
  fs.rmSync(part, { recursive: true, force: true });
  const files: string[] = [];
  for (const b of blobs) {
    const data = contents.get(b.sha);
    if (!data) continue;
    const abs = path.join(part, b.path);
    fs.mkdirSync(path.dirname(abs), { recursive: true });
    fs.writeFileSync(abs, data);
    files.push(b.path);
  }
  const manifest: Manifest = { repo: src.repo, commit: src.commit, files };
  fs.mkdirSync(part, { recursive: true });
  fs.writeFileSync(path.join(part, MANIFEST), `${JSON.stringify(manifest, null, 1)}\n`);
  fs.rmSync(path.join(root, key), { recursive: true, force: true });
  fs.renameSync(part, path.join(root, key));
  const missing = blobs.length - files.length;
  return `${src.repo}: ${files.length} files${missing ? ` (${missing} absent from the snapshot)` : ''}`;
}

function main(argv: string[]): number {
  const onlyAt = argv.indexOf('--only');
  const only = onlyAt >= 0 ? argv[onlyAt + 1] : undefined;
  const root = setRoot();
  fs.mkdirSync(root, { recursive: true });
  const sources = loadSources().filter((s) => !only || s.repo === only);
  process.stdout.write(`Building the real-world set into ${root} from ${mirrorsRoot()}\n`);
  for (const src of sources) process.stdout.write(`${buildOne(src, root)}\n`);
  return 0;
}

if (require.main === module) process.exitCode = main(process.argv.slice(2));
