import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { loadCfnValidate } from '../cfn-validate';
import { generateJson, generateYaml, rng } from '../generate';
import { stats } from '../stats';
import { BenchCase, BenchContext, BenchRow } from '../types';

/** Writes `count` templates of about `lines` lines (or a typical 100–500 mix when lines is 0), 1 in 5 JSON. */
function writeFolder(dir: string, count: number, lines: number): number {
  fs.mkdirSync(dir, { recursive: true });
  const r = rng(count + lines);
  let total = 0;
  for (let i = 0; i < count; i++) {
    const size = lines || 100 + Math.floor(r() * 400);
    const json = i % 5 === 4;
    const text = json ? generateJson(size, i + 1) : generateYaml(size, i + 1);
    total += text.split('\n').length - 1;
    // A few sub-folders, as a real repository has.
    const sub = path.join(dir, `stack${i % 10}`);
    fs.mkdirSync(sub, { recursive: true });
    fs.writeFileSync(path.join(sub, `t${i}.${json ? 'json' : 'yaml'}`), text);
  }
  return total;
}

/** Wall-clock seconds of one bundled-CLI scan (JSON report to a file, exit code ignored). */
function scanSeconds(ctx: BenchContext, dir: string, extra: string[]): number {
  const out = path.join(ctx.tmp, 'report.json');
  const t = performance.now();
  const r = spawnSync(process.execPath, [ctx.cli, 'scan', dir, '--format', 'json', '--fail-on', 'never', '--output', out, ...extra], {
    encoding: 'utf8',
    timeout: 600_000,
  });
  const s = (performance.now() - t) / 1000;
  if (r.status !== 0) throw new Error(`CLI exited ${r.status}: ${r.stderr.slice(0, 200)}`);
  return s;
}

function median(runs: number, f: () => number): number {
  return stats(Array.from({ length: runs }, f)).median;
}

async function run(ctx: BenchContext): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const runs = ctx.quick ? 1 : 3;
  const count = 1000;
  const dir = path.join(ctx.tmp, 'cli-1000');
  const lines = writeFolder(dir, count, 0);
  const cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
  const pooled = median(runs, () => scanSeconds(ctx, dir, []));
  const single = median(runs, () => scanSeconds(ctx, dir, ['--jobs', '1']));
  let peers = '';
  const peerEngine = loadCfnValidate(ctx.peers.cfnValidate);
  if (peerEngine) {
    try {
      const files = fs
        .readdirSync(dir, { recursive: true })
        .map(String)
        .filter((f) => /\.(ya?ml|json)$/.test(f))
        .slice(0, 200);
      const t = performance.now();
      for (const f of files) {
        try {
          peerEngine.validate(path.join(dir, f));
        } catch {
          /* counted: it ran */
        }
      }
      const perSec = files.length / ((performance.now() - t) / 1000);
      peers = `cloudformation-validate, in-process, 1 thread: ${perSec.toFixed(0)} templates/s (first 200)`;
    } catch (e) {
      peers = `cloudformation-validate failed: ${String(e).slice(0, 80)}`;
    } finally {
      peerEngine.free();
    }
  }
  rows.push({
    name: `CLI scan of ${count} templates (${lines.toLocaleString('en-US')} lines), worker pool`,
    value: `${(count / pooled).toFixed(0)} templates/s (${pooled.toFixed(2)} s wall)`,
    budget: '≥ 400 templates/s on 2 cores',
    peers,
    note: `${cores} cores; in-process (--jobs 1): ${(count / single).toFixed(0)} templates/s (${single.toFixed(2)} s)`,
  });

  // Growth with input size: the same number of templates at 1×, 2× and 4× the size, in-process
  // (--jobs 1) so thread start-up does not blur it, less the start-up of a scan of one template.
  const n = ctx.quick ? 100 : 200;
  const one = path.join(ctx.tmp, 'cli-one');
  writeFolder(one, 1, 300);
  const startup = median(runs, () => scanSeconds(ctx, one, ['--jobs', '1']));
  let base = NaN;
  for (const factor of [1, 2, 4]) {
    const d = path.join(ctx.tmp, `cli-size-${factor}`);
    const total = writeFolder(d, n, 300 * factor);
    const s = median(runs, () => scanSeconds(ctx, d, ['--jobs', '1'])) - startup;
    const perKLine = (s * 1000) / (total / 1000);
    if (factor === 1) base = s;
    rows.push({
      name: `CLI --jobs 1: ${n} templates × ${300 * factor} lines (${factor}×)`,
      value: `${((s * 1000) / n).toFixed(1)} ms/template, ${perKLine.toFixed(1)} ms per 1,000 lines`,
      budget: 'linear in input size',
      note: `${(s / base).toFixed(2)}× the 1× time (ideal ${factor}.00×); start-up ${startup.toFixed(2)} s subtracted`,
    });
  }
  return rows;
}

export const cases: BenchCase[] = [{ title: 'CLI throughput (bundled dist/cli.js, wall clock)', order: 30, run }];
