import { isIntrinsicKey, JsonValue, MapNode, Node, pairOf, ScalarNode, SeqNode } from '../nodes';
import { beforeTrailingBreaks, breakAt, breakBefore, columnAt, eolOf, lineEndAt, lineStartAt, splitLines, TextEdit } from './text';

type Quote = 'plain' | 'single' | 'double';

/** Writes fix values into YAML the way the file already writes them. */
export class YamlWriter {
  private readonly unit: number;
  private readonly eol: string;

  constructor(
    private readonly text: string,
    private readonly shortTags: boolean,
  ) {
    this.unit = detectIndentUnit(text);
    this.eol = eolOf(text);
  }

  /** Replaces a value node. */
  replace(node: Node, value: JsonValue): TextEdit[] {
    const quote = node.kind === 'scalar' && node.style !== 'block' && node.style !== 'plain' ? node.style : undefined;
    // A flow collection stays flow: the fix keeps the file's style.
    const flowNode = (node.kind === 'map' || node.kind === 'seq') && node.flow;
    if (isInline(value) || flowNode || this.inFlow(node)) {
      return [{ start: node.start, end: node.end, newText: this.inline(value, quote) }];
    }
    const parent = node.parent;
    if (parent?.kind === 'seq' && !parent.flow) {
      // `- <node>`: the first line goes after the dash, the rest lines up under it.
      const col = columnAt(this.text, node.start);
      const lines = this.block(value, col);
      return [{ start: node.start, end: node.end, newText: [lines[0].trimStart(), ...lines.slice(1)].join(this.eol) }];
    }
    // `key: <node>`: the block starts on the next line, one unit deeper than the key.
    const pair = parent?.kind === 'map' ? parent.pairs.find((p) => p.value === node) : undefined;
    const colon = pair ? this.text.indexOf(':', pair.key.end) : this.colonBefore(node.start);
    const keyCol = pair ? columnAt(this.text, pair.key.start) : lineIndentWidth(this.text, colon);
    return [{ start: colon + 1, end: node.end, newText: this.eol + this.block(value, keyCol + this.unit).join(this.eol) }];
  }

  /** Sets `path` under `map`, creating what is missing. */
  set(map: MapNode, path: string[], value: JsonValue): TextEdit[] {
    const written = setWritten(this, map, path, value);
    if (written) return written;
    const [key, ...rest] = path;
    const pair = pairOf(map, key);
    const full = nest(rest, value);
    if (pair) {
      // `Key:` with nothing after it.
      const keyCol = columnAt(this.text, pair.key.start);
      const text = isInline(full) ? ` ${this.inline(full)}` : this.eol + this.block(full, keyCol + this.unit).join(this.eol);
      const colon = this.text.indexOf(':', pair.key.end);
      return [{ start: colon + 1, end: colon + 1, newText: text }];
    }
    return this.insertKey(map, key, full);
  }

  /** Appends an item to a sequence. */
  append(seq: SeqNode, value: JsonValue): TextEdit[] {
    if (seq.flow || seq.items.length === 0) {
      const close = this.text.lastIndexOf(']', seq.end - 1);
      if (seq.items.length === 0) return [{ start: seq.start, end: seq.end, newText: `[${this.inline(value)}]` }];
      return [{ start: close, end: close, newText: `, ${this.inline(value)}` }];
    }
    const dash = this.dashBefore(seq.items[0].start);
    const col = columnAt(this.text, dash);
    const last = seq.items[seq.items.length - 1];
    const at = lineEndAt(this.text, last.end);
    return [{ start: at, end: at, newText: this.eol + this.seqItem(value, col).join(this.eol) }];
  }

  /** Removes a key (and its value) from a mapping. */
  remove(map: MapNode, key: string): TextEdit[] {
    const pair = pairOf(map, key);
    if (!pair) return [];
    if (map.flow) {
      const idx = map.pairs.indexOf(pair);
      const next = map.pairs[idx + 1];
      const prev = map.pairs[idx - 1];
      if (next) return [{ start: pair.start, end: next.start, newText: '' }];
      if (prev) return [{ start: prev.end, end: pair.end, newText: '' }];
      return [{ start: pair.start, end: pair.end, newText: '' }];
    }
    const lineStart = lineStartAt(this.text, pair.key.start);
    const end = lineEndAt(this.text, beforeTrailingBreaks(this.text, pair.key.start, pair.end));
    if (this.text.slice(lineStart, pair.key.start).trim() !== '') {
      // `- Key: value` (or `? Key`): the key shares its line with the item's dash, which must stay.
      const next = map.pairs[map.pairs.indexOf(pair) + 1];
      if (next) return [{ start: pair.key.start, end: next.key.start, newText: '' }];
      return [{ start: pair.key.start, end, newText: '{}' }];
    }
    // Whole lines go, with one line break: the one before them (the file's own, whatever it is), else the one after.
    if (lineStart > 0) return [{ start: lineStart - breakBefore(this.text, lineStart), end, newText: '' }];
    return [{ start: 0, end: end + breakAt(this.text, end), newText: '' }];
  }

