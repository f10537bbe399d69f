import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyze } from '../../core/engine';
import { fixAll } from '../../core/fix/apply';
import { rules } from '../../rules';
import { everyFixSafe, FIXTURES, parseFile, ROOT, STRICT } from '../rules/helpers';

/**
 * Every TypeScript fix, applied to its bad fixture, must compile against the real aws-cdk-lib
 * typings (dev dependency): the fixed fixtures and the good ones are written to a scratch folder
 * under the repository and type-checked by one `tsc --noEmit` run.
 */
describe('CDK TypeScript fixes type-check against aws-cdk-lib', function () {
  this.timeout(300_000);

  it('the fixed bad fixtures and the good fixtures compile', () => {
    const dir = path.join(ROOT, '.cache', 'cdk-typecheck');
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(dir, { recursive: true });
    const written: string[] = [];
    for (const rule of rules) {
      if (!rule.meta.syntaxes.includes('cdk-ts')) continue;
      const bad = path.join(FIXTURES, rule.meta.id, 'bad.ts');
      const good = path.join(FIXTURES, rule.meta.id, 'good.ts');
      if (!fs.existsSync(bad) || !fs.existsSync(good)) continue;
      const doc = parseFile(bad);
      const before = analyze(doc, [rule], STRICT).findings.filter((f) => f.fixes.length);
      // Suggestions too: every fix must compile, whether fix-all or the user applies it.
      const fixed = fixAll(doc, [everyFixSafe(rule)], STRICT, (f) => f.ruleId === rule.meta.id);
      if (before.length) assert.ok(fixed.applied > 0, `${rule.meta.id}: no fix applied`);
      fs.writeFileSync(path.join(dir, `${rule.meta.id}.fixed.ts`), fixed.text);
      fs.copyFileSync(good, path.join(dir, `${rule.meta.id}.good.ts`));
      written.push(rule.meta.id);
    }
    assert.ok(written.length >= 10, `only ${written.length} CDK fixtures found`);
    fs.writeFileSync(
      path.join(dir, 'tsconfig.json'),
      JSON.stringify(
        {
          compilerOptions: {
            target: 'ES2022',
            module: 'commonjs',
            moduleResolution: 'node',
            strict: true,
            noEmit: true,
            skipLibCheck: true,
            types: [],
            typeRoots: [path.join(ROOT, 'node_modules', '@types')],
          },
          include: ['*.ts'],
        },
        null,
        2,
      ),
    );
    const tsc = path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
    try {
      execFileSync(process.execPath, [tsc, '-p', dir], { cwd: ROOT, encoding: 'utf8', stdio: 'pipe' });
    } catch (e) {
      const out = (e as { stdout?: string }).stdout ?? String(e);
      assert.fail(`fixed CDK code does not type-check:\n${out.slice(0, 4000)}`);
    }
  });
});
