import * as Y from 'yaml';
import { MapNode, Node, Scalar, ScalarNode, SeqNode } from '../nodes';
import { withLfBreaks } from './offsets';
import { DocumentProblem, MAX_DEPTH } from './problems';
import { keepLastPairs, blockValueAtEof, longFormIntrinsic, shortIntrinsic, tagStart, trimEnd, YamlParse } from './tree';
import { outOfBounds } from './yaml-bounds';
import { parseYamlFastLf } from './yaml-fast';
import { recoverYaml, YamlRead } from './yaml-recover';
import { scalarOf, styleOf, YAML_OPTIONS } from './yaml-schema';

export type { YamlParse } from './tree';

class TooDeep extends Error {}

/**
 * Parses CloudFormation YAML (1.1, as CloudFormation reads it) into the neutral tree.
 * Aliases and merge keys are reported, never expanded, so alias bombs cost nothing.
 */
export function parseYaml(text: string): YamlParse {
  // The scanner answers the templates people write (core/parse/yaml-fast.ts); anything else goes through the Composer.
  return withLfBreaks(text, (lf) => parseYamlFastLf(lf) ?? refused(lf) ?? recovered(lf, composeLf(lf), parseOnce));
}

/** The reference path: `yaml`'s Composer and Document, then the tree; handles everything, errors included. */
export function parseYamlComposed(text: string): YamlParse {
  return withLfBreaks(text, (lf) => recovered(lf, composeLf(lf), composeLf));
}

/** A text past the bounds of core/parse/yaml-bounds.ts: one diagnostic, no tree, `yaml` never runs. */
function refused(lf: string): YamlParse | undefined {
  const problem = outOfBounds(lf);
  return problem && { root: undefined, problems: [problem], usesShortTags: false };
}

/** One parse of an LF text by the fastest path that answers (the recovery's re-parses are mostly clean texts). */
function parseOnce(lf: string): YamlRead {
  const parsed = parseYamlFastLf(lf);
  return parsed ? { parsed } : composeLf(lf);
}

/** A parse with errors goes through the recoveries of core/parse/yaml-recover.ts. */
function recovered(lf: string, first: YamlRead, again: (lf: string) => YamlRead): YamlParse {
  if (!first.parsed.problems.some((p) => p.code === 'parse-error')) return first.parsed;
  return recoverYaml(lf, first, again) ?? first.parsed;
}

/** The composed path on a text whose line breaks are all LF, with the CST tokens it read. */
export function composeLf(text: string): YamlRead {
  const problems: DocumentProblem[] = [];
  let tokens: Y.CST.Token[] = [];
  let doc: Y.Document.Parsed;
  try {
    tokens = Array.from(new Y.Parser().parse(text));
    const docs = withoutStacks(() => Array.from(new Y.Composer(YAML_OPTIONS).compose(tokens)));
    if (docs.length === 0) return { parsed: { root: undefined, problems, usesShortTags: false }, tokens };
    doc = docs[0];
    if (docs.length > 1) {
      problems.push({
        code: 'multi-document',
        severity: 'warning',
        start: docs[1].range[0],
        end: docs[1].range[0],
        message: 'Only the first YAML document is analysed; CloudFormation reads one document per file.',
      });
    }
  } catch (e) {
    return { parsed: { root: undefined, problems: [fatal(e, text)], usesShortTags: false }, tokens };
  }
  // One diagnostic, at the first error: the ones after it are usually the same mistake seen again.
  for (const err of doc.errors.slice(0, 1)) {
    problems.push({
      code: 'parse-error',
      severity: 'error',
      start: err.pos[0],
      end: Math.max(err.pos[1], err.pos[0] + 1),
      message: `YAML syntax error: ${firstLine(err.message)}`,
    });
  }
  const state = { text, problems, short: false };
  let root: Node | undefined;
  try {
    root = doc.contents ? convert(doc.contents, state, 0) : undefined;
  } catch (e) {
    if (e instanceof TooDeep || e instanceof RangeError) {
      problems.push({
        code: 'too-deep',
        severity: 'error',
        start: 0,
        end: 0,
        message: `The document is nested more than ${MAX_DEPTH} levels deep; Parapet does not analyse it.`,
      });
      root = undefined;
    } else throw e;
  }
  return { parsed: { root, problems, usesShortTags: state.short }, tokens, errors: doc.errors.length };
}

/**
 * Runs `f` with no stack traces captured: `yaml` makes an Error object per problem, and on a text with
 * hundreds of thousands of them (a file of `"` lines) capturing their stacks took seven times the parse.
 */
function withoutStacks<T>(f: () => T): T {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return f();
  } finally {
    Error.stackTraceLimit = limit;
  }
}

interface State {
  text: string;
  problems: DocumentProblem[];
  short: boolean;
}

