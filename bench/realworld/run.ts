/**
 * `npm run realworld`: scans the materialized real-world set (`npm run realworld:build`) at default
 * settings and prints findings per syntax and rule, precision by volume from the hand judgements,
 * recall from the files read in full, and the unparsable files. A benchmark: it prints, never asserts.
 *   node out/bench/realworld/run.js [--json] [--unjudged N] [--sample SEED] [--dump FILE]
 *   [--part holdout|tuned]
 * The holdout sources (`"holdout": true`, never tuned on) are reported apart, after the tuned set; in `--json`
 * the tuned set is the top level and the holdout its `holdout` key.
 * --unjudged N prints N random unjudged findings per rule (JSON lines to judge) instead of the report;
 * --dump FILE writes every finding as JSON lines; --part limits both (and the report) to one part.
 */
import * as fs from 'node:fs';
import { loadSources, setRoot, sourceKey } from './common';
import { fullReadResults, loadJudgements } from './judge';
import { buildRealworldReport, formatRealworld, partOf, RealworldReport, unjudgedSample } from './report';
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
  const holdoutKeys = new Set(
    loadSources()
      .filter((s) => s.holdout)
      .map((s) => sourceKey(s.repo)),
  );
  const only = option(argv, '--part');
  const all = await scanSet(root, (s) => !only || (only === 'holdout') === (s.holdout === true));
  const judgements = loadJudgements();
  const scan = only ? partOf(all, judgements, holdoutKeys, only === 'holdout').scan : all;
  const dump = option(argv, '--dump');
  if (dump)
    fs.writeFileSync(dump, scan.files.flatMap((f) => f.findings.map((x) => JSON.stringify({ ...x, syntax: f.syntax }))).join('\n') + '\n');
  const unjudged = option(argv, '--unjudged');
  if (unjudged !== undefined) {
    process.stdout.write(unjudgedSample(scan, judgements, Number(unjudged) || 5, Number(option(argv, '--sample') ?? 1) || 1));
    return 0;
  }
  const reportOf = (holdout: boolean): RealworldReport | undefined => {
    if (only && (only === 'holdout') !== holdout) return undefined;
    const part = partOf(all, judgements, holdoutKeys, holdout);
    return holdout && !holdoutKeys.size ? undefined : buildRealworldReport(part.scan, part.j, fullReadResults(part.scan.files, part.j));
  };
  const tuned = reportOf(false);
  const holdout = reportOf(true);
  if (argv.includes('--json')) process.stdout.write(`${JSON.stringify({ ...tuned, holdout }, null, 2)}\n`);
  else {
    if (tuned)
      process.stdout.write(
        `######## Tuned set (${tuned.syntaxes.reduce((n, s) => n + s.files, 0)} files) ########\n${formatRealworld(tuned)}`,
      );
    if (holdout)
      process.stdout.write(`\n######## Holdout: never tuned on (${holdoutKeys.size} sources) ########\n${formatRealworld(holdout)}`);
  }
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
