import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { generateJson, generateYaml } from '../../bench/generate';
import { batchesOf, scanFiles, workerCount } from '../../cli/pool';
import { FileResult } from '../../cli/scan-file';

/** A folder of templates (some malformed, one that is not a template) and one listed file that does not exist. */
function corpus(count: number): { abs: string; file: string }[] {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parapet-pool-'));
  const files: { abs: string; file: string }[] = [];
  for (let i = 0; i < count; i++) {
    const name = `t${String(i).padStart(4, '0')}`;
    let file: string;
    let text: string;
    if (i % 37 === 5) [file, text] = [`${name}.yaml`, 'Resources:\n  X:\n    Type: [unclosed\n'];
    else if (i % 41 === 7) [file, text] = [`${name}.json`, '{ "Resources": { "X": { "Type": "AWS::IAM::User" } }'];
    else if (i % 53 === 9) [file, text] = [`${name}.yaml`, 'just: a config file\n'];
    else if (i % 5 === 4) [file, text] = [`${name}.json`, generateJson(60 + (i % 7) * 10, i + 1)];
    else [file, text] = [`${name}.yaml`, generateYaml(60 + (i % 7) * 10, i + 1)];
    fs.writeFileSync(path.join(dir, file), text);
    files.push({ abs: path.join(dir, file), file });
  }
  files.splice(count >> 1, 0, { abs: path.join(dir, 'missing.yaml'), file: 'missing.yaml' });
  return files;
}

/** A worker entry that fails: throws on its first batch, or exits without a word. */
function failingWorker(kind: 'throw' | 'exit'): string {
  const script = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'parapet-pool-worker-')), 'worker.js');
  const body = kind === 'throw' ? "throw new Error('boom')" : 'process.exit(3)';
  fs.writeFileSync(script, `require('node:worker_threads').parentPort.on('message', () => { ${body}; });\n`);
  return script;
}

describe('CLI scan pool (cli/pool.ts)', function () {
  this.timeout(120_000);
  const files = corpus(260);
  let inProcess: FileResult[];

  before(async () => {
    inProcess = await scanFiles(files, { fix: false }, 1);
  });

  it('scans in-process for small scans and --jobs 1, and starts jobs - 1 workers beside the main thread otherwise', () => {
    assert.equal(workerCount(10, 0, 8), 0);
    assert.equal(workerCount(1000, 1, 8), 0);
    assert.equal(workerCount(1000, 2, 8), 1);
    assert.equal(workerCount(1000, 0, 2), 1);
    assert.equal(workerCount(1000, 0, 8), 7);
    assert.equal(workerCount(120, 0, 8), 2, 'at most one worker per 100 files, rounded up');
    assert.equal(workerCount(1000, 0, 1), 0, 'one core: in-process');
  });

  it('cuts batches in order, every file once, smaller towards the end', () => {
    const list = Array.from({ length: 1000 }, (_, i) => i);
    const batches = batchesOf(list, 2);
    assert.deepEqual(batches.flat(), list);
    assert.ok(batches[0].length >= batches[batches.length - 1].length);
    assert.ok(batches.every((b) => b.length >= 1 && b.length <= 32));
  });

  it('reports every file once, in input order, with the same results as in-process, whatever the thread count', async () => {
    assert.equal(inProcess.length, files.length);
    assert.deepEqual(
      inProcess.map((r) => r.file),
      files.map((f) => f.file),
    );
    for (const jobs of [2, 3, 0]) {
      const pooled = await scanFiles(files, { fix: false }, jobs);
      assert.deepEqual(pooled, inProcess, `--jobs ${jobs}`);
    }
  });

  it('still reports errors of single files: malformed templates and unreadable paths', () => {
    const byFile = new Map(inProcess.map((r) => [r.file, r]));
    assert.match(byFile.get('missing.yaml')!.errors[0].message, /cannot read \(ENOENT\)/);
    const malformed = files.filter(
      (f) => /^t\d+\.(yaml|json)$/.test(f.file) && byFile.get(f.file)!.errors.some((e) => /syntax error/.test(e.message)),
    );
    assert.ok(malformed.length >= 10, `${malformed.length} malformed files reported`);
    assert.ok(inProcess.filter((r) => r.findings.length > 0).length > 100, 'the other templates have findings');
    assert.ok(inProcess.filter((r) => r.analysed).length > 240, 'and are analysed');
    assert.ok(
      inProcess.some((r) => !r.analysed && r.errors.length === 0),
      'a file that is not a template is left alone',
    );
  });

  for (const kind of ['throw', 'exit'] as const) {
    it(`loses no file when a worker ${kind === 'throw' ? 'throws' : 'exits'} (its batches are scanned in-process)`, async () => {
      const warnings: string[] = [];
      const onWarning = (w: Error): void => {
        warnings.push(w.message);
      };
      process.on('warning', onWarning);
      try {
        const pooled = await scanFiles(files, { fix: false }, 3, failingWorker(kind));
        assert.deepEqual(pooled, inProcess);
      } finally {
        process.off('warning', onWarning);
      }
      if (kind === 'throw')
        assert.ok(
          warnings.some((w) => /a scan worker failed \(boom\)/.test(w)),
          warnings.join('; '),
        );
    });
  }
});
