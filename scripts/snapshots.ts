import * as fs from 'node:fs';
import * as path from 'node:path';
import { initCdkPython } from '../core/cdk/py-init';
import { rules } from '../rules';
import { expectedSnapshot } from '../test/rules/snapshot';

/**
 * `npm run snapshots [-- <rule-id>...]`: rewrites the findings snapshots of the bad fixtures
 * (`test/fixtures/rules/<id>/bad.<suffix>.snap`) of every rule, or of the rules named; `--check`
 * only lists the stale ones and exits 1. Review the diff before committing it.
 */
async function main(argv: string[]): Promise<number> {
  const check = argv.includes('--check');
  const ids = argv.filter((a) => !a.startsWith('--'));
  const unknown = ids.filter((id) => !rules.some((r) => r.meta.id === id));
  if (unknown.length) {
    console.error(`unknown rule id(s): ${unknown.join(', ')}`);
    return 2;
  }
  await initCdkPython();
  const chosen = ids.length ? rules.filter((r) => ids.includes(r.meta.id)) : rules;
  const changed: string[] = [];
  for (const rule of chosen) {
    for (const syntax of rule.meta.syntaxes) {
      const snap = expectedSnapshot(rule, syntax);
      if (!snap) continue;
      const old = fs.existsSync(snap.file) ? fs.readFileSync(snap.file, 'utf8') : undefined;
      if (old === snap.text) continue;
      changed.push(path.relative(process.cwd(), snap.file));
      if (!check) fs.writeFileSync(snap.file, snap.text);
    }
  }
  for (const f of changed) console.log(`${check ? 'stale' : 'wrote'} ${f}`);
  console.log(`${changed.length} snapshot(s) ${check ? 'out of date' : 'written'}, ${chosen.length} rule(s) read`);
  // The rule pages quote the snapshots (scripts/rule-page.ts).
  if (changed.length && !check) console.log('the docs pages quote snapshots: run npm run docs too');
  return check && changed.length ? 1 : 0;
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => (process.exitCode = code),
    (e: unknown) => {
      console.error(e);
      process.exitCode = 2;
    },
  );
}
