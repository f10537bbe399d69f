import { JsonValue, pairOf, Scalar } from '../../core/nodes';
import { Fix, RuleContext, Severity } from '../../core/rule';
import { Resource, Template } from '../../core/template';
import { resolvePath } from '../../core/values';

export interface ExpectOptions {
  /** True for a compliant value. */
  ok: (v: Scalar) => boolean;
  /** The safe value a fix writes. Omit when there is no single safe value. */
  fixValue?: JsonValue;
  fixTitle?: string;
  /** Message when the property is absent; omit to accept absence. */
  missing?: string;
  /** Severity and profile of the missing-property finding, when they differ from the rule's (a safe default left implicit). */
  missingAs?: { severity: Severity; profile?: 'strict' };
  /** Message for a bad value. */
  bad: (v: Scalar) => string;
  /** Severity when the value comes from a parameter rather than being written in place. */
  viaParameterSeverity?: Severity;
  /** Say nothing about `Key:` written with no value yet: the user is still typing it. */
  quietWhileTyping?: boolean;
}

/**
 * The common shape of a property rule: follow `path` from the resource through parameters and
 * `Fn::If` branches, report a missing property at the resource and a bad value where it is
 * written, each with a fix that writes the safe value. Unknown values say nothing.
 */
export function expectProperty(t: Template, ctx: RuleContext, r: Resource, path: string[], o: ExpectOptions): void {
  const fix = (make: () => Fix['ops']): Fix | undefined =>
    o.fixValue === undefined ? undefined : { title: o.fixTitle ?? `Set ${path[path.length - 1]} to ${String(o.fixValue)}`, ops: make() };
  for (const out of resolvePath(t, r.node, ['Properties', ...path])) {
    if (out.kind === 'missing') {
      if (!o.missing) continue;
      const map = out.map;
      if (o.quietWhileTyping && map && pairOf(map, out.path[0])) continue;
      ctx.report({
        node: r.keyNode,
        resource: r,
        message: o.missing,
        severity: o.missingAs?.severity,
        profile: o.missingAs?.profile,
        fix: map && o.fixValue !== undefined ? fix(() => [{ op: 'set', map, path: out.path, value: o.fixValue! }]) : undefined,
      });
    } else if (out.kind === 'value' && !o.ok(out.value)) {
      const at = out.via ?? out.node;
      ctx.report({
        node: at,
        resource: r,
        message: o.bad(out.value),
        severity: out.via ? o.viaParameterSeverity : undefined,
        related: out.via ? [{ node: out.node, message: 'The value comes from this parameter.' }] : undefined,
        fix: o.fixValue !== undefined ? fix(() => [{ op: 'replace', node: at, value: o.fixValue! }]) : undefined,
      });
    }
  }
}
