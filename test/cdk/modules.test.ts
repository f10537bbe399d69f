import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { candidates, clearModuleCache, importSpecs, loadModules, moduleFor, setOpenModule } from '../../core/cdk/modules';
import { setProjectReads } from '../../core/cdk/project';
import { parseDocument } from '../../core/document';
import { analyze, Finding } from '../../core/engine';
import { writableFixes } from '../../core/fix/render';
import { rules } from '../../rules';
import { initCdkPython } from '../../core/cdk/py-init';

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

const FIXTURE = path.resolve(__dirname, '..', '..', '..', 'test', 'fixtures', 'cdk-modules');

/** The findings of a file on disk, as `rule@line message`, and whether each has a fix that can be written. */
function findingsOf(file: string, lang: 'typescript' | 'python', only?: string[]): { at: string; message: string; fix: boolean }[] {
  const text = fs.readFileSync(file, 'utf8');
  const d = parseDocument(pathToFileURL(file).href, 1, text, lang);
  const res = analyze(d, rules, {});
  assert.deepEqual(res.ruleErrors, []);
  return res.findings
    .filter((f: Finding) => !only || only.includes(f.ruleId))
    .map((f: Finding) => ({
      at: `${f.ruleId}@${f.range.start.line + 1}`,
      message: f.message,
      fix: writableFixes(d, f.fixes).length > 0,
    }));
}

describe('cdk: values from another module of the project (TypeScript)', () => {
  beforeEach(() => {
    setProjectReads('sync');
    clearModuleCache();
  });

  it('follows named, renamed, namespace and re-exported constants; a finding on a value set elsewhere says where, and has no fix', () => {
    const got = findingsOf(path.join(FIXTURE, 'ts/lib/stack.ts'), 'typescript', [
      's3-bucket-enforce-tls',
      'db-not-publicly-accessible',
      'rds-storage-encrypted',
      'cdk-secret-value-plaintext',
    ]);
    assert.deepEqual(got.slice(0, -2), [
      {
        at: 's3-bucket-enforce-tls@13',
        message: 'Spread: The bucket accepts plain HTTP requests (bucketProps). Enforce TLS. The value is set in config.ts (bucketProps).',
        fix: false,
      },
      {
        at: 's3-bucket-enforce-tls@14',
        message: 'Direct: The bucket accepts plain HTTP requests (bucketProps). Enforce TLS. The value is set in config.ts (bucketProps).',
        fix: false,
      },
      {
        at: 's3-bucket-enforce-tls@15',
        message:
          'Path: The bucket accepts plain HTTP requests (cfg.bucketProps.enforceSSL). Enforce TLS. The value is set in config.ts (bucketProps.enforceSSL).',
        fix: false,
      },
      {
        at: 's3-bucket-enforce-tls@16',
        message: 'Renamed: The bucket accepts plain HTTP requests (renamed). Enforce TLS. The value is set in config.ts (renamed).',
        fix: false,
      },
      {
        at: 's3-bucket-enforce-tls@17',
        message: 'Reexported: The bucket accepts plain HTTP requests (tls). Enforce TLS. The value is set in tls.ts (tls).',
        fix: false,
      },
      {
        at: 'db-not-publicly-accessible@22',
        message:
          'Database Db is publicly accessible (cfg.dbSettings): it gets a public address reachable from the internet. Set publiclyAccessible: false. The value is set in config.ts (dbSettings).',
        fix: false,
      },
      {
        at: 'rds-storage-encrypted@22',
        message: 'Db: The database storage is not encrypted (cfg.dbSettings). Encrypt it. The value is set in config.ts (dbSettings).',
        fix: false,
      },
      {
        at: 'cdk-secret-value-plaintext@24',
        message:
          'A literal secret (hu********) is passed to basicAuth in helpers.ts, which wraps it in SecretValue.unsafePlainText: it is written into the template and the source in clear text. Pass a secret from Secrets Manager instead.',
        fix: false,
      },
    ]);
  });

  it('a fix that edits only this file still applies beside values from another module; none edits a props object written there', () => {
    const got = findingsOf(path.join(FIXTURE, 'ts/lib/stack.ts'), 'typescript', ['s3-bucket-enforce-tls']);
    assert.deepEqual(
      got.slice(5).map((f) => `${f.at} ${f.fix} ${f.message}`),
      [
        's3-bucket-enforce-tls@25 true Local: The bucket accepts plain HTTP requests: enforceSSL is not set. Enforce TLS.',
        's3-bucket-enforce-tls@26 false Whole: The bucket accepts plain HTTP requests: enforceSSL is not set. Enforce TLS. Its props object is set in config.ts (plain).',
      ],
    );
  });

  it('an unreadable module is unknown: a cycle, a link out of the project, a folder, a 50 MB file, a missing file give no finding and no crash', () => {
    const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'parapet-hostile-')));
    const out = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'parapet-hostile-out-')));
    try {
      fs.writeFileSync(path.join(dir, 'package.json'), '{}');
      fs.writeFileSync(path.join(dir, 'a.ts'), "import { b } from './b';\nexport const a = { enforceSSL: b };\n");
      fs.writeFileSync(path.join(dir, 'b.ts'), "import { a } from './a';\nexport const b = a.enforceSSL;\n");
      fs.writeFileSync(path.join(out, 'x.ts'), 'export const x = { enforceSSL: false };\n');
      fs.symlinkSync(path.join(out, 'x.ts'), path.join(dir, 'x.ts'));
      fs.mkdirSync(path.join(dir, 'y.ts'));
      fs.writeFileSync(path.join(dir, 'z.ts'), '');
      fs.truncateSync(path.join(dir, 'z.ts'), 50 * 1024 * 1024);
      const stack = [
        "import * as s3 from 'aws-cdk-lib/aws-s3';",
        "import { a } from './a';",
        "import { x } from './x';",
        "import { y } from './y';",
        "import { z } from './z';",
        "import { w } from './w';",
        "new s3.Bucket(this, 'A', a);",
        "new s3.Bucket(this, 'X', x);",
        "new s3.Bucket(this, 'Y', y);",
        "new s3.Bucket(this, 'Z', z);",
        "new s3.Bucket(this, 'W', w);",
        '',
      ].join('\n');
      fs.writeFileSync(path.join(dir, 'stack.ts'), stack);
      assert.deepEqual(findingsOf(path.join(dir, 'stack.ts'), 'typescript', ['s3-bucket-enforce-tls']), []);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
      fs.rmSync(out, { recursive: true, force: true });
    }
  });
});

