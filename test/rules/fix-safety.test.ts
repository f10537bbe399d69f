import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { initCdkPython } from '../../core/cdk/py-init';
import { analyze } from '../../core/engine';
import { rules } from '../../rules';
import { fixSafetyLine } from '../../scripts/rule-page';
import { fixturePath, itWhenReady, parseFile, ROOT } from './helpers';

const DECLARED = ['safe', 'suggestion', 'mixed'];

// Meta-tests: every rule with a fix says whether fix-all may apply it, and says it truthfully.
describe('rule catalogue: fix safety', () => {
  before(() => initCdkPython());

  for (const rule of rules) {
    const m = rule.meta;
    if (m.fix !== undefined) {
      it(`${m.id}: declares fixSafety, and its docs page states it`, () => {
        assert.ok(DECLARED.includes(m.fixSafety ?? ''), `fixSafety is ${String(m.fixSafety)}`);
        const page = fs.readFileSync(path.join(ROOT, 'docs', 'rules', `${m.id}.md`), 'utf8');
        assert.ok(page.includes(fixSafetyLine(m)!), `docs/rules/${m.id}.md lacks: ${fixSafetyLine(m)}`);
      });
    }
    for (const syntax of m.syntaxes) {
      const bad = fixturePath(m.id, syntax, 'bad');
      if (!fs.existsSync(bad)) continue;
      itWhenReady(syntax)(`${m.id} (${syntax}): the fixes the rule offers match its declaration`, () => {
        const fixes = analyze(parseFile(bad), [rule]).findings.flatMap((f) => f.fixes);
        if (!fixes.length) return;
        assert.ok(m.fix !== undefined && m.fixSafety !== undefined, 'a rule that offers fixes describes them (fix) and declares fixSafety');
        const kinds = new Set(fixes.map((f) => f.safety));
        if (m.fixSafety === 'safe') assert.deepEqual([...kinds], ['safe'], 'a safe rule offers no suggestion: declare it mixed');
        if (m.fixSafety === 'suggestion')
          assert.deepEqual([...kinds], ['suggestion'], 'a suggestion rule offers no safe fix: declare it mixed');
      });
    }
  }
});
