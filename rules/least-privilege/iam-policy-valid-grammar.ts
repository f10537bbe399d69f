import { hasPolicyVariable } from '../../core/policy/analysis';
import { CDK_RESOURCE_POLICY } from '../../core/cdk/template';
import { PolicyDocument, Statement } from '../../core/policy/model';
import { Fix, Rule, RuleContext } from '../../core/rule';
import { modelOf, POLICY_GRAMMAR_REFERENCE, POLICY_RESOURCE_TYPES, POLICY_SYNTAXES, reportAt } from '../lib/policy-rules';

const CURRENT = '2012-10-17';

/** Compliant: the policy has `Version: 2012-10-17`, well-typed elements, no unknown keys, no empty statements and well-formed ARNs. */
export const iamPolicyValidGrammar: Rule = {
  meta: {
    id: 'iam-policy-valid-grammar',
    title: 'Policies follow the IAM policy grammar',
    compliant:
      'Version is 2012-10-17; every statement has an Effect, an Action or NotAction, strings where strings belong, known keys only, and well-formed ARNs.',
    description:
      'IAM reads a policy with no Version (or 2008-10-17) without policy variables, so `${aws:username}` becomes a literal string and the statement matches nothing. ' +
      "Wrong types, unknown keys and malformed ARNs are rejected at deployment or, worse, accepted and never match; these are the checks IAM Access Analyzer's policy validation makes.",
    category: 'least-privilege',
    severity: 'warning',
    profile: 'recommended',
    resourceTypes: POLICY_RESOURCE_TYPES,
    syntaxes: POLICY_SYNTAXES,
    references: [
      POLICY_GRAMMAR_REFERENCE,
      {
        title: 'IAM JSON policy elements: Version',
        url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_version.html',
      },
      {
        title: 'IAM Access Analyzer policy validation',
        url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-policy-validation.html',
      },
    ],
    fix: 'Sets Version to 2012-10-17.',
    fixSafety: 'mixed',
  },
  document(ctx) {
    for (const doc of modelOf(ctx).documents) {
      checkVersion(ctx, doc);
      for (const p of doc.problems) reportAt(ctx, doc, p.node, p.message);
      if (doc.statementNode && doc.statements.length === 0 && doc.statementNode.kind === 'seq') {
        reportAt(ctx, doc, doc.statementNode, `The policy has no statements (${doc.where}).`);
      }
      for (const st of doc.statements) {
        for (const p of st.problems) reportAt(ctx, doc, p.node, p.message);
        for (const k of st.unknownKeys)
          reportAt(
            ctx,
            doc,
            k.key,
            `"${String(k.key.value)}" is not a statement element: a statement holds Sid, Effect, Action/NotAction, Resource/NotResource, Principal/NotPrincipal and Condition.`,
          );
        if (!st.map || st.synthetic) continue;
        // A statement whose props may hold more than is written (a CDK spread) may have what seems missing.
        const complete = !st.map.open;
        if (complete && !st.action && !st.notAction)
          reportAt(ctx, doc, st.map, 'The statement has no Action or NotAction, so it applies to nothing.');
        if (st.action && st.notAction) reportAt(ctx, doc, st.notAction.key, 'A statement has Action or NotAction, not both.');
        if (st.resource && st.notResource) reportAt(ctx, doc, st.notResource.key, 'A statement has Resource or NotResource, not both.');
        if (st.principal && st.notPrincipal)
          reportAt(ctx, doc, st.notPrincipal.key, 'A statement has Principal or NotPrincipal, not both.');
        if ((doc.kind === 'identity' || doc.kind === 'scp') && (st.principal || st.notPrincipal)) {
          const el = (st.principal ?? st.notPrincipal)!;
          reportAt(
            ctx,
            doc,
            el.key,
            `${doc.kind === 'scp' ? 'A service control policy' : 'An identity policy'} cannot name a principal: it applies to whoever it is attached to.`,
          );
        }
        if (complete && (doc.kind === 'resource' || doc.kind === 'trust') && !st.principal && !st.notPrincipal) {
          reportAt(ctx, doc, st.map, `A ${doc.kind === 'trust' ? 'trust' : 'resource'} policy statement needs a Principal.`);
        }
        if (complete && doc.kind === 'identity' && !st.resource && !st.notResource) {
          reportAt(ctx, doc, st.map, 'The statement has no Resource or NotResource.');
        }
        for (const el of [st.resource, st.notResource]) {
          for (const it of el?.items ?? []) {
            if (it.value === undefined || it.value === '*') continue;
            if (API_SHORTHAND.test(it.value)) {
              if (!isApiGatewayPolicy(doc, st))
                reportAt(
                  ctx,
                  doc,
                  it.node,
                  `"${it.value}" is API Gateway's shorthand, which only an API's own resource policy expands; here it is not an ARN. Write the full arn:aws:execute-api:region:account:api-id/… ARN.`,
                );
              continue;
            }
            const problem = arnProblem(it.value);
            if (problem) reportAt(ctx, doc, it.node, problem);
          }
        }
        for (const el of [st.principal, st.notPrincipal]) {
          for (const it of el?.items ?? []) {
            if (it.type !== 'AWS' || it.value === undefined) continue;
            const problem = awsPrincipalProblem(it.value);
            if (problem) reportAt(ctx, doc, it.node, problem);
          }
        }
      }
    }
  },
};

