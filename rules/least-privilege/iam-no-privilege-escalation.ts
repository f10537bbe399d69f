import { Node } from '../../core/nodes';
import { actionMatches } from '../../core/policy/catalogue';
import { grantingNode, onlyOnServiceRequests } from '../../core/policy/analysis';
import { PolicyDocument, Statement } from '../../core/policy/model';
import { RelatedInfo, Rule, RuleContext } from '../../core/rule';
import { IAM_REFERENCE, modelOf, POLICY_SYNTAXES, reportAt } from '../lib/policy-rules';
import { scopedByResourceCondition } from '../lib/resource-scope';

/** Actions that let a principal grant itself more, alone. */
const ALONE: { action: string; why: string }[] = [
  { action: 'iam:CreatePolicyVersion', why: 'rewrite a managed policy it is attached to' },
  { action: 'iam:SetDefaultPolicyVersion', why: 'switch a managed policy to a more permissive version' },
  { action: 'iam:AttachUserPolicy', why: 'attach AdministratorAccess to a user' },
  { action: 'iam:AttachGroupPolicy', why: 'attach AdministratorAccess to a group' },
  { action: 'iam:AttachRolePolicy', why: 'attach AdministratorAccess to a role' },
  { action: 'iam:PutUserPolicy', why: 'write any inline policy on a user' },
  { action: 'iam:PutGroupPolicy', why: 'write any inline policy on a group' },
  { action: 'iam:PutRolePolicy', why: 'write any inline policy on a role' },
  { action: 'iam:UpdateAssumeRolePolicy', why: 'make any role assumable by itself' },
  { action: 'iam:AddUserToGroup', why: 'join a more privileged group' },
  { action: 'iam:CreateAccessKey', why: 'create keys for another user' },
  { action: 'iam:UpdateLoginProfile', why: "set another user's console password" },
];

/** Services that run code with a role handed over by iam:PassRole. */
const WITH_PASSROLE = [
  'lambda:CreateFunction',
  'ec2:RunInstances',
  'cloudformation:CreateStack',
  'glue:CreateDevEndpoint',
  'ecs:RunTask',
  'codebuild:CreateProject',
  'datapipeline:CreatePipeline',
  'sagemaker:CreateNotebookInstance',
];

/** Compliant: no principal's policies together allow a known privilege-escalation path on broad resources. */
export const iamNoPrivilegeEscalation: Rule = {
  meta: {
    id: 'iam-no-privilege-escalation',
    title: 'Policies do not allow known privilege-escalation paths',
    compliant:
      'No role, user or group may change its own permissions (policy versions, attach/put policies, trust policies) or pass roles to code it launches, on broad resources.',
    description:
      'Some IAM permissions are administrator access in disguise: a principal that may attach or write policies, create policy versions or update trust policies can grant itself anything, ' +
      "and one that may pass any role to Lambda, EC2 or CloudFormation can run code with that role's permissions. The permissions are combined across every policy of the principal (inline, attached, and its groups').",
    category: 'least-privilege',
    severity: 'error',
    profile: 'recommended',
    resourceTypes: [
      'AWS::IAM::Role',
      'AWS::IAM::User',
      'AWS::IAM::Group',
      'AWS::IAM::Policy',
      'AWS::IAM::ManagedPolicy',
      'AWS::Serverless::Function',
    ],
    syntaxes: POLICY_SYNTAXES,
    references: [
      IAM_REFERENCE,
      {
        title: 'Granting a user permissions to pass a role to an AWS service',
        url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_passrole.html',
      },
    ],
    equivalents: { cfnNag: ['F38', 'F39', 'F40'], checkov: ['CKV_AWS_286', 'CKV_AWS_287', 'CKV_AWS_288', 'CKV_AWS_289', 'CKV_AWS_290'] },
  },
  document(ctx) {
    const model = modelOf(ctx);
    const covered = new Set<PolicyDocument>();
    for (const p of model.principals) {
      p.policies.forEach((d) => covered.add(d));
      check(ctx, p.policies, `${p.kind} ${p.resource.id}`);
    }
    // Policies attached to principals outside this file: each stands for one principal.
    for (const d of model.documents) {
      if (d.kind === 'identity' && !covered.has(d) && d.resource?.type !== 'AWS::IoT::Policy') check(ctx, [d], `whoever holds ${d.where}`);
    }
  },
};

interface Grant {
  node: Node;
  st: Statement;
}

/**
 * The broad Allow grants of a set of policies, indexed once: each distinct action pattern with its
 * first grant, so checking two dozen actions costs a pass over distinct patterns, not statements.
 */
class Grants {
  private readonly patterns = new Map<string, Grant>();
  private readonly notActions: Statement[] = [];

  constructor(policies: PolicyDocument[], anyResourceOnly: boolean) {
    for (const d of policies) {
      for (const st of d.statements) {
        // A statement that needs aws:SourceArn is used by a service on a resource's behalf, never by the principal itself.
        if (st.effect !== 'Allow' || !isBroad(st, anyResourceOnly) || onlyOnServiceRequests(st) || scopedByResourceCondition(st)) continue;
        if (st.notAction) this.notActions.push(st);
        for (const it of st.action?.items ?? []) {
          // `*` itself is the wildcard rule's finding; here, the named and pattern grants.
          if (it.value === undefined || it.value === '*') continue;
          const key = it.value.toLowerCase();
          if (!this.patterns.has(key)) this.patterns.set(key, { node: it.node, st });
        }
      }
    }
  }

  /** The first broad grant of a concrete action, or undefined. */
  of(action: string): Grant | undefined {
    for (const [pattern, g] of this.patterns) if (actionMatches(pattern, action)) return g;
    for (const st of this.notActions) {
      const node = grantingNode(st, action);
      if (node) return { node, st };
    }
    return undefined;
  }
}

function isBroad(st: Statement, anyResourceOnly: boolean): boolean {
  if (st.notResource) return true;
  const items = st.resource?.items ?? [];
  if (!items.length) return false;
  return items.some((i) => i.value !== undefined && (anyResourceOnly ? i.value === '*' : i.value.includes('*')));
}

function check(ctx: RuleContext, policies: PolicyDocument[], who: string): void {
  if (!policies.length) return;
  const reported = new Set<Node>();
  const report = (g: Grant, message: string, related: RelatedInfo[] = []): void => {
    if (reported.has(g.node)) return;
    reported.add(g.node);
    reportAt(ctx, g.st.doc, g.node, message, { related });
  };
  const broad = new Grants(policies, false);
  for (const { action, why } of ALONE) {
    const g = broad.of(action);
    if (g)
      report(
        g,
        `${action} lets ${who} ${why}, and so gain any permission. Remove it or limit it to specific resources that cannot affect this principal.`,
      );
  }
  const pass = broad.of('iam:PassRole');
  if (pass) {
    for (const other of WITH_PASSROLE) {
      const g = broad.of(other);
      if (!g) continue;
      report(
        pass,
        `iam:PassRole on any role together with ${other} lets ${who} run code with any role's permissions. List the role ARNs it may pass.`,
        [{ node: g.node, message: `${other} is allowed here.` }],
      );
      break;
    }
  }
  const assume = new Grants(policies, true).of('sts:AssumeRole');
  if (assume) report(assume, `sts:AssumeRole on "*" lets ${who} assume every role that trusts its account. List the role ARNs it needs.`);
}
