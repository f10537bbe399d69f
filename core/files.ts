/**
 * Reading files Parapet did not get from the editor (a scanned template, a CDK project's
 * package.json or cdk.json, its own data): a repository can hold a FIFO, a device or a symbolic
 * link to `/dev/zero` under any name, so every such read checks it is a regular file and reads at
 * most a limit, with a bounded read (never read-then-check). This is the one place in `core/`
 * that opens user files.
 */
import * as fs from 'node:fs';

/** Why a file was not read. */
export type ReadFailure =
  /** A FIFO, device, socket or folder; `what` names it. */
  | { reason: 'not-a-file'; what: string }
  | { reason: 'too-large'; limit: number }
  /** The system refused (`code` is its errno name, e.g. ENOENT, EACCES). */
  | { reason: 'io'; code: string };

export type ReadOutcome = { ok: true; bytes: Buffer } | ({ ok: false } & ReadFailure);

// O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer (forever); regular files ignore it.
// O_NOCTTY: a terminal device never becomes the process's controlling terminal. Both are 0 on Windows.
const OPEN_FLAGS = fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0) | (fs.constants.O_NOCTTY ?? 0);

/** What a non-regular file is, for messages. */
export function kindOf(st: fs.Stats): string {
  if (st.isDirectory()) return 'a folder';
  if (st.isFIFO()) return 'a FIFO';
  if (st.isCharacterDevice() || st.isBlockDevice()) return 'a device';
  if (st.isSocket()) return 'a socket';
  return 'not a regular file';
}

function failed(e: unknown): { ok: false } & ReadFailure {
  const code = (e as NodeJS.ErrnoException).code;
  return { ok: false, reason: 'io', code: code ?? String(e) };
}

function notAFile(st: fs.Stats): { ok: false } & ReadFailure {
  return { ok: false, reason: 'not-a-file', what: kindOf(st) };
}

/** A buffer for a file of `size` bytes: one byte more, so the read that sees the end needs no new buffer. */
function firstBuffer(size: number, limit: number): Buffer {
  return Buffer.allocUnsafe(Math.min(size, limit) + 1);
}

/** The next buffer when the file turned out longer than its size said (it grew, or a /proc file): at most limit + 1 bytes. */
function grown(buf: Buffer, limit: number): Buffer {
  const next = Buffer.allocUnsafe(Math.min(buf.length * 2, limit + 1));
  buf.copy(next);
  return next;
}

/**
 * Reads a regular file of at most `limit` bytes. Follows symbolic links (the caller decides which
 * it allows); refuses anything else without reading it, and stops reading at `limit + 1` bytes.
 */
export function readRegularFileSync(file: string, limit: number): ReadOutcome {
  let fd: number;
  try {
    // stat before open: opening a device can have side effects; the fstat below closes the race.
    const st = fs.statSync(file);
    if (!st.isFile()) return notAFile(st);
    fd = fs.openSync(file, OPEN_FLAGS);
  } catch (e) {
    return failed(e);
  }
  try {
    const st = fs.fstatSync(fd);
    if (!st.isFile()) return notAFile(st);
    if (st.size > limit) return { ok: false, reason: 'too-large', limit };
    let buf = firstBuffer(st.size, limit);
    let n = 0;
    for (;;) {
      if (n === buf.length) {
        if (n > limit) return { ok: false, reason: 'too-large', limit };
        buf = grown(buf, limit);
      }
      const got = fs.readSync(fd, buf, n, buf.length - n, null);
      if (got === 0) return { ok: true, bytes: buf.subarray(0, n) };
      n += got;
    }
  } catch (e) {
    return failed(e);
  } finally {
    fs.closeSync(fd);
  }
}

/** `readRegularFileSync` without blocking the event loop (the language server reads this way). */
export async function readRegularFile(file: string, limit: number): Promise<ReadOutcome> {
  let handle: fs.promises.FileHandle;
  try {
    const st = await fs.promises.stat(file);
    if (!st.isFile()) return notAFile(st);
    handle = await fs.promises.open(file, OPEN_FLAGS);
  } catch (e) {
    return failed(e);
  }
  try {
    const st = await handle.stat();
    if (!st.isFile()) return notAFile(st);
    if (st.size > limit) return { ok: false, reason: 'too-large', limit };
    let buf = firstBuffer(st.size, limit);
    let n = 0;
    for (;;) {
      if (n === buf.length) {
        if (n > limit) return { ok: false, reason: 'too-large', limit };
        buf = grown(buf, limit);
      }
      const { bytesRead } = await handle.read(buf, n, buf.length - n, null);
      if (bytesRead === 0) return { ok: true, bytes: buf.subarray(0, n) };
      n += bytesRead;
    }
  } catch (e) {
    return failed(e);
  } finally {
    await handle.close().catch(() => undefined);
  }
}

/** A short English reason for a failed read, e.g. `not a regular file (a FIFO)`; never names file content. */
export function describeFailure(f: ReadFailure): string {
  switch (f.reason) {
    case 'not-a-file':
      return f.what === 'a folder' ? 'is a folder, not a file' : `not a regular file (${f.what})`;
    case 'too-large':
      return `larger than ${formatBytes(f.limit)}`;
    case 'io':
      return ioMessage(f.code);
  }
}

function formatBytes(n: number): string {
  return n % (1024 * 1024) === 0 ? `${n / 1024 / 1024} MB` : `${n} bytes`;
}

/** An errno name as a short message. */
export function ioMessage(code: string | undefined): string {
  switch (code) {
    case 'ENOENT':
      return 'no such file or directory';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ELOOP':
      return 'too many levels of symbolic links';
    default:
      return `cannot read (${code ?? 'unknown error'})`;
  }
}

const BOM = [0xef, 0xbb, 0xbf];

/** True when the bytes start with the UTF-8 byte-order mark. */
export function hasBom(bytes: Uint8Array): boolean {
  return bytes.length >= 3 && bytes[0] === BOM[0] && bytes[1] === BOM[1] && bytes[2] === BOM[2];
}

/**
 * The text of a file's bytes as UTF-8, without its byte-order mark (editors drop it, so positions
 * must not count it). Bytes that are not UTF-8 become U+FFFD: the file is still analysed, but
 * `--fix` refuses to write it back (see cli/write-back.ts).
 */
export function decodeText(bytes: Buffer): string {
  return hasBom(bytes) ? bytes.toString('utf8', 3) : bytes.toString('utf8');
}
