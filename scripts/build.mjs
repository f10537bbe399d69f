// Bundles the extension client, the language server and the CLI with esbuild.
import { build } from 'esbuild';
import { cpSync, mkdirSync } from 'node:fs';

// mainFields: jsonc-parser's UMD entry requires its own files at run time, which a bundle cannot; its ESM entry bundles.
const common = { bundle: true, platform: 'node', target: 'node20', format: 'cjs', sourcemap: true, logLevel: 'warning', mainFields: ['module', 'main'] };
mkdirSync('dist', { recursive: true });
await Promise.all([
  build({ ...common, entryPoints: ['client/src/extension.ts'], outfile: 'dist/client.js', external: ['vscode'] }),
  build({ ...common, entryPoints: ['server/src/main.ts'], outfile: 'dist/server.js' }),
  build({ ...common, entryPoints: ['cli/main.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } }),
]);
// The Python grammar and tree-sitter runtime are WebAssembly, loaded from beside the bundle, offline.
for (const f of ['node_modules/web-tree-sitter/web-tree-sitter.wasm', 'node_modules/tree-sitter-python/tree-sitter-python.wasm']) {
  try { cpSync(f, `dist/${f.split('/').pop()}`); } catch { /* present once the Python analyzer lands */ }
}
