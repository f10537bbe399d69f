import * as fs from 'node:fs';
import * as path from 'node:path';
import { MAX_DOCUMENT_BYTES } from '../core/document';
import { ioMessage, kindOf } from '../core/files';

/** Folders never walked into: dependencies, VCS data and generated output. */
export const SKIPPED_DIRS: ReadonlySet<string> = new Set(['node_modules', '.git', 'cdk.out', '.aws-sam']);
/** Files considered when walking a folder; a file named on the command line is read whatever its name. */
export const CANDIDATE_EXTENSIONS: readonly string[] = ['.yaml', '.yml', '.json', '.template', '.ts', '.py'];

export interface ScanError {
  file: string;
  message: string;
}

export interface WalkResult {
  /** Files to analyse, sorted by display path. */
  files: { abs: string; file: string }[];
  /** Skips and I/O errors met while walking. */
  errors: ScanError[];
  /** True when a path named on the command line could not be read: exit code 2. */
  fatal: boolean;
}

/** How a path is shown in reports: relative to `cwd` with `/` separators, or absolute when outside it. */
export function displayPath(abs: string, cwd: string): string {
  const rel = path.relative(cwd, abs);
  if (rel === '') return '.';
  if (rel.startsWith('..') || path.isAbsolute(rel)) return abs.split(path.sep).join('/');
  return rel.split(path.sep).join('/');
}

function ioError(e: unknown): string {
  return ioMessage((e as NodeJS.ErrnoException).code);
}

function isCandidate(name: string): boolean {
  return CANDIDATE_EXTENSIONS.includes(path.extname(name).toLowerCase());
}

/** True when `real` is `root` or lies under it. */
function isUnder(real: string, root: string): boolean {
  return real === root || real.startsWith(root.endsWith(path.sep) ? root : root + path.sep);
}

/** A file found by the walk, before files reached twice (through links) are dropped. */
interface Found {
  abs: string;
  real: string;
  size: number;
}

/**
 * Collects the files under the given paths, reporting every skip and I/O error instead of stopping.
 * Symbolic links are followed only to places inside the named paths (a link out of them is
 * skipped and reported), and a file reached twice is scanned once, under its own name when the
 * walk met it, else under the first link in walk order.
 */
export function walk(paths: readonly string[], cwd: string = process.cwd()): WalkResult {
  const found: Found[] = [];
  const errors: ScanError[] = [];
  const seenDirs = new Set<string>();
  let fatal = false;
  const skip = (abs: string, message: string): void => {
    errors.push({ file: displayPath(abs, cwd), message });
  };

  // The scanned tree: the real paths of the named folders and files; links may point anywhere inside it.
  const named: { abs: string; real?: string; st?: fs.Stats; error?: unknown }[] = paths.map((p) => {
    const abs = path.resolve(cwd, p);
    try {
      return { abs, real: fs.realpathSync(abs), st: fs.statSync(abs) };
    } catch (e) {
      return { abs, error: e };
    }
  });
  const roots = named.flatMap((n) => (n.real === undefined ? [] : [n.real]));
  const inside = (real: string): boolean => roots.some((root) => isUnder(real, root));

  const addFile = (abs: string, real: string, size: number): void => {
    if (size > MAX_DOCUMENT_BYTES) skip(abs, `skipped: larger than ${MAX_DOCUMENT_BYTES / 1024 / 1024} MB`);
    else found.push({ abs, real, size });
  };

  const visitDir = (dir: string, real: string): void => {
    // A symlink that points back up the tree would otherwise be walked forever.
    if (seenDirs.has(real)) {
      skip(dir, 'skipped: folder already scanned (symbolic link loop)');
      return;
    }
    seenDirs.add(real);
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch (e) {
      skip(dir, ioError(e));
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const ent of entries) visitEntry(ent, path.join(dir, ent.name), path.join(real, ent.name));
  };

  const visitEntry = (ent: fs.Dirent, abs: string, realGuess: string): void => {
    const candidate = isCandidate(ent.name);
    if (!ent.isSymbolicLink()) {
      if (ent.isDirectory()) {
        if (SKIPPED_DIRS.has(ent.name)) skip(abs, `skipped: ${ent.name} folder`);
        else visitDir(abs, realGuess);
      } else if (candidate) {
        visitFile(abs, realGuess, undefined);
      }
      return;
    }
    let st: fs.Stats;
    let real: string;
    try {
      st = fs.statSync(abs);
      real = fs.realpathSync(abs);
    } catch (e) {
      if (candidate) skip(abs, ioError(e));
      return;
    }
    if (st.isDirectory()) {
      if (SKIPPED_DIRS.has(ent.name)) skip(abs, `skipped: ${ent.name} folder`);
      else if (!inside(real)) skip(abs, 'skipped: symbolic link to a folder outside the scanned folders');
      else visitDir(abs, real);
    } else if (candidate) {
      if (!inside(real)) skip(abs, 'skipped: symbolic link to a file outside the scanned folders');
      else visitFile(abs, real, st);
    }
  };

  const visitFile = (abs: string, real: string, known: fs.Stats | undefined): void => {
    let st = known;
    try {
      st ??= fs.statSync(abs);
    } catch (e) {
      skip(abs, ioError(e));
      return;
    }
    if (!st.isFile()) skip(abs, `skipped: not a regular file (${kindOf(st)})`);
    else addFile(abs, real, st.size);
  };

  for (const n of named) {
    if (n.st === undefined || n.real === undefined) {
      skip(n.abs, ioError(n.error));
      fatal = true;
    } else if (n.st.isDirectory()) {
      visitDir(n.abs, n.real);
    } else if (n.st.isFile()) {
      addFile(n.abs, n.real, n.st.size);
    } else {
      skip(n.abs, `not a regular file or folder (${kindOf(n.st)})`);
      fatal = true;
    }
  }
  const files = oncePerRealPath(found, cwd, errors);
  files.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  return { files, errors, fatal };
}

/** One entry per real path: the one whose own path is the real one, else the first met; the others are reported. */
function oncePerRealPath(found: readonly Found[], cwd: string, errors: ScanError[]): { abs: string; file: string }[] {
  const byReal = new Map<string, Found>();
  for (const f of found) {
    const kept = byReal.get(f.real);
    if (!kept || (f.abs === f.real && kept.abs !== kept.real)) byReal.set(f.real, f);
  }
  const out: { abs: string; file: string }[] = [];
  const reported = new Set<string>();
  for (const f of found) {
    const kept = byReal.get(f.real)!;
    if (kept === f) out.push({ abs: f.abs, file: displayPath(f.abs, cwd) });
    else if (!reported.has(f.abs)) {
      // The same path named twice is one file, silently; another path to it is a skip worth saying.
      if (f.abs !== kept.abs)
        errors.push({ file: displayPath(f.abs, cwd), message: `skipped: same file as ${displayPath(kept.abs, cwd)}` });
      reported.add(f.abs);
    }
  }
  return out;
}
