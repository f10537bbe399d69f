/** Text and JSON output of `npm run realworld` (docs/realworld.md explains how to read it). */
import { rng } from '../generate';
import { FullReadResult, Judgements, judgementKey, Precision, precisionByVolume, RuleTally, tallyRules } from './judge';
import { EvalFinding, EvalSyntax, Pool, poolOf, ScanSummary } from './scan';

const SYNTAXES: EvalSyntax[] = ['cfn-yaml', 'cfn-json', 'cdk-ts', 'cdk-py', 'policy'];
const POOLS: Pool[] = ['cfn', 'cdk-ts', 'cdk-py', 'policy'];
/** Rows of the precision table: each syntax, and CloudFormation YAML and JSON together. */
const PRECISION_ROWS: [string, EvalSyntax[]][] = [
  ['cfn-yaml', ['cfn-yaml']],
  ['cfn-json', ['cfn-json']],
  ['cfn (all)', ['cfn-yaml', 'cfn-json']],
  ['cdk-ts', ['cdk-ts']],
  ['cdk-py', ['cdk-py']],
  ['policy', ['policy']],
];

export interface RealworldReport {
  syntaxes: { syntax: EvalSyntax; files: number; findings: number; unparsable: number; perRule: Record<string, number> }[];
  rules: Record<Pool, RuleTally[]>;
  precision: (Precision & { syntax: string })[];
  fullReads: FullReadResult;
  unparsable: { file: string; errors: string[] }[];
  otherErrors: { file: string; errors: string[] }[];
  missing: string[];
  skipped: number;
  judgementProblems: string[];
}

/** Everything `npm run realworld` prints, as data. */
export function buildRealworldReport(scan: ScanSummary, j: Judgements, full: FullReadResult): RealworldReport {
  const syntaxes = SYNTAXES.map((syntax) => {
    const files = scan.files.filter((f) => f.syntax === syntax);
    const perRule: Record<string, number> = {};
    for (const f of files) for (const x of f.findings) perRule[x.rule] = (perRule[x.rule] ?? 0) + 1;
    return {
      syntax,
      files: files.length,
      findings: files.reduce((n, f) => n + f.findings.length, 0),
      unparsable: files.filter((f) => f.parseErrors.length).length,
      perRule,
    };
  }).filter((s) => s.files > 0);
  const pooled = new Map(POOLS.map((p) => [p, tallyRules(scan.files, j.findings, p)]));
  const rules = Object.fromEntries(
    POOLS.map((p) => [p, [...pooled.get(p)!.values()].sort((a, b) => b.findings - a.findings || a.rule.localeCompare(b.rule))]),
  ) as Record<Pool, RuleTally[]>;
  const precision = PRECISION_ROWS.map(([name, list]) => ({
    syntax: name,
    ...precisionByVolume(scan.files, pooled.get(poolOf(list[0]))!, list),
  })).filter((p) => p.findings > 0);
  return {
    syntaxes,
    rules,
    precision,
    fullReads: full,
    unparsable: scan.files.filter((f) => f.parseErrors.length).map((f) => ({ file: f.file, errors: f.parseErrors })),
    otherErrors: scan.files.filter((f) => f.otherErrors.length).map((f) => ({ file: f.file, errors: f.otherErrors })),
    missing: scan.missing,
    skipped: scan.skipped,
    judgementProblems: j.problems,
  };
}

/**
 * One part of the set: the holdout (sources marked `holdout`, chosen after tuning and never tuned on) or the
 * tuned rest, so each is reported on its own. `holdoutKeys` are the `owner+name` of the holdout sources.
 */
export function partOf(scan: ScanSummary, j: Judgements, holdoutKeys: Set<string>, holdout: boolean): { scan: ScanSummary; j: Judgements } {
  const inPart = (id: string): boolean => holdoutKeys.has(id.split('/')[0]) === holdout;
  return {
    scan: {
      files: scan.files.filter((f) => (f.holdout === true) === holdout),
      missing: scan.missing.filter((m) => inPart(m.split(' ')[0].replace('/', '+'))),
      skipped: holdout ? scan.skippedHoldout : scan.skipped - scan.skippedHoldout,
      skippedHoldout: holdout ? scan.skippedHoldout : 0,
    },
    j: { ...j, fullReads: j.fullReads.filter((r) => inPart(r.file)) },
  };
}

const pct = (x: number): string => `${(100 * x).toFixed(1)}%`;

function table(head: string[], rows: string[][]): string[] {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (r: string[]): string =>
    r
      .map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i])))
      .join('  ')
      .trimEnd();
  return [line(head), ...rows.map(line)];
}

function syntaxSection(r: RealworldReport): string[] {
  const out = [
    '== Files and findings per syntax (default settings) ==',
    ...table(
      ['syntax', 'files', 'findings', 'unparsable'],
      r.syntaxes.map((s) => [s.syntax, String(s.files), String(s.findings), String(s.unparsable)]),
    ),
  ];
  if (r.missing.length) out.push(`not built (run npm run realworld:build): ${r.missing.join(', ')}`);
  out.push(`selected files the scan left alone (not CloudFormation, a policy or CDK): ${r.skipped}`);
  return out;
}

