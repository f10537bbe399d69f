/**
 * Helpers the policy rules share: every rule reads the one policy model (core/policy/model.ts),
 * whatever the syntax, and reports through `reportAt` so findings carry their resource.
 */
import { Node, PairNode } from '../../core/nodes';
import { isEmbedded } from '../../core/policy/embedded';
import { PolicyDocument, PolicyModel, policyModel, Statement } from '../../core/policy/model';
import { Fix, Reference, Report, RuleContext, RuleSyntax } from '../../core/rule';

/** The syntaxes every policy rule serves. */
export const POLICY_SYNTAXES: RuleSyntax[] = ['cfn-yaml', 'cfn-json', 'policy-json', 'policy-yaml', 'cdk-ts', 'cdk-py'];

/** CloudFormation types the policy model reads, for rule metadata. */
export const POLICY_RESOURCE_TYPES = [
  'AWS::IAM::Policy',
  'AWS::IAM::ManagedPolicy',
  'AWS::IAM::Role',
  'AWS::IAM::User',
  'AWS::IAM::Group',
  'AWS::IAM::RolePolicy',
  'AWS::IAM::UserPolicy',
  'AWS::IAM::GroupPolicy',
  'AWS::S3::BucketPolicy',
  'AWS::SQS::QueuePolicy',
  'AWS::SNS::TopicPolicy',
  'AWS::KMS::Key',
  'AWS::Lambda::Permission',
  'AWS::SecretsManager::ResourcePolicy',
  'AWS::Organizations::Policy',
  'AWS::Serverless::Function',
  'AWS::ECR::Repository',
  'AWS::IoT::Policy',
];

export const IAM_REFERENCE: Reference = {
  title: 'Security best practices in IAM',
  url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html',
};
export const POLICY_GRAMMAR_REFERENCE: Reference = {
  title: 'IAM JSON policy element reference',
  url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements.html',
};

/** The model of the rule's document (cached per parse). */
export function modelOf(ctx: RuleContext): PolicyModel {
  return policyModel(ctx.doc);
}

/** Reports against a policy element, with the owning resource, and drops fixes that cannot be written in place. */
export function reportAt(ctx: RuleContext, doc: PolicyDocument, node: Node | PairNode, message: string, extra: Partial<Report> = {}): void {
  const fixes = extra.fix === undefined ? [] : Array.isArray(extra.fix) ? extra.fix : [extra.fix];
  const writable = fixes.filter((f) => fixWritable(f));
  ctx.report({ ...extra, node, message, resource: doc.resource, fix: writable.length ? writable : undefined });
}

/** False when a fix would edit inside a policy written as a JSON string. */
function fixWritable(f: Fix): boolean {
  return f.ops.every((op) => {
    if (op.op === 'replace') return !isEmbedded(op.node);
    if (op.op === 'set') return !isEmbedded(op.map);
    if (op.op === 'append') return !isEmbedded(op.seq);
    if (op.op === 'remove') return !isEmbedded(op.map);
    return true;
  });
}

/** Allow statements of a document. */
export function allows(doc: PolicyDocument): Statement[] {
  return doc.statements.filter((s) => s.effect === 'Allow');
}

/** `arn:aws:iam::aws:policy/Name` (any partition, also through `Fn::Sub`) → `Name`. */
export function awsManagedPolicyName(text: string | undefined): string | undefined {
  if (!text) return undefined;
  const m = /^arn:(?:aws[\w-]*|\$\{AWS::Partition\}):iam::aws:policy\/(?:.*\/)?([^/]+)$/.exec(text);
  return m?.[1];
}

/** Placeholders the narrowing fixes write: the user replaces them with their organisation or account. */
const ORG_PLACEHOLDER = 'o-xxxxxxxxxx';
const ACCOUNT_PLACEHOLDER = '111122223333';

/** Fixes that add a condition to fill in: the caller's organisation, or its account. */
export function narrowingFixes(st: Statement): Fix[] {
  const map = st.map;
  if (!map) return [];
  if (st.synthetic === 'lambda-permission') {
    // For a service caller the right fix is its service principal, which only the author knows.
    return [
      {
        title: 'Restrict to your organisation (PrincipalOrgID: fill in)',
        ops: [{ op: 'set', map, path: ['PrincipalOrgID'], value: ORG_PLACEHOLDER }],
      },
    ];
  }
  return [
    {
      title: 'Add a condition on aws:PrincipalOrgID (fill in your organisation id)',
      ops: [{ op: 'set', map, path: ['Condition', 'StringEquals', 'aws:PrincipalOrgID'], value: ORG_PLACEHOLDER }],
    },
    {
      title: 'Add a condition on aws:SourceAccount (fill in the account id)',
      ops: [{ op: 'set', map, path: ['Condition', 'StringEquals', 'aws:SourceAccount'], value: ACCOUNT_PLACEHOLDER }],
    },
  ];
}
