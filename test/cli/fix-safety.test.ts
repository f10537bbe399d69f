import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { buildOnce, removeTemps, ROOT, runCli, tempTree } from './helpers';

const JUDGEMENT = fs.readFileSync(path.join(ROOT, 'test', 'fixtures', 'fix-safety', 'judgement.yaml'), 'utf8');

describe('cli: --fix applies safe fixes only (bundled dist/cli.js)', function () {
  this.timeout(60_000);
  before(() => buildOnce());
  after(() => removeTemps());

  it('keeps the wildcards a suggestion would narrow, reports them and fails the build', async () => {
    const dir = tempTree({ 'app.yaml': JUDGEMENT });
    const r = await runCli(['scan', '--fix', '--fail-on', 'warning', '--format', 'json'], dir);
    const fixed = fs.readFileSync(path.join(dir, 'app.yaml'), 'utf8');
    assert.match(fixed, /EnableKeyRotation: true/, 'the safe fix is written');
    assert.equal(fixed.replace('EnableKeyRotation: true', 'EnableKeyRotation: false'), JUDGEMENT, 'nothing else changed');
    const report = JSON.parse(r.stdout) as { findings: { ruleId: string }[] };
    assert.equal(report.findings.filter((f) => f.ruleId === 'iam-no-wildcard-action').length, 2, r.stdout);
    assert.equal(r.code, 1, 'CI stays red while suggestions are open');
  });

  it('SARIF rule help says whether --fix applies the quick fix', async () => {
    const dir = tempTree({ 'app.yaml': JUDGEMENT });
    const r = await runCli(['scan', '--format', 'sarif'], dir);
    const sarif = JSON.parse(r.stdout) as { runs: { tool: { driver: { rules: { id: string; help: { text: string } }[] } } }[] };
    const help = (id: string): string => sarif.runs[0].tool.driver.rules.find((x) => x.id === id)?.help.text ?? '';
    assert.match(help('iam-no-wildcard-action'), /Quick fix \(a suggestion to review in the editor, never applied by parapet scan --fix\)/);
    assert.match(help('kms-key-rotation-enabled'), /Quick fix \(safe, applied by parapet scan --fix\)/);
  });

  it('`parapet rules` says which fixes are safe', async () => {
    const r = await runCli(['rules', '--format', 'json'], ROOT);
    const list = JSON.parse(r.stdout) as { id: string; fix: boolean; fixSafety: string | null }[];
    const of = (id: string) => list.find((x) => x.id === id);
    assert.deepEqual(of('kms-key-rotation-enabled'), { ...of('kms-key-rotation-enabled'), fix: true, fixSafety: 'safe' });
    assert.equal(of('iam-no-wildcard-action')?.fixSafety, 'suggestion');
    assert.equal(of('sqs-queue-encrypted')?.fixSafety, 'mixed');
    assert.equal(of('iam-no-user')?.fixSafety, null);
    const text = await runCli(['rules'], ROOT);
    assert.match(text.stdout, /^iam-no-wildcard-action +least-privilege +error +recommended +suggestion +/m);
    assert.match(text.stdout, /^kms-key-rotation-enabled +encryption-at-rest +warning +recommended +safe +/m);
  });
});
