import { get, isIntrinsic, isMap, isSeq, MapNode, Node } from '../../core/nodes';
import { Resource, Template } from '../../core/template';
import { ifBranches } from '../../core/values';

/**
 * Every node at a key path, where `*` walks each item of a list and `Fn::If` branches are both
 * followed. Leaves may be intrinsics: the caller reasons over them (e.g. with `secretSources`).
 */
export function nodesAt(from: Node | undefined, path: readonly string[], depth = 0): Node[] {
  if (!from || depth > 30) return [];
  if (path.length === 0) return [from];
  if (isIntrinsic(from, 'Fn::If')) return (ifBranches(from) ?? []).flatMap((b) => nodesAt(b, path, depth + 1));
  const [head, ...rest] = path;
  if (head === '*') return isSeq(from) ? from.items.flatMap((i) => nodesAt(i, rest, depth + 1)) : [];
  const next = get(from, head);
  return next ? nodesAt(next, rest, depth + 1) : [];
}

/** Maps that can hold properties: through `Fn::If` branches, skipping anything that is not a mapping. */
export function mapsAt(from: Node | undefined, path: readonly string[]): MapNode[] {
  return nodesAt(from, path)
    .flatMap((n) => (isIntrinsic(n, 'Fn::If') ? (ifBranches(n) ?? []) : [n]))
    .filter(isMap);
}

/** Finds the resource whose mapping contains a node, by walking up the parents. */
export function resourceOf(t: Template, node: Node): Resource | undefined {
  const byNode = resourceIndex(t);
  let cur: Node | undefined = node;
  while (cur) {
    const r = byNode.get(cur);
    if (r) return r;
    cur = cur.parent;
  }
  return undefined;
}

const indexCache = new WeakMap<Template, Map<Node, Resource>>();
function resourceIndex(t: Template): Map<Node, Resource> {
  let m = indexCache.get(t);
  if (!m) {
    m = new Map(t.resources.map((r) => [r.node as Node, r]));
    indexCache.set(t, m);
  }
  return m;
}

/**
 * True while a resource's `Properties` is being typed or has the wrong shape (`Properties:` with
 * nothing after it, a list, a scalar, an intrinsic): absent properties cannot be told from unknown ones.
 */
export function propertiesUnreadable(r: Resource): boolean {
  const pair = r.node.pairs.find((p) => p.key.value === 'Properties');
  return !!pair && !isMap(pair.value);
}
