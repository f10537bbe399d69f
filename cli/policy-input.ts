/** Reading the policies a `parapet policy` check compares: files, folders, and a baseline from git. */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { loadProject } from '../core/cdk/project';
import { MAX_DOCUMENT_BYTES, parseDocument, ParsedDocument, syntaxOf } from '../core/document';
import { decodeText, describeFailure, readRegularFileSync } from '../core/files';
import { loadPython } from './worker';

/** A parsed input, or why it could not be read. */
export type Loaded = { ok: true; doc: ParsedDocument; file: string } | { ok: false; file: string; message: string };

let python: Promise<void> | undefined;

/** Parses text as the file `abs`, after loading what CDK analysis needs for it (project, Python grammar). */
export async function parseAs(abs: string, text: string, file: string): Promise<Loaded> {
  const uri = pathToFileURL(abs).href;
  const syntax = syntaxOf(uri, text);
  if (syntax === 'python') await (python ??= loadPython());
  if (syntax === 'typescript' || syntax === 'python') await loadProject(uri);
  return { ok: true, doc: parseDocument(uri, 1, text), file };
}

/** Reads and parses one regular file (bounded read). */
export async function loadFile(abs: string, file: string): Promise<Loaded> {
  const read = readRegularFileSync(abs, MAX_DOCUMENT_BYTES);
  if (!read.ok) return { ok: false, file, message: read.reason === 'io' ? `cannot read (${read.code})` : describeFailure(read) };
  return parseAs(abs, decodeText(read.bytes), file);
}

/**
 * The baseline: a file, else `REF:path` read with `git show` in the current folder (no network:
 * git reads its own object store). `path` is relative to the repository root, `./path` to the folder.
 */
export async function loadBaseline(spec: string, cwd: string): Promise<Loaded> {
  const abs = path.resolve(cwd, spec);
  if (fs.existsSync(abs)) return loadFile(abs, spec);
  const m = /^([^:]+):(.+)$/.exec(spec);
  if (!m) return { ok: false, file: spec, message: 'no such file, and not a REF:path git object' };
  let text: string;
  try {
    const out = execFileSync('git', ['show', '--no-textconv', `${m[1]}:${m[2]}`], {
      cwd,
      maxBuffer: MAX_DOCUMENT_BYTES,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, GIT_TERMINAL_PROMPT: '0' },
    });
    text = decodeText(out);
  } catch (e) {
    const stderr = (e as { stderr?: Buffer }).stderr?.toString('utf8').split('\n')[0]?.trim();
    return { ok: false, file: spec, message: `git show failed${stderr ? `: ${stderr}` : ''}` };
  }
  // The name decides how the text is read (template, policy, CDK source), as for the file itself.
  return parseAs(path.resolve(cwd, m[2]), text, spec);
}
