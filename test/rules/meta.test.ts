import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CATEGORIES, Rule, RuleSyntax, SEVERITIES } from '../../core/rule';
import { rules } from '../../rules';
import { readmeBlock, rulesReadme, rulesTable } from '../../scripts/gen-docs';
import { expectedPage, pagePath } from '../../scripts/rule-page';
import { FIXTURE_SUFFIX, fixturePath, ROOT } from './helpers';

const SYNTAXES = Object.keys(FIXTURE_SUFFIX) as RuleSyntax[];
const KEBAB = /^[a-z0-9]+(-[a-z0-9]+)*$/;

// Meta-tests over the whole catalogue: they hold every rule, present and future, to the same conventions.
describe('rule catalogue (meta)', () => {
  it('has rules', () => assert.ok(rules.length > 0));

  it('ids are unique', () => {
    const seen = new Map<string, number>();
    for (const r of rules) seen.set(r.meta.id, (seen.get(r.meta.id) ?? 0) + 1);
    assert.deepEqual(
      [...seen].filter(([, n]) => n > 1).map(([id]) => id),
      [],
    );
  });

  it('every rule file under rules/<category>/ is registered in rules/index.ts', () => {
    const registered = new Set<Rule>(rules);
    const compiled = path.join(ROOT, 'out', 'rules');
    const missing: string[] = [];
    for (const category of CATEGORIES) {
      const dir = path.join(compiled, category);
      if (!fs.existsSync(dir)) continue;
      // Only compiled files whose source still exists: tsc leaves the output of deleted files behind.
      const sources = path.join(ROOT, 'rules', category);
      for (const file of fs
        .readdirSync(dir)
        .filter((f) => f.endsWith('.js') && f !== 'index.js' && fs.existsSync(path.join(sources, f.replace(/\.js$/, '.ts'))))) {
        // eslint-disable-next-line @typescript-eslint/no-require-imports -- rule modules are enumerated from the build output
        const mod = require(path.join(dir, file)) as Record<string, unknown>;
        for (const [name, value] of Object.entries(mod)) {
          const meta = (value as Partial<Rule> | null)?.meta;
          if (meta && typeof meta.id === 'string' && typeof meta.category === 'string' && !registered.has(value as Rule))
            missing.push(`${category}/${file}: ${name}`);
        }
      }
    }
    assert.deepEqual(missing, []);
  });

  it('registries list one rule a line, and a rule file holds one rule', () => {
    const crowded: string[] = [];
    for (const category of [...CATEGORIES, 'cdk']) {
      const dir = path.join(ROOT, 'rules', category);
      if (!fs.existsSync(dir)) continue;
      const index = fs.readFileSync(path.join(dir, 'index.ts'), 'utf8');
      const list = (/: Rule\[\] = \[([^\]]*)\]/.exec(index)?.[1] ?? '').replace(/\/\/.*$/gm, '');
      for (const line of list.split('\n').filter((l) => l.split(',').filter((x) => x.trim()).length > 1))
        crowded.push(`${category}/index.ts: ${line.trim()}`);
      for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.ts') && f !== 'index.ts' && !f.endsWith('.cdk.ts'))) {
        const metas = fs.readFileSync(path.join(dir, file), 'utf8').match(/^\s*meta: \{/gm) ?? [];
        if (metas.length > 1) crowded.push(`${category}/${file}: ${metas.length} rules`);
      }
    }
    assert.deepEqual(crowded, []);
  });

  for (const rule of rules) {
    const m = rule.meta;
    describe(m.id, () => {
      it('has a kebab-case id, a fixed category and a known severity', () => {
        assert.match(m.id, KEBAB);
        assert.ok((CATEGORIES as readonly string[]).includes(m.category), `category ${m.category}`);
        assert.ok(SEVERITIES.includes(m.severity), `severity ${m.severity}`);
      });

      it('has complete metadata', () => {
        for (const field of ['title', 'compliant', 'description'] as const) {
          assert.equal(typeof m[field], 'string', field);
          assert.ok(m[field].trim().length >= 10, `${field} is too short: "${m[field]}"`);
        }
        assert.ok(!m.title.includes(m.id), 'the title does not repeat the id');
        assert.ok(m.references.length > 0, 'references');
        for (const ref of m.references) {
          assert.ok(ref.title.trim(), 'reference title');
          assert.match(ref.url, /^https:\/\/[^\s]+$/, 'reference url');
        }
        assert.ok(m.resourceTypes.length > 0 && m.resourceTypes.every((t) => typeof t === 'string' && t.trim()), 'resourceTypes');
        assert.ok(m.syntaxes.length > 0, 'syntaxes');
        for (const s of m.syntaxes) assert.ok(SYNTAXES.includes(s), `unknown syntax ${s}`);
        assert.equal(new Set(m.syntaxes).size, m.syntaxes.length, 'syntaxes listed once');
        for (const [tool, ids] of Object.entries(m.equivalents ?? {})) {
          assert.ok(Array.isArray(ids) && ids.every((i) => typeof i === 'string' && i.trim()), `equivalents.${tool}`);
        }
        if (m.fix !== undefined) assert.ok(m.fix.trim().length > 0, 'fix describes what the quick fix does');
      });

      it('has a docs page, generated from the rule and its fixtures (npm run docs)', () => {
        const page = pagePath(m.id);
        assert.ok(fs.existsSync(page), `missing ${path.relative(ROOT, page)}: run npm run docs`);
        // Compared as text: a stale page shows as a diff of the page; only its notes block is hand-written.
        assert.equal(fs.readFileSync(page, 'utf8'), expectedPage(rule), `${path.relative(ROOT, page)} is stale: run npm run docs`);
      });

      it('has a bad and a good fixture for every syntax it serves', () => {
        const missing = m.syntaxes
          .flatMap((s) => (['bad', 'good'] as const).map((k) => fixturePath(m.id, s, k)))
          .filter((f) => !fs.existsSync(f));
        assert.deepEqual(
          missing.map((f) => path.relative(ROOT, f)),
          [],
        );
      });
    });
  }

  it('docs/rules/README.md is the generated table (npm run docs)', () => {
    const file = path.join(ROOT, 'docs', 'rules', 'README.md');
    assert.ok(fs.existsSync(file), 'docs/rules/README.md is missing: run npm run docs');
    assert.equal(fs.readFileSync(file, 'utf8'), rulesReadme(rules));
  });

  it("README.md's rules block is the generated table (npm run docs)", () => {
    const block = readmeBlock(fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8'));
    assert.notEqual(block, undefined, 'README.md has the <!-- rules:start --> and <!-- rules:end --> markers');
    assert.equal(block, rulesTable(rules, 'docs/rules/'));
  });

  it('every page under docs/rules/ belongs to a rule', () => {
    const ids = new Set(rules.map((r) => `${r.meta.id}.md`));
    const orphans = fs.readdirSync(path.join(ROOT, 'docs', 'rules')).filter((f) => f.endsWith('.md') && f !== 'README.md' && !ids.has(f));
    assert.deepEqual(orphans, []);
  });

  it('the generated table lists every rule once, with a link to its page', () => {
    const table = rulesTable(rules);
    for (const r of rules) assert.equal(table.split(`[${r.meta.id}](${r.meta.id}.md)`).length, 2, r.meta.id);
  });
});
