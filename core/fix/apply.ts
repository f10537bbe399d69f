import { analyze, AnalysisOptions, autoFix, Finding } from '../engine';
import { parseDocument, ParsedDocument } from '../document';
import { Fix, Rule } from '../rule';
import { renderFix, writerFor } from './render';
import { applyEdits, TextEdit } from './text';

/** Applies one fix and returns the new text. */
export function applyFix(doc: ParsedDocument, fix: Fix): string {
  return applyEdits(doc.text, renderFix(doc, fix));
}

/** True when a fix's own edits overlap (inserts at one offset do not): applying it would throw. */
function selfOverlapping(edits: readonly TextEdit[]): boolean {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  return sorted.some((e, i) => i > 0 && e.start < sorted[i - 1].end);
}

function overlaps(a: TextEdit, b: TextEdit): boolean {
  // Touching edits count as overlapping: they wait for the next pass rather than risk a bad splice.
  return a.start <= b.end && b.start <= a.end;
}

export interface FixAllResult {
  text: string;
  /** Fixes applied over all passes. */
  applied: number;
  /** Findings that had a safe fix and still stand after the last pass. */
  remaining: Finding[];
  /** The edits of each pass, on the text the pass started from: `text` is them applied in order (the fuzz script checks it). */
  passes: TextEdit[][];
}

/** Findings that are "the same" across passes: rule, resource and message (ranges move as text is edited). */
function findingKey(f: Finding): string {
  return `${f.ruleId}\u0000${f.resource ?? ''}\u0000${f.message}`;
}

function countByKey(findings: readonly Finding[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const f of findings) counts.set(findingKey(f), (counts.get(findingKey(f)) ?? 0) + 1);
  return counts;
}

/**
 * Applies every finding's first safe fix (suggestions are never applied: the user picks those). Fixes that touch the same text wait for the next pass,
 * which re-parses, so the result always comes from a real parse of the previous one. Fixes that add
 * resources all insert at the end of `Resources`, so each waits for its own pass: hence the pass bound
 * is well above the handful of passes a typical file needs. The loop stops as soon as a pass has
 * nothing to do or changes nothing, and a fix that did not remove its finding (as many of them
 * stand after the pass as before) is not applied again: it would only repeat itself.
 */
export function fixAll(
  doc: ParsedDocument,
  rules: readonly Rule[],
  opts: AnalysisOptions = {},
  filter?: (f: Finding) => boolean,
  maxPasses = 16,
): FixAllResult {
  let current = doc;
  let applied = 0;
  let findings = analyze(current, rules, opts).findings;
  const ineffective = new Set<string>();
  const passes: TextEdit[][] = [];
  for (let pass = 0; pass < maxPasses; pass++) {
    const writer = writerFor(current);
    if (!writer) break;
    const chosen: TextEdit[] = [];
    const fixedKeys = new Set<string>();
    let count = 0;
    for (const f of findings) {
      const fix = autoFix(f);
      if (!fix || (filter && !filter(f)) || ineffective.has(findingKey(f))) continue;
      let edits: TextEdit[];
      try {
        edits = renderFix(current, fix, writer);
      } catch {
        continue;
      }
      if (selfOverlapping(edits) || edits.some((e) => chosen.some((c) => overlaps(e, c)))) continue;
      chosen.push(...edits);
      fixedKeys.add(findingKey(f));
      count++;
    }
    if (count === 0) break;
    const text = applyEdits(current.text, chosen);
    if (text === current.text) break; // the fixes are already in the text: nothing to apply, nothing to count
    const next = parseDocument(current.uri, current.version + 1, text, languageIdOf(current));
    if (next.problems.some((p) => p.severity === 'error')) break; // never hand back a file that no longer parses
    const before = countByKey(findings);
    current = next;
    applied += count;
    passes.push(chosen);
    findings = analyze(current, rules, opts).findings;
    const after = countByKey(findings);
    for (const k of fixedKeys) if ((after.get(k) ?? 0) >= (before.get(k) ?? 0)) ineffective.add(k);
  }
  return { text: current.text, applied, remaining: findings.filter((f) => autoFix(f) && (!filter || filter(f))), passes };
}

/** The language id that makes `parseDocument` read a document as the same syntax. */
export function languageIdOf(doc: ParsedDocument): string {
  return doc.syntax === 'yaml' ? 'yaml' : doc.syntax === 'json' ? 'json' : doc.syntax === 'typescript' ? 'typescript' : 'python';
}
