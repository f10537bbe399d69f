import { MapNode, Node, PairNode, ScalarNode, SeqNode } from '../nodes';
import { withLfBreaks } from './offsets';
import { MAX_DEPTH } from './problems';
import { blockValueAtEof, longFormIntrinsic, shortIntrinsic, trimEnd, YamlParse } from './tree';
import { resolvePlain } from './yaml-scalar';
import { SHORT_TAGS } from './yaml-schema';

/**
 * The fast path of `parseYaml`: a hand-written scanner for the block YAML that CloudFormation
 * templates are written in, building the neutral tree straight from the text (about 8× faster than
 * `yaml`'s Lexer and Parser, and far less garbage). It must give exactly the tree the composed path
 * gives — offsets, values, styles, intrinsics, and the ends of collections where yaml's Parser hands
 * trailing comments from one collection to the next — and it gives up (returns undefined, so the
 * composed path decides) on everything outside the subset it knows: tabs, directives, anchors,
 * aliases, unknown or `!!` tags, explicit keys, empty sequence items, duplicate keys, comments inside
 * flow collections, indentation indicators, and anything yaml would report as an error. Inside flow
 * collections and quoted scalars it ignores indentation as CloudFormation does (the composed path
 * recovers the same way, core/parse/yaml-recover.ts). test/core/yaml-fast.test.ts compares it with
 * the composed path on every YAML file of the fixtures, examples and corpus, on generated templates
 * and on thousands of random edits.
 */

/** Thrown (one shared object, no stack trace) when the text leaves the subset. */
const GIVE_UP = new Error('parapet: yaml fast path gives up');
function giveUp(): never {
  throw GIVE_UP;
}

const SP = 32;
const NL = 10;
const HASH = 35;
const COLON = 58;
const DASH = 45;
const SQ = 39;
const DQ = 34;
const LBRACK = 91;
const RBRACK = 93;
const LBRACE = 123;
const RBRACE = 125;
const COMMA = 44;
const BANG = 33;
const PIPE = 124;
const GT = 62;
const BSLASH = 92;
/** yaml's limit on an implicit key; longer ones are an error the composed path reports. */
const MAX_KEY = 1024;
/** Control characters (tab among them; line breaks are LF by now) send the text to the other paths. */
const UNUSUAL = /[\u0000-\u0009\u000b-\u001f\u007f\ufeff]/;

const ESCAPES: Record<string, string> = {
  '0': '\0',
  a: '\x07',
  b: '\b',
  e: '\x1b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
  N: '\u0085',
  _: '\u00a0',
  L: '\u2028',
  P: '\u2029',
  ' ': ' ',
  '"': '"',
  '/': '/',
  '\\': '\\',
};

/** The value of a one-line double-quoted scalar's content with escapes (yaml's doubleQuotedValue). */
function unescapeDouble(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const ch = s[i];
    if (ch !== '\\') {
      out += ch;
      continue;
    }
    const next = s[++i];
    const simple = ESCAPES[next];
    if (simple !== undefined) {
      out += simple;
      continue;
    }
    if (next !== 'x' && next !== 'u' && next !== 'U') giveUp();
    const length = next === 'x' ? 2 : next === 'u' ? 4 : 8;
    const hex = s.substr(i + 1, length);
    if (hex.length !== length || !/^[0-9a-fA-F]+$/.test(hex)) giveUp();
    const code = parseInt(hex, 16);
    if (code > 0x10ffff) giveUp();
    out += String.fromCodePoint(code);
    i += length;
  }
  return out;
}

/** yaml's unfoldLines for plain and single-quoted scalars over several lines (no tabs here): a line break is a space, blank lines are line breaks. */
function unfoldLines(source: string): string {
  const lines = source.split('\n');
  let res = lines[0].replace(/ +$/, '');
  let sep = ' ';
  for (let i = 1; i < lines.length - 1; i++) {
    const lm = lines[i].trim();
    if (lm === '') {
      if (sep === '\n') res += sep;
      else sep = '\n';
    } else {
      res += sep + lm;
      sep = ' ';
    }
  }
  return res + sep + lines[lines.length - 1].replace(/^ +/, '');
}

