/**
 * `npm run realworld`: scans the materialized real-world set (`npm run realworld:build`) at default
 * settings and prints findings per syntax and rule, precision by volume from the hand judgements,
 * recall from the files read in full, and the unparsable files. A benchmark: it prints, never asserts.
 *   node out/bench/realworld/run.js [--json] [--unjudged N] [--sample SEED] [--dump FILE]
 * --unjudged N prints N random unjudged findings per rule (JSON lines to judge) instead of the report;
 * --dump FILE writes every finding as JSON lines.
 */
import * as fs from 'node:fs';
import { setRoot } from './common';
import { fullReadResults, loadJudgements } from './judge';
import { buildRealworldReport, formatRealworld, unjudgedSample } from './report';
import { scanSet } from './scan';

function option(argv: string[], name: string): string | undefined {
  const at = argv.indexOf(name);
  return at >= 0 ? argv[at + 1] : undefined;
}

async function main(argv: string[]): Promise<number> {
  const root = setRoot();
  if (!fs.existsSync(root)) {
    process.stderr.write(`realworld: no set at ${root}; run npm run realworld:build first (docs/realworld.md)\n`);
    return 1;
  }
  const scan = await scanSet(root);
  const judgements = loadJudgements();
  const dump = option(argv, '--dump');
  if (dump)
    fs.writeFileSync(dump, scan.files.flatMap((f) => f.findings.map((x) => JSON.stringify({ ...x, syntax: f.syntax }))).join('\n') + '\n');
  const unjudged = option(argv, '--unjudged');
  if (unjudged !== undefined) {
    process.stdout.write(unjudgedSample(scan, judgements, Number(unjudged) || 5, Number(option(argv, '--sample') ?? 1) || 1));
    return 0;
  }
  const report = buildRealworldReport(scan, judgements, fullReadResults(scan.files, judgements));
  process.stdout.write(argv.includes('--json') ? `${JSON.stringify(report, null, 2)}\n` : formatRealworld(report));
  return 0;
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      process.stderr.write(`realworld: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
      process.exitCode = 2;
    },
  );
}
