/**
 * Reading a cloud assembly (`cdk.out`) the user's own synth wrote. The reading logic is written once,
 * as steps that ask for files (`ReadSteps`); `runSync` (CLI, tests) and `runAsync` (the language
 * server, which must never block its event loop) answer them. Every file is read through
 * core/files.ts (regular files only, bounded reads) and only when its real path lies inside the
 * assembly folder's real path: a link out of `cdk.out` is refused, whatever it points at.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { decodeText, describeFailure, readRegularFile, readRegularFileSync } from '../files';

/** One file the steps want, read whole or refused past `limit` bytes. */
export interface FileRequest {
  file: string;
  limit: number;
}

export type FileReply = { ok: true; text: string; mtimeMs: number } | { ok: false; message: string };

/** Reading steps: yield a request, receive its reply, return the result. */
export type ReadSteps<T> = Generator<FileRequest, T, FileReply>;

/** True when `real` is `root` or lies under it. */
export function isInside(real: string, root: string): boolean {
  return real === root || real.startsWith(root.endsWith(path.sep) ? root : root + path.sep);
}

const OUTSIDE: FileReply = { ok: false, message: 'a link to a file outside the cloud assembly folder (not read)' };

function missing(e: unknown): FileReply {
  const code = (e as NodeJS.ErrnoException).code;
  return { ok: false, message: describeFailure({ reason: 'io', code: code ?? String(e) }) };
}

function readSync(req: FileRequest, root: string): FileReply {
  let real: string;
  try {
    real = fs.realpathSync(req.file);
  } catch (e) {
    return missing(e);
  }
  if (!isInside(real, root)) return OUTSIDE;
  const read = readRegularFileSync(real, req.limit);
  if (!read.ok) return { ok: false, message: describeFailure(read) };
  let mtimeMs = 0;
  try {
    mtimeMs = fs.statSync(real).mtimeMs;
  } catch {
    // Read a moment ago: a file removed since still has the text read.
  }
  return { ok: true, text: decodeText(read.bytes), mtimeMs };
}

async function readAsync(req: FileRequest, root: string): Promise<FileReply> {
  let real: string;
  try {
    real = await fs.promises.realpath(req.file);
  } catch (e) {
    return missing(e);
  }
  if (!isInside(real, root)) return OUTSIDE;
  const read = await readRegularFile(real, req.limit);
  if (!read.ok) return { ok: false, message: describeFailure(read) };
  const mtimeMs = await fs.promises.stat(real).then(
    (s) => s.mtimeMs,
    () => 0,
  );
  return { ok: true, text: decodeText(read.bytes), mtimeMs };
}

/** Runs the steps with synchronous reads; `root` is the real path every file must lie under. */
export function runSync<T>(steps: ReadSteps<T>, root: string): T {
  let step = steps.next(undefined as unknown as FileReply);
  while (!step.done) step = steps.next(readSync(step.value, root));
  return step.value;
}

/** Runs the steps with asynchronous reads (the language server). */
export async function runAsync<T>(steps: ReadSteps<T>, root: string): Promise<T> {
  let step = steps.next(undefined as unknown as FileReply);
  while (!step.done) step = steps.next(await readAsync(step.value, root));
  return step.value;
}
