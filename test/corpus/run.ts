/**
 * The peer-corpus runner (`npm run corpus`): runs the in-process engine over the labelled
 * CloudFormation samples of `../shared/corpus/<peer>/manifest.json` and prints recall on samples
 * that must flag and the false-flag rate on samples that must not, per category and per peer.
 * `corpus.test.ts` uses the same scoring and asserts the bar for the categories marked done.
 * Samples run under the default profile, or `strict` where the peer's rule asks for a customer managed key
 * (test/corpus/strict-labels.json); `--profile=recommended|strict` forces one profile for every sample.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseDocument } from '../../core/document';
import { analyze, Finding } from '../../core/engine';
import { get, isMap } from '../../core/nodes';
import { Category, CATEGORIES, Profile, Rule } from '../../core/rule';
import { rules as allRules } from '../../rules';

/** One manifest entry, as the corpus README describes it. */
export interface Sample {
  file: string;
  category: string;
  expect: 'flag' | 'clean';
  resources?: string[];
  lines?: number[];
  parameters?: string[];
  peer_rule: string;
  peer_rule_name?: string;
  notes?: string;
}

/** A sample judged mislabelled: reported on its own, never silently dropped. */
export interface Mislabelled {
  file: string;
  peer_rule: string;
  /** When set, only these listed resources are judged wrongly labelled: the sample is still scored on the others. */
  resources?: string[];
  reason: string;
}

export interface SampleResult {
  peer: string;
  sample: Sample;
  category: Category | undefined;
  /** For `flag`: every listed resource (or parameter, or the file) carries a finding of the category. For `clean`: no finding of it. */
  ok: boolean;
  /** Resources or parameters that should have been flagged and were not. */
  missed: string[];
  /** Rules of the category that fired (for `clean` samples, the false flags). */
  fired: string[];
  mislabelled?: string;
  /** Listed resources judged wrongly labelled (not required), with the reason; the sample is still scored. */
  excused?: { resources: string[]; reason: string };
  error?: string;
}

export interface Score {
  flagTotal: number;
  flagFound: number;
  cleanTotal: number;
  cleanFlagged: number;
}

/** The peers' category names that differ from Parapet's. */
const CATEGORY_ALIASES: Record<string, Category> = { imdsv1: 'instance-metadata', logging: 'logging-monitoring' };

/** Parapet's category for a manifest label, or undefined for a name it does not know. */
export function categoryOf(label: string): Category | undefined {
  const c = CATEGORY_ALIASES[label] ?? label;
  return (CATEGORIES as readonly string[]).includes(c) ? (c as Category) : undefined;
}

/** The repository root, from `out/test/corpus/` or from `test/corpus/` (ts-node). */
export function repoRoot(): string {
  let dir = __dirname;
  for (let i = 0; i < 5; i++) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    dir = resolve(dir, '..');
  }
  return resolve(__dirname, '../../..');
}

/** `../shared/corpus` beside the repository, else `PARAPET_CORPUS`, else undefined. */
export function locateCorpus(): string | undefined {
  const beside = resolve(repoRoot(), '../shared/corpus');
  if (existsSync(beside) && statSync(beside).isDirectory()) return beside;
  const env = process.env.PARAPET_CORPUS;
  if (env && existsSync(env)) return resolve(env);
  return undefined;
}

/** The peer folders that hold a manifest. */
export function peersIn(corpus: string): string[] {
  return readdirSync(corpus)
    .filter((d) => existsSync(join(corpus, d, 'manifest.json')))
    .sort();
}

export function loadMislabelled(): Mislabelled[] {
  const p = join(repoRoot(), 'test/corpus/mislabelled.json');
  if (!existsSync(p)) return [];
  return JSON.parse(readFileSync(p, 'utf8')) as Mislabelled[];
}

/** Peer rules (per peer) whose samples are scored under the strict profile: test/corpus/strict-labels.json says why. */
export function loadStrictLabels(): Map<string, Set<string>> {
  const p = join(repoRoot(), 'test/corpus/strict-labels.json');
  const raw = existsSync(p) ? (JSON.parse(readFileSync(p, 'utf8')) as Record<string, unknown>) : {};
  const out = new Map<string, Set<string>>();
  for (const [peer, v] of Object.entries(raw)) if (v && typeof v === 'object') out.set(peer, new Set(Object.keys(v)));
  return out;
}

interface Analysed {
  findings: Finding[];
  /** Offsets of each parameter's entry per document part, for parameter-level labels. */
  parameterRanges: { part: number; id: string; start: number; end: number }[];
  error?: string;
}

/**
 * Some peer samples pack several templates into one YAML stream (`---`). CloudFormation reads one
 * template per file, so each document is analysed as the template it stands for.
 */
