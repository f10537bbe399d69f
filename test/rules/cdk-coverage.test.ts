import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CATEGORIES } from '../../core/rule';
import { rules } from '../../rules';
import { ROOT } from './helpers';

/** Every `rules/<category>/<rule-id>.cdk.ts`, as `[category, rule id]`. */
function cdkTables(): [string, string][] {
  const out: [string, string][] = [];
  for (const category of CATEGORIES) {
    const dir = path.join(ROOT, 'rules', category);
    if (!fs.existsSync(dir)) continue;
    for (const f of fs.readdirSync(dir)) if (f.endsWith('.cdk.ts')) out.push([category, f.slice(0, -'.cdk.ts'.length)]);
  }
  return out;
}

// A rule declares its CDK side itself: its syntaxes, its `source` hook, its L2 table beside it.
describe('CDK support is declared beside each rule (meta)', () => {
  const byId = new Map(rules.map((r) => [r.meta.id, r]));

  it('every <rule-id>.cdk.ts belongs to a registered rule of that id, which imports it and has a source hook', () => {
    const problems: string[] = [];
    const tables = cdkTables();
    assert.ok(tables.length > 0, 'no .cdk.ts tables found');
    for (const [category, id] of tables) {
      const rule = byId.get(id);
      const ruleFile = path.join(ROOT, 'rules', category, `${id}.ts`);
      if (!rule) problems.push(`${category}/${id}.cdk.ts: no registered rule ${id}`);
      else if (rule.meta.category !== category) problems.push(`${category}/${id}.cdk.ts: rule ${id} is in ${rule.meta.category}`);
      else if (!rule.source) problems.push(`${id}: has a .cdk.ts table but no source hook`);
      if (!fs.existsSync(ruleFile) || !fs.readFileSync(ruleFile, 'utf8').includes(`from './${id}.cdk'`))
        problems.push(`${category}/${id}.ts does not import ./${id}.cdk`);
    }
    assert.deepEqual(problems, []);
  });

  it('a rule that reads CDK source lists both cdk-ts and cdk-py, and one that lists either reads CDK', () => {
    const problems: string[] = [];
    for (const r of rules) {
      const s = r.meta.syntaxes;
      if (s.includes('cdk-ts') !== s.includes('cdk-py')) problems.push(`${r.meta.id}: lists only one of cdk-ts and cdk-py`);
      if (r.source && !s.includes('cdk-ts')) problems.push(`${r.meta.id}: has a source hook but does not list cdk-ts`);
      if (s.includes('cdk-ts') && !r.source && !r.template && !r.document) problems.push(`${r.meta.id}: lists cdk-ts but reads nothing`);
    }
    assert.deepEqual(problems, []);
  });
});
