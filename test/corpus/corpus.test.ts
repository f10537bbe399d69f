import * as assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Category } from '../../core/rule';
import {
  categoriesWithRules,
  categoryOf,
  falseFlagRate,
  loadMislabelled,
  locateCorpus,
  recall,
  SampleResult,
  scoreCorpus,
  tally,
} from './run';

/**
 * Categories whose catalogue is complete enough to be held to the bar. Others are still being
 * written; add them here (or list them in PARAPET_CORPUS_DONE, comma-separated) when they are done.
 */
const DONE: Category[] = [
  'long-term-credentials',
  'instance-metadata',
  'public-access',
  'logging-monitoring',
  'encryption-at-rest',
  'encryption-in-transit',
  'least-privilege',
  'mfa',
];
const MIN_RECALL = 0.95;
const MAX_FALSE_FLAGS = 0.03;

function doneCategories(): Set<string> {
  const extra = (process.env.PARAPET_CORPUS_DONE ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  return new Set([...DONE, ...extra]);
}

describe('peer corpus (../shared/corpus)', function () {
  const corpus = locateCorpus();
  let results: SampleResult[] = [];

  before(function () {
    if (!corpus) {
      console.log('    (skipped: no ../shared/corpus beside the repository and no $PARAPET_CORPUS)');
      this.skip();
    }
    results = scoreCorpus(corpus!);
  });

  it('runs every sample without a rule error', () => {
    const errors = [...new Map(results.filter((r) => r.error).map((r) => [`${r.peer}/${r.sample.file}`, r.error])).entries()];
    assert.deepEqual(errors, []);
  });

  for (const category of doneCategories()) {
    it(`${category}: recall >= ${MIN_RECALL * 100}% and false flags <= ${MAX_FALSE_FLAGS * 100}%`, function () {
      if (!categoriesWithRules().has(category as Category)) {
        console.log(`    (skipped: no rule of ${category} in the registry yet)`);
        this.skip();
      }
      const s = tally(
        results.filter((r) => r.category === category),
        () => category,
      ).get(category);
      if (!s) this.skip();
      const misses = results
        .filter((r) => r.category === category && !r.ok && !r.mislabelled)
        .map(
          (r) =>
            `${r.peer}/${r.sample.file} [${r.sample.peer_rule}] ${r.sample.expect === 'flag' ? `missed ${r.missed.join(', ')}` : `false flag by ${r.fired.join(', ')}`}`,
        );
      assert.ok(
        recall(s!) >= MIN_RECALL,
        `recall ${(recall(s!) * 100).toFixed(1)}% (${s!.flagFound}/${s!.flagTotal}); misses:\n${misses.join('\n')}`,
      );
      assert.ok(
        falseFlagRate(s!) <= MAX_FALSE_FLAGS,
        `false flags ${(falseFlagRate(s!) * 100).toFixed(1)}% (${s!.cleanFlagged}/${s!.cleanTotal}):\n${misses.join('\n')}`,
      );
    });
  }

  it('every mislabelled entry names a real sample, gives a reason, and is still needed', () => {
    const problems: string[] = [];
    for (const m of loadMislabelled()) {
      const key = `${m.file} [${m.peer_rule}]`;
      if (!existsSync(join(corpus!, m.file))) problems.push(`${key}: no such file`);
      if (!m.reason || m.reason.trim().length < 40) problems.push(`${key}: the reason is missing or too short`);
      const hits = results.filter((r) => `${r.peer}/${r.sample.file}` === m.file && r.sample.peer_rule === m.peer_rule);
      if (!hits.length) problems.push(`${key}: no manifest entry`);
      // An entry Parapet now agrees with is stale: it would hide a regression later.
      for (const r of hits) if (r.mislabelled && r.ok) problems.push(`${key}: Parapet agrees with the label now; remove the entry`);
    }
    assert.deepEqual(problems, []);
  });

  it('knows every category label of the manifests', () => {
    const unknown = [...new Set(results.map((r) => r.sample.category).filter((c) => !categoryOf(c)))];
    assert.deepEqual(unknown, []);
  });
});
