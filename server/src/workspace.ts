import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isExcluded } from './glob';

/** File-system path of a `file:` URI; undefined for other schemes (unsaved buffers, virtual files). */
export function fsPathOf(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

/** The workspace folders the client told us about, for relative paths and the scan. */
export class WorkspaceFolders {
  private folders: string[] = [];

  /** Replaces the folder list (URIs). */
  set(uris: readonly string[]): void {
    this.folders = [...new Set(uris)];
  }

  add(uris: readonly string[]): void {
    this.set([...this.folders, ...uris]);
  }

  remove(uris: readonly string[]): void {
    const gone = new Set(uris);
    this.folders = this.folders.filter((f) => !gone.has(f));
  }

  list(): string[] {
    return [...this.folders];
  }

  /** Path of `uri` relative to the innermost workspace folder holding it, `/`-separated. */
  relative(uri: string): string | undefined {
    const file = fsPathOf(uri);
    if (!file) return undefined;
    let best: string | undefined;
    for (const f of this.folders) {
      const root = fsPathOf(f);
      if (!root) continue;
      const rel = path.relative(root, file);
      if (rel && !rel.startsWith('..') && !path.isAbsolute(rel) && (best === undefined || rel.length < best.length)) best = rel;
    }
    return best?.split(path.sep).join('/');
  }

  /** True when the settings' `exclude` globs leave this document out. */
  excluded(uri: string, globs: readonly string[]): boolean {
    const file = fsPathOf(uri);
    if (!file || !globs.length) return false;
    return isExcluded(globs, this.relative(uri), file);
  }
}
