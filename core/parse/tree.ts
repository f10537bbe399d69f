import { IntrinsicNode, isIntrinsicKey, longIntrinsicName, Node } from '../nodes';
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
