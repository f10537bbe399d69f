import { MapNode, Node, PairNode, ScalarNode, SeqNode } from '../nodes';
import { MAX_DEPTH } from './problems';
import { JsonParse, longFormIntrinsic } from './tree';

/**
 * The fast path of `parseJson`: a scanner for strict, valid JSON that builds the neutral tree
 * directly (about 5× faster than jsonc-parser's tree and the conversion of it). It gives the tree
 * `parseJson`'s jsonc path gives, and gives up (returns undefined, so that path runs and reports
 * what is wrong) on anything else: syntax errors, comments, trailing commas, whitespace other than
 * JSON's four characters, control characters in strings, empty texts, and nesting past MAX_DEPTH.
 * test/core/json-fast.test.ts compares both on every JSON file of the fixtures, examples and corpus
 * and on random edits.
 */

const GIVE_UP = new Error('parapet: json fast path gives up');
function giveUp(): never {
  throw GIVE_UP;
}

const NUMBER = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?/y;

class FastJson {
  private pos = 0;

  constructor(private readonly text: string) {}

  parse(): JsonParse {
    this.space();
    if (this.pos >= this.text.length) giveUp();
    const root = this.value(0);
    this.space();
    if (this.pos !== this.text.length) giveUp();
    return { root, problems: [] };
  }

  /** After an item: true past a comma (another item follows), false at `close`; gives up on anything else. */
  private more(close: number): boolean {
    this.space();
    const d = this.text.charCodeAt(this.pos);
    if (d === close) return false;
    if (d !== 44) giveUp();
    this.pos++;
    this.space();
    return true;
  }

  private space(): void {
    const text = this.text;
    let i = this.pos;
    for (;;) {
      const c = text.charCodeAt(i);
      if (c === 32 || c === 10 || c === 13 || c === 9) i++;
      else break;
    }
    this.pos = i;
  }

  private value(depth: number): Node {
    if (depth > MAX_DEPTH) giveUp();
    const text = this.text;
    const start = this.pos;
    const c = text.charCodeAt(start);
    switch (c) {
      case 123: {
        // {
        const map: MapNode = { kind: 'map', pairs: [], flow: true, start, end: start, parent: undefined };
        this.pos++;
        this.space();
        if (text.charCodeAt(this.pos) !== 125) {
          for (;;) {
            if (text.charCodeAt(this.pos) !== 34) giveUp();
            const keyStart = this.pos;
            const key: ScalarNode = { kind: 'scalar', value: this.string(), style: 'double', start: keyStart, end: this.pos, parent: map };
            this.space();
            if (text.charCodeAt(this.pos) !== 58) giveUp();
            this.pos++;
            this.space();
            const value = this.value(depth + 1);
            value.parent = map;
            const pair: PairNode = { key, value, start: keyStart, end: value.end };
            map.pairs.push(pair);
            if (!this.more(125)) break;
          }
        }
        this.pos++;
        map.end = this.pos;
        return longFormIntrinsic(map);
      }
      case 91: {
        // [
        const seq: SeqNode = { kind: 'seq', items: [], flow: true, start, end: start, parent: undefined };
        this.pos++;
        this.space();
        if (text.charCodeAt(this.pos) !== 93) {
          for (;;) {
            const item = this.value(depth + 1);
            item.parent = seq;
            seq.items.push(item);
            if (!this.more(93)) break;
          }
        }
        this.pos++;
        seq.end = this.pos;
        return seq;
      }
      case 34: {
        // "
        const value = this.string();
        return { kind: 'scalar', value, style: 'double', start, end: this.pos, parent: undefined };
      }
      case 116:
        return this.word('true', true);
      case 102:
        return this.word('false', false);
      case 110:
        return this.word('null', null);
      default: {
        NUMBER.lastIndex = start;
        const m = NUMBER.exec(text);
        if (!m) giveUp();
        this.pos = start + m[0].length;
        // jsonc-parser reads a number with JSON.parse: the same value, -0 and 1e400 (Infinity) included.
        return { kind: 'scalar', value: Number(m[0]), style: 'plain', start, end: this.pos, parent: undefined };
      }
    }
  }

  private word(w: string, value: boolean | null): ScalarNode {
    const start = this.pos;
    if (!this.text.startsWith(w, start)) giveUp();
    this.pos = start + w.length;
    return { kind: 'scalar', value, style: 'plain', start, end: this.pos, parent: undefined };
  }

  /** A string at pos (its opening quote); pos moves past the closing quote. */
  private string(): string {
    const text = this.text;
    const start = this.pos + 1;
    let i = start;
    let escaped = false;
    for (;;) {
      const c = text.charCodeAt(i);
      if (c === 34) break;
      if (c === 92) {
        escaped = true;
        i += 2;
        continue;
      }
      // Control characters (and the end of the text) are errors jsonc-parser reports.
      if (!(c >= 32)) giveUp();
      i++;
    }
    this.pos = i + 1;
    if (!escaped) return text.slice(start, i);
    try {
      return JSON.parse(text.slice(start - 1, i + 1)) as string;
    } catch {
      return giveUp();
    }
  }
}

/** The tree of a valid JSON text, or undefined when jsonc-parser must decide (and report). */
export function parseJsonFast(text: string): JsonParse | undefined {
  try {
    return new FastJson(text).parse();
  } catch (e) {
    if (e === GIVE_UP || e instanceof RangeError) return undefined;
    throw e;
  }
}
