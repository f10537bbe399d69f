import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ClassDecl, FileSites, lastName, Site } from './site';

function fsPath(uri: string): string | undefined {
  try {
    return uri.startsWith('file:') ? fileURLToPath(uri) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The construct sites of every CDK source file of one app, looked up by construct id, by class and
 * by file. Built per analysis from the files' sites (the open document's current text replaces its
 * saved one), so it is cheap: maps over the sites, no parsing.
 */
export class SourceIndex {
  readonly files = new Map<string, FileSites>();
  private readonly byId = new Map<string, Site[]>();
  private readonly patterned: Site[] = [];
  private readonly classes = new Map<string, ClassDecl[]>();
  /** File-system path → URI, for creation-stack frames. */
  private readonly byPath = new Map<string, string>();

  constructor(files: Iterable<FileSites>) {
    for (const f of files) {
      this.files.set(f.uri, f);
      const p = fsPath(f.uri);
      if (p) this.byPath.set(path.resolve(p), f.uri);
      for (const s of f.sites) {
        if (s.id !== undefined) push(this.byId, s.id, s);
        else if (s.pattern) this.patterned.push(s);
      }
      for (const c of f.classes) push(this.classes, c.name, c);
    }
  }

  /** Sites whose id is `id` (literal ids first; template-string ids that match only when no literal one does). */
  withId(id: string): Site[] {
    const exact = this.byId.get(id);
    if (exact?.length) return exact;
    return this.patterned.filter((s) => s.pattern!.test(id));
  }

  /** Declarations of a class, by its last name. */
  classNamed(cls: string): ClassDecl[] {
    return this.classes.get(lastName(cls)) ?? [];
  }

  /** Sites inside a span of a file. */
  sitesIn(uri: string, start: number, end: number): Site[] {
    return (this.files.get(uri)?.sites ?? []).filter((s) => s.start >= start && s.end <= end);
  }

  /**
   * The indexed file a creation-stack frame names: the same path, else the file sharing the longest
   * tail of folders with it (the synth may have run in another checkout, a container or CI).
   */
  fileOfFrame(file: string): string | undefined {
    const exact = this.byPath.get(path.resolve(file));
    if (exact) return exact;
    const want = file.split(/[\\/]/).filter(Boolean).reverse();
    let best: string | undefined;
    let bestLen = 0;
    let tie = false;
    for (const [p, uri] of this.byPath) {
      const have = p.split(/[\\/]/).filter(Boolean).reverse();
      let n = 0;
      while (n < want.length && n < have.length && want[n] === have[n]) n++;
      if (n > bestLen) {
        best = uri;
        bestLen = n;
        tie = false;
      } else if (n === bestLen && n > 0) tie = true;
    }
    return bestLen > 0 && !tie ? best : undefined;
  }
}

function push<T>(m: Map<string, T[]>, k: string, v: T): void {
  const list = m.get(k);
  if (list) list.push(v);
  else m.set(k, [v]);
}
