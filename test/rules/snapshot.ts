import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyze, Finding } from '../../core/engine';
import { Rule, RuleSyntax } from '../../core/rule';
import { fixturePath, parseFile } from './helpers';

/**
 * Exact snapshots of a rule's findings on its bad fixtures (docs/architecture.md, "Fixtures"):
 * `bad.<suffix>.snap` beside each `bad.<suffix>`, plain text so a review shows what changed.
 * Findings only the strict profile shows are marked `strict`. Only the fixture's own rule is recorded, so a rule's snapshots change only when that rule does.
 */

/** The snapshot file of a fixture. */
export function snapshotPath(fixture: string): string {
  return `${fixture}.snap`;
}

/** The fixture's findings of its own rule, in a stable order (position, then message). */
export function ownFindings(rule: Rule, fixture: string): Finding[] {
  // Strict: the snapshot holds every finding, and says which ones only the strict profile shows.
  const res = analyze(parseFile(fixture), [rule], { profile: 'strict' });
  if (res.ruleErrors.length) throw new Error(`${rule.meta.id} failed on ${fixture}: ${res.ruleErrors[0].message}`);
  return res.findings
    .filter((f) => f.ruleId === rule.meta.id)
    .sort((a, b) => a.start - b.start || a.end - b.end || (a.message < b.message ? -1 : a.message > b.message ? 1 : 0));
}

const at = (r: Finding['range']): string => `${r.start.line + 1}:${r.start.character + 1}`;
const oneLine = (s: string): string => s.replace(/\r?\n/g, '\\n');

/** One finding as snapshot lines: position, resource and severity, then its message, related locations and fixes. */
function renderFinding(f: Finding): string[] {
  return [
    `${at(f.range)} ${f.resource ?? '-'} ${f.severity}${f.profile === 'strict' ? ' strict' : ''}`,
    `  message: ${oneLine(f.message)}`,
    ...f.related.map((r) => `  related ${at(r.range)}: ${oneLine(r.message)}`),
    ...f.fixes.map((x) => `  fix: ${oneLine(x.title)}`),
  ];
}

/** The text of a snapshot: a header that says how to regenerate it, then one block per finding. */
export function renderSnapshot(ruleId: string, fixture: string, findings: readonly Finding[]): string {
  const head = `# ${findings.length} finding(s) of ${ruleId} in ${path.basename(fixture)}; regenerate: npm run snapshots -- ${ruleId}`;
  return [head, ...findings.flatMap((f) => ['', ...renderFinding(f)]), ''].join('\n');
}

/** The snapshot a bad fixture should have now. */
export function expectedSnapshot(rule: Rule, syntax: RuleSyntax): { fixture: string; file: string; text: string } | undefined {
  const fixture = fixturePath(rule.meta.id, syntax, 'bad');
  if (!fs.existsSync(fixture)) return undefined;
  return { fixture, file: snapshotPath(fixture), text: renderSnapshot(rule.meta.id, fixture, ownFindings(rule, fixture)) };
}
