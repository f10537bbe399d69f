import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { writeBack } from '../../cli/write-back';
import { buildOnce, IMDS_BAD, removeTemps, ROTATION_OFF, ROTATION_OFF_JSON, runCli, tempTree } from './helpers';

interface JsonReport {
  files: number;
  findings: { ruleId: string; file: string }[];
  errors: { file: string; message: string }[];
}

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);
/**
 * Two safe fixes (docs/fix-safety.md), one that adds a line (EnableLogFileValidation) and one that replaces a
 * value (EnableKeyRotation); `--fix` applies safe fixes only, and none of them removes a line (the writers'
 * CRLF removal is tested in test/core/fix-line-endings.test.ts).
 */
const TWO_SAFE_FIXES = `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  Trail:
    Type: AWS::CloudTrail::Trail
    Properties:
      IsLogging: true
      IsMultiRegionTrail: true
      S3BucketName: audit-logs
  DataKey:
    Type: AWS::KMS::Key
    Properties:
      EnableKeyRotation: false
`;
/** Files still holding a key that does not rotate (the safe fix these tests apply). */
const unrotated = (rep: JsonReport): string[] => rep.findings.filter((f) => f.ruleId === 'kms-key-rotation-enabled').map((f) => f.file);

/** What `--fix` makes of a text, from a plain LF UTF-8 copy: the reference the other encodings must match. */
async function fixedReference(name: string, text: string): Promise<string> {
  const dir = tempTree({ [name]: text });
  await runCli(['scan', '--fix', '--format', 'json'], dir);
  return fs.readFileSync(path.join(dir, name), 'utf8');
}

async function fixJson(dir: string, args: string[] = []): Promise<{ code: number | null; rep: JsonReport; stderr: string }> {
  const r = await runCli(['scan', '--fix', '--format', 'json', ...args], dir, { deadlineMs: 30_000 });
  return { code: r.code, rep: JSON.parse(r.stdout) as JsonReport, stderr: r.stderr };
}

