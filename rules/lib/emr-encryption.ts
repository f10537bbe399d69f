import { isMap, MapNode, Node } from '../../core/nodes';
import { Resource, Template } from '../../core/template';
import { mustBeTrue, outcomesOf } from './property-value';
import { Reporter } from './reporter';

/**
 * Calls `each` with every written `EncryptionConfiguration` map of an EMR security configuration (through
 * parameters and `Fn::If`), and reports `missing` at the resource where the block is absent. A
 * SecurityConfiguration written as a JSON string cannot be located precisely: it is left alone.
 */
export function eachEncryptionConfiguration(
  t: Template,
  rep: Reporter,
  r: Resource,
  missing: string,
  each: (block: MapNode) => void,
): void {
  for (const sc of outcomesOf(t, r.node, ['Properties', 'SecurityConfiguration'])) {
    if (sc.kind !== 'node' || !isMap(sc.node)) continue;
    for (const e of outcomesOf(t, sc.node, ['EncryptionConfiguration'])) {
      if (e.kind === 'missing') rep.report({ node: r.keyNode, resource: r, message: missing });
      else if (e.kind === 'node' && isMap(e.node)) each(e.node);
    }
  }
}

/** True when every value a flag can take is true, as `mustBeTrue` reads it. */
export function alwaysTrue(t: Template, base: Node, path: readonly string[]): boolean {
  return outcomesOf(t, base, path).every((o) => o.kind === 'value' && mustBeTrue(o.value) === 'ok');
}

/** The EMR clusters that may run without a SecurityConfiguration: they get none of its encryption. */
export function clustersWithoutSecurityConfiguration(t: Template): Resource[] {
  return (t.byType.get('AWS::EMR::Cluster') ?? []).filter((r) =>
    outcomesOf(t, r.node, ['Properties', 'SecurityConfiguration']).some((o) => o.kind === 'missing'),
  );
}