/** yaml's doubleQuotedValue for a double-quoted scalar's content over several lines (no tabs or CR here). */
function doubleQuotedLines(s: string): string {
  let res = '';
  for (let i = 0; i < s.length; ++i) {
    const ch = s[i];
    if (ch === '\n') {
      let fold = '';
      let next = s[i + 1];
      while (next === ' ' || next === '\n') {
        if (next === '\n') fold += '\n';
        i += 1;
        next = s[i + 1];
      }
      res += fold || ' ';
    } else if (ch === '\\') {
      const next = s[++i];
      const simple = ESCAPES[next];
      if (simple !== undefined) res += simple;
      else if (next === '\n') {
        // An escaped line break joins the lines without a space; the next line's indentation goes.
        while (s[i + 1] === ' ') i++;
      } else if (next === 'x' || next === 'u' || next === 'U') {
        res += unescapeDouble(`\\${s.substr(i, next === 'x' ? 3 : next === 'u' ? 5 : 9)}`);
        i += next === 'x' ? 2 : next === 'u' ? 4 : 8;
      } else giveUp();
    } else if (ch === ' ') {
      // Spaces before a line break are dropped.
      const wsStart = i;
      let next = s[i + 1];
      while (next === ' ') next = s[++i + 1];
      if (next !== '\n') res += s.slice(wsStart, i + 1);
    } else res += ch;
  }
  return res;
}

function isFlowIndicator(c: number): boolean {
  return c === COMMA || c === LBRACK || c === RBRACK || c === LBRACE || c === RBRACE;
}

/** `yaml`'s splitLines for block scalar sources: `[indent, content]` per line. */
function splitLines(source: string): [string, string][] {
  const split = source.split(/\n( *)/);
  const first = split[0];
  const m = /^( *)/.exec(first);
  const lines: [string, string][] = [m?.[1] ? [m[1], first.slice(m[1].length)] : ['', first]];
  for (let i = 1; i < split.length; i += 2) lines.push([split[i], split[i + 1]]);
  return lines;
}

/**
 * Adds a pair, giving up on a duplicate key (an error the composed path reports): two keys clash
 * when their values read the same as strings. Small mappings are
 * searched; a Set (of the keys as strings) is built only once a mapping has many keys.
 */
function addPair(map: MapNode, seen: Set<string> | undefined, key: ScalarNode, value: Node | undefined): Set<string> | undefined {
  const v = key.value;
  const s = typeof v === 'string' ? v : String(v);
  const pairs = map.pairs;
  if (seen) {
    if (seen.has(s)) giveUp();
    seen.add(s);
  } else {
    for (let i = 0; i < pairs.length; i++) {
      const kv = pairs[i].key.value;
      if (kv === v || (typeof kv === 'string' ? kv : String(kv)) === s) giveUp();
    }
    if (pairs.length >= 8) {
      seen = new Set<string>();
      for (const p of pairs) seen.add(String(p.key.value));
      seen.add(s);
    }
  }
  key.parent = map;
  if (value) value.parent = map;
  const pair: PairNode = { key, value, start: key.start, end: value ? value.end : key.end };
  pairs.push(pair);
  return seen;
}

/**
 * One parse. Block context works line by line: after each value, `pos` is the first character of
 * the next line that holds content (past its indentation) and `nextIndent` that line's indentation
 * (-1 at the end of the text). The fields below it describe where collections end.
 */
class FastYaml {
  private readonly len: number;
  short = false;
  private pos = 0;
  private nextIndent = -1;
  /** Where the collection that holds the value just parsed ends if that value was its last: the value's end, trailing comment included. */
  private valAfter = 0;
  /**
   * Comment lines after the last value that yaml's Parser keeps as a comment-only item (its end, or -1,
   * and the deepest indentation among them). The item moves from a collection to its parent while
   * every comment in it is less indented than the collection (or the collection is at column 0);
   * the collection that keeps it ends its outer extent there.
   */
  private tailEnd = -1;
  private tailMax = -1;
  /** Position after the last quoted scalar, flow key or flow value. */
  private at = 0;
  /** End of the last comment in the lines `skip` passed, or -1. */
  private lastComment = -1;

  constructor(private readonly text: string) {
    this.len = text.length;
  }

  private code(i: number): number {
    return i < this.len ? this.text.charCodeAt(i) : -1;
  }

  private eol(i: number): number {
    const e = this.text.indexOf('\n', i);
    return e < 0 ? this.len : e;
  }

  /** `---` or `...` and white space at a line start: a document marker, which no flow node may hold. */
  private docMarkerAt(p: number): boolean {
    if (!(this.text.startsWith('---', p) || this.text.startsWith('...', p))) return false;
    const n = this.code(p + 3);
    return n === SP || n === NL || n === -1;
  }

  private isSeqItemAt(p: number): boolean {
    if (this.code(p) !== DASH) return false;
    const n = this.code(p + 1);
    return n === SP || n === NL || n === -1;
  }

