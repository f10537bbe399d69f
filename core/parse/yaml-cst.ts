import * as Y from 'yaml';
import { MapNode, Node, PairNode, Scalar, ScalarNode, SeqNode } from '../nodes';
import { withLfBreaks } from './offsets';
import { MAX_DEPTH } from './problems';
import { blockValueAtEof, longFormIntrinsic, shortIntrinsic, tagStart, trimEnd, YamlParse } from './tree';
import { resolvePlain } from './yaml-scalar';
import { SHORT_TAGS, styleOf } from './yaml-schema';

/**
 * The fast path of `parseYaml`: the neutral tree built straight from the `yaml` package's CST
 * (`Parser`), skipping its Composer and Document, which cost about half of the parse. It produces
 * exactly the tree the composed path does (test/core/yaml-cst.test.ts compares both on every YAML
 * file of the fixtures, examples and corpus, and on random edits) and gives up — returns undefined,
 * so the composed path runs — on anything it does not handle the same way: errors, directives,
 * several documents, anchors and aliases, merge keys, explicit keys, unknown tags, tabs, empty
 * sequence items, duplicate keys, multi-line keys, block collections inside flow ones.
 */

class GiveUp extends Error {}

type Tok = Y.CST.Token;
type Src = Y.CST.SourceToken;

interface Out {
  node: Node;
  after: number;
}

/** The tree of a plain CloudFormation YAML text, or undefined when the composed path must decide. */
export function parseYamlCst(text: string): YamlParse | undefined {
  return withLfBreaks(text, parseYamlCstLf);
}

/** `parseYamlCst` on a text whose line breaks are all LF. */
export function parseYamlCstLf(text: string): YamlParse | undefined {
  if (text.includes('\t') || text.charCodeAt(0) === 0xfeff) return undefined;
  try {
    let doc: Y.CST.Document | undefined;
    for (const tok of new Y.Parser().parse(text)) {
      if (tok.type === 'document' && !doc) doc = tok;
      else if (tok.type !== 'comment' && tok.type !== 'space' && tok.type !== 'newline') return undefined;
    }
    if (!doc?.value) return undefined;
    for (const t of doc.start)
      if (t.type !== 'space' && t.type !== 'newline' && t.type !== 'comment' && t.type !== 'doc-start') return undefined;
    for (const t of doc.end ?? []) if (t.type !== 'space' && t.type !== 'newline' && t.type !== 'comment') return undefined;
    const st = { text, short: false };
    const root = convert(doc.value, undefined, st, 0).node;
    return { root, problems: [], usesShortTags: st.short };
  } catch (e) {
    if (e instanceof GiveUp || e instanceof RangeError) return undefined;
    throw e;
  }
}

interface State {
  text: string;
  short: boolean;
}

function giveUp(): never {
  throw new GiveUp();
}

/** Checks props tokens (before a value): only spaces, newlines, comments after white space, and one CloudFormation tag. */
function propsOf(tokens: readonly Src[], from: number, st: State): Src | undefined {
  let tag: Src | undefined;
  for (let i = from; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.type === 'space' || t.type === 'newline') continue;
    if (t.type === 'comment') {
      checkComment(t, st);
      continue;
    }
    if (t.type === 'tag' && !tag && SHORT_TAGS.has(t.source)) {
      // `!If[...]`: a tag must be followed by white space (an error the composed path reports).
      const next = st.text.charCodeAt(t.offset + t.source.length);
      if (next !== 32 && next !== 10 && next !== 13) giveUp();
      tag = t;
      continue;
    }
    giveUp();
  }
  return tag;
}

function checkComment(t: Src, st: State): void {
  const before = st.text.charCodeAt(t.offset - 1);
  if (t.offset > 0 && before !== 32 && before !== 10 && before !== 13) giveUp();
}

function convert(tok: Tok, tag: Src | undefined, st: State, depth: number): Out {
  if (depth > MAX_DEPTH) giveUp();
  let out: Out;
  switch (tok.type) {
    case 'block-map':
      out = blockMap(tok, st, depth);
      break;
    case 'block-seq':
      out = blockSeq(tok, st, depth);
      break;
    case 'flow-collection':
      out = flow(tok, st, depth);
      break;
    case 'scalar':
    case 'single-quoted-scalar':
    case 'double-quoted-scalar':
    case 'block-scalar':
      out = scalar(tok, st, tag !== undefined);
      break;
    default:
      giveUp();
  }
  if (tag) {
    st.short = true;
    const n = out.node;
    return { node: shortIntrinsic(tag.source, tagStart(st.text, n.start, tag.source), n), after: out.after };
  }
  return { node: longFormIntrinsic(out.node), after: out.after };
}

