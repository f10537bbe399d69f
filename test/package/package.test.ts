import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { buildVsix, ROOT, sizeOf, VSCE_FLAGS, zipEntries, zipRead } from './vsix';

const MAX_BYTES = 8 * 1024 * 1024;
/** Everything a VSIX may hold: the bundles, wasm, the IAM catalogue (dist/iam-data), rule docs, snippets, README, CHANGELOG, LICENSE, icon, and vsce's own files. */
const ALLOWED = [
  /^\[Content_Types\]\.xml$/,
  /^extension\.vsixmanifest$/,
  /^extension\/package\.json$/,
  /^extension\/dist\/(client|server|typescript)\.js$/,
  /^extension\/dist\/[\w.-]+\.wasm$/,
  /^extension\/dist\/iam-data\/[\w./-]+\.json$/,
  /^extension\/docs\/rules\/[\w-]+\.md$/,
  /^extension\/snippets\/[\w.-]+\.json$/,
  /^extension\/(readme|changelog)\.md$/i,
  /^extension\/LICENSE(\.txt)?$/i,
  /^extension\/client\/media\/icon\.png$/,
];

describe('packaging: the VSIX', function () {
  this.timeout(180_000);
  let vsix: string;
  let names: string[];
  before(() => {
    vsix = buildVsix();
    names = zipEntries(vsix).map((e) => e.name);
  });

  it('is built with the same vsce flags as npm run package', () => {
    const scripts = (JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
    assert.ok(scripts.package.includes(`vsce package ${VSCE_FLAGS.join(' ')} --out parapet-$npm_package_version.vsix`), scripts.package);
  });

  it('is named parapet-<version>.vsix and stays small', () => {
    const version = (JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
    assert.equal(path.basename(vsix), `parapet-${version}.vsix`);
    const size = sizeOf(vsix);
    console.log(`      VSIX: ${(size / 1024).toFixed(0)} KB, ${names.length} files`);
    assert.ok(size < MAX_BYTES, `${size} bytes`);
  });

  it('lists only what ships: no sources, tests, maps or node_modules', () => {
    const stray = names.filter((n) => !ALLOWED.some((re) => re.test(n)));
    assert.deepEqual(stray, []);
  });

  it('holds the bundles, wasm, every snippet the manifest names, every rule page, README, CHANGELOG, LICENSE and icon', () => {
    const manifest = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
      icon: string;
      contributes: { snippets: { path: string }[] };
    };
    const need = [
      'extension/dist/client.js',
      'extension/dist/server.js',
      `extension/${manifest.icon}`,
      ...manifest.contributes.snippets.map((s) => `extension/${path.posix.normalize(s.path)}`),
      // Whatever the build puts in dist/ for the server (wasm, the IAM catalogue…) ships, except maps and the CLI.
      ...(readdirSync(path.join(ROOT, 'dist'), { recursive: true }) as string[])
        .map((f) => f.split(path.sep).join('/'))
        .filter((f) => !f.endsWith('.map') && f !== 'cli.js' && statSync(path.join(ROOT, 'dist', f)).isFile())
        .map((f) => `extension/dist/${f}`),
      ...readdirSync(path.join(ROOT, 'docs', 'rules'))
        .filter((f) => f.endsWith('.md'))
        .map((f) => `extension/docs/rules/${f}`),
    ];
    const lower = new Set(names.map((n) => n.toLowerCase()));
    for (const n of need) assert.ok(names.includes(n), `${n} is in the VSIX`);
    for (const n of ['extension/readme.md', 'extension/changelog.md']) assert.ok(lower.has(n), n);
    assert.ok(
      names.some((n) => /^extension\/LICENSE/i.test(n)),
      'LICENSE',
    );
  });

  it('carries the manifest the extension host reads (entry, activation, trust, engine)', () => {
    const entry = zipEntries(vsix).find((e) => e.name === 'extension/package.json');
    assert.ok(entry);
    const m = JSON.parse(zipRead(vsix, entry).toString('utf8')) as Record<string, unknown> & {
      capabilities: { untrustedWorkspaces: { supported: boolean } };
      engines: { vscode: string };
    };
    assert.equal(m.main, './dist/client.js');
    assert.equal(m.capabilities.untrustedWorkspaces.supported, true);
    assert.equal(m.engines.vscode, '^1.100.0');
    assert.ok((m.activationEvents as string[]).includes('onLanguage:yaml'));
  });
});
