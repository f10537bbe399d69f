import { isIntrinsicKey, JsonValue, MapNode, Node, SeqNode } from '../nodes';
import { eolOf, lineIndent, TextEdit } from './text';
import { nest, setWritten } from './yaml-writer';

/** Writes fix values into JSON with the file's own indentation. */
export class JsonWriter {
  private readonly unit: string;
  private readonly eol: string;

  constructor(private readonly text: string) {
    this.unit = detectJsonIndent(text);
    this.eol = eolOf(text);
  }

  replace(node: Node, value: JsonValue): TextEdit[] {
    return [{ start: node.start, end: node.end, newText: this.render(value, lineIndent(this.text, node.start), this.singleLine(node)) }];
  }

  set(map: MapNode, path: string[], value: JsonValue): TextEdit[] {
    const [key, ...rest] = path;
    return setWritten(this, map, path, value) ?? this.insertKey(map, key, nest(rest, value));
  }

  append(seq: SeqNode, value: JsonValue): TextEdit[] {
    return this.insertMember(seq, seq.items, (ind, compact) => this.render(value, ind, compact));
  }

  remove(map: MapNode, key: string): TextEdit[] {
    const idx = map.pairs.findIndex((p) => p.key.value === key);
    if (idx < 0) return [];
    const pair = map.pairs[idx];
    const prev = map.pairs[idx - 1];
    const next = map.pairs[idx + 1];
    if (prev) return [{ start: prev.end, end: pair.end, newText: '' }];
    if (next) return [{ start: pair.start, end: next.start, newText: '' }];
    return [{ start: map.start + 1, end: map.end - 1, newText: '' }];
  }

  private insertKey(map: MapNode, key: string, value: JsonValue): TextEdit[] {
    return this.insertMember(map, map.pairs, (ind, compact) => `${JSON.stringify(key)}: ${this.render(value, ind, compact)}`);
  }

  /** Inserts after the last member, or fills an empty container, matching one-line or multi-line layout. */
  private insertMember(
    container: Node,
    members: readonly { start: number; end: number }[],
    entry: (indent: string, compact: boolean) => string,
  ): TextEdit[] {
    const compact = this.singleLine(container) && members.length > 0;
    if (members.length === 0) {
      const outer = lineIndent(this.text, container.start);
      const inner = outer + this.unit;
      const [open, close] = container.kind === 'seq' ? ['[', ']'] : ['{', '}'];
      return [
        {
          start: container.start,
          end: container.end,
          newText: `${open}${this.eol}${inner}${entry(inner, false)}${this.eol}${outer}${close}`,
        },
      ];
    }
    const last = members[members.length - 1];
    if (compact) return [{ start: last.end, end: last.end, newText: `, ${entry('', true)}` }];
    const ind = lineIndent(this.text, members[0].start);
    return [{ start: last.end, end: last.end, newText: `,${this.eol}${ind}${entry(ind, false)}` }];
  }

  private singleLine(node: Node): boolean {
    return !/[\r\n]/.test(this.text.slice(node.start, node.end));
  }

  /** JSON text for a value, continuing lines at `indent`. */
  private render(value: JsonValue, indent: string, compact: boolean): string {
    if (compact) return compactJson(value);
    return this.pretty(value, indent);
  }

  /** Multi-line JSON in the file's indentation, with intrinsics and short scalar lists kept on one line as people write them. */
  private pretty(value: JsonValue, indent: string): string {
    if (value === null || typeof value !== 'object') return JSON.stringify(value);
    const one = compactJson(value);
    if (one.length <= 80 && (isIntrinsicValue(value) || (Array.isArray(value) && value.every((v) => v === null || typeof v !== 'object'))))
      return one;
    const inner = indent + this.unit;
    const items = Array.isArray(value)
      ? value.map((v) => `${inner}${this.pretty(v, inner)}`)
      : Object.entries(value).map(([k, v]) => `${inner}${JSON.stringify(k)}: ${this.pretty(v, inner)}`);
    if (!items.length) return Array.isArray(value) ? '[]' : '{}';
    const [open, close] = Array.isArray(value) ? ['[', ']'] : ['{', '}'];
    return `${open}${this.eol}${items.join(`,${this.eol}`)}${this.eol}${indent}${close}`;
  }
}

/** Indentation unit of a JSON file: the first indented line's leading whitespace. */
export function detectJsonIndent(text: string): string {
  const m = /[\r\n]([ \t]+)["{[\d]/.exec(text.slice(0, 20000));
  return m ? m[1] : '  ';
}

/** `{ "Ref": … }` or `{ "Fn::…": … }`. */
function isIntrinsicValue(v: JsonValue): boolean {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return false;
  const keys = Object.keys(v);
  return keys.length === 1 && isIntrinsicKey(keys[0]);
}

/** `{"a": 1, "b": [2, 3]}`: one line, spaced like hand-written JSON. */
function compactJson(v: JsonValue): string {
  if (Array.isArray(v)) return `[${v.map(compactJson).join(', ')}]`;
  if (v !== null && typeof v === 'object')
    return `{${Object.entries(v)
      .map(([k, x]) => `${JSON.stringify(k)}: ${compactJson(x)}`)
      .join(', ')}}`;
  return JSON.stringify(v);
}