/** A scalar; under a CloudFormation tag its value stays the string written (`!Ref 1` is "1"), as the tag resolves it. */
function scalar(tok: Y.CST.FlowScalar | Y.CST.BlockScalar, st: State, tagged = false): Out {
  if (tok.type !== 'block-scalar') for (const t of tok.end ?? []) if (t.type === 'comment') checkComment(t, st);
  const r = Y.CST.resolveAsScalar(tok, false, () => giveUp());
  if (!r) giveUp();
  const [start, valueEnd, after] = r.range;
  const end = trimEnd(st.text, start, valueEnd);
  let value: Scalar = r.value;
  if (tok.type === 'scalar' && !tagged) value = resolvePlain(r.value);
  else if (tok.type === 'block-scalar') value = blockValueAtEof(st.text, r.value, end);
  const node: ScalarNode = { kind: 'scalar', value, style: styleOf(r.type), start, end, parent: undefined };
  return { node, after };
}

/** A mapping key: a one-line plain or quoted scalar, no props, no merge key. */
function keyOf(tok: Tok | null | undefined, st: State): ScalarNode {
  if (!tok || (tok.type !== 'scalar' && tok.type !== 'single-quoted-scalar' && tok.type !== 'double-quoted-scalar')) giveUp();
  if (tok.source.includes('\n') || tok.source.includes('\r') || (tok.type === 'scalar' && tok.source === '<<')) giveUp();
  return scalar(tok, st).node as ScalarNode;
}

function addPair(map: MapNode, seen: Set<unknown>, key: ScalarNode, value: Node | undefined): void {
  // Duplicate keys are an error the composed path reports.
  if (seen.has(key.value) || seen.has(String(key.value))) giveUp();
  seen.add(key.value);
  seen.add(String(key.value));
  key.parent = map;
  if (value) value.parent = map;
  const pair: PairNode = { key, value, start: key.start, end: value ? value.end : key.end };
  map.pairs.push(pair);
}

/** Splits a separator: the `:` must be there once; what follows it are the value's props. */
function valueProps(
  sep: readonly Src[],
  st: State,
  before: (t: Src) => boolean,
): { tag: Src | undefined; colon: number; newline: boolean } {
  const colon = sep.findIndex((t) => t.type === 'map-value-ind');
  if (colon < 0) giveUp();
  for (let i = 0; i < colon; i++) if (!before(sep[i])) giveUp();
  const tag = propsOf(sep, colon + 1, st);
  return { tag, colon, newline: sep.some((t, i) => i > colon && t.type === 'newline') };
}

function blockMap(bm: Y.CST.BlockMap, st: State, depth: number): Out {
  const map: MapNode = { kind: 'map', pairs: [], flow: false, start: bm.offset, end: bm.offset, parent: undefined };
  const seen = new Set<unknown>();
  let offset = bm.offset;
  // A comment-only item (comments after the last entry) extends the mapping's outer end, as the Composer's commentEnd does.
  let commentEnd: number | undefined;
  for (const item of bm.items) {
    propsOf(item.start, 0, st);
    if (item.start.some((t) => t.type !== 'space' && t.type !== 'newline' && t.type !== 'comment')) giveUp();
    if (!item.key && !item.sep) {
      if (item.value || item.start.length === 0) giveUp();
      commentEnd = endOf(item.start);
      continue;
    }
    if (commentEnd !== undefined) giveUp();
    if (!item.sep || !item.key || !('indent' in item.key) || item.key.indent !== bm.indent) giveUp();
    const key = keyOf(item.key, st);
    const { tag, colon, newline } = valueProps(item.sep, st, (t) => t.type === 'space');
    let value: Node | undefined;
    if (item.value) {
      if ((item.value.type === 'block-map' || item.value.type === 'block-seq') && !newline) giveUp();
      const v = convert(item.value, tag, st, depth + 1);
      value = v.node;
      offset = v.after;
    } else {
      if (tag) giveUp();
      offset = emptyAfter(item.sep, colon);
    }
    addPair(map, seen, key, value);
  }
  map.end = trimEnd(st.text, map.start, offset);
  return { node: map, after: commentEnd ?? offset };
}

