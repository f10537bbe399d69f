/** Where the benchmark types: inside one resource near the middle of the template. */

/** Offset at the end of an `InstanceType` value (inside the quotes in JSON) past the middle of the text. */
export function editOffset(text: string): number {
  const from = Math.floor(text.length / 2);
  let at = text.indexOf('InstanceType', from);
  if (at < 0) at = text.indexOf('InstanceType');
  if (at < 0) throw new Error('template has no InstanceType to edit');
  const lineEnd = text.indexOf('\n', at);
  const quote = text.lastIndexOf('"', lineEnd);
  // JSON: `"InstanceType": "t3.micro",` → type before the closing quote; YAML: at the end of the line.
  return quote > at + 'InstanceType"'.length ? quote : lineEnd;
}

/** 0-based line and character of an offset (for LSP edits). */
export function lineCol(text: string, offset: number): { line: number; character: number } {
  let line = 0;
  let start = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    start = i + 1;
  }
  return { line, character: offset - start };
}
