/**
 * Hand judgements of the real-world set (docs/realworld.md): loading, matching findings to them,
 * precision by volume per pool and syntax, and recall from the files read in full.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { JUDGEMENTS_DIR } from './common';
import { EvalFinding, EvalSyntax, Pool, poolOf, ScannedFile } from './scan';

export type Verdict = 'true' | 'wrong' | 'noise';

export interface Judgement {
  file: string;
  rule: string;
  resource: string | null;
  line?: number;
  text: string;
  verdict: Verdict;
  note: string;
}

export interface ExpectedItem {
  category: string;
  rules: string[];
  resource?: string | null;
  text?: string;
  what: string;
  /**
   * `strict`: a reviewer asks for it only under the strict profile (AWS's default already covers the risk, e.g. SNS
   * disk encryption); not counted in the recall at default settings, listed apart.
   */
  profile?: 'strict';
}

export interface FullRead {
  file: string;
  syntax: string;
  expected: ExpectedItem[];
  notes?: string;
}

export interface Judgements {
  findings: Map<string, Judgement>;
  fullReads: FullRead[];
  /** Malformed lines and conflicting verdicts, to fix in the judgement files. */
  problems: string[];
}

/** The matching key: file, rule, resource and trimmed line (never the line number or message). */
export function judgementKey(j: { file: string; rule: string; resource: string | null; text: string }): string {
  return JSON.stringify([j.file, j.rule, j.resource ?? null, j.text.trim()]);
}

const VERDICTS = new Set(['true', 'wrong', 'noise']);

function loadFindingJudgements(dir: string, out: Judgements): void {
  for (const f of fs
    .readdirSync(dir)
    .filter((x) => /^findings-.*\.jsonl$/.test(x))
    .sort()) {
    fs.readFileSync(path.join(dir, f), 'utf8')
      .split('\n')
      .forEach((line, i) => {
        if (!line.trim()) return;
        let j: Judgement;
        try {
          j = JSON.parse(line) as Judgement;
        } catch {
          out.problems.push(`${f}:${i + 1}: not JSON`);
          return;
        }
        if (typeof j.file !== 'string' || typeof j.rule !== 'string' || typeof j.text !== 'string' || !VERDICTS.has(j.verdict)) {
          out.problems.push(`${f}:${i + 1}: needs file, rule, text and a verdict of true/wrong/noise`);
          return;
        }
        const key = judgementKey(j);
        const prev = out.findings.get(key);
        if (prev && prev.verdict !== j.verdict)
          out.problems.push(`${f}:${i + 1}: ${j.file} ${j.rule} judged both ${prev.verdict} and ${j.verdict}`);
        out.findings.set(key, j);
      });
  }
}