function endOf(tokens: readonly Src[]): number {
  const last = tokens[tokens.length - 1];
  return last.offset + last.source.length;
}

/** Where the Composer ends an empty value: after the `:` and its spaces, or after a comment that follows. */
function emptyAfter(sep: readonly Src[], colon: number): number {
  const last = sep[sep.length - 1];
  if (sep.some((t, i) => i > colon && t.type === 'comment')) return last.offset + last.source.length;
  let pos = sep[colon].offset + 1;
  for (let i = colon + 1; i < sep.length && sep[i].type === 'space'; i++) pos += sep[i].source.length;
  return pos;
}

function blockSeq(bs: Y.CST.BlockSequence, st: State, depth: number): Out {
  const seq: SeqNode = { kind: 'seq', items: [], flow: false, start: bs.offset, end: bs.offset, parent: undefined };
  let offset = bs.offset;
  let commentEnd: number | undefined;
  for (const item of bs.items) {
    const ind = item.start.findIndex((t) => t.type === 'seq-item-ind');
    if (commentEnd !== undefined) giveUp();
    if (ind < 0 && !item.value && item.start.length > 0) {
      propsOf(item.start, 0, st);
      if (item.start.some((t) => t.type !== 'space' && t.type !== 'newline' && t.type !== 'comment')) giveUp();
      commentEnd = endOf(item.start);
      continue;
    }
    if (ind < 0 || !item.value) giveUp();
    for (let i = 0; i < ind; i++)
      if (item.start[i].type !== 'space' && item.start[i].type !== 'newline' && item.start[i].type !== 'comment') giveUp();
    const tag = propsOf(item.start, ind + 1, st);
    const v = convert(item.value, tag, st, depth + 1);
    v.node.parent = seq;
    seq.items.push(v.node);
    offset = v.after;
  }
  seq.end = trimEnd(st.text, seq.start, offset);
  return { node: seq, after: commentEnd ?? offset };
}

function flow(fc: Y.CST.FlowCollection, st: State, depth: number): Out {
  const isMap = fc.start.type === 'flow-map-start';
  const close = fc.end[0];
  if (!close || close.type !== (isMap ? 'flow-map-end' : 'flow-seq-end')) giveUp();
  for (let i = 1; i < fc.end.length; i++) {
    const t = fc.end[i];
    if (t.type === 'comment') checkComment(t, st);
    else if (t.type !== 'space' && t.type !== 'newline') giveUp();
  }
  const last = fc.end[fc.end.length - 1];
  const after = last.offset + last.source.length;
  const end = close.offset + 1;
  const map: MapNode = { kind: 'map', pairs: [], flow: true, start: fc.offset, end, parent: undefined };
  const seq: SeqNode = { kind: 'seq', items: [], flow: true, start: fc.offset, end, parent: undefined };
  const seen = new Set<unknown>();
  fc.items.forEach((item, n) => {
    // Every item but the first starts with its comma; a trailing comma leaves an item with nothing else.
    const commas = item.start.filter((t) => t.type === 'comma').length;
    if (commas !== (n === 0 ? 0 : 1)) giveUp();
    const v = item.value;
    if (!v || v.type === 'block-map' || v.type === 'block-seq' || v.type === 'block-scalar') giveUp();
    if (isMap) {
      if (!item.sep) giveUp();
      if (item.start.some((t) => t.type !== 'space' && t.type !== 'newline' && t.type !== 'comma' && t.type !== 'comment')) giveUp();
      const key = keyOf(item.key, st);
      const { tag } = valueProps(item.sep, st, (t) => t.type === 'space');
      addPair(map, seen, key, convert(v, tag, st, depth + 1).node);
    } else {
      if (item.key || item.sep) giveUp();
      const tag = propsOf(
        item.start.filter((t) => t.type !== 'comma'),
        0,
        st,
      );
      const c = convert(v, tag, st, depth + 1).node;
      c.parent = seq;
      seq.items.push(c);
    }
  });
  return { node: isMap ? map : seq, after };
}
