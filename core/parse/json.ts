import * as J from 'jsonc-parser';
import { MapNode, Node, PairNode, ScalarNode, SeqNode } from '../nodes';
import { parseJsonFast } from './json-fast';
import { DocumentProblem, MAX_DEPTH } from './problems';
import { JsonParse, longFormIntrinsic } from './tree';

export type { JsonParse } from './tree';

/** Parses strict JSON (as CloudFormation reads it) with exact ranges, into the neutral tree. */
export function parseJson(text: string): JsonParse {
  // Valid JSON takes the scanner (core/parse/json-fast.ts); jsonc-parser reads the rest and says what is wrong.
  return parseJsonFast(text) ?? parseJsonTree(text);
}

/** The reference path: jsonc-parser's tree, converted; reports the first syntax error. */
export function parseJsonTree(text: string): JsonParse {
  const errors: J.ParseError[] = [];
  const tree = J.parseTree(text, errors, { allowTrailingComma: false, disallowComments: true, allowEmptyContent: true });
  // Only the first error is real: jsonc-parser's recovery reports the same mistake again further on.
  const problems: DocumentProblem[] = errors.slice(0, 1).map((e) => ({
    code: 'parse-error',
    severity: 'error',
    start: e.offset,
    end: e.offset + Math.max(1, e.length),
    message: `JSON syntax error: ${J.printParseErrorCode(e.error)}`,
  }));
  if (!tree) return { root: undefined, problems };
  const root = convert(tree, 0, problems);
  return { root, problems };
}

// Node literals name `parent` up front (set later, it costs each node an extra properties store).
function convert(n: J.Node, depth: number, problems: DocumentProblem[]): Node | undefined {
  if (depth > MAX_DEPTH) {
    if (!problems.some((p) => p.code === 'too-deep')) {
      problems.push({
        code: 'too-deep',
        severity: 'error',
        start: n.offset,
        end: n.offset + 1,
        message: `The document is nested more than ${MAX_DEPTH} levels deep; Parapet does not analyse past that.`,
      });
    }
    return undefined;
  }
  const start = n.offset;
  const end = n.offset + n.length;
  switch (n.type) {
    case 'object': {
      const map: MapNode = { kind: 'map', pairs: [], flow: true, start, end, parent: undefined };
      for (const prop of n.children ?? []) {
        const [k, v] = prop.children ?? [];
        if (!k || k.type !== 'string') continue;
        const key: ScalarNode = {
          kind: 'scalar',
          value: k.value as string,
          style: 'double',
          start: k.offset,
          end: k.offset + k.length,
          parent: map,
        };
        const value = v ? convert(v, depth + 1, problems) : undefined;
        if (value) value.parent = map;
        const pair: PairNode = { key, value, start: prop.offset, end: prop.offset + prop.length };
        map.pairs.push(pair);
      }
      return longFormIntrinsic(map);
    }
    case 'array': {
      const seq: SeqNode = { kind: 'seq', items: [], flow: true, start, end, parent: undefined };
      for (const c of n.children ?? []) {
        const item = convert(c, depth + 1, problems);
        if (item) {
          item.parent = seq;
          seq.items.push(item);
        }
      }
      return seq;
    }
    case 'string':
      return { kind: 'scalar', value: n.value as string, style: 'double', start, end, parent: undefined };
    case 'number':
    case 'boolean':
    case 'null':
      return { kind: 'scalar', value: n.value as ScalarNode['value'], style: 'plain', start, end, parent: undefined };
    default:
      return undefined;
  }
}