function checkVersion(ctx: RuleContext, doc: PolicyDocument): void {
  if (!doc.map || doc.statements.every((s) => s.synthetic)) return;
  // Under an older Version, `${aws:username}` is literal text; under 2012-10-17 it is a variable, which
  // changes what the policy grants: then the fix is the user's call.
  const safety = ctx.doc.text.slice(doc.map.start, doc.map.end).includes('${') ? 'suggestion' : 'safe';
  const fix = (): Fix | undefined =>
    doc.versionNode
      ? { title: `Set Version to ${CURRENT}`, ops: [{ op: 'replace', node: doc.versionNode, value: CURRENT }], safety }
      : doc.map
        ? { title: `Add Version: ${CURRENT}`, ops: [{ op: 'set', map: doc.map, path: ['Version'], value: CURRENT }], safety }
        : undefined;
  const version = doc.version;
  const vars = usesVariables(doc);
  if (doc.versionNode === undefined) {
    // Without variables a missing Version changes nothing IAM evaluates; with them, the statement silently never matches.
    if (vars)
      reportAt(
        ctx,
        doc,
        doc.statementKey ?? doc.map,
        `The policy has no Version, so IAM reads it as 2008-10-17 and "${vars}" literally. Add Version: ${CURRENT}.`,
        { fix: fix() },
      );
  } else if (version === '2008-10-17') {
    if (vars)
      reportAt(
        ctx,
        doc,
        doc.versionNode,
        `Version 2008-10-17 does not support policy variables: "${vars}" is read literally. Use ${CURRENT}.`,
        { fix: fix() },
      );
  } else if (version !== CURRENT && doc.versionNode.kind === 'scalar') {
    reportAt(
      ctx,
      doc,
      doc.versionNode,
      `Version must be ${CURRENT} (or the legacy 2008-10-17); "${String(doc.versionNode.value)}" is rejected.`,
      { fix: fix() },
    );
  }
}

function usesVariables(doc: PolicyDocument): string | undefined {
  for (const st of doc.statements) {
    for (const el of [st.resource, st.notResource])
      for (const it of el?.items ?? []) if (it.value && hasPolicyVariable(it.value)) return it.value;
    for (const e of st.condition?.entries ?? []) for (const v of e.values) if (v.value && hasPolicyVariable(v.value)) return v.value;
  }
  return undefined;
}

/** An AWS principal is `*`, a 12-digit account id, or an IAM/STS ARN with an account. */
function awsPrincipalProblem(v: string): string | undefined {
  if (v === '*' || /^\d{12}$/.test(v)) return undefined;
  if (/^arn:[^:]+:(iam|sts)::(\d{12}|\*|\$\{[^}]+\}|aws):.+/.test(v)) return undefined;
  return `"${v}" is not a valid AWS principal: use an account id, arn:aws:iam::<account>:root, or a role or user ARN.`;
}

/** API Gateway's abbreviated resource (`execute-api:/stage/METHOD/path`), which it expands to the API's ARN when it saves the policy. */
const API_SHORTHAND = /^execute-api:\/[^:]*$/;

/**
 * True for an API Gateway resource policy: a RestApi's `Policy`, or a resource policy whose owner is not known here
 * (a CDK `RestApi({ policy })`, a standalone file) and whose statement only grants `execute-api:` actions.
 */
function isApiGatewayPolicy(doc: PolicyDocument, st: Statement): boolean {
  if (doc.kind !== 'resource') return false;
  const type = doc.resource?.type;
  if (type === 'AWS::ApiGateway::RestApi') return true;
  if (type !== undefined && type !== CDK_RESOURCE_POLICY) return false;
  const actions = st.action?.items ?? [];
  return actions.length > 0 && actions.every((a) => a.value !== undefined && /^execute-api:/i.test(a.value));
}

/** A resource entry must be `*` or `arn:partition:service:region:account:resource`. */
export function arnProblem(v: string): string | undefined {
  if (!v.startsWith('arn:')) return `"${v}" is not an ARN: a Resource is "*" or arn:partition:service:region:account:resource.`;
  const parts = v.split(':');
  // IAM fills the missing fields of a short ARN that ends in a wildcard (`arn:aws:bedrock:*`) with `*`.
  if (parts.length < 6 && parts.length >= 3 && parts[2] && v.endsWith('*')) return undefined;
  if (parts.length < 6)
    return `"${v}" is a malformed ARN: it needs six colon-separated parts (arn:partition:service:region:account:resource).`;
  if (!/^(aws[\w-]*|\*|\$\{[^}]+\})$/.test(parts[1])) return `"${v}" has an unknown partition "${parts[1]}" (aws, aws-cn, aws-us-gov …).`;
  if (!parts[2]) return `"${v}" has no service.`;
  if (!parts.slice(5).join(':')) return `"${v}" has no resource part.`;
  return undefined;
}