  parse(): YamlParse {
    this.skip(0);
    // A `---` line may open the document.
    if (this.nextIndent === 0 && this.text.startsWith('---', this.pos)) {
      let i = this.pos + 3;
      const n = this.code(i);
      if (n !== SP && n !== NL && n !== -1) giveUp();
      while (this.code(i) === SP) i++;
      if (this.code(i) === HASH) {
        if (i === this.pos + 3) giveUp();
        i = this.eol(i);
      } else if (this.code(i) !== NL && i < this.len) giveUp();
      this.skip(i + 1);
    }
    if (this.nextIndent < 0 || this.isSeqItemAt(this.pos)) giveUp();
    const root = longFormIntrinsic(this.blockMap(this.pos, this.nextIndent, 0));
    // Anything left (a line less indented than the root) is an error.
    if (this.nextIndent !== -1) giveUp();
    return { root, problems: [], usesShortTags: this.short };
  }

  /** From a line start, passes blank and comment lines; sets pos, nextIndent and lastComment. */
  private skip(p: number): void {
    const text = this.text;
    const len = this.len;
    this.lastComment = -1;
    while (p < len) {
      let i = p;
      while (i < len && text.charCodeAt(i) === SP) i++;
      if (i >= len) break;
      const ch = text.charCodeAt(i);
      if (ch === NL) {
        p = i + 1;
        continue;
      }
      if (ch === HASH) {
        const e = this.eol(i);
        this.lastComment = e;
        p = e + 1;
        continue;
      }
      this.pos = i;
      this.nextIndent = i - p;
      return;
    }
    this.pos = len;
    this.nextIndent = -1;
  }

  /**
   * After a value that ends its line (p: start of the next line), passes blank and comment lines as
   * `skip` does and sorts the comments as yaml's Parser does inside the collection holding the value
   * (indent c): one indented deeper than c extends a flow value (scalar or flow collection) until the
   * first other comment, which opens the comment-only item that takes every later one.
   */
  private leafGap(p: number, c: number, attachable: boolean, after: number): void {
    const text = this.text;
    const len = this.len;
    let tail = -1;
    let max = -1;
    this.pos = len;
    this.nextIndent = -1;
    while (p < len) {
      let i = p;
      while (i < len && text.charCodeAt(i) === SP) i++;
      if (i >= len) break;
      const ch = text.charCodeAt(i);
      if (ch === NL) {
        p = i + 1;
        continue;
      }
      if (ch === HASH) {
        const e = this.eol(i);
        const indent = i - p;
        if (tail < 0 && attachable && indent > c) after = e;
        else {
          tail = e;
          if (indent > max) max = indent;
        }
        p = e + 1;
        continue;
      }
      this.pos = i;
      this.nextIndent = i - p;
      break;
    }
    this.valAfter = after;
    this.tailEnd = tail;
    this.tailMax = max;
  }

  /** Closes a block collection at indent c whose last value was just parsed: its end, and who keeps the trailing comments. */
  private close(n: MapNode | SeqNode, c: number): void {
    n.end = trimEnd(this.text, n.start, this.valAfter);
    if (this.tailEnd >= 0 && c !== 0 && this.tailMax >= c) {
      this.valAfter = this.tailEnd;
      this.tailEnd = -1;
    }
  }

  /** The rest of a line after a value ending at i: spaces, then a comment after white space, or the line break. Returns the value's outer end; `at` becomes the next line's start. */
  private lineEnd(i: number): number {
    let j = i;
    while (this.code(j) === SP) j++;
    const ch = this.code(j);
    if (ch === NL || ch === -1) {
      this.at = j + 1;
      return i;
    }
    if (ch === HASH && j > i) {
      const e = this.eol(j);
      this.at = e + 1;
      return e;
    }
    return giveUp();
  }

  /** A plain scalar may start with this character (block context when `flow` is false). */
  private plainStart(p: number, flow: boolean): boolean {
    const c = this.code(p);
    switch (c) {
      case -1:
      case NL:
      case SP:
      case COMMA:
      case LBRACK:
      case RBRACK:
      case LBRACE:
      case RBRACE:
      case HASH:
      case 38:
      case 42:
      case BANG:
      case PIPE:
      case GT:
      case SQ:
      case DQ:
      case 37:
      case 64:
      case 96:
        return false;
      case DASH:
      case 63:
      case COLON: {
        const n = this.code(p + 1);
        return !(n === SP || n === NL || n === -1 || (flow && isFlowIndicator(n)));
      }
      default:
        return true;
    }
  }

