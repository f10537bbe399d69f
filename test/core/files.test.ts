import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { decodeText, readRegularFile, readRegularFileSync, ReadOutcome } from '../../core/files';

describe('core: reading files Parapet did not get from the editor', () => {
  let dir: string;
  before(function () {
    if (process.platform === 'win32') this.skip();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parapet-files-'));
    fs.writeFileSync(path.join(dir, 'small.json'), '{"a":1}');
    fs.writeFileSync(path.join(dir, 'exact'), Buffer.alloc(100, 0x61));
    fs.writeFileSync(path.join(dir, 'over'), Buffer.alloc(101, 0x61));
    fs.writeFileSync(path.join(dir, 'empty'), '');
    fs.mkdirSync(path.join(dir, 'folder'));
    const fifo = spawnSync('mkfifo', [path.join(dir, 'fifo')]);
    assert.equal(fifo.status, 0);
    fs.symlinkSync('/dev/zero', path.join(dir, 'zero'));
    fs.symlinkSync('/dev/urandom', path.join(dir, 'random'));
    fs.symlinkSync('small.json', path.join(dir, 'link.json'));
  });
  after(() => {
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  const both = async (name: string, limit = 100): Promise<ReadOutcome> => {
    const sync = readRegularFileSync(path.join(dir, name), limit);
    const async = await readRegularFile(path.join(dir, name), limit);
    assert.deepEqual(async, sync, `${name}: the async read agrees with the sync one`);
    return sync;
  };
  const text = (r: ReadOutcome): string | undefined => (r.ok ? r.bytes.toString('utf8') : undefined);

  it('reads regular files, and links to them, up to the limit exactly', async () => {
    assert.equal(text(await both('small.json')), '{"a":1}');
    assert.equal(text(await both('link.json')), '{"a":1}');
    assert.equal(text(await both('exact')), 'a'.repeat(100));
    assert.equal(text(await both('empty')), '');
  });

  it('refuses a file over the limit', async () => {
    assert.deepEqual(await both('over'), { ok: false, reason: 'too-large', limit: 100 });
  });

  it('refuses a FIFO, devices behind links and a folder, without reading them (and without waiting for a writer)', async () => {
    assert.deepEqual(await both('fifo'), { ok: false, reason: 'not-a-file', what: 'a FIFO' });
    assert.deepEqual(await both('zero'), { ok: false, reason: 'not-a-file', what: 'a device' });
    assert.deepEqual(await both('random'), { ok: false, reason: 'not-a-file', what: 'a device' });
    assert.deepEqual(await both('folder'), { ok: false, reason: 'not-a-file', what: 'a folder' });
  });

  it('reports a missing file by its errno name', async () => {
    assert.deepEqual(await both('missing'), { ok: false, reason: 'io', code: 'ENOENT' });
  });

  it('a file that reports size 0 but has content (like /proc files) is still bounded by the limit', function () {
    if (!fs.existsSync('/proc/self/status')) this.skip();
    const r = readRegularFileSync('/proc/self/status', 64);
    assert.deepEqual(r, { ok: false, reason: 'too-large', limit: 64 });
    const whole = readRegularFileSync('/proc/self/status', 1024 * 1024);
    assert.ok(whole.ok && whole.bytes.toString('utf8').includes('Name:'));
  });

  it('decodes UTF-8 without the byte-order mark', () => {
    assert.equal(decodeText(Buffer.from([0xef, 0xbb, 0xbf, 0x61, 0x62])), 'ab');
    assert.equal(decodeText(Buffer.from('é', 'utf8')), 'é');
    assert.equal(decodeText(Buffer.from([0x61, 0xe9, 0x62])), 'a\ufffdb', 'Latin-1 bytes are still analysed');
  });
});
