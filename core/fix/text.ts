/** An edit on the document text, in UTF-16 offsets. */
export interface TextEdit {
  start: number;
  end: number;
  newText: string;
}

/** Applies non-overlapping edits; inserts at one offset keep their given order. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = edits.map((e, i) => ({ e, i })).sort((a, b) => a.e.start - b.e.start || a.e.end - b.e.end || a.i - b.i);
  let out = '';
  let pos = 0;
  for (const { e } of sorted) {
    if (e.start < pos) throw new Error('overlapping edits');
    out += text.slice(pos, e.start) + e.newText;
    pos = e.end;
  }
  return out + text.slice(pos);
}

// Line breaks are `\n`, `\r\n` or a lone `\r` (CloudFormation, TypeScript and Python all read a lone `\r` as a
// break): every helper here knows all three, so an edit never splits a `\r\n` or leaves a stray `\r`.

/** True for `\n` and `\r`. */
export function isBreakChar(c: string | undefined): boolean {
  return c === '\n' || c === '\r';
}

/** Offset of the start of the line holding `offset`. */
export function lineStartAt(text: string, offset: number): number {
  for (let i = Math.min(offset, text.length) - 1; i >= 0; i--) if (isBreakChar(text[i])) return i + 1;
  return 0;
}

/** Offset of the end of the line holding `offset` (before its `\r\n`, `\n` or `\r`). */
export function lineEndAt(text: string, offset: number): number {
  for (let i = Math.max(offset, 0); i < text.length; i++) if (isBreakChar(text[i])) return i;
  return text.length;
}

/** Length of the line break that ends just before `offset` (2 for `\r\n`), 0 when there is none. */
export function breakBefore(text: string, offset: number): number {
  if (text[offset - 1] === '\n') return text[offset - 2] === '\r' ? 2 : 1;
  return text[offset - 1] === '\r' ? 1 : 0;
}

/** Length of the line break that starts at `offset` (2 for `\r\n`), 0 when there is none. */
export function breakAt(text: string, offset: number): number {
  if (text[offset] === '\r') return text[offset + 1] === '\n' ? 2 : 1;
  return text[offset] === '\n' ? 1 : 0;
}

/** `end` moved back over line breaks: a node that ends with its line break (a block scalar) ends before it. */
export function beforeTrailingBreaks(text: string, start: number, end: number): number {
  while (end > start && isBreakChar(text[end - 1])) end--;
  return end;
}

/** Column of an offset. */
export function columnAt(text: string, offset: number): number {
  return offset - lineStartAt(text, offset);
}

/** Leading whitespace of the line holding `offset`. */
export function lineIndent(text: string, offset: number): string {
  const s = lineStartAt(text, offset);
  let e = s;
  while (e < text.length && (text[e] === ' ' || text[e] === '\t')) e++;
  return text.slice(s, e);
}

/** The file's line break: the most frequent of `\r\n`, `\n` and a lone `\r` (`\n` when there is none). */
export function eolOf(text: string): string {
  let crlf = 0;
  let lf = 0;
  let cr = 0;
  for (let i = text.indexOf('\r'); i >= 0; i = text.indexOf('\r', i + 1)) {
    if (text[i + 1] === '\n') crlf++;
    else cr++;
  }
  if (crlf === 0 && cr === 0) return '\n';
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lf++;
  lf -= crlf;
  if (crlf >= lf && crlf >= cr) return '\r\n';
  return cr > lf ? '\r' : '\n';
}

/** The text's lines, split at every kind of line break. */
export function splitLines(text: string, limit?: number): string[] {
  return text.split(/\r\n|\r|\n/, limit);
}