  /** True when a block mapping key (plain or quoted, then `:` and white space) starts at q. */
  private isKeyAt(q: number): boolean {
    const c = this.code(q);
    let j: number;
    if (c === SQ || c === DQ) {
      j = this.quotedEnd(q);
      if (j < 0) return false;
      while (this.code(j) === SP) j++;
    } else {
      if (!this.plainStart(q, false)) return false;
      for (j = q; ; j++) {
        const d = this.code(j);
        if (d === NL || d === -1) return false;
        if (d === COLON) {
          const n = this.code(j + 1);
          if (n === SP || n === NL || n === -1) return true;
        } else if (d === SP && this.code(j + 1) === HASH) return false;
      }
    }
    if (this.code(j) !== COLON) return false;
    const n = this.code(j + 1);
    return n === SP || n === NL || n === -1;
  }

  /** Position after the closing quote of a one-line quoted scalar at q, or -1. */
  private quotedEnd(q: number): number {
    const quote = this.code(q);
    for (let i = q + 1; ; i++) {
      const c = this.code(i);
      if (c === NL || c === -1) return -1;
      if (quote === DQ && c === BSLASH) {
        const n = this.code(i + 1);
        if (n === NL || n === -1) return -1;
        i++;
        continue;
      }
      if (c === quote) {
        if (quote === SQ && this.code(i + 1) === SQ) {
          i++;
          continue;
        }
        return i + 1;
      }
    }
  }

  /**
   * A quoted scalar at q; `at` becomes the position after its closing quote. A value (`multiline`) may run over
   * several lines at any indentation, as CloudFormation reads it (core/parse/yaml-lenient.ts); a key must close on
   * its line.
   */
  private quoted(q: number, multiline = false): ScalarNode {
    const quote = this.code(q);
    let escaped = false;
    let multi = false;
    let i = q + 1;
    for (;;) {
      const d = this.code(i);
      if (d === -1) giveUp();
      if (d === NL) {
        if (!multiline || this.docMarkerAt(i + 1)) giveUp();
        multi = true;
        i++;
        while (this.code(i) === SP) i++;
        continue;
      }
      if (quote === DQ && d === BSLASH) {
        const n = this.code(i + 1);
        if (n === -1 || (n === NL && !multiline)) giveUp();
        escaped = true;
        // An escaped line break: the break itself is checked as any other.
        i += n === NL ? 1 : 2;
        continue;
      }
      if (d === quote) {
        if (quote === SQ && this.code(i + 1) === SQ) {
          escaped = true;
          i += 2;
          continue;
        }
        break;
      }
      i++;
    }
    const raw = this.text.slice(q + 1, i);
    let value: string;
    if (quote === SQ) {
      value = multi ? unfoldLines(raw) : raw;
      if (escaped) value = value.replace(/''/g, "'");
    } else value = multi ? doubleQuotedLines(raw) : escaped ? unescapeDouble(raw) : raw;
    this.at = i + 1;
    return { kind: 'scalar', value, style: quote === SQ ? 'single' : 'double', start: q, end: i + 1, parent: undefined };
  }

  /** A block mapping key at p; `at` becomes the position after its `:`. */
  private key(p: number): ScalarNode {
    const c = this.code(p);
    if (c === SQ || c === DQ) {
      const key = this.quoted(p);
      let j = this.at;
      while (this.code(j) === SP) j++;
      const n = this.code(j + 1);
      if (this.code(j) !== COLON || !(n === SP || n === NL || n === -1) || j - p > MAX_KEY) giveUp();
      this.at = j + 1;
      return key;
    }
    if (!this.plainStart(p, false)) giveUp();
    let end = p;
    let i = p;
    for (; ; i++) {
      const d = this.code(i);
      if (d === NL || d === -1) giveUp();
      if (d === COLON) {
        const n = this.code(i + 1);
        if (n === SP || n === NL || n === -1) break;
        end = i + 1;
      } else if (d === SP) {
        if (this.code(i + 1) === HASH) giveUp();
      } else end = i + 1;
    }
    if (i - p > MAX_KEY) giveUp();
    const s = this.text.slice(p, end);
    if (s === '<<') giveUp();
    this.at = i + 1;
    // A key is the text written (`Off:` is "Off"), as CloudFormation reads keys (core/parse/yaml.ts plainKey).
    return { kind: 'scalar', value: s, style: 'plain', start: p, end, parent: undefined };
  }

