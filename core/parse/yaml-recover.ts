import * as Y from 'yaml';
import { walk } from '../nodes';
import { lineStartOf, OffsetMap, remapTree } from './offsets';
import type { DocumentProblem } from './problems';
import type { YamlParse } from './tree';
import { lenientEnd } from './yaml-lenient';

/**
 * When `yaml` reports an error, two recoveries before the problem reaches the user:
 *
 * 1. A flow collection or quoted scalar that CloudFormation reads (indentation ignored inside it, see
 *    yaml-lenient.ts) but `yaml` cuts short: its continuation lines are indented further in a copy of the
 *    text (white space there changes no value) and the copy is parsed again; the tree is moved back.
 * 2. A real syntax error: the top-level entry holding it (a resource, a parameter, or a whole top-level line)
 *    is blanked out with spaces, keeping every offset, so every other entry is still read and analysed. The
 *    user gets one diagnostic, the first real error.
 *
 * Undefined when the recovery cannot be trusted (a re-indented node is not a node of the final tree).
 */
export function recoverYaml(text: string, first: YamlRead, parseOnce: (lf: string) => YamlRead): YamlParse | undefined {
  // A text with errors everywhere is no template with a mistake in it: every round would cost a parse for nothing,
  // and its one diagnostic is the first error (not the duplicate keys of a misread).
  if ((first.errors ?? 0) > MAX_ERRORS)
    return { ...first.parsed, problems: first.parsed.problems.filter((p) => p.code !== 'duplicate-key') };
  // Every node `yaml` cut short at once (a file written loosely throughout takes one round); unless that gives a
  // clean tree, only those at or before each first error, whose place `yaml`'s Lexer cannot have misread.
  const budget = { rounds: roundsFor(text) };
  const all = attempt(text, first, parseOnce, true, budget);
  if (all.clean || !all.beyond) return all.result;
  return attempt(text, first, parseOnce, false, budget).result ?? all.result;
}

/** A parse and, when `yaml` read the text, its CST tokens (where the recovery looks for nodes cut short). */
export interface YamlRead {
  parsed: YamlParse;
  tokens?: readonly Y.CST.Token[];
  /** How many errors `yaml` reported (the parse keeps the first). */
  errors?: number;
}

function attempt(
  text: string,
  first: YamlRead,
  parseOnce: (lf: string) => YamlRead,
  all: boolean,
  budget: { rounds: number },
): { result: YamlParse | undefined; clean: boolean; beyond: boolean } {
  let beyond = false;
  let cur = text;
  let read = first;
  let parsed = first.parsed;
  /** Maps the current text back to `text` (re-indenting shifts offsets; blanking does not). */
  let back: { toOriginal(o: number): number } = { toOriginal: (o) => o };
  const lenient: Extent[] = [];
  const blanked: { from: number; to: number }[] = [];
  let realError: DocumentProblem | undefined;
  for (let round = 0; round < MAX_ROUNDS && budget.rounds > 0; round++, budget.rounds--) {
    const error = firstError(parsed);
    if (!error) break;
    const found = candidates(cur, read.tokens);
    const nodes = found.nodes.filter((c) => all || c.start <= error.start);
    beyond ||= nodes.some((c) => c.start > error.start);
    const fix = reindent(cur, nodes);
    if (fix) {
      const prev = back;
      for (const c of nodes) lenient.push({ start: prev.toOriginal(c.start), end: prev.toOriginal(c.end) });
      back = { toOriginal: (o) => prev.toOriginal(fix.map.toOriginal(o)) };
      cur = fix.text;
    } else {
      realError ??= { ...error, start: back.toOriginal(error.start), end: back.toOriginal(error.end) };
      // The entry of a flow collection or quoted scalar left open before the error is the broken one: `yaml`
      // reports the error where the open node's lines run out, often in the next entry.
      const open = found.open.filter((o) => o < error.start).pop();
      const region = entryAround(cur, open ?? error.start);
      if (!region) break;
      blanked.push({ from: back.toOriginal(region.from), to: back.toOriginal(region.to) });
      cur = blank(cur, region.from, region.to);
    }
    read = parseOnce(cur);
    parsed = read.parsed;
  }
  if (cur === text) return { result: undefined, clean: false, beyond };
  remapTree(parsed.root, parsed.problems, back);
  if (!nodesHold(parsed, lenient, blanked)) return { result: undefined, clean: false, beyond };
  const rest = parsed.problems.filter((p) => p.code !== 'parse-error');
  const error = realError ?? firstError(parsed);
  return { result: { ...parsed, problems: error ? [error, ...rest] : rest }, clean: !error, beyond };
}

