import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { inflateRawSync } from 'node:zlib';

export const ROOT = path.resolve(__dirname, '../../..');
const VERSION = (JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;

let built: string | undefined;

/**
 * The flags `npm run package` passes. Relative README links stay relative (they resolve inside the
 * VSIX). vsce's secret scan flags the example Slack webhook in a rule's docs page (the rule detects
 * such URLs); only that kind is allowed, every other secret still fails packaging.
 */
export const VSCE_FLAGS = ['--no-dependencies', '--no-rewrite-relative-links', '--allow-package-secrets', 'slack'];

/**
 * Packages the extension with `@vscode/vsce` with the same flags as `npm run package` (from the bundles that
 * `npm run build` made), once per test process, into `.test-output/package/parapet-<version>.vsix`.
 */
export function buildVsix(): string {
  if (built) return built;
  for (const f of ['dist/client.js', 'dist/server.js']) {
    if (!existsSync(path.join(ROOT, f))) throw new Error(`${f} is missing: run npm run build first`);
  }
  const outDir = path.join(ROOT, '.test-output', 'package');
  mkdirSync(outDir, { recursive: true });
  const out = path.join(outDir, `parapet-${VERSION}.vsix`);
  rmSync(out, { force: true });
  const vsce = path.join(ROOT, 'node_modules', '@vscode', 'vsce', 'vsce');
  const r = spawnSync(process.execPath, [vsce, 'package', ...VSCE_FLAGS, '--out', out], {
    cwd: ROOT,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: 120_000,
  });
  if (r.status !== 0 || !existsSync(out)) throw new Error(`vsce package failed (${r.status}): ${r.stderr}\n${r.stdout}`);
  built = out;
  return out;
}

export interface ZipEntry {
  name: string;
  size: number;
  compressedSize: number;
  offset: number;
  method: number;
}

/** Entries of a zip file, read from its central directory (a VSIX is a zip). */
export function zipEntries(file: string): ZipEntry[] {
  const buf = readFileSync(file);
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 65_557); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error(`${file} is not a zip`);
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  const out: ZipEntry[] = [];
  for (let n = 0; n < count; n++) {
    if (buf.readUInt32LE(p) !== 0x02014b50) throw new Error('bad central directory');
    const method = buf.readUInt16LE(p + 10);
    const compressedSize = buf.readUInt32LE(p + 20);
    const size = buf.readUInt32LE(p + 24);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const offset = buf.readUInt32LE(p + 42);
    out.push({ name: buf.toString('utf8', p + 46, p + 46 + nameLen), size, compressedSize, offset, method });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return out;
}

/** One entry's bytes. */
export function zipRead(file: string, entry: ZipEntry): Buffer {
  const buf = readFileSync(file);
  const h = entry.offset;
  const start = h + 30 + buf.readUInt16LE(h + 26) + buf.readUInt16LE(h + 28);
  const data = buf.subarray(start, start + entry.compressedSize);
  return entry.method === 0 ? Buffer.from(data) : inflateRawSync(data);
}

export const sizeOf = (file: string): number => statSync(file).size;
