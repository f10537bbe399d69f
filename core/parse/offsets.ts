import { Node, walk } from '../nodes';
import type { DocumentProblem } from './problems';

/**
 * Offsets in a rewritten text mapped back to the text the user wrote. A parse path may read a rewritten
 * copy (CRLF made LF; lines of a loosely indented flow collection indented further) and its tree is moved
 * back with `remapTree`: every rewrite only removes or inserts white space where no node starts or ends.
 */
/**
 * The offset where the line holding offset i starts. `lastIndexOf` reads a negative position as 0, so at i = 0 a
 * text that opens with a line break would give 1: a backward walk of lines would never reach the top.
 */
export function lineStartOf(text: string, i: number): number {
  return i <= 0 ? 0 : text.lastIndexOf('\n', i - 1) + 1;
}

export class OffsetMap {
  /**
   * Sorted by `at`: in the rewritten text, `count` characters were inserted at `at` (count > 0) or removed
   * just before `at` (count < 0).
   */
  private readonly edits: { at: number; count: number; shift: number }[] = [];
  /** The last answer of `lastBefore`. */
  private hint = -1;

  /** Records an edit made at rewritten offset `at`; edits must come in increasing order. */
  add(at: number, count: number): void {
    const last = this.edits[this.edits.length - 1];
    this.edits.push({ at, count, shift: (last?.shift ?? 0) + count });
  }

  get empty(): boolean {
    return this.edits.length === 0;
  }

  /** The original offset of rewritten offset `o` (an offset inside inserted characters maps to where they were inserted). */
  toOriginal(o: number): number {
    const e = this.edits;
    const k = this.lastBefore(o);
    if (k < 0) return o;
    const { at, count, shift } = e[k];
    if (count > 0 && o < at + count) return at - (shift - count);
    return o - shift;
  }

  /** Index of the last edit with `at < o`, or -1. A tree is walked in text order, so the previous answer is tried first. */
  private lastBefore(o: number): number {
    const e = this.edits;
    let k = this.hint;
    if (k < e.length && (k < 0 || e[k].at < o)) {
      for (let steps = 0; steps < 8; steps++) {
        if (k + 1 >= e.length || e[k + 1].at >= o) return (this.hint = k);
        k++;
      }
    }
    let lo = 0;
    let hi = e.length - 1;
    k = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (e[mid].at < o) {
        k = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return (this.hint = k);
  }

  /** Composes: `this` maps a text B back to A, `next` maps C back to B; the result maps C back to A. */
  then(next: OffsetMap): { toOriginal(o: number): number } {
    return { toOriginal: (o: number) => this.toOriginal(next.toOriginal(o)) };
  }
}

/** Moves every offset of a tree (nodes, pairs, keys) and of the problems through `map`, in place. */
export function remapTree(root: Node | undefined, problems: DocumentProblem[], map: { toOriginal(o: number): number }): void {
  const f = (o: number): number => map.toOriginal(o);
  if (root) {
    walk(root, (n) => {
      n.start = f(n.start);
      n.end = f(n.end);
      if (n.kind === 'map') {
        for (const p of n.pairs) {
          p.start = f(p.start);
          p.end = f(p.end);
          p.key.start = f(p.key.start);
          p.key.end = f(p.key.end);
        }
      }
    });
  }
  for (const p of problems) {
    p.start = f(p.start);
    p.end = f(p.end);
  }
}

/**
 * YAML's line breaks as the paths read them: CRLF becomes LF and a lone CR a LF (YAML, and CloudFormation,
 * read a lone CR as a line break; `yaml` would keep it in the value, so `NoEcho: true\r\r\n` read "true\r").
 */
export function normalizeBreaks(text: string): { text: string; map: OffsetMap | undefined } {
  let i = text.indexOf('\r');
  if (i < 0) return { text, map: undefined };
  const map = new OffsetMap();
  let out = '';
  let from = 0;
  let removed = 0;
  for (; i >= 0; i = text.indexOf('\r', i + 1)) {
    if (text.charCodeAt(i + 1) === 10) {
      out += text.slice(from, i);
      map.add(i - removed, -1);
      removed++;
    } else out += `${text.slice(from, i)}\n`;
    from = i + 1;
  }
  return { text: out + text.slice(from), map };
}

/** Runs a parse path on `text` with its line breaks made LF, and moves the result back onto `text`. */
export function withLfBreaks<T extends { root: Node | undefined; problems: DocumentProblem[] } | undefined>(
  text: string,
  parse: (lf: string) => T,
): T {
  const { text: lf, map } = normalizeBreaks(text);
  const r = parse(lf);
  if (r && map) remapTree(r.root, r.problems, map);
  return r;
}