describe('cli: --fix never loses or corrupts what it did not fix', function () {
  this.timeout(60_000);
  before(() => buildOnce());
  after(() => removeTemps());

  it('fixes an empty Properties mapping that needs two keys (it was "internal error: overlapping edits", findings lost)', async () => {
    const dir = tempTree({ 't.yaml': 'Resources:\n  T:\n    Type: AWS::CloudTrail::Trail\n    Properties: {}\n' });
    const { code, rep } = await fixJson(dir);
    assert.equal(code, 0, JSON.stringify(rep));
    assert.deepEqual(rep.errors, []);
    assert.match(
      fs.readFileSync(path.join(dir, 't.yaml'), 'utf8'),
      /Properties: \{EnableLogFileValidation: true, IsMultiRegionTrail: true\}/,
    );
  });

  it('keeps a UTF-8 byte-order mark, and every byte outside the fix', async () => {
    const ref = await fixedReference('lt.yaml', ROTATION_OFF);
    assert.notEqual(ref, ROTATION_OFF);
    const dir = tempTree({
      'lt.yaml': Buffer.concat([BOM, Buffer.from(ROTATION_OFF)]),
      'lt.json': Buffer.concat([BOM, Buffer.from(ROTATION_OFF_JSON)]),
    });
    const { code, rep } = await fixJson(dir);
    assert.equal(code, 0, JSON.stringify(rep.errors));
    assert.deepEqual(fs.readFileSync(path.join(dir, 'lt.yaml')), Buffer.concat([BOM, Buffer.from(ref)]));
    assert.deepEqual([...fs.readFileSync(path.join(dir, 'lt.json')).subarray(0, 3)], [...BOM]);
    assert.deepEqual(unrotated(rep), []);
  });

  it('refuses to write a file that is not valid UTF-8 (a Latin-1 byte in a comment), still analyses it, and says why (exit 2)', async () => {
    const latin1 = Buffer.concat([Buffer.from('# caf'), Buffer.from([0xe9]), Buffer.from(' au lait\n'), Buffer.from(ROTATION_OFF)]);
    const dir = tempTree({ 'latin1.yaml': latin1, 'ok.yaml': ROTATION_OFF });
    const { code, rep } = await fixJson(dir);
    assert.equal(code, 2);
    assert.deepEqual(fs.readFileSync(path.join(dir, 'latin1.yaml')), latin1, 'not one byte changed');
    assert.deepEqual(unrotated(rep), ['latin1.yaml'], 'its findings are still reported; ok.yaml was fixed');
    assert.deepEqual(rep.errors, [
      {
        file: 'latin1.yaml',
        message: 'not fixed: the file is not valid UTF-8 (Parapet writes back only UTF-8, so that no byte outside a fix changes)',
      },
    ]);
  });

  it('keeps CRLF line endings, adding a line too: a CRLF file fixed is the LF result with CRLF, and fixes are counted once', async () => {
    const ref = await fixedReference('p.yaml', TWO_SAFE_FIXES);
    assert.match(ref, /EnableLogFileValidation: true/);
    assert.match(ref, /EnableKeyRotation: true/);
    const dir = tempTree({ 'p.yaml': TWO_SAFE_FIXES.replace(/\n/g, '\r\n') });
    const r = await runCli(['scan', '--fix'], dir);
    assert.equal(fs.readFileSync(path.join(dir, 'p.yaml'), 'utf8'), ref.replace(/\n/g, '\r\n'));
    assert.match(r.stdout, /; 2 fixes applied in 1 file\n$/);
  });

  it('keeps the file mode, and a link to a file inside the tree stays a link (the file it points to is fixed)', async function () {
    if (process.platform === 'win32') this.skip();
    const dir = tempTree({ 'real/lt.yaml': ROTATION_OFF });
    fs.chmodSync(path.join(dir, 'real', 'lt.yaml'), 0o640);
    fs.symlinkSync(path.join('real', 'lt.yaml'), path.join(dir, 'link.yaml'));
    const { code } = await fixJson(dir, ['link.yaml']);
    assert.equal(code, 0);
    assert.ok(fs.lstatSync(path.join(dir, 'link.yaml')).isSymbolicLink());
    assert.match(fs.readFileSync(path.join(dir, 'real', 'lt.yaml'), 'utf8'), /EnableKeyRotation: true/);
    assert.equal(fs.statSync(path.join(dir, 'real', 'lt.yaml')).mode & 0o777, 0o640);
    assert.deepEqual(fs.readdirSync(path.join(dir, 'real')), ['lt.yaml'], 'no temporary file left behind');
  });

  it('a read-only file is not written: its findings stay, the failure is in errors, exit 2 (even with --fail-on never)', async function () {
    if (process.platform === 'win32') this.skip();
    const dir = tempTree({ 'ro.yaml': ROTATION_OFF, 'rw.yaml': ROTATION_OFF });
    fs.chmodSync(path.join(dir, 'ro.yaml'), 0o444);
    for (const failOn of ['error', 'never']) {
      const { code, rep, stderr } = await fixJson(dir, ['--fail-on', failOn]);
      assert.equal(code, 2, stderr);
      assert.deepEqual(unrotated(rep), ['ro.yaml']);
      assert.deepEqual(rep.errors, [{ file: 'ro.yaml', message: 'not fixed: the file is read-only' }]);
      assert.match(stderr, /1 files not fixed/);
    }
    assert.equal(fs.readFileSync(path.join(dir, 'ro.yaml'), 'utf8'), ROTATION_OFF);
    const text = await runCli(['scan', '--fix', 'ro.yaml'], dir);
    assert.match(text.stdout, /^ro\.yaml: not fixed: the file is read-only$/m);
    assert.match(text.stdout, /; 1 file not fixed\n$/);
  });

  it('a write the system refuses (EACCES) keeps the findings and is an error, not a clean scan', async function () {
    if (process.platform === 'win32') this.skip();
    const dir = tempTree({ 'app/lt.yaml': ROTATION_OFF });
    const app = path.join(dir, 'app');
    // As root every write is allowed: run the CLI as nobody over root's files; otherwise a folder without write access.
    const root = process.getuid?.() === 0;
    fs.chmodSync(dir, 0o755);
    fs.chmodSync(app, root ? 0o755 : 0o555);
    const r = await runCli(['scan', '--fix', '--format', 'json'], app, { deadlineMs: 30_000, ...(root ? { uid: 65534, gid: 65534 } : {}) });
    fs.chmodSync(app, 0o755);
    assert.equal(r.code, 2, r.stderr);
    const rep = JSON.parse(r.stdout) as JsonReport;
    assert.deepEqual(unrotated(rep), ['lt.yaml']);
    assert.equal(rep.errors.length, 1);
    assert.match(rep.errors[0].message, /^not fixed: cannot write \((EACCES|EPERM)\)$/);
    assert.equal(fs.readFileSync(path.join(app, 'lt.yaml'), 'utf8'), ROTATION_OFF);
  });
});

