/**
 * Incremental re-parse for the keystroke case. A full `yaml` parse of a 10,000-line template costs
 * over 100 ms; an edit inside one `Resources` entry only needs that entry re-parsed. The new entry's
 * nodes are spliced into a copy of the previous tree (the previous document stays valid), and every
 * offset after the edit is shifted. Whenever the edit could change anything the splice cannot see
 * (indentation structure, keys, parse errors), this returns undefined and the caller parses in full.
 */
import type { ParsedDocument } from '../parsed-document';
import { IntrinsicNode, isIntrinsic, MapNode, Node, pairOf, PairNode, SeqNode, walk } from '../nodes';
import { LineIndex } from '../positions';
import { buildTemplate, looksLikeTemplate } from '../template';
import { parseJson } from './json';
import { parseYaml } from './yaml';

/** The changed span: old text [start, oldEnd) became new text [start, newEnd). */
export interface Change {
  start: number;
  oldEnd: number;
  newEnd: number;
}

/** The smallest span that differs between two texts (common prefix and suffix removed). */
export function diffSpan(a: string, b: string): Change {
  const max = Math.min(a.length, b.length);
  // Whole blocks first (native comparison), then characters: several times faster on large texts.
  const BLOCK = 512;
  let p = 0;
  while (p + BLOCK <= max && a.slice(p, p + BLOCK) === b.slice(p, p + BLOCK)) p += BLOCK;
  while (p < max && a.charCodeAt(p) === b.charCodeAt(p)) p++;
  let s = 0;
  while (s + BLOCK <= max - p && a.slice(a.length - s - BLOCK, a.length - s) === b.slice(b.length - s - BLOCK, b.length - s)) s += BLOCK;
  while (s < max - p && a.charCodeAt(a.length - 1 - s) === b.charCodeAt(b.length - 1 - s)) s++;
  return { start: p, oldEnd: a.length - s, newEnd: b.length - s };
}

/**
 * Copies a subtree with offsets moved by `shift`. Object literals of one shape per kind: spreading
 * (`{ ...n }`) was 15× slower on a 10,000-line template. A field added to the node types must be
 * copied here too; the property test compares every node's own keys with a full parse's.
 */
function cloneShifted(n: Node, shift: number, parent: Node | undefined): Node {
  switch (n.kind) {
    case 'scalar':
      return { kind: 'scalar', value: n.value, style: n.style, start: n.start + shift, end: n.end + shift, parent };
    case 'map': {
      const c: MapNode = { kind: 'map', pairs: [], flow: n.flow, start: n.start + shift, end: n.end + shift, parent };
      if (n.open !== undefined) c.open = n.open;
      for (const p of n.pairs) c.pairs.push(clonePair(p, shift, c));
      return c;
    }
    case 'seq': {
      const c: SeqNode = { kind: 'seq', items: [], flow: n.flow, start: n.start + shift, end: n.end + shift, parent };
      for (const i of n.items) c.items.push(cloneShifted(i, shift, c));
      return c;
    }
    case 'intrinsic': {
      const c: IntrinsicNode = {
        kind: 'intrinsic',
        name: n.name,
        arg: undefined,
        short: n.short,
        start: n.start + shift,
        end: n.end + shift,
        parent,
      };
      if (n.arg) c.arg = cloneShifted(n.arg, shift, c);
      return c;
    }
  }
}

function clonePair(p: PairNode, shift: number, parent: Node): PairNode {
  const k = p.key;
  return {
    key: { kind: 'scalar', value: k.value, style: k.style, start: k.start + shift, end: k.end + shift, parent },
    value: p.value ? cloneShifted(p.value, shift, parent) : undefined,
    start: p.start + shift,
    end: p.end + shift,
  };
}

/** Moves a freshly parsed subtree (nobody else holds it) by `shift`, in place. */
function shiftInPlace(n: Node, shift: number): void {
  walk(n, (x) => {
    x.start += shift;
    x.end += shift;
    if (x.kind === 'map') {
      for (const p of x.pairs) {
        p.start += shift;
        p.end += shift;
        p.key.start += shift;
        p.key.end += shift;
      }
    }
  });
}

/** Moves an offset of an enclosing node across the edit, or undefined when it falls inside it. */
function moveEnd(x: number, c: Change, oldEntryEnd: number, newEntryEnd: number): number | undefined {
  if (x === oldEntryEnd) return newEntryEnd;
  if (x <= c.start) return x;
  if (x >= c.oldEnd) return x + (c.newEnd - c.oldEnd);
  return undefined;
}

