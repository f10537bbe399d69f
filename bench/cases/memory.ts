import { pathToFileURL } from 'node:url';
import { generateYaml } from '../generate';
import { LspClient } from '../lsp-client';
import { BenchCase, BenchContext, BenchRow } from '../types';
import { parapetServer, ServerSpec, yamlLanguageServer } from './lsp';

const OPEN = 500;

/** Opens `OPEN` typical templates, waits for every one's diagnostics, then reads the server's VmRSS. */
async function residentWith(
  spec: ServerSpec,
  ctx: BenchContext,
  texts: string[],
): Promise<{ idle: number; loaded: number; seconds: number }> {
  const client = new LspClient(spec.command, spec.args, spec.settings);
  try {
    const rootUri = pathToFileURL(ctx.tmp).href;
    await client.initialize(rootUri, spec.initializationOptions, spec.settings);
    const idle = client.rssMb();
    const t0 = performance.now();
    const all: Promise<unknown>[] = [];
    for (let i = 0; i < texts.length; i++) {
      const uri = `${rootUri}/mem/t${i}.yaml`;
      all.push(client.next(uri, undefined, 120_000));
      await client.open(uri, 'yaml', texts[i]);
    }
    await Promise.all(all);
    const seconds = (performance.now() - t0) / 1000;
    return { idle, loaded: client.rssMb(), seconds };
  } finally {
    await client.close();
  }
}

async function run(ctx: BenchContext): Promise<BenchRow[]> {
  const texts = Array.from({ length: OPEN }, (_, i) => generateYaml(150 + ((i * 37) % 300), 100 + i));
  const lines = texts.reduce((n, t) => n + t.split('\n').length - 1, 0);
  const ours = await residentWith(parapetServer(ctx), ctx, texts);
  let peers = '';
  const peer = yamlLanguageServer(ctx);
  if (peer) {
    try {
      const theirs = await residentWith(peer, ctx, texts);
      peers = `yaml-language-server ${theirs.loaded.toFixed(0)} MB (idle ${theirs.idle.toFixed(0)} MB)`;
    } catch (e) {
      peers = `yaml-language-server failed: ${String(e).slice(0, 80)}`;
    }
  }
  return [
    {
      name: `server RSS with ${OPEN} templates open (${lines.toLocaleString('en-US')} lines)`,
      value: `${ours.loaded.toFixed(0)} MB`,
      budget: '≤ 150 MB',
      peers,
      note: `idle after initialize ${ours.idle.toFixed(0)} MB; all ${OPEN} analysed in ${ours.seconds.toFixed(1)} s`,
    },
  ];
}

export const cases: BenchCase[] = [{ title: 'Server memory (VmRSS from /proc)', order: 40, run }];
