import type { ParsedDocument } from '../document';
import { get, isMap, JsonValue, MapNode, Node, SeqNode } from '../nodes';
import type { Fix, FixOp } from '../rule';
import { JsonWriter } from './json-writer';
import { TextEdit } from './text';
import { YamlWriter } from './yaml-writer';

/** Turns tree operations into text edits for one syntax. */
export interface FixWriter {
  replace(node: Node, value: JsonValue): TextEdit[];
  set(map: MapNode, path: string[], value: JsonValue): TextEdit[];
  append(seq: SeqNode, value: JsonValue): TextEdit[];
  remove(map: MapNode, key: string): TextEdit[];
}

type WriterFactory = (doc: ParsedDocument) => FixWriter | undefined;
const extraWriters: WriterFactory[] = [];

/** Lets other syntaxes (CDK TypeScript and Python) supply their writer. */
export function registerWriter(factory: WriterFactory): void {
  extraWriters.push(factory);
}

export function writerFor(doc: ParsedDocument): FixWriter | undefined {
  for (const f of extraWriters) {
    const w = f(doc);
    if (w) return w;
  }
  if (doc.syntax === 'yaml') return new YamlWriter(doc.text, doc.usesShortTags);
  if (doc.syntax === 'json') return new JsonWriter(doc.text);
  return undefined;
}

type JsonObject = { [key: string]: JsonValue };

/** Puts `value` at `path` inside `into`, creating the objects on the way. */
function mergeInto(into: JsonObject, path: string[], value: JsonValue): void {
  const [key, ...rest] = path;
  if (!rest.length) {
    into[key] = value;
    return;
  }
  const inner = into[key];
  const next: JsonObject = inner !== null && typeof inner === 'object' && !Array.isArray(inner) ? inner : {};
  into[key] = next;
  mergeInto(next, rest, value);
}

/**
 * Several `set`s into one empty mapping become one `replace` of it with all their keys: each
 * would otherwise replace the whole `{}`, and the edits would overlap.
 */
function mergeSetsIntoEmptyMaps(ops: readonly FixOp[]): FixOp[] {
  const targets = new Map<MapNode, number>();
  for (const op of ops)
    if (op.op === 'set' && op.map.pairs.length === 0 && op.path.length) targets.set(op.map, (targets.get(op.map) ?? 0) + 1);
  if (![...targets.values()].some((n) => n > 1)) return [...ops];
  const out: FixOp[] = [];
  const merged = new Map<MapNode, JsonObject>();
  for (const op of ops) {
    if (op.op !== 'set' || (targets.get(op.map) ?? 0) < 2) {
      out.push(op);
      continue;
    }
    let value = merged.get(op.map);
    if (!value) {
      value = {};
      merged.set(op.map, value);
      out.push({ op: 'replace', node: op.map, value });
    }
    mergeInto(value, op.path, op.value);
  }
  return out;
}

/** The text edits of one fix. Throws when the fix cannot be written for this document. */
export function renderFix(doc: ParsedDocument, fix: Fix, writer = writerFor(doc)): TextEdit[] {
  if (!writer) throw new Error(`no fix writer for ${doc.syntax}`);
  const edits: TextEdit[] = [];
  for (const op of mergeSetsIntoEmptyMaps(fix.ops)) {
    switch (op.op) {
      case 'replace':
        edits.push(...writer.replace(op.node, op.value));
        break;
      case 'set':
        edits.push(...writer.set(op.map, op.path, op.value));
        break;
      case 'append':
        edits.push(...writer.append(op.seq, op.value));
        break;
      case 'remove':
        edits.push(...writer.remove(op.map, op.key));
        break;
      case 'edits':
        edits.push(...op.edits);
        break;
      case 'addResource': {
        const resources = doc.template ? get(doc.template.root, 'Resources') : undefined;
        if (!isMap(resources)) throw new Error('template has no Resources mapping');
        edits.push(...writer.set(resources, [op.id], op.value));
        break;
      }
    }
  }
  return edits;
}

/** The fixes that can be written for this document: a CloudFormation fix may add a resource, which CDK source cannot take. */
export function writableFixes(doc: ParsedDocument, fixes: Fix[]): Fix[] {
  const writer = writerFor(doc);
  return fixes.filter((f) => {
    try {
      renderFix(doc, f, writer);
      return true;
    } catch {
      return false;
    }
  });
}
