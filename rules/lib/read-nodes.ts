import { get, isMap, isSeq, Node, pairOf } from '../../core/nodes';
import { Resource, Template } from '../../core/template';
import { referencedId } from '../../core/values';
import { outcomesOf } from './property-value';

/** The sequence's items, or nothing when the node is not a sequence (a half-typed map, a scalar). */
export function items(n: Node | undefined): Node[] {
  return isSeq(n) ? n.items : [];
}

/** The items of a list property reached through parameters and `Fn::If` branches. */
export function listItems(t: Template, from: Node | undefined, path: readonly string[]): Node[] {
  const out: Node[] = [];
  for (const o of outcomesOf(t, from, path)) if (o.kind === 'node') out.push(...items(o.node));
  return out;
}

/** Like `listItems`, but a single mapping written where a list belongs counts as a one-item list (a common slip that peers still judge). */
export function listOrOne(t: Template, from: Node | undefined, path: readonly string[]): Node[] {
  const out: Node[] = [];
  for (const o of outcomesOf(t, from, path)) if (o.kind === 'node') out.push(...(isMap(o.node) ? [o.node] : items(o.node)));
  return out;
}

/** True when the node is a map with this key written (any value, even an intrinsic). */
export function hasKey(n: Node | undefined, key: string): boolean {
  return isMap(n) && !!pairOf(n, key)?.value;
}

/** A resource this value points to (by `!Ref`/`!GetAtt`), when it is in the template. */
export function target(t: Template, n: Node | undefined): Resource | undefined {
  const id = referencedId(n);
  return id ? t.resourceById.get(id) : undefined;
}

/** Resources of any of these types. */
export function ofTypes(t: Template, ...types: string[]): Resource[] {
  return types.flatMap((ty) => t.byType.get(ty) ?? []);
}

/** Walks to a key, reporting nothing: `get` over several keys. */
export function dig(n: Node | undefined, ...keys: string[]): Node | undefined {
  let cur = n;
  for (const k of keys) cur = get(cur, k);
  return cur;
}