  private insertKey(map: MapNode, key: string, value: JsonValue): TextEdit[] {
    const quote = siblingQuote(map);
    if (map.flow || map.pairs.length === 0) {
      const entry = `${yamlKey(key)}: ${this.inline(value, quote)}`;
      if (map.pairs.length === 0) return [{ start: map.start, end: map.end, newText: `{${entry}}` }];
      const close = this.text.lastIndexOf('}', map.end - 1);
      return [{ start: close, end: close, newText: `, ${entry}` }];
    }
    const col = columnAt(this.text, map.pairs[0].key.start);
    const last = map.pairs[map.pairs.length - 1];
    const at = lineEndAt(this.text, last.end);
    return [{ start: at, end: at, newText: this.eol + this.pairLines(key, value, col, quote).join(this.eol) }];
  }

  private pairLines(key: string, value: JsonValue, col: number, quote?: Quote): string[] {
    const pad = ' '.repeat(col);
    if (isInline(value)) return [`${pad}${yamlKey(key)}: ${this.inline(value, quote)}`];
    const intrinsic = intrinsicOf(value);
    if (intrinsic && this.shortTags) {
      return [`${pad}${yamlKey(key)}: ${this.tag(intrinsic[0])}`, ...this.block(intrinsic[1], col + this.unit)];
    }
    return [`${pad}${yamlKey(key)}:`, ...this.block(value, col + this.unit)];
  }

  private seqItem(value: JsonValue, col: number): string[] {
    const pad = ' '.repeat(col);
    if (isInline(value)) return [`${pad}- ${this.inline(value)}`];
    const lines = this.block(value, col + 2);
    return [`${pad}- ${lines[0].trimStart()}`, ...lines.slice(1)];
  }

  /** Block lines for a collection at a column. */
  private block(value: JsonValue, col: number): string[] {
    if (Array.isArray(value)) return value.flatMap((v) => this.seqItem(v, col));
    if (value !== null && typeof value === 'object') {
      const intrinsic = intrinsicOf(value);
      if (intrinsic && this.shortTags) {
        const [name, arg] = intrinsic;
        if (isInline(arg)) return [`${' '.repeat(col)}${this.tag(name)} ${this.inline(arg)}`];
        return [`${' '.repeat(col)}${this.tag(name)}`, ...this.block(arg, col)];
      }
      return Object.entries(value).flatMap(([k, v]) => this.pairLines(k, v, col));
    }
    return [`${' '.repeat(col)}${this.inline(value)}`];
  }

  /** One-line (flow) rendering. */
  private inline(value: JsonValue, quote?: Quote): string {
    if (Array.isArray(value)) return `[${value.map((v) => this.inline(v)).join(', ')}]`;
    if (value !== null && typeof value === 'object') {
      const intrinsic = intrinsicOf(value);
      if (intrinsic && this.shortTags) return `${this.tag(intrinsic[0])} ${this.inline(intrinsic[1])}`;
      const entries = Object.entries(value);
      if (entries.length === 0) return '{}';
      return `{${entries.map(([k, v]) => `${yamlKey(k)}: ${this.inline(v)}`).join(', ')}}`;
    }
    return yamlScalar(value, quote);
  }

  private tag(name: string): string {
    return `!${name.replace(/^Fn::/, '')}`;
  }

  private inFlow(node: Node): boolean {
    for (let p = node.parent; p; p = p.parent) {
      if ((p.kind === 'map' || p.kind === 'seq') && p.flow) return true;
    }
    return false;
  }

  private colonBefore(offset: number): number {
    let i = offset - 1;
    while (i > 0 && this.text[i] !== ':') i--;
    return i;
  }

  private dashBefore(offset: number): number {
    let i = offset - 1;
    while (i > 0 && this.text[i] !== '-') i--;
    return i;
  }
}

/** `['A', 'B'], v` → `{ A: { B: v } }`. */
export function nest(path: string[], value: JsonValue): JsonValue {
  let out = value;
  for (let i = path.length - 1; i >= 0; i--) out = { [path[i]]: out };
  return out;
}

