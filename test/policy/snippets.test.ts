import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyze } from '../../core/engine';
import { policyModel } from '../../core/policy/model';
import { rules } from '../../rules';
import { doc } from './helpers';

const ROOT = path.resolve(__dirname, __dirname.includes(`${path.sep}out${path.sep}`) ? '../../..' : '../..');

interface Snippet {
  prefix: string;
  description: string;
  body: string[];
}

/** A snippet body as the user sees it once every placeholder keeps its default. */
function expand(body: string[]): string {
  return body
    .join('\n')
    .replace(/\$\{\d+:([^}]*)\}/g, '$1')
    .replace(/\$\d+/g, '');
}

// Every guardrail snippet is a valid SCP/RCP of its kind and passes all of Parapet's rules.
for (const [file, ext] of [
  ['policy-guardrails.json', 'json'],
  ['policy-guardrails.yaml.json', 'yaml'],
] as const) {
  describe(`policy: guardrail snippets (${file})`, () => {
    const snippets = JSON.parse(fs.readFileSync(path.join(ROOT, 'snippets', file), 'utf8')) as Record<string, Snippet>;

    it('has the SCP and RCP guardrails', () => {
      assert.deepEqual(
        Object.values(snippets)
          .map((s) => s.prefix)
          .sort(),
        [
          'parapet-rcp-deny-insecure-transport',
          'parapet-rcp-identity-perimeter',
          'parapet-scp-deny-leave-organization',
          'parapet-scp-deny-regions',
          'parapet-scp-protect-cloudtrail',
          'parapet-scp-protect-config',
          'parapet-scp-protect-guardduty',
        ],
      );
    });

    for (const [name, s] of Object.entries(snippets)) {
      it(`${name}: parses as its kind and has no finding`, () => {
        const kind = s.prefix.includes('-rcp-') ? 'rcp' : 'scp';
        const d = doc(`guardrails/${s.prefix}.${kind}.${ext}`, expand(s.body));
        assert.equal(d.kind, 'policy');
        assert.deepEqual(d.problems, []);
        assert.equal(policyModel(d).documents[0].kind, kind);
        const res = analyze(d, rules, { timeBudgetMs: 60_000 });
        assert.deepEqual(
          res.findings.map((f) => `${f.ruleId}: ${f.message}`),
          [],
        );
      });
    }
  });
}
