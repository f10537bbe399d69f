import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import * as fs from 'node:fs';
import { loadCfnValidate } from '../cfn-validate';
import { generateYaml } from '../generate';
import { editOffset, lineCol } from '../edits';
import { LspClient } from '../lsp-client';
import { measure, measureAsync, ms, ratio, Stats } from '../stats';
import { BenchCase, BenchContext, BenchRow } from '../types';

/** CloudFormation's short-form tags, so yaml-language-server does not flag them as unknown. */
export const CFN_CUSTOM_TAGS = [
  '!Ref scalar',
  '!Sub scalar',
  '!Sub sequence',
  '!GetAtt scalar',
  '!GetAtt sequence',
  '!If sequence',
  '!Join sequence',
  '!Select sequence',
  '!Split sequence',
  '!FindInMap sequence',
  '!Base64 scalar',
  '!Base64 mapping',
  '!Cidr sequence',
  '!ImportValue scalar',
  '!ImportValue mapping',
  '!GetAZs scalar',
  '!Condition scalar',
  '!And sequence',
  '!Or sequence',
  '!Not sequence',
  '!Equals sequence',
  '!Transform mapping',
];

/** Settings for yaml-language-server: validation on, offline (no SchemaStore), CloudFormation tags known. */
export const YLS_SETTINGS = {
  yaml: {
    validate: true,
    hover: false,
    completion: false,
    format: { enable: false },
    schemaStore: { enable: false },
    customTags: CFN_CUSTOM_TAGS,
  },
};

/** A server under test: how to start it and configure it. */
export interface ServerSpec {
  name: string;
  command: string;
  args: string[];
  initializationOptions: unknown;
  settings: unknown;
}

export function parapetServer(ctx: BenchContext): ServerSpec {
  // Default options: what the user waits for, the adaptive wait after an edit included (server/src/pacing.ts).
  return {
    name: 'Parapet',
    command: process.execPath,
    args: [ctx.server, '--stdio'],
    initializationOptions: {},
    settings: { parapet: {} },
  };
}

export function yamlLanguageServer(ctx: BenchContext): ServerSpec | undefined {
  if (!ctx.peers.yamlLanguageServer) return undefined;
  return {
    name: 'yaml-language-server',
    command: process.execPath,
    args: [path.join(ctx.peers.yamlLanguageServer, 'bin', 'yaml-language-server'), '--stdio'],
    initializationOptions: {},
    settings: YLS_SETTINGS,
  };
}

/** didChange → publishDiagnostics for one-character edits inside a resource, one edit at a time. */
async function keystrokes(spec: ServerSpec, ctx: BenchContext, text: string, iterations: number): Promise<{ open: number; edits: Stats }> {
  const client = new LspClient(spec.command, spec.args, spec.settings);
  try {
    const rootUri = pathToFileURL(ctx.tmp).href;
    await client.initialize(rootUri, spec.initializationOptions, spec.settings);
    const uri = `${rootUri}/lsp-${text.length}.yaml`;
    const t0 = performance.now();
    const first = client.next(uri, undefined, 60_000);
    await client.open(uri, 'yaml', text);
    await first;
    const open = performance.now() - t0;
    const at = lineCol(text, editOffset(text));
    let version = 1;
    const edits = await measureAsync(
      async () => {
        version++;
        const v = version;
        // Type one character, then delete it: the document alternates between two texts.
        const insert = v % 2 === 0;
        const range = insert ? { start: at, end: at } : { start: at, end: { line: at.line, character: at.character + 1 } };
        const done = client.next(uri, (p) => p.version === undefined || p.version === v, 60_000);
        await client.change(uri, v, range, insert ? 'x' : '');
        await done;
      },
      iterations,
      4,
    );
    return { open, edits };
  } finally {
    await client.close();
  }
}

/** AWS's offline engine validating the same text in process (what a synth or a `cdk validate` runs per template). */
function peerValidation(ctx: BenchContext, text: string, lines: number): string {
  const engine = loadCfnValidate(ctx.peers.cfnValidate);
  if (!engine) return '';
  try {
    const file = path.join(ctx.tmp, `validate-${lines}.yaml`);
    fs.writeFileSync(file, text);
    const s = measure(
      () => {
        engine.validate(file);
      },
      ctx.quick ? 2 : lines <= 300 ? 10 : 4,
      1,
    );
    return `cloudformation-validate in process ${ms(s.median)}`;
  } catch (e) {
    return `cloudformation-validate failed: ${String(e).slice(0, 60)}`;
  } finally {
    engine.free();
  }
}

async function run(ctx: BenchContext): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const peer = yamlLanguageServer(ctx);
  for (const lines of [300, 3000, 10000]) {
    const text = generateYaml(lines, 1);
    const n = Math.max(8, Math.round((lines <= 300 ? 60 : lines <= 3000 ? 30 : 20) * (ctx.quick ? 0.3 : 1)));
    const ours = await keystrokes(parapetServer(ctx), ctx, text, n);
    const validate = peerValidation(ctx, text, lines);
    let peers = '';
    if (peer) {
      try {
        const theirs = await keystrokes(peer, ctx, text, n);
        peers = `yaml-language-server ${ms(theirs.edits.median)} (p95 ${ms(theirs.edits.p95)}) → Parapet ${ratio(ours.edits.median, theirs.edits.median)}; its open ${ms(theirs.open)}`;
      } catch (e) {
        peers = `yaml-language-server failed: ${String(e).slice(0, 80)}`;
      }
    }
    peers = [validate, peers].filter(Boolean).join('; ');
    rows.push({
      name: `YAML ${lines.toLocaleString('en-US')} lines: didChange → publishDiagnostics`,
      stats: ours.edits,
      budget: lines <= 300 ? 'median ≤ 50 ms (wait included)' : lines >= 10000 ? 'median ≤ 100 ms (wait included)' : '—',
      peers,
      note: `didOpen → first diagnostics ${ms(ours.open)}`,
    });
  }
  return rows;
}

export const cases: BenchCase[] = [
  {
    title:
      'Edit → diagnostics over LSP: bundled dist/server.js --stdio, default options, the wait after an edit included (yaml-language-server: syntax + tags only, no schema offline)',
    order: 20,
    run,
  },
];