/** Rounds of re-parsing at most: each one re-indents nodes or blanks one entry. */
const MAX_ROUNDS = 8;

/**
 * Errors of the first parse beyond which no recovery is tried. One flow collection cut short can cascade into
 * hundreds (572 in a real 350-line template), a file of `"` lines gives three a line.
 */
const MAX_ERRORS = 20_000;

/**
 * Characters re-parsed at most by both attempts together, so a large text with errors stays well under a second:
 * `yaml` reads about 1.5 µs a character, and a 73 KB text of short lines took 1 s of CPU at a million.
 */
const MAX_REPARSED = 300_000;

/** The rounds both attempts may take on this text: MAX_ROUNDS, fewer on a large text (at least one). */
function roundsFor(text: string): number {
  return Math.max(1, Math.min(MAX_ROUNDS, Math.floor(MAX_REPARSED / Math.max(1, text.length))));
}

function firstError(p: YamlParse): DocumentProblem | undefined {
  return p.problems.find((x) => x.code === 'parse-error');
}

/** Every re-indented node must be a flow collection or quoted scalar of the final tree with the extent the scan found. */
function nodesHold(parsed: YamlParse, nodes: Extent[], blanked: { from: number; to: number }[]): boolean {
  if (!nodes.length) return true;
  const seen = new Set<string>();
  if (parsed.root) {
    walk(parsed.root, (n) => {
      const flow = (n.kind === 'map' || n.kind === 'seq') && n.flow;
      const quoted = n.kind === 'scalar' && (n.style === 'single' || n.style === 'double');
      if (flow || quoted || (n.kind === 'intrinsic' && !n.short)) seen.add(`${n.start}:${n.end}`);
    });
  }
  return nodes.every((c) => seen.has(`${c.start}:${c.end}`) || blanked.some((b) => c.start >= b.from && c.start < b.to));
}

/** An offset range [start, end). */
interface Extent {
  start: number;
  end: number;
}

/**
 * Flow collections and quoted scalars whose lenient extent differs from where `yaml`'s Lexer ended them (`nodes`),
 * and the starts of those `yaml` left open that have no lenient end either (`open`, in text order).
 */
function candidates(
  text: string,
  tokens: readonly Y.CST.Token[] = Array.from(new Y.Parser().parse(text)),
): { nodes: Extent[]; open: number[] } {
  const out: Extent[] = [];
  const open: number[] = [];
  const visit = (tok: Y.CST.Token | null | undefined): void => {
    if (!tok || !('offset' in tok)) return;
    switch (tok.type) {
      case 'document':
        visit(tok.value);
        return;
      case 'block-map':
      case 'block-seq':
        for (const it of tok.items) {
          if ('key' in it) visit(it.key);
          visit(it.value);
        }
        return;
      case 'flow-collection': {
        const close = tok.end[0];
        const yamlEnd = close && (close.type === 'flow-map-end' || close.type === 'flow-seq-end') ? close.offset + 1 : -1;
        consider(tok.offset, yamlEnd);
        for (const it of tok.items) {
          visit(it.key);
          visit(it.value);
        }
        return;
      }
      case 'single-quoted-scalar':
      case 'double-quoted-scalar':
        // A closing quote `yaml` did not find leaves the token open.
        consider(tok.offset, tok.source.length > 1 && tok.source.endsWith(tok.source[0]) ? tok.offset + tok.source.length : -1);
        return;
      default:
        return;
    }
  };
  const consider = (start: number, yamlEnd: number): void => {
    const end = lenientEnd(text, start);
    if (end !== undefined && end !== yamlEnd) out.push({ start, end });
    else if (end === undefined && yamlEnd < 0) open.push(start);
  };
  for (const tok of tokens) visit(tok);
  // A node starting inside another is nested in it (its lines are re-indented with it) or a misreading of its
  // text (the closing quote of a scalar `yaml` cut short, read as an opening one): only the outermost count.
  out.sort((a, b) => a.start - b.start);
  const outer: Extent[] = [];
  for (const c of out) if (!outer.length || c.start >= outer[outer.length - 1].end) outer.push(c);
  return { nodes: outer, open: open.sort((a, b) => a - b) };
}