describe('cli: --fix writes only what it read (cli/write-back.ts)', () => {
  after(() => removeTemps());

  it('an edit made after the read is never overwritten: the write is refused as a conflict', () => {
    const dir = tempTree({ 'lt.yaml': IMDS_BAD });
    const file = path.join(dir, 'lt.yaml');
    const read = fs.readFileSync(file);
    fs.appendFileSync(file, '# an edit made while Parapet was analysing\n');
    const result = writeBack(file, read, IMDS_BAD.replace('t3.micro', 't3.small'));
    assert.deepEqual(result, { ok: false, message: 'the file changed while it was being scanned (run --fix again)' });
    assert.equal(fs.readFileSync(file, 'utf8'), `${IMDS_BAD}# an edit made while Parapet was analysing\n`);
  });

  it('an editor that saved by replacing the file (same bytes, new inode) is no conflict; changed bytes are', () => {
    const dir = tempTree({ 'lt.yaml': IMDS_BAD });
    const file = path.join(dir, 'lt.yaml');
    const read = fs.readFileSync(file);
    fs.writeFileSync(path.join(dir, 'new'), IMDS_BAD);
    fs.renameSync(path.join(dir, 'new'), file);
    assert.deepEqual(writeBack(file, read, 'fixed: true\n'), { ok: true });
    assert.equal(fs.readFileSync(file, 'utf8'), 'fixed: true\n');
    fs.writeFileSync(path.join(dir, 'new'), 'other: 1\n');
    fs.renameSync(path.join(dir, 'new'), file);
    assert.equal(writeBack(file, Buffer.from('fixed: true\n'), 'again: 1\n').ok, false);
    assert.equal(fs.readFileSync(file, 'utf8'), 'other: 1\n');
  });

  it('a file replaced by a folder or removed meanwhile is not written', () => {
    const dir = tempTree({ 'gone.yaml': IMDS_BAD, 'dir.yaml': IMDS_BAD });
    const read = Buffer.from(IMDS_BAD);
    fs.rmSync(path.join(dir, 'gone.yaml'));
    assert.deepEqual(writeBack(path.join(dir, 'gone.yaml'), read, 'x: 1\n'), { ok: false, message: 'cannot write (ENOENT)' });
    assert.ok(!fs.existsSync(path.join(dir, 'gone.yaml')));
    fs.rmSync(path.join(dir, 'dir.yaml'));
    fs.mkdirSync(path.join(dir, 'dir.yaml'));
    assert.equal(writeBack(path.join(dir, 'dir.yaml'), read, 'x: 1\n').ok, false);
    assert.ok(fs.statSync(path.join(dir, 'dir.yaml')).isDirectory());
  });
});