function fatal(e: unknown, text: string): DocumentProblem {
  const deep = e instanceof RangeError;
  return {
    code: deep ? 'too-deep' : 'parse-error',
    severity: 'error',
    start: 0,
    end: Math.min(text.length, 1),
    message: deep ? 'The document is nested too deeply to parse.' : `YAML could not be parsed: ${firstLine(String(e))}`,
  };
}

function firstLine(s: string): string {
  return s.split('\n')[0];
}

// Every node literal names `parent` up front: set later, it costs each node an extra properties store (about 20% of the tree's memory).
function convert(n: unknown, st: State, depth: number): Node {
  if (depth > MAX_DEPTH) throw new TooDeep();
  if (Y.isAlias(n)) {
    const [s, e] = n.range ?? [0, 0];
    st.problems.push({
      code: 'yaml-alias',
      severity: 'error',
      start: s,
      end: e,
      message: 'YAML aliases are not allowed in CloudFormation templates; write the value out.',
    });
    return { kind: 'scalar', value: null, style: 'plain', start: s, end: e, parent: undefined };
  }
  const node = n as Y.Node;
  const range = node.range ?? [0, 0, 0];
  let out: Node;
  if (Y.isMap(node)) out = convertMap(node, st, depth);
  else if (Y.isSeq(node)) {
    const seq: SeqNode = {
      kind: 'seq',
      items: [],
      flow: node.flow === true,
      start: range[0],
      end: trimEnd(st.text, range[0], range[1]),
      parent: undefined,
    };
    for (const item of node.items) {
      const c = convert(item, st, depth + 1);
      c.parent = seq;
      seq.items.push(c);
    }
    out = seq;
  } else {
    const s = node as Y.Scalar;
    const style = styleOf(s.type);
    const end = trimEnd(st.text, range[0], range[1]);
    let value = scalarOf(s.value);
    if (style === 'block' && typeof value === 'string') value = blockValueAtEof(st.text, value, end);
    out = { kind: 'scalar', value, style, start: range[0], end, parent: undefined } satisfies ScalarNode;
  }
  const tag = node.tag;
  // `!` alone is YAML's non-specific tag (the scalar is a string), not a function.
  if (tag && tag.startsWith('!') && !tag.startsWith('!!') && tag !== '!') {
    st.short = true;
    const intrinsic = shortIntrinsic(tag, tagStart(st.text, out.start, tag), out);
    if (out.kind === 'scalar' && out.value === null && out.end === out.start) intrinsic.arg = undefined;
    return intrinsic;
  }
  return longFormIntrinsic(out);
}

function convertMap(node: Y.YAMLMap, st: State, depth: number): MapNode {
  const range = node.range ?? [0, 0, 0];
  const map: MapNode = {
    kind: 'map',
    pairs: [],
    flow: node.flow === true,
    start: range[0],
    end: trimEnd(st.text, range[0], range[1]),
    parent: undefined,
  };
  for (const item of node.items) {
    const keyNode = item.key as Y.Node | null;
    if (keyNode && Y.isScalar(keyNode) && keyNode.source === '<<') {
      const r = keyNode.range ?? [0, 0];
      st.problems.push({
        code: 'yaml-merge',
        severity: 'error',
        start: r[0],
        end: r[1],
        message: 'YAML merge keys (<<) are not allowed in CloudFormation templates.',
      });
      continue;
    }
    if (!keyNode || !Y.isScalar(keyNode)) continue;
    const kr = keyNode.range ?? [0, 0];
    const style = styleOf(keyNode.type);
    const end = trimEnd(st.text, kr[0], kr[1]);
    // A plain key is the text written (`Off:` is the key "Off"), as CloudFormation reads keys: see keyText.
    const text = style === 'plain' ? plainKey(st.text.slice(kr[0], end), keyNode.value) : scalarOf(keyNode.value);
    const key: ScalarNode = { kind: 'scalar', value: text, style, start: kr[0], end, parent: undefined };
    let value: Node | undefined;
    if (item.value !== null && item.value !== undefined) {
      value = convert(item.value, st, depth + 1);
      if (value.kind === 'scalar' && value.value === null && value.start === value.end) value = undefined;
    }
    key.parent = map;
    if (value) value.parent = map;
    map.pairs.push({ key, value, start: key.start, end: value ? value.end : key.end });
  }
  keepLastPairs(map, st.problems, st.text);
  return map;
}

/**
 * A plain key's value: the text written, never typed (`Off:` is the key "Off", `0123:` is "0123"). CloudFormation's
 * parser hands mapping keys over as field names, the text as written; PyYAML (cfn-lint) would type them, so `Off`
 * became `False` and a resource `Off` was reported as "false". A key folded over lines (in a flow mapping) or
 * empty keeps `yaml`'s reading.
 */
function plainKey(written: string, folded: unknown): Scalar {
  return written === '' || written.includes('\n') ? scalarOf(folded) : written;
}