function splitYamlDocuments(text: string): string[] {
  if (!/^---\s*$/m.test(text)) return [text];
  const parts = text.split(/^---[ \t]*(?:\r?\n|$)/m).filter((p) => /\S/.test(p.replace(/^\s*#.*$/gm, '')));
  return parts.length ? parts : [text];
}

function analyseFile(path: string, rules: readonly Rule[], profile: Profile): Analysed {
  const text = readFileSync(path, 'utf8');
  const isJson = path.endsWith('.json');
  const parts = isJson ? [text] : splitYamlDocuments(text);
  const findings: Finding[] = [];
  const parameterRanges: Analysed['parameterRanges'] = [];
  const errors: string[] = [];
  parts.forEach((part, i) => {
    const doc = parseDocument(`file://${path}#${i}`, 1, part, isJson ? 'json' : 'yaml');
    const res = analyze(doc, rules, { timeBudgetMs: 10_000, profile });
    for (const e of res.ruleErrors) errors.push(`${e.ruleId}: ${e.message}`);
    // Offsets differ per part; tag findings with their part through the resource/parameter checks below.
    for (const f of res.findings) findings.push({ ...f, data: { ...(f.data ?? {}), corpusPart: i } });
    const params = doc.template ? get(doc.template.root, 'Parameters') : undefined;
    if (isMap(params)) {
      for (const p of params.pairs) parameterRanges.push({ part: i, id: String(p.key.value), start: p.start, end: p.end });
    }
  });
  return { findings, parameterRanges, error: errors.length ? errors.join('; ') : undefined };
}

/**
 * Scores every sample of every peer folder, under the default profile, or under `strict` where the peer's
 * label asks for a customer managed key (`loadStrictLabels`); `profile` forces one profile for every sample.
 */
export function scoreCorpus(corpus: string, rules: readonly Rule[] = allRules, profile?: Profile): SampleResult[] {
  const mislabelled = loadMislabelled();
  const strictLabels = loadStrictLabels();
  const results: SampleResult[] = [];
  for (const peer of peersIn(corpus)) {
    const manifest = JSON.parse(readFileSync(join(corpus, peer, 'manifest.json'), 'utf8')) as Sample[];
    const cache = new Map<string, Analysed>();
    for (const sample of manifest) {
      const category = categoryOf(sample.category);
      const path = join(corpus, peer, sample.file);
      const chosen: Profile = profile ?? (strictLabels.get(peer)?.has(sample.peer_rule) ? 'strict' : 'recommended');
      const key = `${chosen}:${path}`;
      let analysed = cache.get(key);
      if (!analysed) {
        try {
          analysed = analyseFile(path, rules, chosen);
        } catch (e) {
          analysed = { findings: [], parameterRanges: [], error: `engine threw: ${e instanceof Error ? e.message : String(e)}` };
        }
        cache.set(key, analysed);
      }
      const wrong = mislabelled.find((m) => m.file === `${peer}/${sample.file}` && m.peer_rule === sample.peer_rule);
      const excused = wrong?.resources?.length ? { resources: wrong.resources, reason: wrong.reason } : undefined;
      const ofCategory = analysed.findings.filter((f) => f.category === category);
      const fired = [...new Set(ofCategory.map((f) => f.ruleId))].sort();
      const missed: string[] = [];
      let ok: boolean;
      if (sample.expect === 'clean') {
        ok = ofCategory.length === 0;
      } else if (sample.resources && sample.resources.length) {
        for (const id of sample.resources) {
          if (excused?.resources.includes(id)) continue;
          if (!ofCategory.some((f) => f.resource === id)) missed.push(id);
        }
        ok = missed.length === 0;
      } else if (sample.parameters && sample.parameters.length) {
        for (const id of sample.parameters) {
          const ranges = analysed.parameterRanges.filter((r) => r.id === id);
          // The secret in a parameter counts as found by a finding on the parameter or on a use of it.
          const onParam = ofCategory.some((f) => ranges.some((r) => r.part === f.data?.corpusPart && f.start >= r.start && f.end <= r.end));
          const related = ofCategory.some((f) =>
            f.related.some((x) => ranges.some((r) => r.part === f.data?.corpusPart && x.start >= r.start && x.end <= r.end)),
          );
          if (!onParam && !related) missed.push(id);
        }
        ok = missed.length === 0;
      } else {
        ok = ofCategory.length > 0;
        if (!ok) missed.push('(anywhere in the file)');
      }
      results.push({
        peer,
        sample,
        category,
        ok,
        missed,
        fired,
        mislabelled: excused ? undefined : wrong?.reason,
        excused,
        error: analysed.error,
      });
    }
  }
  return results;
}

function emptyScore(): Score {
  return { flagTotal: 0, flagFound: 0, cleanTotal: 0, cleanFlagged: 0 };
}

/** Recall and false flags over the samples not judged mislabelled, grouped by a key. */
export function tally(results: readonly SampleResult[], key: (r: SampleResult) => string): Map<string, Score> {
  const out = new Map<string, Score>();
  for (const r of results) {
    if (r.mislabelled) continue;
    const k = key(r);
    const s = out.get(k) ?? emptyScore();
    if (r.sample.expect === 'flag') {
      s.flagTotal++;
      if (r.ok) s.flagFound++;
    } else {
      s.cleanTotal++;
      if (!r.ok) s.cleanFlagged++;
    }
    out.set(k, s);
  }
  return out;
}

export function recall(s: Score): number {
  return s.flagTotal ? s.flagFound / s.flagTotal : 1;
}

export function falseFlagRate(s: Score): number {
  return s.cleanTotal ? s.cleanFlagged / s.cleanTotal : 0;
}

/** Categories that have at least one rule in the registry. */
export function categoriesWithRules(rules: readonly Rule[] = allRules): Set<Category> {
  return new Set(rules.map((r) => r.meta.category));
}

const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;

function line(name: string, s: Score): string {
  const rec = s.flagTotal ? `${pct(recall(s))} (${s.flagFound}/${s.flagTotal})` : 'n/a';
  const ff = s.cleanTotal ? `${pct(falseFlagRate(s))} (${s.cleanFlagged}/${s.cleanTotal})` : 'n/a';
  return `  ${name.padEnd(44)} recall ${rec.padEnd(20)} false flags ${ff}`;
}

/** The printed report. */
export function report(results: readonly SampleResult[], verbose: boolean): string {
  const out: string[] = [];
  const withRules = categoriesWithRules();
  out.push('Per category (all peers):');
  const byCat = tally(results, (r) => r.category ?? `unknown:${r.sample.category}`);
  for (const [k, s] of [...byCat].sort()) out.push(line(k + (withRules.has(k as Category) ? '' : ' (no rules yet)'), s));
  out.push('', 'Per peer and category:');
  for (const [k, s] of [...tally(results, (r) => `${r.peer} / ${r.category ?? r.sample.category}`)].sort()) out.push(line(k, s));
  const credCfnNag = results.filter((r) => r.peer === 'cfn_nag' && r.category === 'long-term-credentials' && !r.mislabelled);
  if (credCfnNag.length) {
    out.push(
      '',
      `Note: cfn_nag long-term-credentials samples are 35 password rules x 8 generated variants (${credCfnNag.length} samples); they weigh heavily in that category.`,
    );
  }
  const wrong = results.filter((r) => r.mislabelled);
  out.push('', `Judged mislabelled (${wrong.length}, not scored; see test/corpus/mislabelled.json):`);
  for (const r of wrong) {
    out.push(
      `  ${r.peer}/${r.sample.file} [${r.sample.peer_rule}] expect ${r.sample.expect}; Parapet: ${r.fired.length ? r.fired.join(', ') : 'no finding'}`,
    );
    out.push(`      ${r.mislabelled}`);
  }
  const partly = results.filter((r) => r.excused);
  if (partly.length) {
    out.push('', `Partly mislabelled (${partly.length}; scored on their other resources):`);
    for (const r of partly)
      out.push(
        `  ${r.peer}/${r.sample.file} [${r.sample.peer_rule}] not required: ${r.excused!.resources.join(', ')}`,
        `      ${r.excused!.reason}`,
      );
  }
  const errors = results.filter((r) => r.error);
  if (errors.length) {
    out.push('', 'Rule errors:');
    for (const r of new Map(errors.map((e) => [e.sample.file, e])).values()) out.push(`  ${r.peer}/${r.sample.file}: ${r.error}`);
  }
  const misses = results.filter((r) => !r.ok && !r.mislabelled && r.category && (verbose || withRules.has(r.category)));
  out.push('', `Misses and false flags${verbose ? '' : ' (categories with rules)'}: ${misses.length}`);
  for (const r of misses) {
    const what = r.sample.expect === 'flag' ? `missed ${r.missed.join(', ')}` : `false flag by ${r.fired.join(', ')}`;
    out.push(`  [${r.category}] ${r.peer}/${r.sample.file} [${r.sample.peer_rule}] ${what}`);
  }
  return out.join('\n');
}

function main(): void {
  const corpus = locateCorpus();
  if (!corpus) {
    console.log('No peer corpus found (looked for ../shared/corpus beside the repository and $PARAPET_CORPUS); nothing to score.');
    return;
  }
  const forced = process.argv.find((a) => a.startsWith('--profile='))?.slice('--profile='.length) as Profile | undefined;
  const results = scoreCorpus(corpus, allRules, forced);
  const how = forced ? `every sample under --profile ${forced}` : 'strict where test/corpus/strict-labels.json says so, else recommended';
  console.log(`Corpus: ${corpus} (${results.length} labelled samples; ${how})`);
  console.log(report(results, process.argv.includes('--verbose')));
}

if (require.main === module) main();
