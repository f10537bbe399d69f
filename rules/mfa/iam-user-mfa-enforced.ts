import { analysisOf } from '../../core/cdk/check';
import { asObject, entryOf } from '../../core/cdk/model';
import { JsonValue, Node } from '../../core/nodes';
import { get, isSeq } from '../../core/nodes';
import { conditionEntries } from '../../core/policy/analysis';
import { PolicyPrincipal } from '../../core/policy/model';
import { Fix, Rule, RuleContext } from '../../core/rule';
import { Resource } from '../../core/template';
import { modelOf } from '../lib/policy-rules';

/** The deny-unless-MFA statement from AWS's documentation: users may set up their own MFA device, and nothing else, until they sign in with MFA. */
const REQUIRE_MFA_POLICY: JsonValue = {
  PolicyName: 'RequireMFA',
  PolicyDocument: {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'DenyAllExceptMfaSetupWithoutMFA',
        Effect: 'Deny',
        NotAction: [
          'iam:ChangePassword',
          'iam:CreateVirtualMFADevice',
          'iam:EnableMFADevice',
          'iam:GetUser',
          'iam:ListMFADevices',
          'iam:ListVirtualMFADevices',
          'iam:ResyncMFADevice',
          'sts:GetSessionToken',
        ],
        Resource: '*',
        Condition: { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } },
      },
    ],
  },
};

/** Compliant: every IAM user has (itself or through a group) a policy that denies actions without MFA. */
export const iamUserMfaEnforced: Rule = {
  meta: {
    id: 'iam-user-mfa-enforced',
    title: 'IAM users must use MFA',
    compliant:
      'Each IAM user, directly or through one of its groups, has a Deny statement conditioned on `BoolIfExists: { aws:MultiFactorAuthPresent: "false" }`.',
    description:
      'An IAM user signs in with a long-lived password or access key; without MFA a phished password or a leaked key is the whole account of that user. ' +
      'A Deny on everything except MFA setup while `aws:MultiFactorAuthPresent` is false makes MFA mandatory rather than advised.',
    category: 'mfa',
    severity: 'warning',
    profile: 'recommended',
    resourceTypes: ['AWS::IAM::User', 'AWS::IAM::Group'],
    syntaxes: ['cfn-yaml', 'cfn-json', 'cdk-ts', 'cdk-py'],
    references: [
      {
        title: 'Allows MFA-authenticated IAM users to manage their own credentials',
        url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_examples_aws_my-sec-creds-self-manage.html',
      },
      {
        title: 'Using multi-factor authentication in AWS',
        url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_mfa.html',
      },
    ],
    controls: ['IAM.5', 'IAM.19'],
    fix: 'Adds an inline policy RequireMFA that denies everything but MFA setup while aws:MultiFactorAuthPresent is false.',
    equivalents: { guard: ['IAM_USER_MFA_ENABLED'] },
    fixSafety: 'suggestion',
    profileWhy:
      'A user without a console password (no `LoginProfile`) signs requests with access keys, where enforcing MFA breaks ' +
      'automation; only `strict` asks for the MFA policy there.',
  },
  document(ctx) {
    const model = modelOf(ctx);
    for (const p of model.principals) {
      if (p.kind !== 'user' || enforcesMfa(p)) continue;
      // A group reference we cannot follow may hold the MFA policy: say nothing.
      if (get(p.resource.properties, 'Groups') && p.groups.length < countGroups(p)) continue;
      // Without a console password (LoginProfile) the user signs requests with access keys, where MFA is unusual
      // (a CI user cannot type a code); iam-no-user and iam-no-access-key speak to that case.
      const console = mayUseConsole(ctx, p.resource);
      ctx.report({
        node: p.resource.keyNode,
        resource: p.resource,
        message: console
          ? `IAM user ${p.resource.id} has a console password but no policy that requires MFA, itself or through its groups. Add a Deny while aws:MultiFactorAuthPresent is false (the RequireMFA policy).`
          : `IAM user ${p.resource.id} has no policy that requires MFA, itself or through its groups. If it ever gets a console password, add a Deny while aws:MultiFactorAuthPresent is false (the RequireMFA policy).`,
        fix: mfaFix(p),
        ...(console ? {} : { profile: 'strict' as const, severity: 'info' as const }),
      });
    }
  },
};

/** True when the user has (or may have) a console password: `LoginProfile`, or a CDK `iam.User`'s `password`. */
function mayUseConsole(ctx: RuleContext, r: Resource): boolean {
  if (get(r.properties, 'LoginProfile')) return true;
  const a = analysisOf(ctx.doc);
  if (!a) return false;
  for (const [c, id] of a.tpl.resourceOf) {
    if (id !== r.id || c.call.fqn !== 'aws-iam.User') continue;
    if (c.props === undefined) return false;
    const props = asObject(c.props);
    return !props || props.open || entryOf(props, 'password') !== undefined;
  }
  return false;
}

function countGroups(p: PolicyPrincipal): number {
  const g: Node | undefined = get(p.resource.properties, 'Groups');
  return isSeq(g) ? g.items.length : g ? 1 : 0;
}

function enforcesMfa(p: PolicyPrincipal): boolean {
  return p.policies.some((d) =>
    d.statements.some(
      (st) =>
        st.effect === 'Deny' &&
        (conditionEntries(st, 'aws:MultiFactorAuthPresent').some(
          (e) => /^Bool/.test(e.operator) && e.values.some((v) => v.value?.toLowerCase() === 'false'),
        ) ||
          conditionEntries(st, 'aws:MultiFactorAuthAge').some(
            (e) => /^Null/.test(e.operator) && e.values.some((v) => v.value?.toLowerCase() === 'true'),
          )),
    ),
  );
}

function mfaFix(p: PolicyPrincipal): Fix | undefined {
  const props = p.resource.properties;
  if (!props)
    return {
      title: 'Add a RequireMFA inline policy',
      ops: [{ op: 'set', map: p.resource.node, path: ['Properties', 'Policies'], value: [REQUIRE_MFA_POLICY] }],
    };
  const existing = get(props, 'Policies');
  if (isSeq(existing))
    return { title: 'Add a RequireMFA inline policy', ops: [{ op: 'append', seq: existing, value: REQUIRE_MFA_POLICY }] };
  if (existing) return undefined;
  return { title: 'Add a RequireMFA inline policy', ops: [{ op: 'set', map: props, path: ['Policies'], value: [REQUIRE_MFA_POLICY] }] };
}
