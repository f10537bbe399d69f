import { IntrinsicNode, isIntrinsicKey, longIntrinsicName, MapNode, Node, PairNode } from '../nodes';
import type { DocumentProblem } from './problems';

/** What every parse path returns (YAML adds `usesShortTags`). */
export interface ParseResult {
  root: Node | undefined;
  problems: DocumentProblem[];
}

export interface YamlParse extends ParseResult {
  /** True when the file writes intrinsics as `!Tag`, so fixes can write them the same way. */
  usesShortTags: boolean;
}

export type JsonParse = ParseResult;

/** `{ "Fn::If": [...] }` becomes the same IntrinsicNode as `!If [...]`. */
export function longFormIntrinsic(n: Node): Node {
  if (n.kind !== 'map' || n.pairs.length !== 1) return n;
  const p = n.pairs[0];
  const k = p.key.value;
  if (typeof k !== 'string' || !isIntrinsicKey(k)) return n;
  const intrinsic: IntrinsicNode = { kind: 'intrinsic', name: k, arg: p.value, short: false, start: n.start, end: n.end, parent: n.parent };
  if (p.value) p.value.parent = intrinsic;
  return intrinsic;
}

/** `!Tag arg` written at `start`: the intrinsic node around `arg`, which becomes its child. */
export function shortIntrinsic(tag: string, start: number, arg: Node): IntrinsicNode {
  const intrinsic: IntrinsicNode = {
    kind: 'intrinsic',
    name: longIntrinsicName(tag),
    arg,
    short: true,
    start,
    end: Math.max(arg.end, start + tag.length),
    parent: undefined,
  };
  arg.parent = intrinsic;
  return intrinsic;
}

/** End offset with trailing whitespace trimmed, since `yaml` ranges swallow the line break. */
export function trimEnd(text: string, start: number, end: number): number {
  let e = end;
  while (e > start && isSpace(text.charCodeAt(e - 1))) e--;
  return e;
}

/** Start of `!Tag` written before a node, which `yaml` leaves out of the node's range. */
export function tagStart(text: string, start: number, tag: string): number {
  let i = start;
  while (i > 0 && isSpace(text.charCodeAt(i - 1))) i--;
  return text.slice(i - tag.length, i) === tag ? i - tag.length : start;
}

/** The white space `trimEnd` and `tagStart` pass over: `\s` without the Unicode spaces a scalar may end with. */
function isSpace(c: number): boolean {
  return c === 32 || c === 10 || c === 13 || c === 9;
}

/**
 * A block scalar whose last content line ends the text without a line break has no final line break to
 * keep (YAML 1.1, as PyYAML and CloudFormation read it); `yaml` adds one. `end`: the scalar's trimmed end.
 */
export function blockValueAtEof(text: string, value: string, end: number): string {
  const n = text.length;
  if (!value.endsWith('\n') || n === 0 || text.charCodeAt(n - 1) === 10 || text.charCodeAt(n - 1) === 13) return value;
  const lastLine = Math.max(text.lastIndexOf('\n'), text.lastIndexOf('\r')) + 1;
  return end > lastLine ? value.slice(0, -1) : value;
}

/** Duplicate-key warnings given at most per parse: past that, the file repeats itself and more say nothing new. */
export const MAX_DUPLICATE_WARNINGS = 20;

/**
 * Keeps the last pair of each key of a mapping (the same text). CloudFormation deploys templates that repeat a key
 * and keeps the last value, so the tree keeps it too, and a warning at each later key says so. Linear: the pairs are
 * filtered once, and only the warnings given look up line numbers.
 */
export function keepLastPairs(map: MapNode, problems: DocumentProblem[], text: string): void {
  const pairs = map.pairs;
  if (pairs.length < 2) return;
  const last = new Map<string, number>();
  for (let i = 0; i < pairs.length; i++) last.set(String(pairs[i].key.value), i);
  if (last.size === pairs.length) return;
  let given = problems.reduce((n, p) => n + (p.code === 'duplicate-key' ? 1 : 0), 0);
  const previous = new Map<string, PairNode>();
  const kept: PairNode[] = [];
  for (let i = 0; i < pairs.length; i++) {
    const pair = pairs[i];
    const name = String(pair.key.value);
    const earlier = previous.get(name);
    previous.set(name, pair);
    if (last.get(name) === i) kept.push(pair);
    if (!earlier || given >= MAX_DUPLICATE_WARNINGS) continue;
    given++;
    problems.push({
      code: 'duplicate-key',
      severity: 'warning',
      start: pair.key.start,
      end: pair.key.end,
      message: `Duplicate key ${JSON.stringify(name)}: CloudFormation uses this value; the earlier one (line ${lineOf(text, earlier.key.start)}) is ignored.`,
    });
  }
  map.pairs = kept;
}

/** The 1-based line of an offset. */
function lineOf(text: string, offset: number): number {
  let n = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) n++;
  return n;
}