/**
 * Rebuilds root → Resources → entries with entry `k` replaced by `entry`: entries before the edit keep
 * their offsets, later ones and the enclosing nodes' ends move by the edit's length.
 */
function splice(root: MapNode, resPair: PairNode, k: number, entry: PairNode, c: Change, oldEntryEnd: number): MapNode | undefined {
  const delta = c.newEnd - c.oldEnd;
  const resMap = resPair.value as MapNode;
  const newEntryEnd = entry.end;
  const rootEnd = moveEnd(root.end, c, oldEntryEnd, newEntryEnd);
  const resEnd = moveEnd(resMap.end, c, oldEntryEnd, newEntryEnd);
  const resPairEnd = moveEnd(resPair.end, c, oldEntryEnd, newEntryEnd);
  if (rootEnd === undefined || resEnd === undefined || resPairEnd === undefined) return undefined;

  const newRoot: MapNode = { kind: 'map', pairs: [], flow: root.flow, start: root.start, end: rootEnd, parent: undefined };
  if (root.open !== undefined) newRoot.open = root.open;
  const newRes: MapNode = { kind: 'map', pairs: [], flow: resMap.flow, start: resMap.start, end: resEnd, parent: newRoot };
  if (resMap.open !== undefined) newRes.open = resMap.open;
  const resIndex = root.pairs.indexOf(resPair);
  root.pairs.forEach((p, i) => {
    if (i < resIndex) newRoot.pairs.push(clonePair(p, 0, newRoot));
    else if (i > resIndex) newRoot.pairs.push(clonePair(p, delta, newRoot));
    else {
      const k0 = p.key;
      newRoot.pairs.push({
        key: { kind: 'scalar', value: k0.value, style: k0.style, start: k0.start, end: k0.end, parent: newRoot },
        value: newRes,
        start: p.start,
        end: resPairEnd,
      });
    }
  });
  resMap.pairs.forEach((p, i) => {
    if (i < k) newRes.pairs.push(clonePair(p, 0, newRes));
    else if (i > k) newRes.pairs.push(clonePair(p, delta, newRes));
    else {
      entry.key.parent = newRes;
      if (entry.value) entry.value.parent = newRes;
      newRes.pairs.push(entry);
    }
  });
  return newRoot;
}

