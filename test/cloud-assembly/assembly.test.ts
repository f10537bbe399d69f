import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CdkApp, findApp, loadAssembly, loadAssemblySync, runSync } from '../../core/cloud-assembly';
import { framesOf } from '../../core/cloud-assembly/trace';
import { copyApp } from './helpers';

function appAt(dir: string): CdkApp {
  const app = runSync(findApp(path.join(dir, 'lib', 'main-stack.ts')), '/');
  assert.ok(app);
  return app;
}

describe('cloud assembly: reading cdk.out', () => {
  let dir: string;
  beforeEach(() => {
    dir = copyApp('ts-app');
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('finds the app above a source file and its cdk.out', () => {
    const app = appAt(dir);
    assert.equal(app.dir, dir);
    assert.equal(app.outDir, path.join(dir, 'cdk.out'));
  });

  it('reads the output folder cdk.json names, and refuses one outside the app', () => {
    fs.renameSync(path.join(dir, 'cdk.out'), path.join(dir, 'synth'));
    fs.writeFileSync(path.join(dir, 'cdk.json'), JSON.stringify({ app: 'x', output: 'synth' }));
    const app = appAt(dir);
    assert.equal(loadAssemblySync(app)?.templates.length, 4);
    fs.writeFileSync(path.join(dir, 'cdk.json'), JSON.stringify({ app: 'x', output: '../elsewhere' }));
    assert.match(loadAssemblySync(appAt(dir))?.error ?? '', /outside the app folder/);
  });

  it('reads the same assembly without blocking (the language server)', async () => {
    const a = await loadAssembly(appAt(dir));
    const b = loadAssemblySync(appAt(dir));
    assert.deepEqual(
      a?.templates.map((t) => [t.path, t.file, t.text.length, [...t.logicalIds]]),
      b?.templates.map((t) => [t.path, t.file, t.text.length, [...t.logicalIds]]),
    );
    assert.deepEqual([...a!.traces.keys()], [...b!.traces.keys()]);
  });

  it('has no assembly, and no error, when the app was never synthesized', () => {
    fs.rmSync(path.join(dir, 'cdk.out'), { recursive: true });
    assert.equal(loadAssemblySync(appAt(dir)), undefined);
  });

  it('says why a cdk.out without a manifest, or with a broken one, cannot be read', () => {
    const manifest = path.join(dir, 'cdk.out', 'manifest.json');
    fs.writeFileSync(manifest, '{ "version": "55.0.0", "artifacts": ');
    assert.match(loadAssemblySync(appAt(dir))?.error ?? '', /manifest\.json is not a cloud assembly manifest/);
    fs.rmSync(manifest);
    assert.match(loadAssemblySync(appAt(dir))?.error ?? '', /manifest\.json: no such file or directory/);
  });

  it('reads the other templates when one is missing, broken or too large', () => {
    fs.rmSync(path.join(dir, 'cdk.out', 'MainNested3F44D81B.nested.template.json'));
    fs.writeFileSync(
      path.join(dir, 'cdk.out', 'assembly-Prod', 'ProdMainNestedEB8A646C.nested.template.json'),
      Buffer.alloc(6 * 1024 * 1024, 0x20),
    );
    const asm = loadAssemblySync(appAt(dir))!;
    assert.deepEqual(
      asm.templates.map((t) => t.path),
      ['Main', 'Prod/Main'],
    );
    assert.ok(asm.problems.some((p) => /MainNested3F44D81B\.nested\.template\.json: no such file or directory/.test(p)));
    assert.ok(asm.problems.some((p) => /ProdMainNestedEB8A646C\.nested\.template\.json: larger than 5 MB/.test(p)));
  });

  it('never opens a FIFO in place of a template, and never follows a link out of cdk.out', function () {
    if (process.platform === 'win32') this.skip();
    const template = path.join(dir, 'cdk.out', 'Main.template.json');
    fs.rmSync(template);
    assert.equal(spawnSync('mkfifo', [template]).status, 0);
    const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'parapet-outside-'));
    try {
      const secret = path.join(outside, 'secret.json');
      fs.writeFileSync(secret, '{}');
      const nested = path.join(dir, 'cdk.out', 'MainNested3F44D81B.nested.template.json');
      fs.rmSync(nested);
      fs.symlinkSync(secret, nested);
      const asm = loadAssemblySync(appAt(dir))!;
      assert.ok(asm.problems.some((p) => /Main\.template\.json: not a regular file \(a FIFO\)/.test(p)));
      assert.ok(
        asm.problems.some((p) => /MainNested3F44D81B\.nested\.template\.json: a link to a file outside the cloud assembly folder/.test(p)),
      );
      assert.deepEqual(
        asm.templates.map((t) => t.path),
        ['Prod/Main', 'Prod/Main/Nested'],
      );

      // cdk.out itself a link out of the app: nothing is read.
      fs.rmSync(path.join(dir, 'cdk.out'), { recursive: true });
      fs.symlinkSync(outside, path.join(dir, 'cdk.out'));
      assert.match(loadAssemblySync(appAt(dir))?.error ?? '', /link to a folder outside the app folder/);
    } finally {
      fs.rmSync(outside, { recursive: true, force: true });
    }
  });

  it('ignores file names in a manifest that leave the folder or name an asset folder', () => {
    const manifest = path.join(dir, 'cdk.out', 'manifest.json');
    const m = JSON.parse(fs.readFileSync(manifest, 'utf8')) as { artifacts: Record<string, { properties?: Record<string, unknown> }> };
    m.artifacts['assembly-Prod'].properties!.directoryName = '../../elsewhere';
    m.artifacts.Main.properties!.templateFile = 'asset.1234/Main.template.json';
    fs.writeFileSync(manifest, JSON.stringify(m));
    const asm = loadAssemblySync(appAt(dir))!;
    assert.deepEqual(asm.templates, []);
    assert.equal(asm.error, undefined);
  });
});

describe('cloud assembly: creation stacks', () => {
  it('keeps the frames of user code, innermost first', () => {
    assert.deepEqual(
      framesOf([
        '...new Bucket2 in aws-cdk-lib...',
        'new MainStack (/home/dev/app/lib/main-stack.ts:21:5)',
        '<anonymous> (/home/dev/app/bin/app.ts:6:1)',
        '...node internals...',
        '(no user code in 10 frames, use --stack-trace-limit to capture more)',
      ]),
      [
        { file: '/home/dev/app/lib/main-stack.ts', line: 21, column: 5 },
        { file: '/home/dev/app/bin/app.ts', line: 6, column: 1 },
      ],
    );
  });

  it('reads the older `trace` lines (`--debug`) and leaves library and Node frames out', () => {
    assert.deepEqual(
      framesOf([
        'new Bucket (/app/node_modules/aws-cdk-lib/aws-s3/lib/bucket.js:1:2345)',
        'new MyStack (C:\\work\\app\\lib\\stack.ts:12:7)',
        'Object.<anonymous> (file:///work/app/bin/app.mjs:3:1)',
        'Module._compile (node:internal/modules/cjs/loader:1554:14)',
        42,
      ]),
      [
        { file: 'C:\\work\\app\\lib\\stack.ts', line: 12, column: 7 },
        { file: '/work/app/bin/app.mjs', line: 3, column: 1 },
      ],
    );
  });
});
