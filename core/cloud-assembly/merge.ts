/**
 * Synthesized findings placed in the source and merged with the as-you-type findings of the same
 * file: one finding per rule and construct, the source finding winning (its range is the prop the
 * code writes, and it carries the fix); a synthesized finding says which template it comes from, and
 * that it is from the last synth when the file changed since.
 */
import * as path from 'node:path';
import { AnalysisResult, Finding } from '../engine';
import { Range } from '../positions';
import { Rule } from '../rule';
import { collectSuppressions, isSuppressed } from '../suppress';
import type { AnalysedAssembly, SynthFinding } from './analyse';
import { locate, Precision, staleFor, Target } from './locate';
import type { SourceIndex } from './source-index';

/** Where the synthesized template holds the resource of a mapped finding. */
export interface SynthLocation {
  uri: string;
  range: Range;
  message: string;
}

/** What a finding placed from the synthesized template carries besides a source finding's fields. */
export interface SynthInfo {
  /** The source file may have changed since the synth (unsaved edits, or saved after the template was written). */
  stale: boolean;
  precision: Precision;
  /** Every template location of the resource (a stack synthesized in several stages has several). */
  locations: SynthLocation[];
  /** The template, relative to the app folder (`cdk.out/Main.template.json`). */
  template: string;
}

/** A finding from the synthesized template, placed in a source file. */
export interface SynthSourceFinding extends Finding {
  synth: SynthInfo;
}

/** The synthesized-template part of a finding, when it has one. */
export function synthOf(f: Finding): SynthInfo | undefined {
  return (f as Partial<SynthSourceFinding>).synth;
}

/** A synthesized finding and where it belongs in the source. */
export interface Mapped {
  sf: SynthFinding;
  target: Target;
  /** The template, relative to the app folder. */
  template: string;
}

/** Places every finding of the assembly in the indexed source; what no source construct creates is `unmapped`. */
export function mapAssembly(analysed: AnalysedAssembly, index: SourceIndex): { mapped: Mapped[]; unmapped: SynthFinding[] } {
  const appDir = path.dirname(analysed.assembly.dir);
  const mapped: Mapped[] = [];
  const unmapped: SynthFinding[] = [];
  for (const sf of analysed.findings) {
    const target = locate(sf, analysed.assembly, index);
    if (!target) unmapped.push(sf);
    else mapped.push({ sf, target, template: path.relative(appDir, sf.template.file).split(path.sep).join('/') });
  }
  return { mapped, unmapped };
}

function locationOf(m: Mapped): SynthLocation {
  const what = m.sf.logicalId ? `${m.sf.logicalId}${m.sf.constructPath ? ` (${m.sf.constructPath})` : ''}` : 'the resource';
  return { uri: m.sf.templateUri, range: m.sf.finding.range, message: `Synthesized as ${what} in ${m.template}` };
}

function suffix(template: string, more: number, stale: boolean): string {
  const where = more ? `${template} and ${more} more` : template;
  return stale ? ` (${where}, from the last synth: the source changed since)` : ` (${where})`;
}

/** True when the source already reports this rule on this construct (or on this line, for a creation-stack line). */
function shownBySource(f: Finding, m: Mapped, lineOf: (o: number) => number): boolean {
  if (f.ruleId !== m.sf.finding.ruleId) return false;
  const site = m.target.site;
  if (!site || m.target.precision === 'stack') return lineOf(f.start) === lineOf(m.target.start);
  return (f.start >= site.start && f.end <= site.end) || (f.resource !== undefined && f.resource === m.target.name);
}

/**
 * The document's analysis with the synthesized findings that belong to it added: suppressions in
 * the source honoured, one finding per rule and construct, none where the source already reports
 * the rule on that construct. `mapped` may hold other files' findings; they are left out.
 */
export function mergeInto(result: AnalysisResult, mapped: readonly Mapped[], rules: readonly Rule[], index: SourceIndex): AnalysisResult {
  const doc = result.doc;
  const mine = mapped.filter((m) => m.target.uri === doc.uri);
  if (!mine.length) return result;
  const lineOf = (o: number): number => doc.lines.positionAt(o).line;
  const meta = new Map(rules.map((r) => [r.meta.id, r.meta]));
  const suppressions = collectSuppressions(doc);
  const byKey = new Map<string, { m: Mapped; locations: SynthLocation[]; stale: boolean }>();
  for (const m of mine) {
    const rule = meta.get(m.sf.finding.ruleId);
    const siteLine = m.target.site ? lineOf(m.target.site.start) : undefined;
    if (!rule || isSuppressed(suppressions, rule, lineOf(m.target.start), undefined, siteLine)) continue;
    if (result.findings.some((f) => shownBySource(f, m, lineOf))) continue;
    const key = `${rule.id}:${m.target.site?.start ?? m.target.start}`;
    const stale = staleFor(index, doc.uri, m.sf.template.mtimeMs);
    const hit = byKey.get(key);
    if (hit) {
      hit.locations.push(locationOf(m));
      hit.stale ||= stale;
    } else byKey.set(key, { m, locations: [locationOf(m)], stale });
  }
  if (!byKey.size) return result;
  const added: SynthSourceFinding[] = [...byKey.values()].map(({ m, locations, stale }) => {
    const f = m.sf.finding;
    return {
      ruleId: f.ruleId,
      category: f.category,
      severity: f.severity,
      profile: f.profile,
      message: f.message + suffix(m.template, locations.length - 1, stale),
      start: m.target.start,
      end: m.target.end,
      range: doc.lines.range(m.target.start, m.target.end),
      resource: m.target.name,
      fixes: [],
      related: [],
      data: f.data,
      secrets: f.secrets,
      synth: { stale, precision: m.target.precision, locations, template: m.template },
    };
  });
  const findings = [...result.findings, ...added].sort(
    (a, b) => a.start - b.start || (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0),
  );
  return { ...result, findings };
}