  /** A block mapping whose first key is at p, at column c. Leaves the next content line and the ends as `close` sets them. */
  private blockMap(p: number, c: number, depth: number): MapNode {
    if (depth > MAX_DEPTH) giveUp();
    const map: MapNode = { kind: 'map', pairs: [], flow: false, start: p, end: p, parent: undefined };
    let seen: Set<string> | undefined;
    for (;;) {
      const key = this.key(p);
      let q = this.at;
      while (this.code(q) === SP) q++;
      const value = this.blockValue(q, c, c, true, depth + 1);
      seen = addPair(map, seen, key, value);
      const ni = this.nextIndent;
      if (ni === c) {
        p = this.pos;
        if (this.isSeqItemAt(p)) giveUp();
        continue;
      }
      if (ni > c) giveUp();
      this.close(map, c);
      return map;
    }
  }

  /** A block sequence whose first `-` is at p, column s; `indentless` when it is a mapping's value at the mapping's own column. */
  private blockSeq(p: number, s: number, indentless: boolean, depth: number): SeqNode {
    if (depth > MAX_DEPTH) giveUp();
    const seq: SeqNode = { kind: 'seq', items: [], flow: false, start: p, end: p, parent: undefined };
    for (;;) {
      let q = p + 1;
      while (this.code(q) === SP) q++;
      const ch = this.code(q);
      let item: Node;
      if (ch === NL || ch === -1 || ch === HASH) {
        // Nothing after the `-` on its line: a collection on the next lines, deeper than the sequence.
        this.skip(ch === HASH ? this.eol(q) + 1 : q + 1);
        if (this.nextIndent <= s) giveUp();
        item = this.blockNode(depth + 1, false, s);
      } else if (this.isSeqItemAt(q)) {
        // `- - x`: a sequence inside the item, at the column of its own `-`.
        item = this.blockSeq(q, s + (q - p), false, depth + 1);
      } else if (this.isKeyAt(q)) {
        item = longFormIntrinsic(this.blockMap(q, s + (q - p), depth + 1));
      } else {
        item = this.blockValue(q, s, s + (q - p), false, depth + 1)!;
      }
      item.parent = seq;
      seq.items.push(item);
      const ni = this.nextIndent;
      if (ni === s && this.isSeqItemAt(this.pos)) {
        p = this.pos;
        continue;
      }
      if (ni > s || (ni === s && !indentless)) giveUp();
      this.close(seq, s);
      return seq;
    }
  }

  /**
   * The value at pos (column nextIndent) on the lines after its key or `-` (c: the indent of the
   * collection holding it): a block collection, or (untagged) a scalar or flow collection alone there.
   */
  private blockNode(depth: number, tagged: boolean, c: number): Node {
    const p = this.pos;
    let n: Node;
    if (this.isSeqItemAt(p)) n = this.blockSeq(p, this.nextIndent, false, depth);
    else if (this.isKeyAt(p)) n = this.blockMap(p, this.nextIndent, depth);
    else {
      // A comment line before it may have lowered yaml's Lexer's continuation indent (a column-0 `#x` does).
      const ch = this.code(p);
      if (ch === PIPE || ch === GT || this.lastComment >= 0) giveUp();
      if (tagged) return ch === BANG ? giveUp() : this.leaf(p, c, this.nextIndent, depth, true);
      return this.blockValue(p, c, this.nextIndent, false, depth, true)!;
    }
    return tagged ? n : longFormIntrinsic(n);
  }

  /**
   * A value in block context at p (past `key:` or `- ` and their spaces). c: indent of the collection
   * holding it (the value's lines must be deeper); ind: yaml's indent for a block scalar there.
   * Undefined for an empty mapping value.
   */
  private blockValue(p: number, c: number, ind: number, inMap: boolean, depth: number, own = false): Node | undefined {
    const ch = this.code(p);
    if (ch === NL || ch === -1 || ch === HASH) {
      let after = p;
      let next = p + 1;
      if (ch === HASH) {
        after = this.eol(p);
        next = after + 1;
      }
      this.skip(next);
      if (this.nextIndent > c) return this.blockNode(depth, false, c);
      if (inMap && this.nextIndent === c && this.isSeqItemAt(this.pos)) {
        if (depth > MAX_DEPTH) giveUp();
        return this.blockSeq(this.pos, c, true, depth);
      }
      if (!inMap) giveUp();
      // An empty value: the Composer ends it after the `:` and its spaces, or after the last comment that follows.
      this.valAfter = this.lastComment >= 0 ? this.lastComment : after;
      this.tailEnd = -1;
      return undefined;
    }
    if (ch === BANG) {
      const tag = this.tag(p);
      let q = p + tag.length;
      if (this.code(q) !== SP && this.code(q) !== NL) giveUp();
      while (this.code(q) === SP) q++;
      const d = this.code(q);
      let arg: Node;
      if (d === NL) {
        // `!If` alone on its line: the collection on the next lines is its argument (no comments in between),
        // a mapping value's sequence at the key's own column included.
        this.skip(q + 1);
        if (this.lastComment >= 0 || this.nextIndent < c || (own && this.nextIndent === c)) giveUp();
        if (this.nextIndent === c) {
          if (!inMap || !this.isSeqItemAt(this.pos)) giveUp();
          arg = this.blockSeq(this.pos, c, true, depth + 1);
        } else arg = this.blockNode(depth + 1, true, c);
      } else {
        if (d === -1 || d === HASH || d === BANG) giveUp();
        arg = this.leaf(q, c, ind, depth + 1, true);
      }
      return shortIntrinsic(tag, p, arg);
    }
    return this.leaf(p, c, ind, depth, false);
  }

