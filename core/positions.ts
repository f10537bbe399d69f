/** The one place offsets become line/character positions (0-based, UTF-16, as LSP counts). */

export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

/** Line starts of a text, computed once per parse and shared by every consumer. */
export class LineIndex {
  private readonly starts: number[];

  /** `starts` is for internal use (`afterEdit`): given, it must be the text's line starts. */
  constructor(
    private readonly text: string,
    starts?: number[],
  ) {
    if (starts) {
      this.starts = starts;
      return;
    }
    this.starts = [0];
    scanLineStarts(text, 0, text.length, true, this.starts);
  }

  /**
   * The index of `text`, which is `prev`'s text with [start, oldEnd) replaced by [start, newEnd):
   * line starts before the edit are kept, later ones moved, and only the edited lines scanned
   * (a 10,000-line template re-scanned in full took about 1 ms per keystroke).
   */
  static afterEdit(prev: LineIndex, text: string, start: number, oldEnd: number, newEnd: number): LineIndex {
    const old = prev.starts;
    const delta = newEnd - oldEnd;
    // Keep through the line before the one holding `start`: its break lies wholly before the edit.
    let i = Math.max(0, prev.positionAt(start).line - 1);
    if (old[i] > start) i = 0;
    // Old starts after `oldEnd + 1` follow a line break that the edit left alone.
    let j = i;
    while (j < old.length && old[j] <= oldEnd + 1) j++;
    const toEnd = j >= old.length;
    const starts = old.slice(0, i + 1);
    scanLineStarts(text, old[i], toEnd ? text.length : old[j] + delta, toEnd, starts);
    for (let k = j; k < old.length; k++) starts.push(old[k] + delta);
    return new LineIndex(text, starts);
  }

  get lineCount(): number {
    return this.starts.length;
  }

  positionAt(offset: number): Position {
    const o = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= o) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: o - this.starts[lo] };
  }

  offsetAt(p: Position): number {
    if (p.line >= this.starts.length) return this.text.length;
    if (p.line < 0) return 0;
    return Math.min(this.starts[p.line] + p.character, this.lineEnd(p.line));
  }

  range(start: number, end: number): Range {
    return { start: this.positionAt(start), end: this.positionAt(end) };
  }

  lineStart(line: number): number {
    return this.starts[Math.max(0, Math.min(line, this.starts.length - 1))];
  }

  /** Offset of the end of a line, before its line break. */
  lineEnd(line: number): number {
    const next = line + 1 < this.starts.length ? this.starts[line + 1] : this.text.length + 1;
    let e = next - 1;
    if (e > this.text.length) e = this.text.length;
    while (e > this.starts[line] && (this.text[e - 1] === '\n' || this.text[e - 1] === '\r')) e--;
    return e;
  }

  lineText(line: number): string {
    return this.text.slice(this.lineStart(line), this.lineEnd(line));
  }
}

/** Pushes the starts of the lines that begin after `from` and before `until` (or at it, when `withUntil`). */
function scanLineStarts(text: string, from: number, until: number, withUntil: boolean, out: number[]): void {
  for (let i = from; i < until && i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 13 && text.charCodeAt(i + 1) === 10) i++;
    else if (c !== 10 && c !== 13) continue;
    if (i + 1 < until || (withUntil && i + 1 === until)) out.push(i + 1);
  }
}
