/**
 * `npm run bench`: prints Parapet's performance figures beside the budget of docs/design.md and peers
 * measured in the same run. It prints and never asserts. Cases live in `bench/cases/*.ts`; any
 * module there that exports `cases: BenchCase[]` is run, so other areas add figures by adding a file.
 *   node out/bench/run.js [--quick] [--only <text>]
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ensurePeers } from './peers';
import { ms } from './stats';
import { BenchCase, BenchContext, BenchRow } from './types';

const ROOT = path.resolve(__dirname, '..', '..');

/** Every `cases` export under out/bench/cases, in `order`. */
export function discoverCases(dir = path.join(__dirname, 'cases')): BenchCase[] {
  const found: BenchCase[] = [];
  for (const f of fs
    .readdirSync(dir)
    .filter((x) => x.endsWith('.js'))
    .sort()) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- bench cases are discovered at run time
    const mod = require(path.join(dir, f)) as { cases?: BenchCase[] };
    if (Array.isArray(mod.cases)) found.push(...mod.cases);
  }
  return found.sort((a, b) => a.order - b.order || a.title.localeCompare(b.title));
}

function table(rows: BenchRow[]): string {
  const cells = rows.map((r) => [
    r.name,
    r.stats ? ms(r.stats.median) : (r.value ?? ''),
    r.stats ? ms(r.stats.p95) : '',
    r.stats ? ms(r.stats.max) : '',
    r.budget ?? '',
    [r.peers, r.note].filter(Boolean).join('; '),
  ]);
  const head = ['case', 'median / value', 'p95', 'max', 'budget', 'peers and notes'];
  const widths = head.map((h, i) => Math.max(h.length, ...cells.map((c) => (i === 5 ? 0 : c[i].length))));
  const line = (c: string[]): string =>
    c.map((x, i) => (i === 5 ? x : i === 0 || i === 4 ? x.padEnd(widths[i]) : x.padStart(widths[i]))).join('  ');
  return [line(head), ...cells.map(line)].join('\n');
}

async function main(argv: string[]): Promise<void> {
  const quick = argv.includes('--quick');
  const onlyAt = argv.indexOf('--only');
  const only = onlyAt >= 0 ? argv[onlyAt + 1]?.toLowerCase() : undefined;
  const server = path.join(ROOT, 'dist', 'server.js');
  const cli = path.join(ROOT, 'dist', 'cli.js');
  for (const f of [server, cli]) if (!fs.existsSync(f)) throw new Error(`${f} is missing: run npm run build first`);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'parapet-bench-'));
  const cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
  process.stdout.write(
    `Parapet benchmark: node ${process.version}, ${cores} cores (${os.cpus()[0]?.model ?? 'cpu'}), load ${os.loadavg()[0].toFixed(1)}${quick ? ', quick' : ''}\n`,
  );
  const peers = ensurePeers();
  if (peers.unavailable.length) process.stdout.write(`peers: ${peers.unavailable.join('; ')}\n`);
  process.stdout.write(
    "Peers: cloudformation-validate is AWS's offline engine (@aws/cloudformation-validate, Rust/WASM, in process, full validation).\n",
  );
  const ctx: BenchContext = { root: ROOT, server, cli, tmp, quick, peers };
  const results: { title: string; rows: BenchRow[]; error?: string }[] = [];
  const started = performance.now();
  try {
    for (const c of discoverCases()) {
      if (only && !c.title.toLowerCase().includes(only)) continue;
      process.stdout.write(`\n== ${c.title} ==\n`);
      const t = performance.now();
      try {
        const rows = await c.run(ctx);
        results.push({ title: c.title, rows });
        process.stdout.write(`${table(rows)}\n(${((performance.now() - t) / 1000).toFixed(1)} s)\n`);
      } catch (e) {
        // One broken case must not hide the others' figures.
        const error = e instanceof Error ? (e.stack ?? e.message) : String(e);
        results.push({ title: c.title, rows: [], error });
        process.stdout.write(`case failed: ${error.split('\n').slice(0, 3).join(' | ')}\n`);
      }
    }
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  const out = path.join(ROOT, 'out', 'bench', 'results.json');
  fs.writeFileSync(out, `${JSON.stringify({ date: new Date().toISOString(), node: process.version, cores, quick, results }, null, 2)}\n`);
  process.stdout.write(`\nTotal ${((performance.now() - started) / 1000).toFixed(0)} s; figures also in ${path.relative(ROOT, out)}\n`);
}

if (require.main === module) {
  main(process.argv.slice(2)).catch((e: unknown) => {
    process.stderr.write(`bench failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exitCode = 1;
  });
}
