import * as fs from 'node:fs';
import * as path from 'node:path';
import { MAX_DOCUMENT_BYTES } from '../core/document';

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

function ioMessage(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  switch (err.code) {
    case 'ENOENT':
      return 'no such file or directory';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ELOOP':
      return 'too many levels of symbolic links';
    default:
      return err.code ? `cannot read (${err.code})` : `cannot read: ${String(e)}`;
  }
}

/** Collects the files under the given paths, reporting every skip and I/O error instead of stopping. */
export function walk(paths: readonly string[], cwd: string = process.cwd()): WalkResult {
  const files = new Map<string, string>();
  const errors: ScanError[] = [];
  const seenDirs = new Set<string>();
  let fatal = false;

  const addFile = (abs: string, size: number): void => {
    const shown = displayPath(abs, cwd);
    if (size > MAX_DOCUMENT_BYTES) {
      errors.push({ file: shown, message: `skipped: larger than ${MAX_DOCUMENT_BYTES / 1024 / 1024} MB` });
      return;
    }
    files.set(abs, shown);
  };

  const visitDir = (dir: string): void => {
    let real: string;
    try {
      real = fs.realpathSync(dir);
    } catch (e) {
      errors.push({ file: displayPath(dir, cwd), message: ioMessage(e) });
      return;
    }
    // A symlink that points back up the tree would otherwise be walked forever.
    if (seenDirs.has(real)) {
      errors.push({ file: displayPath(dir, cwd), message: 'skipped: folder already scanned (symbolic link loop)' });
      return;
    }
    seenDirs.add(real);
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch (e) {
      errors.push({ file: displayPath(dir, cwd), message: ioMessage(e) });
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const ent of entries) {
      const abs = path.join(dir, ent.name);
      let isDir = ent.isDirectory();
      let isFile = ent.isFile();
      let size = -1;
      if (ent.isSymbolicLink()) {
        try {
          const st = fs.statSync(abs);
          isDir = st.isDirectory();
          isFile = st.isFile();
          size = st.size;
        } catch (e) {
          if (CANDIDATE_EXTENSIONS.includes(path.extname(ent.name).toLowerCase())) {
            errors.push({ file: displayPath(abs, cwd), message: ioMessage(e) });
          }
          continue;
        }
      }
      if (isDir) {
        if (SKIPPED_DIRS.has(ent.name)) errors.push({ file: displayPath(abs, cwd), message: `skipped: ${ent.name} folder` });
        else visitDir(abs);
      } else if (isFile && CANDIDATE_EXTENSIONS.includes(path.extname(ent.name).toLowerCase())) {
        if (size < 0) {
          try {
            size = fs.statSync(abs).size;
          } catch (e) {
            errors.push({ file: displayPath(abs, cwd), message: ioMessage(e) });
            continue;
          }
        }
        addFile(abs, size);
      }
    }
  };

  for (const p of paths) {
    const abs = path.resolve(cwd, p);
    let st: fs.Stats;
    try {
      st = fs.statSync(abs);
    } catch (e) {
      errors.push({ file: displayPath(abs, cwd), message: ioMessage(e) });
      fatal = true;
      continue;
    }
    if (st.isDirectory()) visitDir(abs);
    else if (st.isFile()) addFile(abs, st.size);
    else {
      errors.push({ file: displayPath(abs, cwd), message: 'not a regular file or folder' });
      fatal = true;
    }
  }
  const list = [...files].map(([abs, file]) => ({ abs, file }));
  list.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  return { files: list, errors, fatal };
}
