import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyze } from '../../core/engine';
import { doc, POLICY_RULES } from './helpers';

const ROOT = path.resolve(__dirname, __dirname.includes(`${path.sep}out${path.sep}`) ? '../../..' : '../..');
const CORPUS = path.resolve(ROOT, '..', 'shared', 'corpus');
const CATEGORIES = new Set(['least-privilege', 'mfa']);

interface Entry { file: string; category: string; expect: 'flag' | 'clean'; resources: string[]; peer_rule: string; peer_rule_name?: string }
interface Mislabelled { samples: { corpus: string; file: string }[]; excludedRules: { corpus: string; peer_rule?: string; peer_rule_name?: string }[] }

const mislabelled = JSON.parse(fs.readFileSync(path.join(ROOT, 'test', 'policy', 'corpus-mislabelled.json'), 'utf8')) as Mislabelled;

// The peers' least-privilege and mfa samples: every labelled resource must be flagged in its category
// (recall), and a clean sample must carry no finding of its category (false flags).
describe('policy: peer corpus (least-privilege, mfa)', function () {
  before(function () {
    if (!fs.existsSync(CORPUS)) {
      console.log(`    skipped: no peer corpus at ${CORPUS}`);
      this.skip();
    }
  });

  it('reaches recall >= 95% with <= 3% false flags', () => {
    let found = 0;
    let missed: string[] = [];
    let clean = 0;
    const falseFlags: string[] = [];
    for (const corpus of fs.readdirSync(CORPUS)) {
      const manifest = path.join(CORPUS, corpus, 'manifest.json');
      if (!fs.existsSync(manifest)) continue;
      for (const e of JSON.parse(fs.readFileSync(manifest, 'utf8')) as Entry[]) {
        if (!CATEGORIES.has(e.category)) continue;
        if (mislabelled.excludedRules.some((x) => x.corpus === corpus && (x.peer_rule === e.peer_rule || x.peer_rule_name === e.peer_rule_name))) continue;
        if (mislabelled.samples.some((x) => x.corpus === corpus && x.file === e.file)) continue;
        const file = path.join(CORPUS, corpus, e.file);
        const res = analyze(doc(file, fs.readFileSync(file, 'utf8')), POLICY_RULES, { timeBudgetMs: 60_000 });
        assert.deepEqual(res.ruleErrors, [], e.file);
        const mine = res.findings.filter((f) => f.category === e.category);
        if (e.expect === 'flag') {
          for (const r of e.resources) {
            if (mine.some((f) => f.resource === r)) found++;
            else missed = [...missed, `${corpus}/${e.file} ${r} (${e.peer_rule_name ?? e.peer_rule})`];
          }
        } else {
          clean++;
          if (mine.length) falseFlags.push(`${corpus}/${e.file}: ${mine.map((f) => `${f.ruleId}@${f.resource}`).join(', ')}`);
        }
      }
    }
    const recall = found / (found + missed.length);
    const falseRate = falseFlags.length / clean;
    console.log(`    recall ${(recall * 100).toFixed(1)}% (${found}/${found + missed.length}), false flags ${(falseRate * 100).toFixed(1)}% (${falseFlags.length}/${clean})`);
    assert.ok(found + missed.length > 50, 'too few labelled samples: the corpus layout changed?');
    assert.ok(recall >= 0.95, `recall ${recall}; missed:\n${missed.join('\n')}`);
    assert.ok(falseRate <= 0.03, `false flags ${falseRate}:\n${falseFlags.join('\n')}`);
  });
});
