import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pySyntaxError } from '../../core/cdk/py-analyzer';
import { initCdkPython, pythonRuntime } from '../../core/cdk/py-init';
import { CATEGORIES } from '../../core/rule';
import { rules } from '../../rules';
import { FIXTURES, ROOT } from './helpers';

/**
 * CloudFormation rules with no CDK path, each with the reason: a fact about how CDK code writes
 * that resource, never a plan ("not done yet" is not a reason).
 */
const CDK_EXEMPT: Record<string, string> = {
  'cfn-init-auth-no-keys':
    'CDK writes cfn-init authentication itself (ec2.CloudFormationInit): it names the instance role (roleName) and has no access-key option; Metadata written by hand through an escape hatch is not read from CDK source.',
};

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

  it('every CloudFormation rule serves CDK (cdk-ts and cdk-py), or is exempt with a reason', () => {
    const missing: string[] = [];
    for (const r of rules) {
      const s = r.meta.syntaxes;
      if (!s.includes('cfn-yaml') || s.includes('cdk-ts')) continue;
      if (!CDK_EXEMPT[r.meta.id]) missing.push(r.meta.id);
    }
    assert.deepEqual(
      missing,
      [],
      'CloudFormation rules without a CDK path: add cdk-ts/cdk-py with fixtures, or an exemption with a reason',
    );
  });

  it('every exemption names a CloudFormation rule without a CDK path, with a reason that is a fact', () => {
    const problems: string[] = [];
    for (const [id, reason] of Object.entries(CDK_EXEMPT)) {
      const r = byId.get(id);
      if (!r) problems.push(`${id}: no such rule`);
      else if (r.meta.syntaxes.includes('cdk-ts')) problems.push(`${id}: serves CDK, remove the exemption`);
      if (reason.trim().length < 40 || /\b(not (done|yet|implemented)|todo|later|for now|someday)\b/i.test(reason))
        problems.push(`${id}: "${reason}" is not a reason`);
    }
    assert.deepEqual(problems, []);
  });

  it('every CDK Python fixture parses without a syntax error', async () => {
    await initCdkPython();
    const rt = pythonRuntime();
    assert.ok(rt, 'tree-sitter Python did not load');
    const broken: string[] = [];
    for (const id of fs.readdirSync(FIXTURES)) {
      for (const f of ['bad.py', 'good.py']) {
        const file = path.join(FIXTURES, id, f);
        if (fs.existsSync(file) && pySyntaxError(rt, fs.readFileSync(file, 'utf8'))) broken.push(`${id}/${f}`);
      }
    }
    assert.deepEqual(broken, []);
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
