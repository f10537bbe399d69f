import * as fs from 'node:fs';
import * as path from 'node:path';
// `import = require` makes esbuild pick the package's CommonJS build ("require" condition): its ESM
// build reads `import.meta.url`, which a CommonJS bundle does not have.
import TreeSitter = require('web-tree-sitter');
import { registerSourceParser } from '../document';
import { cdkDocument, failedDocument, registerCdk } from './index';
import { CdkModel } from './model';
import { analyzePy, PyRuntime } from './py-analyzer';

/**
 * Loads tree-sitter and the Python grammar (WebAssembly, offline) and then registers the Python
 * source parser. Until it has finished, Python documents are kind `none`. The `.wasm` files are
 * read from beside the running bundle (`dist/`, where scripts/build.mjs copies them), else from
 * `node_modules` above this file (tests run from `out/`).
 */

let runtime: PyRuntime | undefined;
let loading: Promise<void> | undefined;

/** Path of a shipped wasm file: beside the bundle, else in a `node_modules` above it. */
export function findWasm(pkg: string, file: string, from = __dirname): string {
  const beside = path.join(from, file);
  if (fs.existsSync(beside)) return beside;
  for (let dir = from; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'node_modules', pkg, file);
    if (fs.existsSync(candidate)) return candidate;
    if (path.dirname(dir) === dir) break;
  }
  throw new Error(`${file} was found neither beside ${from} nor in node_modules/${pkg}`);
}

async function load(): Promise<void> {
  const core = findWasm('web-tree-sitter', 'web-tree-sitter.wasm');
  const grammar = findWasm('tree-sitter-python', 'tree-sitter-python.wasm');
  // locateFile: web-tree-sitter would look beside its own script, which a bundle moves.
  await TreeSitter.Parser.init({ locateFile: (name: string) => (name.endsWith('.wasm') ? core : name) });
  const language = await TreeSitter.Language.load(new Uint8Array(fs.readFileSync(grammar)));
  const parser = new TreeSitter.Parser();
  parser.setLanguage(language);
  runtime = { parser, language, Edit: TreeSitter.Edit };
  registerCdk();
  const rt = runtime;
  registerSourceParser('python', (uri, version, text, previous) => {
    const prev =
      previous?.cdk?.lang === 'py' && previous.uri === uri && previous.syntax === 'python'
        ? { model: previous.cdk, text: previous.text }
        : undefined;
    let model: CdkModel | undefined;
    try {
      model = analyzePy(rt, text, prev, uri);
    } catch (e) {
      // Never crash on input: say the file could not be analysed.
      return failedDocument(uri, version, text, 'python', e);
    }
    return model ? cdkDocument(uri, version, text, model, 'python') : undefined;
  });
}

/**
 * Initialises tree-sitter once and then registers the Python source parser; later calls return the
 * same promise. Rejects when the wasm files cannot be loaded (Python files then stay unanalysed).
 */
export function initCdkPython(): Promise<void> {
  loading ??= load();
  return loading;
}

/** The loaded runtime (tests, benchmark), or undefined before `initCdkPython()` has finished. */
export function pythonRuntime(): PyRuntime | undefined {
  return runtime;
}