describe('cdk: values from another module of the project (Python)', () => {
  before(async () => {
    await initCdkPython();
  });
  beforeEach(() => {
    setProjectReads('sync');
    clearModuleCache();
  });

  it('follows module constants and pydantic settings defaults (saying the environment can override them); a subscript stays unknown', () => {
    const got = findingsOf(path.join(FIXTURE, 'py/infra/stack.py'), 'python', [
      's3-bucket-enforce-tls',
      'db-not-publicly-accessible',
      'rds-storage-encrypted',
    ]);
    assert.deepEqual(got, [
      {
        at: 's3-bucket-enforce-tls@11',
        message:
          'Spread: The bucket accepts plain HTTP requests (BUCKET_PROPS). Enforce TLS. The value is set in config.py (BUCKET_PROPS).',
        fix: false,
      },
      {
        at: 'db-not-publicly-accessible@18',
        message:
          'Database Db is publicly accessible (db_settings.publicly_accessible): it gets a public address reachable from the internet. Set publicly_accessible=False. The value is set in config.py (DbSettings.publicly_accessible, a default an environment variable can override at synth time).',
        fix: false,
      },
      {
        at: 'rds-storage-encrypted@19',
        message:
          'Db: The database storage is not encrypted (config.db_settings.storage_encrypted). Encrypt it. The value is set in config.py (DbSettings.storage_encrypted, a default an environment variable can override at synth time).',
        fix: false,
      },
    ]);
  });

  it('a Python import cycle or a missing module gives no finding and no crash', () => {
    const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'parapet-pycycle-')));
    try {
      fs.writeFileSync(path.join(dir, 'pyproject.toml'), '');
      fs.writeFileSync(path.join(dir, 'a.py'), 'from .b import B\nA = B\n');
      fs.writeFileSync(path.join(dir, 'b.py'), 'from .a import A\nB = A\n');
      fs.writeFileSync(
        path.join(dir, 'stack.py'),
        'from aws_cdk import aws_s3 as s3\nfrom .a import A\nfrom .missing import M\ns3.Bucket(self, "A", enforce_ssl=A)\ns3.Bucket(self, "M", enforce_ssl=M)\n',
      );
      assert.deepEqual(findingsOf(path.join(dir, 'stack.py'), 'python', ['s3-bucket-enforce-tls']), []);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
