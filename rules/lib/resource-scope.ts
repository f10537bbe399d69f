import { Statement } from '../../core/policy/model';

/** Condition keys that name the resources a statement reaches: tags on the resource, or the service managing it. */
const RESOURCE_KEY = /^([a-z0-9-]+:ResourceTag\/.+|events:ManagedBy)$/i;
const POSITIVE = /^(StringEquals|StringLike|StringEqualsIgnoreCase)$/i;

/**
 * True when `Resource: "*"` is narrowed by a positive condition on the resource itself (`aws:ResourceTag/team`,
 * `iam:ResourceTag/aws-cdk:bootstrap-role`, `events:ManagedBy`): only resources that carry the tag, or that the named
 * service manages, match; for an action without that key the condition never matches, so it grants nothing there.
 * Attribute-based access control is a documented way to scope, not "every resource of the account".
 */
export function scopedByResourceCondition(st: Statement): boolean {
  return (st.condition?.entries ?? []).some(
    (e) =>
      RESOURCE_KEY.test(e.key) &&
      POSITIVE.test(e.operator) &&
      e.values.length > 0 &&
      e.values.every((v) => v.unknown || (v.value !== undefined && v.value !== '*' && v.value !== '')),
  );
}