/** Reads every `findings-*.jsonl` and `full-reads-*.json` in the judgements folder. */
export function loadJudgements(dir = JUDGEMENTS_DIR): Judgements {
  const out: Judgements = { findings: new Map(), fullReads: [], problems: [] };
  if (!fs.existsSync(dir)) return out;
  loadFindingJudgements(dir, out);
  for (const f of fs
    .readdirSync(dir)
    .filter((x) => /^full-reads-.*\.json$/.test(x))
    .sort()) {
    try {
      const list = JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')) as FullRead[];
      out.fullReads.push(...list);
    } catch (e) {
      out.problems.push(`${f}: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  return out;
}

export interface RuleTally {
  rule: string;
  findings: number;
  true: number;
  wrong: number;
  noise: number;
  unjudged: number;
}

/** Per rule in one pool: how many findings, and how many of them match a judgement of each verdict. */
export function tallyRules(files: ScannedFile[], judged: Map<string, Judgement>, pool: Pool): Map<string, RuleTally> {
  const tallies = new Map<string, RuleTally>();
  for (const f of files) {
    if (poolOf(f.syntax) !== pool) continue;
    for (const finding of f.findings) {
      let t = tallies.get(finding.rule);
      if (!t) tallies.set(finding.rule, (t = { rule: finding.rule, findings: 0, true: 0, wrong: 0, noise: 0, unjudged: 0 }));
      t.findings++;
      const j = judged.get(judgementKey(finding));
      if (j) t[j.verdict]++;
      else t.unjudged++;
    }
  }
  return tallies;
}

export interface Precision {
  findings: number;
  /** Findings of rules with at least one judged finding (the volume the shares describe). */
  covered: number;
  true: number;
  wrong: number;
  noise: number;
}

/**
 * Precision by volume over `syntaxes`: each rule's judged shares (measured over its whole pool)
 * are weighted by that rule's finding count in these syntaxes. Shares are of the covered volume.
 */
export function precisionByVolume(files: ScannedFile[], pooled: Map<string, RuleTally>, syntaxes: EvalSyntax[]): Precision {
  const counts = new Map<string, number>();
  for (const f of files) {
    if (!syntaxes.includes(f.syntax)) continue;
    for (const x of f.findings) counts.set(x.rule, (counts.get(x.rule) ?? 0) + 1);
  }
  const p: Precision = { findings: 0, covered: 0, true: 0, wrong: 0, noise: 0 };
  for (const [rule, n] of counts) {
    p.findings += n;
    const t = pooled.get(rule);
    const judged = t ? t.true + t.wrong + t.noise : 0;
    if (!t || !judged) continue;
    p.covered += n;
    p.true += (n * t.true) / judged;
    p.wrong += (n * t.wrong) / judged;
    p.noise += (n * t.noise) / judged;
  }
  if (p.covered) {
    p.true /= p.covered;
    p.wrong /= p.covered;
    p.noise /= p.covered;
  }
  return p;
}

/** True when the finding is the one a full-read expected item describes. */
export function catches(item: ExpectedItem, f: EvalFinding): boolean {
  if (!item.rules.includes(f.rule)) return false;
  if (item.resource) return f.resource === item.resource;
  return item.text ? f.text === item.text.trim() : true;
}

export interface RecallRow {
  syntax: string;
  category: string;
  expected: number;
  caught: number;
}

export interface FullReadResult {
  recall: RecallRow[];
  /** Findings in full-read files that match no expected item and are not judged true. */
  falseFlags: (EvalFinding & { verdict?: Verdict })[];
  /** Expected items no finding catches, to see what is missed. */
  missed: (ExpectedItem & { file: string })[];
  /** Items expected under the strict profile only: not in the recall at default settings. */
  strictOnly: (ExpectedItem & { file: string })[];
  /** Full-read files that are not in the scanned set. */
  absent: string[];
}

/** Recall per syntax and category over the files read in full, and the false flags in those files. */
export function fullReadResults(files: ScannedFile[], j: Judgements): FullReadResult {
  const byId = new Map(files.map((f) => [f.file, f]));
  const rows = new Map<string, RecallRow>();
  const out: FullReadResult = { recall: [], falseFlags: [], missed: [], strictOnly: [], absent: [] };
  for (const read of j.fullReads) {
    const scanned = byId.get(read.file);
    if (!scanned) out.absent.push(read.file);
    const findings = scanned?.findings ?? [];
    for (const item of read.expected) {
      if (item.profile === 'strict') {
        out.strictOnly.push({ ...item, file: read.file });
        continue;
      }
      const key = `${read.syntax}\u0000${item.category}`;
      let row = rows.get(key);
      if (!row) rows.set(key, (row = { syntax: read.syntax, category: item.category, expected: 0, caught: 0 }));
      row.expected++;
      if (findings.some((f) => catches(item, f))) row.caught++;
      else out.missed.push({ ...item, file: read.file });
    }
    for (const f of findings) {
      if (read.expected.some((item) => catches(item, f))) continue;
      const verdict = j.findings.get(judgementKey(f))?.verdict;
      if (verdict !== 'true') out.falseFlags.push({ ...f, verdict });
    }
  }
  out.recall = [...rows.values()].sort((a, b) => a.syntax.localeCompare(b.syntax) || a.category.localeCompare(b.category));
  return out;
}