  /** A `!Tag` at p, one of CloudFormation's. */
  private tag(p: number): string {
    let i = p + 1;
    for (;;) {
      const c = this.code(i);
      if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57)) i++;
      else break;
    }
    const tag = this.text.slice(p, i);
    if (!SHORT_TAGS.has(tag)) giveUp();
    this.short = true;
    return tag;
  }

  /** A scalar, flow collection or block scalar starting at p on a block line; then the lines after it. */
  private leaf(p: number, c: number, ind: number, depth: number, tagged: boolean): Node {
    const ch = this.code(p);
    let node: Node;
    let after: number;
    if (ch === PIPE || ch === GT) {
      const s = this.blockScalar(p, c, ind);
      this.leafGap(this.at, c, false, this.valAfter);
      return s;
    }
    if (ch === LBRACK || ch === LBRACE) {
      const f = this.flow(p, c, depth);
      node = tagged ? f : longFormIntrinsic(f);
      after = this.lineEnd(this.at);
    } else if (ch === SQ || ch === DQ) {
      node = this.quoted(p, true);
      after = this.lineEnd(this.at);
    } else {
      if (!this.plainStart(p, false)) giveUp();
      const text = this.text;
      let end = p;
      let multi = false;
      for (let i = p; i < this.len; i++) {
        const d = text.charCodeAt(i);
        if (d === NL) {
          // yaml's Lexer continues a plain scalar on blank lines and on lines deeper than c that are not comments.
          let j = i + 1;
          let n = 0;
          while (this.code(j) === SP) {
            j++;
            n++;
          }
          const e = this.code(j);
          if (e === NL) {
            i = j - 1;
            continue;
          }
          if (e === -1 || e === HASH || n <= c) break;
          multi = true;
          i = j - 1;
          continue;
        }
        if (d === COLON) {
          const n = this.code(i + 1);
          if (n === SP || n === NL || n === -1) giveUp();
          end = i + 1;
        } else if (d === SP) {
          if (this.code(i + 1) === HASH) break;
        } else end = i + 1;
      }
      const s = multi ? unfoldLines(text.slice(p, end)) : text.slice(p, end);
      node = { kind: 'scalar', value: tagged ? s : resolvePlain(s), style: 'plain', start: p, end, parent: undefined };
      after = this.lineEnd(end);
    }
    this.leafGap(this.at, c, true, after);
    return node;
  }

  /**
   * A literal or folded block scalar whose header is at p, as yaml's Lexer cuts it (content deeper than
   * the collection at c) and resolve-block-scalar reads it (ind: the Parser's indent there). Sets
   * `at` to the start of the line after it and valAfter to its outer end.
   */
  private blockScalar(p: number, c: number, ind: number): ScalarNode {
    const text = this.text;
    const len = this.len;
    let h = p + 1;
    for (;;) {
      const d = this.code(h);
      if (d === SP || d === NL || d === HASH || d === -1) break;
      h++;
    }
    // Only `|`, `>` and a chomping indicator; indentation indicators go to the other paths.
    let chomp = '';
    if (h - p === 2) {
      chomp = text[p + 1];
      if (chomp !== '-' && chomp !== '+') giveUp();
    } else if (h - p > 2) giveUp();
    let j = h;
    while (this.code(j) === SP) j++;
    if (this.code(j) === HASH) {
      if (j === h) giveUp();
      j = this.eol(j);
    }
    if (this.code(j) !== NL) giveUp();
    const headerLength = j + 1 - p;
    const s0 = j + 1;
    // yaml's Lexer: the first line with content sets the indentation, which must be deeper than c.
    let nl = s0 - 1;
    let indent = 0;
    let k = s0;
    for (; k < len; k++) {
      const d = text.charCodeAt(k);
      if (d === SP) indent++;
      else if (d === NL) {
        nl = k;
        indent = 0;
      } else break;
    }
    if (k >= len || indent < c + 1) giveUp();
    for (;;) {
      const o = nl + 1;
      let n = 0;
      while (o + n < len && text.charCodeAt(o + n) === SP) n++;
      if (!(this.code(o + n) === NL || n >= indent)) break;
      nl = text.indexOf('\n', o + n);
      if (nl === -1) break;
    }
    if (nl === -1) nl = len;
    if (chomp !== '+') {
      // Trailing lines that are not more indented stay outside the scalar.
      for (;;) {
        let i = nl - 1;
        let d = this.code(i);
        const lastChar = i;
        while (d === SP) d = this.code(--i);
        if (d === NL && i >= s0 && i + 1 + indent > lastChar) nl = i;
        else break;
      }
    }
    const source = text.slice(s0, nl + 1);
    const valueEnd = p + headerLength + source.length;
    const end = trimEnd(text, p, valueEnd);
    const value = blockValueAtEof(text, this.blockValueOf(source, chomp, ind, text[p] === '>'), end);
    this.at = s0 + source.length;
    this.valAfter = valueEnd;
    return { kind: 'scalar', value, style: 'block', start: p, end, parent: undefined };
  }

  /** yaml's resolveBlockScalar (no indentation indicator), giving up where it reports an error. */
  private blockValueOf(source: string, chomp: string, ind: number, folded: boolean): string {
    const lines = splitLines(source);
    let chompStart = lines.length;
    for (let i = lines.length - 1; i >= 0; --i) {
      if (lines[i][1] === '') chompStart = i;
      else break;
    }
    if (chompStart === 0) giveUp();
    let trimIndent = ind;
    let contentStart = 0;
    for (let i = 0; i < chompStart; ++i) {
      const [indent, content] = lines[i];
      if (content === '') {
        if (indent.length > trimIndent) trimIndent = indent.length;
      } else {
        if (indent.length < trimIndent) giveUp();
        trimIndent = indent.length;
        contentStart = i;
        if (trimIndent === 0) giveUp();
        break;
      }
    }
    for (let i = lines.length - 1; i >= chompStart; --i) {
      if (lines[i][0].length > trimIndent) chompStart = i + 1;
    }
    let value = '';
    let sep = '';
    let prevMoreIndented = false;
    for (let i = 0; i < contentStart; ++i) value += `${lines[i][0].slice(trimIndent)}\n`;
    for (let i = contentStart; i < chompStart; ++i) {
      const [indent, content] = lines[i];
      if (content && indent.length < trimIndent) giveUp();
      if (!folded) {
        value += sep + indent.slice(trimIndent) + content;
        sep = '\n';
      } else if (indent.length > trimIndent) {
        if (sep === ' ') sep = '\n';
        else if (!prevMoreIndented && sep === '\n') sep = '\n\n';
        value += sep + indent.slice(trimIndent) + content;
        sep = '\n';
        prevMoreIndented = true;
      } else if (content === '') {
        if (sep === '\n') value += '\n';
        else sep = '\n';
      } else {
        value += sep + content;
        sep = ' ';
        prevMoreIndented = false;
      }
    }
    if (chomp === '+') {
      for (let i = chompStart; i < lines.length; ++i) value += `\n${lines[i][0].slice(trimIndent)}`;
      if (value[value.length - 1] !== '\n') value += '\n';
    } else if (chomp !== '-') value += '\n';
    return value;
  }

  /**
   * Spaces and line breaks inside a flow collection; continuation lines may sit at any indentation, as
   * CloudFormation reads them (core/parse/yaml-lenient.ts), and comments give up.
   */
  private flowSpace(i: number): number {
    for (;;) {
      const ch = this.code(i);
      if (ch === SP) {
        i++;
        continue;
      }
      if (ch === NL) {
        if (this.docMarkerAt(i + 1)) giveUp();
        i++;
        continue;
      }
      if (ch === HASH || ch === -1) giveUp();
      return i;
    }
  }

  /** A flow collection at p inside a block collection at c; `at` becomes the position after its closing bracket. */
  private flow(p: number, c: number, depth: number): MapNode | SeqNode {
    if (depth > MAX_DEPTH) giveUp();
    const isMap = this.code(p) === LBRACE;
    const close = isMap ? RBRACE : RBRACK;
    const map: MapNode | undefined = isMap ? { kind: 'map', pairs: [], flow: true, start: p, end: p, parent: undefined } : undefined;
    const seq: SeqNode | undefined = isMap ? undefined : { kind: 'seq', items: [], flow: true, start: p, end: p, parent: undefined };
    let seen: Set<string> | undefined;
    let i = this.flowSpace(p + 1);
    if (this.code(i) !== close) {
      for (;;) {
        if (map) {
          const key = this.flowKey(i);
          const q = this.flowSpace(this.at);
          const d = this.code(q);
          if (d === COMMA || d === RBRACE || d === RBRACK) giveUp();
          seen = addPair(map, seen, key, this.flowValue(q, c, depth + 1, false));
        } else {
          const v = this.flowValue(i, c, depth + 1, false);
          v.parent = seq;
          seq!.items.push(v);
        }
        i = this.flowSpace(this.at);
        const d = this.code(i);
        if (d === COMMA) {
          i = this.flowSpace(i + 1);
          // A trailing comma closes the collection as `]` alone does.
          if (this.code(i) === close) break;
          continue;
        }
        if (d === close) break;
        giveUp();
      }
    }
    const node = (map ?? seq)!;
    node.end = i + 1;
    this.at = i + 1;
    return node;
  }

  /** A flow mapping key (plain or quoted, on one line) and its `:`; `at` becomes the position after the `:`. */
  private flowKey(i: number): ScalarNode {
    const c = this.code(i);
    if (c === SQ || c === DQ) {
      const key = this.quoted(i);
      let j = this.at;
      while (this.code(j) === SP) j++;
      if (this.code(j) !== COLON || j - i > MAX_KEY) giveUp();
      this.at = j + 1;
      return key;
    }
    if (!this.plainStart(i, true)) giveUp();
    let end = i;
    let j = i;
    for (; ; j++) {
      const d = this.code(j);
      if (d === NL || d === -1 || isFlowIndicator(d)) giveUp();
      if (d === COLON) {
        const n = this.code(j + 1);
        if (n === SP || n === NL) break;
        if (n === -1 || isFlowIndicator(n)) giveUp();
        end = j + 1;
      } else if (d === SP) {
        if (this.code(j + 1) === HASH) giveUp();
      } else end = j + 1;
    }
    if (j - i > MAX_KEY) giveUp();
    const s = this.text.slice(i, end);
    if (s === '<<') giveUp();
    this.at = j + 1;
    return { kind: 'scalar', value: s, style: 'plain', start: i, end, parent: undefined };
  }

  /** A value inside a flow collection; `at` becomes the position after it. */
  private flowValue(i: number, c: number, depth: number, tagged: boolean): Node {
    const ch = this.code(i);
    if (ch === LBRACK || ch === LBRACE) {
      const f = this.flow(i, c, depth);
      return tagged ? f : longFormIntrinsic(f);
    }
    if (ch === SQ || ch === DQ) return this.quoted(i, true);
    if (ch === BANG) {
      if (tagged) giveUp();
      const tag = this.tag(i);
      const q = this.flowSpace(i + tag.length);
      const d = this.code(q);
      if (q === i + tag.length || (isFlowIndicator(d) && d !== LBRACK && d !== LBRACE)) giveUp();
      const arg = this.flowValue(q, c, depth + 1, true);
      return shortIntrinsic(tag, i, arg);
    }
    if (!this.plainStart(i, true)) giveUp();
    const text = this.text;
    let end = i;
    let j = i;
    for (; j < this.len; j++) {
      const d = text.charCodeAt(j);
      if (d === NL || isFlowIndicator(d)) break;
      if (d === COLON) {
        const n = this.code(j + 1);
        if (n === SP || n === NL || n === -1 || isFlowIndicator(n)) break;
        end = j + 1;
      } else if (d === SP) {
        if (this.code(j + 1) === HASH) giveUp();
      } else end = j + 1;
    }
    if (j >= this.len) giveUp();
    if (this.code(j) === NL) {
      // A plain scalar at the end of a line continues on the next unless a flow indicator comes first.
      let k = j;
      while (this.code(k) === SP || this.code(k) === NL) k++;
      const d = this.code(k);
      if (d !== COMMA && d !== RBRACK && d !== RBRACE) giveUp();
    }
    const s = text.slice(i, end);
    this.at = end;
    return { kind: 'scalar', value: tagged ? s : resolvePlain(s), style: 'plain', start: i, end, parent: undefined };
  }
}

/** The tree of a CloudFormation YAML text in the subset this scanner knows, or undefined when the other paths must decide. */
export function parseYamlFast(text: string): YamlParse | undefined {
  return withLfBreaks(text, parseYamlFastLf);
}

/** `parseYamlFast` on a text whose line breaks are all LF. */
export function parseYamlFastLf(text: string): YamlParse | undefined {
  if (UNUSUAL.test(text)) return undefined;
  try {
    return new FastYaml(text).parse();
  } catch (e) {
    if (e === GIVE_UP || e instanceof RangeError) return undefined;
    throw e;
  }
}
