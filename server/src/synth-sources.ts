/**
 * The CDK source files of one app as saved on disk, with their construct sites: mapping a synthesized
 * finding back walks the construct path through every file of the app (the stack in `bin/app.ts`, a
 * construct class in `lib/`), not only the open one. Files are read through core/files.ts (regular
 * files, bounded), only inside the app folder, and parsed again only when their modification time
 * changed; the event loop is given back between files.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { FileSites, isInside, sitesOf } from '../../core/cloud-assembly';
import { MAX_DOCUMENT_BYTES, parseDocument } from '../../core/document';
import { decodeText, readRegularFile } from '../../core/files';

/** Folders that hold no source of the app's own. */
const SKIPPED = new Set(['node_modules', 'cdk.out', '.git', '__pycache__', '.venv', 'venv', 'dist', 'build', 'coverage']);
const SOURCE = /\.(?:tsx?|py)$/i;
/** An app with more source files than this is indexed up to it (the rest cannot anchor a construct path). */
export const MAX_SOURCE_FILES = 2000;
const MAX_DEPTH = 12;

/** One saved source file: its text (to tell an editor buffer's unsaved changes) and sites. */
export interface SavedSource {
  mtimeMs: number;
  text: string;
  /** Undefined when the file is not CDK source. */
  sites?: FileSites;
}

const yieldToLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** The app's candidate source files (absolute paths), sorted; asset and output folders left out. */
async function listSources(appDir: string, outDir: string): Promise<string[]> {
  const out: string[] = [];
  const walk = async (dir: string, depth: number): Promise<void> => {
    if (depth > MAX_DEPTH || out.length >= MAX_SOURCE_FILES) return;
    let entries: import('node:fs').Dirent[];
    try {
      entries = await fs.readdir(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const p = path.join(dir, e.name);
      // Links are not followed: a link out of the app must not make Parapet read elsewhere.
      if (e.isDirectory()) {
        if (!SKIPPED.has(e.name) && !e.name.startsWith('.') && !e.name.startsWith('asset.') && p !== outDir) await walk(p, depth + 1);
      } else if (e.isFile() && SOURCE.test(e.name) && !e.name.endsWith('.d.ts') && out.length < MAX_SOURCE_FILES) out.push(p);
    }
  };
  await walk(appDir, 0);
  return out;
}

/** A copy of a file's sites that keeps its text and line index, not its syntax tree (memory: every file of the app is kept). */
function keepSites(found: FileSites): FileSites {
  return { ...found, doc: { ...found.doc, root: undefined, template: undefined, cdk: undefined } };
}

async function readSource(file: string, mtimeMs: number): Promise<SavedSource | undefined> {
  const read = await readRegularFile(file, MAX_DOCUMENT_BYTES);
  if (!read.ok) return undefined;
  const text = decodeText(read.bytes);
  const doc = parseDocument(pathToFileURL(file).href, 0, text);
  if (doc.kind !== 'cdk-ts' && doc.kind !== 'cdk-py') return { mtimeMs, text };
  const found = sitesOf(doc);
  doc.cdk?.state?.dispose?.();
  return { mtimeMs, text, sites: found && keepSites({ uri: doc.uri, doc, ...found, mtimeMs }) };
}

/**
 * Brings `known` (file → saved source) up to date with the app folder: new and changed files are
 * read and parsed, removed ones dropped. `realApp` is the app folder's real path: a file whose real
 * path leaves it is not read.
 */
export async function refreshSources(appDir: string, outDir: string, realApp: string, known: Map<string, SavedSource>): Promise<void> {
  const files = await listSources(appDir, outDir);
  const present = new Set(files);
  for (const f of [...known.keys()]) if (!present.has(f)) known.delete(f);
  for (const file of files) {
    let mtimeMs: number;
    try {
      const real = await fs.realpath(file);
      if (!isInside(real, realApp)) continue;
      mtimeMs = (await fs.stat(real)).mtimeMs;
    } catch {
      known.delete(file);
      continue;
    }
    if (known.get(file)?.mtimeMs === mtimeMs) continue;
    const saved = await readSource(file, mtimeMs);
    if (saved) known.set(file, saved);
    else known.delete(file);
    await yieldToLoop();
  }
}