/**
 * The part of `set` both writers share: when the path's first key already has a value, replace it (the last
 * key), descend into it (a mapping), or replace it with the rest of the path nested. Undefined when the key is
 * absent or has no value yet: each writer inserts in its own syntax.
 */
export function setWritten(
  w: { replace(node: Node, value: JsonValue): TextEdit[]; set(map: MapNode, path: string[], value: JsonValue): TextEdit[] },
  map: MapNode,
  path: string[],
  value: JsonValue,
): TextEdit[] | undefined {
  const [key, ...rest] = path;
  const v = pairOf(map, key)?.value;
  if (!v) return undefined;
  if (rest.length === 0) return w.replace(v, value);
  if (v.kind === 'map') return w.set(v, rest, value);
  return w.replace(v, nest(rest, value));
}

function intrinsicOf(v: JsonValue): [string, JsonValue] | undefined {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return undefined;
  const keys = Object.keys(v);
  return keys.length === 1 && isIntrinsicKey(keys[0]) ? [keys[0], v[keys[0]]] : undefined;
}

/** Scalars, empty collections and flow-friendly intrinsics fit on the key's line. */
function isInline(v: JsonValue): boolean {
  if (v === null || typeof v !== 'object') return true;
  if (Array.isArray(v)) return v.length === 0 || v.every((x) => x === null || typeof x !== 'object');
  const keys = Object.keys(v);
  if (keys.length === 0) return true;
  const intrinsic = intrinsicOf(v);
  return intrinsic !== undefined && isInline(intrinsic[1]);
}

const RESERVED = /^(true|false|yes|no|on|off|y|n|null|~)$/i;
const NUMERIC = /^[-+]?(\.?\d[\d_]*(\.\d*)?([eE][-+]?\d+)?|0x[0-9a-fA-F]+|0o?[0-7]+|\.inf|\.nan)$/i;
// `AWS::S3::Bucket` and `s3:GetObject` stay plain; a colon before a space or at the end does not (checked below).
const PLAIN_SAFE = /^[A-Za-z0-9_/.$(][^#]*$/;
/** YAML 1.1 reads these as timestamps (`2012-10-17` would become a date): always quote them. */
const TIMESTAMP = /^\d{4}-\d{1,2}-\d{1,2}([Tt ].*)?$/;
/** Keys such as `Fn::Sub` and `aws:SecureTransport` read back the same unquoted. */
const PLAIN_KEY = /^[A-Za-z_][A-Za-z0-9_.:/-]*$/;

/** A scalar written so YAML 1.1 reads back the same type. */
export function yamlScalar(v: JsonValue, quote?: Quote): string {
  if (v === null) return 'null';
  if (typeof v === 'boolean' || typeof v === 'number') return String(v);
  const s = String(v);
  const needs =
    !PLAIN_SAFE.test(s) ||
    RESERVED.test(s) ||
    NUMERIC.test(s) ||
    TIMESTAMP.test(s) ||
    /\s$/.test(s) ||
    s.includes(': ') ||
    s.endsWith(':') ||
    s.includes(' #') ||
    /[,[\]{}\n\r\t]/.test(s);
  if (quote === 'double' || (needs && /['\n\r\t]/.test(s))) return JSON.stringify(s);
  if (quote === 'single' || needs) return `'${s.replace(/'/g, "''")}'`;
  return s;
}

/** A mapping key, quoted only when YAML would otherwise read something else. */
export function yamlKey(k: string): string {
  return PLAIN_KEY.test(k) && !k.endsWith(':') && !RESERVED.test(k) ? k : yamlScalar(k);
}

/** Quote style of the string values beside an insertion, so new values match. */
function siblingQuote(map: MapNode): Quote | undefined {
  for (const p of map.pairs) {
    const v = p.value;
    if (v?.kind === 'scalar' && typeof v.value === 'string' && v.style !== 'block') return (v as ScalarNode).style as Quote;
  }
  return undefined;
}

function lineIndentWidth(text: string, offset: number): number {
  const s = lineStartAt(text, offset);
  let e = s;
  while (text[e] === ' ') e++;
  return e - s;
}

/** The smallest step between indented lines; 2 when the file gives no hint. */
export function detectIndentUnit(text: string): number {
  let best = 0;
  let prev = 0;
  const lines = splitLines(text, 400);
  for (const l of lines) {
    if (!l.trim() || l.trimStart().startsWith('#')) continue;
    const ind = l.length - l.trimStart().length;
    const d = ind - prev;
    if (d > 0 && (best === 0 || d < best)) best = d;
    prev = ind;
  }
  return best > 0 && best <= 8 ? best : 2;
}
