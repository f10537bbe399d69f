/**
 * When to analyse after an edit, and what to show before the typing pauses.
 *
 * A fixed debounce makes every edit wait for it even when the analysis takes a millisecond. Here the
 * wait follows the document's own analysis cost (a cheap document is analysed almost at once, an
 * expensive one waits longer so keystrokes coalesce), and the configured debounce becomes the pause
 * that means "the user stopped typing". Until that pause, a diagnostic that is new on the lines being
 * edited is held back: half-typed text (`HttpTokens: opt`, an unclosed `[`) does not flash a finding
 * that the next keystroke removes. Findings that go away, and findings elsewhere, show at once.
 */
import { Diagnostic } from 'vscode-languageserver';

/** The shortest wait after an edit: coalesces the several didChange of one paste or multi-cursor edit. */
export const MIN_DELAY_MS = 8;
/**
 * The longest wait a known cost leads to. Keystrokes of ordinary typing come 100-200 ms apart, so a longer
 * wait merges none of them and only delays the feedback (issue 12: 100 ms on a 10,000-line template, wait
 * included); what arrives while an analysis runs is merged anyway, since each run reads the latest version.
 */
export const MAX_COST_DELAY_MS = 30;
/** The wait is this many times the document's recent analysis cost (within the bounds above). */
const COST_FACTOR = 1;
/** Weight of the newest analysis in the running cost. */
const EWMA_WEIGHT = 0.5;

/** Running analysis cost per document, and the delay it implies. */
export class Pacing {
  private readonly costs = new Map<string, number>();

  constructor(private readonly debounceMs: number) {}

  /** Records how long the document's analysis took. */
  record(uri: string, ms: number): void {
    const old = this.costs.get(uri);
    this.costs.set(uri, old === undefined ? ms : old + EWMA_WEIGHT * (ms - old));
  }

  /** The wait before analysing after an edit: the debounce until a cost is known, then the cost within bounds, never more than the debounce. */
  delay(uri: string): number {
    const cost = this.costs.get(uri);
    if (cost === undefined) return this.debounceMs;
    return Math.min(this.debounceMs, MAX_COST_DELAY_MS, Math.max(MIN_DELAY_MS, Math.ceil(COST_FACTOR * cost)));
  }

  /** The pause after the last edit from which findings are no longer held back. */
  get settleMs(): number {
    return this.debounceMs;
  }

  forget(uri: string): void {
    this.costs.delete(uri);
  }
}

/** Lines (0-based, inclusive) of a text span: where an edit happened, in the old and in the new text. */
export interface EditedLines {
  old: { start: number; end: number };
  now: { start: number; end: number };
}

/**
 * The lines that differ between two versions of a text: the common prefix and suffix are unchanged,
 * everything between them was edited (several edits between two analyses make one span).
 * Undefined when the texts are equal.
 */
export function editedLines(before: string, after: string): EditedLines | undefined {
  if (before === after) return undefined;
  const max = Math.min(before.length, after.length);
  let p = 0;
  while (p < max && before.charCodeAt(p) === after.charCodeAt(p)) p++;
  let s = 0;
  while (s < max - p && before.charCodeAt(before.length - 1 - s) === after.charCodeAt(after.length - 1 - s)) s++;
  return {
    old: { start: lineAt(before, p), end: lineAt(before, before.length - s) },
    now: { start: lineAt(after, p), end: lineAt(after, after.length - s) },
  };
}

function lineAt(text: string, offset: number): number {
  let line = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

/**
 * Splits the diagnostics of an analysis made while the user may still be typing: those to show now,
 * and whether any is held back. Held back: a diagnostic on the edited lines whose code was not shown
 * on those lines before the edit. Everything else (unchanged findings, findings elsewhere) shows now.
 */
export function holdBack(
  shown: readonly Diagnostic[],
  next: readonly Diagnostic[],
  lines: EditedLines,
): { now: Diagnostic[]; held: boolean } {
  const inSpan = (d: Diagnostic, span: { start: number; end: number }): boolean =>
    d.range.start.line <= span.end && d.range.end.line >= span.start;
  const before = new Set(shown.filter((d) => inSpan(d, lines.old)).map((d) => String(d.code ?? d.message)));
  const now = next.filter((d) => !inSpan(d, lines.now) || before.has(String(d.code ?? d.message)));
  return { now, held: now.length !== next.length };
}
