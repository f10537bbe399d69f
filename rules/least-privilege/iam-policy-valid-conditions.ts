import { closest, globalConditionKeyNames, isKnownGlobalConditionKey } from '../../core/policy/catalogue';
import { isScalar } from '../../core/nodes';
import { Fix, Rule } from '../../core/rule';
import { modelOf, POLICY_GRAMMAR_REFERENCE, POLICY_RESOURCE_TYPES, POLICY_SYNTAXES, reportAt } from '../lib/policy-rules';

const OPERATORS = new Set([
  'StringEquals',
  'StringNotEquals',
  'StringEqualsIgnoreCase',
  'StringNotEqualsIgnoreCase',
  'StringLike',
  'StringNotLike',
  'NumericEquals',
  'NumericNotEquals',
  'NumericLessThan',
  'NumericLessThanEquals',
  'NumericGreaterThan',
  'NumericGreaterThanEquals',
  'DateEquals',
  'DateNotEquals',
  'DateLessThan',
  'DateLessThanEquals',
  'DateGreaterThan',
  'DateGreaterThanEquals',
  'Bool',
  'BinaryEquals',
  'IpAddress',
  'NotIpAddress',
  'ArnEquals',
  'ArnLike',
  'ArnNotEquals',
  'ArnNotLike',
  'Null',
]);

/** Compliant: condition operators exist, global (`aws:`) condition keys exist, and `Bool` conditions compare with true or false. */
export const iamPolicyValidConditions: Rule = {
  meta: {
    id: 'iam-policy-valid-conditions',
    title: 'Policy conditions are well formed',
    compliant:
      'Every condition uses a known operator and a known global condition key; Bool and Null conditions compare with "true" or "false".',
    description:
      'A misspelt `aws:` condition key is never present in the request, so the condition never matches: a Deny guarded by it protects nothing, an Allow guarded by it grants nothing. ' +
      'A `Bool` condition compared with anything but true or false never matches either.',
    category: 'least-privilege',
    severity: 'warning',
    profile: 'recommended',
    resourceTypes: POLICY_RESOURCE_TYPES,
    syntaxes: POLICY_SYNTAXES,
    references: [
      POLICY_GRAMMAR_REFERENCE,
      {
        title: 'AWS global condition context keys',
        url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html',
      },
      {
        title: 'IAM JSON policy elements: Condition operators',
        url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html',
      },
    ],
    fix: 'Replaces an unknown global condition key with the closest known one; writes "true"/"false" for a boolean written another way.',
    fixSafety: 'suggestion',
  },
  document(ctx) {
    for (const doc of modelOf(ctx).documents) {
      for (const st of doc.statements) {
        for (const e of st.condition?.entries ?? []) {
          const base = e.operator.replace(/^(ForAnyValue|ForAllValues):/, '').replace(/IfExists$/, '');
          if (!OPERATORS.has(base)) {
            reportAt(ctx, doc, e.operatorNode, `"${e.operator}" is not a condition operator${nearOp(base)}.`);
            continue;
          }
          if (/^aws:/i.test(e.key) && !e.key.includes('${') && !isKnownGlobalConditionKey(e.key)) {
            const near = closest(e.key, globalConditionKeyNames(), 3);
            const fixes: Fix[] = near.map((k) => ({ title: `Change to ${k}`, ops: [{ op: 'replace', node: e.keyNode, value: k }] }));
            reportAt(
              ctx,
              doc,
              e.keyNode,
              `"${e.key}" is not a global condition key, so this condition never matches${near.length ? `; did you mean ${near.map((k) => `"${k}"`).join(' or ')}?` : '.'} Use a key AWS defines.`,
              { fix: fixes },
            );
          }
          if (base === 'Bool' || base === 'Null') {
            for (const v of e.values) {
              if (!isScalar(v.node) || v.unknown) continue;
              const raw = v.node.value;
              const s = typeof raw === 'string' ? raw.toLowerCase() : raw;
              if (s === true || s === false || s === 'true' || s === 'false') continue;
              reportAt(
                ctx,
                doc,
                v.node,
                `${base} compares with "true" or "false"; ${JSON.stringify(raw)} never matches. Write "true" or "false".`,
              );
            }
          }
        }
      }
    }
  },
};

function nearOp(op: string): string {
  const near = closest(op, OPERATORS, 3);
  return near.length ? `; did you mean "${near[0]}"?` : '';
}
