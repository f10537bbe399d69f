import { isUtf8 } from 'node:buffer';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { MAX_DOCUMENT_BYTES } from '../core/document';
import { hasBom, readRegularFileSync } from '../core/files';

/** Why `--fix` did not write a file; the text goes into the report's errors after `not fixed: `. */
export type WriteBack = { ok: true } | { ok: false; message: string };

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/** A temporary name beside the file (same folder, so the rename stays on one file system), hidden and unique. */
function tempBeside(real: string): string {
  return path.join(path.dirname(real), `.${path.basename(real)}.parapet-${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
}

function errno(e: unknown): string {
  return (e as NodeJS.ErrnoException).code ?? String(e);
}

function removeQuietly(file: string): void {
  try {
    fs.rmSync(file, { force: true });
  } catch {
    // Left behind only if the folder refuses even that; the name says what it is.
  }
}

/** True when the file on disk still holds exactly the bytes that were read and analysed. */
function unchanged(real: string, original: Buffer): boolean {
  const now = readRegularFileSync(real, Math.max(original.length, MAX_DOCUMENT_BYTES));
  return now.ok && now.bytes.equals(original);
}

/** Writes `bytes` into a new file beside `real`, with `real`'s mode (and owner, when allowed), flushed to disk. */
function writeTemp(temp: string, bytes: Buffer, st: fs.Stats): void {
  const fd = fs.openSync(temp, 'wx', st.mode & 0o777);
  try {
    fs.writeSync(fd, bytes);
    // The umask may have narrowed the mode given to open; the fixed file keeps the original's exactly.
    fs.fchmodSync(fd, st.mode & 0o7777);
    if (typeof process.getuid === 'function' && (st.uid !== process.getuid() || st.gid !== process.getgid?.())) {
      try {
        fs.fchownSync(fd, st.uid, st.gid);
      } catch {
        // Only root may give a file away; the fixed file is then the writer's, as any editor's save would make it.
      }
    }
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Writes fixed text over a file, only if the file still holds the bytes that were read (an edit
 * made meanwhile is never overwritten), atomically (a temporary file in the same folder, renamed
 * over the real path, so a link stays a link and a crash leaves the old or the new file, never
 * half of one), keeping the file's mode and its UTF-8 byte-order mark. A file that is not valid
 * UTF-8 or is read-only is not written. The check and the rename are a few microseconds apart:
 * an edit saved in that instant can still be lost, as with any editor.
 */
export function writeBack(abs: string, original: Buffer, text: string): WriteBack {
  // Decoding turned every invalid byte into U+FFFD: writing the text back would change bytes nobody edited.
  if (!isUtf8(hasBom(original) ? original.subarray(3) : original)) {
    return { ok: false, message: 'the file is not valid UTF-8 (Parapet writes back only UTF-8, so that no byte outside a fix changes)' };
  }
  const body = Buffer.from(text, 'utf8');
  const bytes = hasBom(original) ? Buffer.concat([BOM, body]) : body;
  let real: string;
  let st: fs.Stats;
  try {
    real = fs.realpathSync(abs);
    st = fs.statSync(real);
  } catch (e) {
    return { ok: false, message: `cannot write (${errno(e)})` };
  }
  if (!st.isFile() || !unchanged(real, original))
    return { ok: false, message: 'the file changed while it was being scanned (run --fix again)' };
  // Write access is asked of the file, not only of its folder: the rename would replace a read-only file (even as root).
  if ((st.mode & 0o222) === 0) return { ok: false, message: 'the file is read-only' };
  try {
    fs.accessSync(real, fs.constants.W_OK);
  } catch (e) {
    return { ok: false, message: `cannot write (${errno(e)})` };
  }
  const temp = tempBeside(real);
  try {
    writeTemp(temp, bytes, st);
    if (!unchanged(real, original)) {
      removeQuietly(temp);
      return { ok: false, message: 'the file changed while it was being scanned (run --fix again)' };
    }
    fs.renameSync(temp, real);
    return { ok: true };
  } catch (e) {
    removeQuietly(temp);
    return { ok: false, message: `cannot write (${errno(e)})` };
  }
}
