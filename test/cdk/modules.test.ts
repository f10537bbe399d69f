import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { candidates, clearModuleCache, importSpecs, loadModules, moduleFor, setOpenModule } from '../../core/cdk/modules';
import { setProjectReads } from '../../core/cdk/project';

/** The module reader (core/cdk/modules.ts): which files an import may read, and which it must never read. */
describe('cdk: modules of the same project', () => {
  let dir: string;
  let outside: string;
  let stack: string;
  const write = (rel: string, text: string): void => {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text);
  };
  before(function () {
    if (process.platform === 'win32') this.skip();
    dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'parapet-modules-')));
    outside = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'parapet-outside-')));
    write('app/cdk.json', '{}');
    write('app/lib/stack.ts', '');
    write('app/lib/config.ts', 'export const a = 1;\n');
    write('app/lib/util/index.ts', 'export const b = 2;\n');
    fs.mkdirSync(path.join(dir, 'app/lib/folder.ts'));
    write('app/lib/node_modules/pkg.ts', 'export const c = 3;\n');
    fs.writeFileSync(path.join(outside, 'secret.ts'), 'export const s = 1;\n');
    fs.symlinkSync(path.join(outside, 'secret.ts'), path.join(dir, 'app/lib/escape.ts'));
    fs.writeFileSync(path.join(dir, 'app/lib/huge.ts'), '');
    fs.truncateSync(path.join(dir, 'app/lib/huge.ts'), 50 * 1024 * 1024);
    write('app/infra/config.py', 'X = 1\n');
    write('app/infra/pkg/__init__.py', 'Y = 2\n');
    write('app/infra/stack.py', '');
    write('app/top.py', 'Z = 3\n');
    stack = pathToFileURL(path.join(dir, 'app/lib/stack.ts')).href;
  });
  after(() => {
    setProjectReads('sync');
    clearModuleCache();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
    if (outside) fs.rmSync(outside, { recursive: true, force: true });
  });
  beforeEach(() => {
    setProjectReads('sync');
    clearModuleCache();
  });

  const text = (uri: string, spec: string, lang: 'ts' | 'py' = 'ts'): string | undefined => moduleFor(uri, spec, lang)?.text;

  it('follows relative TypeScript imports to a file or a folder index, and nothing else', () => {
    assert.equal(text(stack, './config'), 'export const a = 1;\n');
    assert.equal(text(stack, './config.js'), 'export const a = 1;\n', 'ESM style: ./config.js names config.ts');
    assert.equal(text(stack, './util'), 'export const b = 2;\n');
    assert.equal(text(stack, 'config'), undefined, 'a bare specifier is a package');
    assert.equal(text(stack, './missing'), undefined);
  });

  it('never reads a folder named like a module, a package folder, a link out of the project, or a 50 MB file', () => {
    assert.equal(text(stack, './folder'), undefined);
    assert.equal(text(stack, './node_modules/pkg'), undefined);
    assert.equal(text(stack, './escape'), undefined);
    assert.equal(text(stack, './huge'), undefined);
    assert.equal(text(stack, '../../outside'), undefined);
  });

  it('follows Python relative imports, modules beside the file and at the project top', () => {
    const py = pathToFileURL(path.join(dir, 'app/infra/stack.py')).href;
    assert.equal(text(py, '.config', 'py'), 'X = 1\n');
    assert.equal(text(py, 'config', 'py'), 'X = 1\n');
    assert.equal(text(py, '.pkg', 'py'), 'Y = 2\n');
    assert.equal(text(py, 'top', 'py'), 'Z = 3\n');
    assert.equal(text(py, '..top', 'py'), 'Z = 3\n');
    assert.equal(text(py, 'os', 'py'), undefined);
    assert.deepEqual(candidates('/p/a/s.py', '.x.y', 'py', '/p'), ['/p/a/x/y.py', '/p/a/x/y/__init__.py']);
  });

  it('lists the imports a file names, for preloading', () => {
    assert.deepEqual(
      importSpecs(`import { a } from './config';\nimport * as s3 from 'aws-cdk-lib/aws-s3';\nconst u = require('../u');\n`, 'ts'),
      ['./config', '../u'],
    );
    assert.deepEqual(importSpecs('from .config import (\n  settings,\n)\nfrom . import util\nimport aws_cdk\n', 'py').sort(), [
      '.',
      '.config',
      '.config.settings',
      '.util',
      'aws_cdk',
    ]);
  });

  it('in the server, serves only what was preloaded, and reads a changed file again on the next load', async () => {
    setProjectReads('preloaded');
    const src = "import { a } from './config';\n";
    assert.equal(text(stack, './config'), undefined, 'not loaded yet: unknown, no disk read');
    await loadModules(stack, src, 'ts');
    assert.equal(text(stack, './config'), 'export const a = 1;\n');
    write('app/lib/config.ts', 'export const a = 22;\n');
    assert.equal(text(stack, './config'), 'export const a = 1;\n', 'the keystroke path never reads the disk');
    await loadModules(stack, src, 'ts');
    assert.equal(text(stack, './config'), 'export const a = 22;\n');
    const uri = pathToFileURL(path.join(dir, 'app/lib/config.ts')).href;
    setOpenModule(uri, 'export const a = 333;\n', 4);
    assert.equal(text(stack, './config'), 'export const a = 333;\n', 'an open editor buffer wins over the file');
    setOpenModule(uri, undefined);
    assert.equal(text(stack, './config'), 'export const a = 22;\n');
    write('app/lib/config.ts', 'export const a = 1;\n');
  });
});
