import * as fs from 'node:fs';
import * as path from 'node:path';
import * as J from 'jsonc-parser';
import * as Y from 'yaml';
import { DocumentCache, parseDocument } from '../../core/document';
import { analyze } from '../../core/engine';
import { reparseIncrementally } from '../../core/parse/incremental';
import { rules } from '../../rules';
import { loadCfnValidate } from '../cfn-validate';
import { editOffset } from '../edits';
import { generateJson, generateYaml } from '../generate';
import { measure, ms, ratio, Stats } from '../stats';
import { BenchCase, BenchContext, BenchRow } from '../types';

export const SIZES = [300, 3000, 10000] as const;

/** docs/design.md's per-keystroke and first-analysis budgets for a template size, in words. */
function budgets(lines: number): { first: string; keystroke: string } {
  if (lines <= 300) return { first: '—', keystroke: 'median ≤ 5 ms' };
  if (lines >= 10000) return { first: '≤ 300 ms', keystroke: 'median ≤ 20 ms' };
  return { first: '—', keystroke: '(between: ≤ 20 ms)' };
}

/** In-process engine: first analysis and the keystroke case, beside the `yaml` parse floor and AWS's offline engine. */
async function run(ctx: BenchContext): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const peerEngine = loadCfnValidate(ctx.peers.cfnValidate);
  const q = ctx.quick ? 0.25 : 1;
  for (const syntax of ['yaml', 'json'] as const) {
    for (const lines of SIZES) {
      const text = syntax === 'yaml' ? generateYaml(lines, 1) : generateJson(lines, 1);
      const real = text.split('\n').length - 1;
      const uri = `file:///bench/t${lines}.${syntax}`;
      const label = `${syntax.toUpperCase()} ${real.toLocaleString('en-US')} lines`;
      const iters = Math.max(3, Math.round((lines <= 300 ? 60 : lines <= 3000 ? 20 : 10) * q));

      const floor: Stats =
        syntax === 'yaml'
          ? measure(() => {
              Y.parseDocument(text);
            }, iters)
          : measure(() => {
              J.parseTree(text, []);
            }, iters);
      const first = measure(() => {
        analyze(parseDocument(uri, 1, text), rules);
      }, iters);

      let peer = '';
      if (peerEngine) {
        const file = path.join(ctx.tmp, `peer-${lines}.${syntax}`);
        fs.writeFileSync(file, text);
        try {
          const p = measure(
            () => {
              peerEngine.validate(file);
            },
            Math.max(2, Math.round(iters / 3)),
            1,
          );
          peer = `; cloudformation-validate ${ms(p.median)} → Parapet ${ratio(first.median, p.median)}`;
        } catch (e) {
          peer = `; cloudformation-validate failed: ${String(e).split('\n')[0].slice(0, 60)}`;
        }
      }
      rows.push({
        name: `${label}: first analysis (parse + ${rules.length} rules)`,
        stats: first,
        budget: budgets(lines).first,
        peers: `${syntax === 'yaml' ? 'yaml.parseDocument' : 'jsonc parseTree'} floor ${ms(floor.median)}${peer}`,
      });

      // The keystroke: one character typed and deleted inside one resource, through DocumentCache.
      const at = editOffset(text);
      const edited = `${text.slice(0, at)}x${text.slice(at)}`;
      const cache = new DocumentCache();
      cache.get(uri, 1, text);
      let version = 1;
      const incremental = reparseIncrementally(parseDocument(uri, 1, text), 2, edited) !== undefined;
      const keystroke = measure(
        () => {
          version++;
          analyze(cache.get(uri, version, version % 2 ? text : edited), rules);
        },
        Math.max(10, Math.round((lines <= 300 ? 300 : lines <= 3000 ? 80 : 50) * q)),
        4,
      );
      const parseOnly = measure(
        () => {
          version++;
          cache.get(uri, version, version % 2 ? text : edited);
        },
        Math.max(10, Math.round((lines <= 300 ? 300 : lines <= 3000 ? 80 : 50) * q)),
        4,
      );
      rows.push({
        name: `${label}: keystroke (1 char in a resource)`,
        stats: keystroke,
        budget: budgets(lines).keystroke,
        note: `${incremental ? 'incremental re-parse' : 'full re-parse'}; the parse alone: median ${ms(parseOnly.median)} (the library parse of the whole file: ${ms(floor.median)})`,
      });
    }
  }
  peerEngine?.free();
  return rows;
}

export const cases: BenchCase[] = [{ title: 'In-process analysis latency (core engine, every rule in the catalogue)', order: 10, run }];
