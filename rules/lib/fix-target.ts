import { JsonValue, MapNode, Node } from '../../core/nodes';
import { FixOp } from '../../core/rule';
import { Template } from '../../core/template';

/** Where a fix writes: a missing path under a map, or a written node to replace. */
export interface Target {
  map?: MapNode;
  path: string[];
  node?: Node;
}

/** The op that writes `value` at a target. */
export function setAt(at: Target, value: JsonValue): FixOp {
  return at.node ? { op: 'replace', node: at.node, value } : { op: 'set', map: at.map!, path: at.path, value };
}

/** The same target with its last key swapped, for a sibling property (e.g. `KmsMasterKeyId` beside `SqsManagedSseEnabled`). */
export function sibling(at: Target, key: string): Target | undefined {
  if (at.node || !at.map || !at.path.length) return undefined;
  return { map: at.map, path: [...at.path.slice(0, -1), key] };
}

/**
 * A logical id not yet used in the template, starting from `base`, for a resource or parameter a fix adds
 * (resources and parameters share one namespace of logical ids).
 */
export function freshId(t: Template, base: string): string {
  const clean = base.replace(/[^A-Za-z0-9]/g, '') || 'Encryption';
  const taken = (id: string): boolean => t.resourceById.has(id) || t.parameters.has(id);
  if (!taken(clean)) return clean;
  for (let i = 2; ; i++) if (!taken(`${clean}${i}`)) return `${clean}${i}`;
}