function rulesSection(r: RealworldReport): string[] {
  const out: string[] = [];
  for (const pool of POOLS) {
    const list = r.rules[pool];
    if (!list.length) continue;
    out.push(
      '',
      `== Findings per rule and judged verdicts: ${pool} ==`,
      ...table(
        ['rule', 'findings', 'judged', 'true', 'wrong', 'noise', 'unjudged'],
        list.map((t) => [
          t.rule,
          String(t.findings),
          String(t.true + t.wrong + t.noise),
          String(t.true),
          String(t.wrong),
          String(t.noise),
          String(t.unjudged),
        ]),
      ),
    );
  }
  return out;
}

function precisionSection(r: RealworldReport): string[] {
  return [
    '',
    "== Precision by volume (each rule's judged shares weighted by its finding count) ==",
    ...table(
      ['syntax', 'findings', 'covered', 'true', 'wrong', 'noise'],
      r.precision.map((p) => [
        p.syntax,
        String(p.findings),
        pct(p.findings ? p.covered / p.findings : 0),
        pct(p.true),
        pct(p.wrong),
        pct(p.noise),
      ]),
    ),
    '(covered: share of the findings whose rule has at least one judged finding; the shares are of that volume)',
  ];
}

function recallSection(r: RealworldReport): string[] {
  const fr = r.fullReads;
  const bySyntax = new Map<string, [number, number]>();
  for (const x of fr.recall) {
    const t = bySyntax.get(x.syntax) ?? [0, 0];
    bySyntax.set(x.syntax, [t[0] + x.caught, t[1] + x.expected]);
  }
  const out = [
    '',
    '== Recall from files read in full ==',
    ...table(
      ['syntax', 'category', 'expected', 'caught', 'recall'],
      [
        ...fr.recall.map((x) => [x.syntax, x.category, String(x.expected), String(x.caught), pct(x.expected ? x.caught / x.expected : 0)]),
        ...[...bySyntax].map(([s, [c, e]]) => [s, '(all)', String(e), String(c), pct(e ? c / e : 0)]),
      ],
    ),
  ];
  if (fr.absent.length) out.push(`full-read files not in the scanned set: ${fr.absent.join(', ')}`);
  out.push('', `False flags in full-read files (no expected item, not judged true): ${fr.falseFlags.length}`);
  for (const f of fr.falseFlags) out.push(`  ${f.file}:${f.line} ${f.rule} [${f.resource ?? '-'}] ${f.verdict ?? 'unjudged'}: ${f.text}`);
  out.push('', `Expected items no finding catches: ${fr.missed.length}`);
  for (const m of fr.missed) out.push(`  ${m.file} ${m.category} [${m.resource ?? '-'}] (${m.rules.join(', ') || 'no rule'}): ${m.what}`);
  out.push('', `Items expected under the strict profile only (not in the recall above): ${fr.strictOnly.length}`);
  for (const m of fr.strictOnly) out.push(`  ${m.file} ${m.category} [${m.resource ?? '-'}] (${m.rules.join(', ')}): ${m.what}`);
  return out;
}

function errorsSection(r: RealworldReport): string[] {
  const out = ['', `== Unparsable files: ${r.unparsable.length} (check each against what CloudFormation accepts) ==`];
  for (const u of r.unparsable) out.push(`  ${u.file}`, ...u.errors.map((e) => `      ${e}`));
  if (r.otherErrors.length) {
    out.push('', `== Other scan messages (rule failures, warnings, notes): ${r.otherErrors.length} files ==`);
    for (const u of r.otherErrors) out.push(`  ${u.file}: ${u.errors.join(' | ')}`);
  }
  if (r.judgementProblems.length) out.push('', '== Problems in the judgement files ==', ...r.judgementProblems.map((p) => `  ${p}`));
  return out;
}

/** The text report. */
export function formatRealworld(r: RealworldReport): string {
  return [...syntaxSection(r), ...rulesSection(r), ...precisionSection(r), ...recallSection(r), ...errorsSection(r)].join('\n') + '\n';
}

/** `n` random unjudged findings per rule and pool, seeded, as JSON lines ready to judge (verdict and note left blank). */
export function unjudgedSample(scan: ScanSummary, j: Judgements, n: number, seed: number): string {
  const groups = new Map<string, EvalFinding[]>();
  for (const f of scan.files) {
    for (const x of f.findings) {
      if (j.findings.has(judgementKey(x))) continue;
      const key = `${poolOf(f.syntax)} ${x.rule}`;
      groups.set(key, [...(groups.get(key) ?? []), x]);
    }
  }
  const random = rng(seed);
  const out: string[] = [];
  for (const key of [...groups.keys()].sort()) {
    const list = groups.get(key)!;
    // Fisher-Yates on a copy: the first n are a uniform sample.
    const copy = [...list];
    for (let i = copy.length - 1; i > 0; i--) {
      const k = Math.floor(random() * (i + 1));
      [copy[i], copy[k]] = [copy[k], copy[i]];
    }
    out.push(`# ${key}: ${list.length} unjudged`);
    for (const x of copy.slice(0, n)) {
      out.push(
        JSON.stringify({
          file: x.file,
          rule: x.rule,
          resource: x.resource,
          line: x.line,
          text: x.text,
          verdict: '',
          note: '',
          message: x.message,
        }),
      );
    }
  }
  return out.join('\n') + '\n';
}