/** Indents the continuation lines of each node past its own column; undefined when no line needed it. */
function reindent(text: string, nodes: Extent[]): { text: string; map: OffsetMap } | undefined {
  const need = new Map<number, number>();
  for (const { start, end } of nodes) {
    const column = start - lineStartOf(text, start);
    for (let nl = text.indexOf('\n', start); nl >= 0 && nl < end; nl = text.indexOf('\n', nl + 1)) {
      let i = nl + 1;
      while (text.charCodeAt(i) === 32) i++;
      const c = text.charCodeAt(i);
      if (c === 10 || Number.isNaN(c) || i - nl - 1 > column) continue;
      need.set(nl + 1, Math.max(need.get(nl + 1) ?? 0, column + 1 - (i - nl - 1)));
    }
  }
  if (!need.size) return undefined;
  const map = new OffsetMap();
  const points = [...need.keys()].sort((a, b) => a - b);
  let out = '';
  let from = 0;
  for (const at of points) {
    const k = need.get(at)!;
    out += text.slice(from, at);
    map.add(out.length, k);
    out += ' '.repeat(k);
    from = at;
  }
  return { text: out + text.slice(from), map };
}

/**
 * The lines of the entry holding offset `at`, [from, to) from a line start to a line start: the entry of a
 * top-level section (a resource, a parameter) whose lines hold it, or the whole top-level entry when the error is
 * on its key line. A line at column 0 that is no key (a stray `}`) belongs to the entry it interrupts.
 */
function entryAround(text: string, at: number): { from: number; to: number } | undefined {
  const lines = new Lines(text);
  const line = lines.startOf(Math.min(at, text.length));
  let top = line;
  while (top > 0 && !lines.topKey(top)) top = lines.startOf(top - 1);
  if (!lines.topKey(top)) return undefined;
  if (top === line) {
    let to = lines.next(top);
    while (to < text.length && !lines.topKey(to)) to = lines.next(to);
    return { from: top, to };
  }
  let child = lines.next(top);
  while (child < line && !(lines.indent(child) > 0)) child = lines.next(child);
  const childIndent = lines.indent(child) > 0 ? lines.indent(child) : Infinity;
  let from = line;
  while (from > top && !(lines.indent(from) > 0 && lines.indent(from) <= childIndent)) from = lines.startOf(from - 1);
  const own = Math.max(lines.indent(from), 0);
  let to = lines.next(line);
  while (to < text.length && !(lines.indent(to) >= 0 && lines.indent(to) <= own)) to = lines.next(to);
  return { from, to };
}

/** Line starts, indentation and top-level keys of a text. */
class Lines {
  constructor(private readonly text: string) {}

  startOf(p: number): number {
    return lineStartOf(this.text, p);
  }

  next(p: number): number {
    const e = this.text.indexOf('\n', p);
    return e < 0 ? this.text.length : e + 1;
  }

  /** Indentation of a content line (not blank, not a comment), or -1. */
  indent(p: number): number {
    let i = p;
    while (this.text.charCodeAt(i) === 32) i++;
    const c = this.text.charCodeAt(i);
    return c === 10 || c === 35 || Number.isNaN(c) ? -1 : i - p;
  }

  /** A line at column 0 that reads as a mapping key (`Resources:`, `"Key":`). */
  topKey(p: number): boolean {
    if (this.indent(p) !== 0) return false;
    const e = this.next(p);
    return TOP_KEY.test(this.text.slice(p, Math.min(e, p + 2048)));
  }
}

const TOP_KEY = /^(?:"[^"\n]*"|'[^'\n]*'|[^\s#'"[\]{},&*!|>%@`:?-][^\n]*?)[ \t]*:(?:[ \t\n]|$)/;

/** Spaces over [from, to), line breaks kept, so every other offset stays where it was. */
function blank(text: string, from: number, to: number): string {
  return text.slice(0, from) + text.slice(from, to).replace(/[^\n]/g, ' ') + text.slice(to);
}