/** Index of the last pair whose key starts at or before `offset`. */
function pairAt(pairs: readonly PairNode[], offset: number): number {
  let lo = 0;
  let hi = pairs.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (pairs[mid].key.start <= offset) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

function resourcesOf(prev: ParsedDocument): { root: MapNode; resPair: PairNode; resMap: MapNode } | undefined {
  const root = prev.root;
  if (prev.kind !== 'cfn' || !prev.template || prev.problems.length || root?.kind !== 'map') return undefined;
  const resPair = pairOf(root, 'Resources');
  const resMap = resPair?.value;
  if (!resPair || resMap?.kind !== 'map' || !resMap.pairs.length) return undefined;
  return { root, resPair, resMap };
}

/** The snippet's one pair, detached from the snippet's root and moved to its place in the document. */
function shiftedPair(p: PairNode, base: number): PairNode {
  if (p.value) shiftInPlace(p.value, base);
  p.key.start += base;
  p.key.end += base;
  return { key: p.key, value: p.value, start: p.start + base, end: p.end + base };
}

/** YAML: re-parse the lines of the one block-style `Resources` entry that holds the whole edit. */
function yamlEntry(
  prev: ParsedDocument,
  text: string,
  c: Change,
  root: MapNode,
  resPair: PairNode,
  resMap: MapNode,
): { k: number; entry: PairNode; usesShort: boolean } | undefined {
  if (resMap.flow || root.flow) return undefined;
  const old = prev.text;
  const pairs = resMap.pairs;
  const k = pairAt(pairs, c.start);
  if (k < 0) return undefined;
  const pair = pairs[k];
  const lines = prev.lines;
  const entryStart = lines.lineStart(lines.positionAt(pair.key.start).line);
  // The key must open its line (block style), and the edit must start at or after the key.
  if (!/^ *$/.test(old.slice(entryStart, pair.key.start)) || c.start < pair.key.start) return undefined;
  let extentEnd: number;
  if (k + 1 < pairs.length) {
    const next = pairs[k + 1].key.start;
    extentEnd = lines.lineStart(lines.positionAt(next).line);
    if (!/^ *$/.test(old.slice(extentEnd, next))) return undefined;
  } else {
    const after = root.pairs[root.pairs.indexOf(resPair) + 1];
    extentEnd = after ? lines.lineStart(lines.positionAt(after.key.start).line) : old.length;
  }
  if (c.oldEnd > extentEnd) return undefined;
  const delta = c.newEnd - c.oldEnd;
  const newExtentEnd = extentEnd + delta;
  // The entry must still end at a line break, so the next key still opens its own line.
  if (extentEnd < old.length && text.charCodeAt(newExtentEnd - 1) !== 10) return undefined;
  const snippet = text.slice(entryStart, newExtentEnd);
  const parsed = parseYaml(snippet);
  const r = parsed.root;
  if (parsed.problems.length || r?.kind !== 'map' || r.flow || r.pairs.length !== 1) return undefined;
  const p = r.pairs[0];
  // Same key in the same column: the entry's place in the mapping has not changed.
  if (p.key.value !== pair.key.value || p.key.start !== pair.key.start - entryStart) return undefined;
  return { k, entry: shiftedPair(p, entryStart), usesShort: parsed.usesShortTags };
}

/** JSON: re-parse the object of the one `Resources` entry whose braces hold the whole edit. */
function jsonEntry(text: string, c: Change, resMap: MapNode): { k: number; entry: PairNode } | undefined {
  const k = pairAt(resMap.pairs, c.start);
  if (k < 0) return undefined;
  const pair = resMap.pairs[k];
  const v = pair.value;
  if (v?.kind !== 'map' || c.start <= v.start || c.oldEnd >= v.end) return undefined;
  const delta = c.newEnd - c.oldEnd;
  const parsed = parseJson(text.slice(v.start, v.end + delta));
  const r = parsed.root;
  if (parsed.problems.length || r?.kind !== 'map' || r.start !== 0 || r.end !== v.end + delta - v.start) return undefined;
  shiftInPlace(r, v.start);
  const k0 = pair.key;
  const entry: PairNode = {
    key: { kind: 'scalar', value: k0.value, style: k0.style, start: k0.start, end: k0.end },
    value: r,
    start: pair.start,
    end: pair.end + delta,
  };
  return { k, entry };
}

function anyShortTag(root: Node): boolean {
  let found = false;
  walk(root, (n) => {
    if (!found && isIntrinsic(n) && n.short) found = true;
  });
  return found;
}

/**
 * The document for `text`, re-parsed incrementally from `prev` when the edit lies inside one
 * resource entry; undefined when only a full parse can be trusted. The caller has already checked
 * that the syntax and the kind detection are unchanged.
 */
export function reparseIncrementally(prev: ParsedDocument, version: number, text: string): ParsedDocument | undefined {
  if (prev.syntax !== 'yaml' && prev.syntax !== 'json') return undefined;
  const res = resourcesOf(prev);
  if (!res) return undefined;
  const c = diffSpan(prev.text, text);
  if (c.start === c.oldEnd && c.start === c.newEnd) return undefined;
  let k: number;
  let entry: PairNode;
  let usesShortTags = false;
  if (prev.syntax === 'yaml') {
    // A directive line (`%YAML 1.2`) changes how the whole file is read.
    if (text.startsWith('%')) return undefined;
    const found = yamlEntry(prev, text, c, res.root, res.resPair, res.resMap);
    if (!found) return undefined;
    ({ k, entry } = found);
    usesShortTags = found.usesShort;
  } else {
    const found = jsonEntry(text, c, res.resMap);
    if (!found) return undefined;
    ({ k, entry } = found);
  }
  const root = splice(res.root, res.resPair, k, entry, c, res.resMap.pairs[k].end);
  if (!root || !looksLikeTemplate(root)) return undefined;
  if (prev.syntax === 'yaml' && !usesShortTags && prev.usesShortTags) usesShortTags = anyShortTag(root);
  return {
    ...prev,
    version,
    text,
    root,
    template: buildTemplate(root),
    lines: LineIndex.afterEdit(prev.lines, text, c.start, c.oldEnd, c.newEnd),
    problems: [],
    usesShortTags,
  };
}
