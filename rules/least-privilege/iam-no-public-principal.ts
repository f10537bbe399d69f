import { CDK_RESOURCE_POLICY } from '../../core/cdk/template';
import { fencedByDeny, openPrincipal, publicGrant } from '../../core/policy/analysis';
import { PolicyDocument, Statement } from '../../core/policy/model';
import { Rule } from '../../core/rule';
import { allows, IAM_REFERENCE, modelOf, narrowingFixes, POLICY_SYNTAXES, reportAt } from '../lib/policy-rules';

/**
 * Resource policies another rule judges with what it knows of the resource: a bucket's public
 * statement is s3-bucket-policy-not-public's finding, a domain's open access policy is
 * opensearch-domain-not-public's (a VPC-only domain's open policy is the documented norm).
 * Reporting them here too gave two errors for one statement.
 */
const OWN_RULE = new Set(['AWS::S3::BucketPolicy', 'AWS::OpenSearchService::Domain', 'AWS::Elasticsearch::Domain']);

/** A CDK statement no construct in the file takes (built in a helper, a `PolicyDocument` in a variable): its document is not known. */
function isFreeCdkStatement(doc: PolicyDocument): boolean {
  return doc.resource?.type === CDK_RESOURCE_POLICY && /^statement at line \d+$/.test(doc.resource.id);
}

/**
 * The statements that share the Allow's document. A free CDK statement may end up beside any other
 * free statement of the file, so those count too: a Deny written next to it usually goes with it.
 */
function companions(doc: PolicyDocument, docs: readonly PolicyDocument[]): Statement[] {
  if (!isFreeCdkStatement(doc)) return doc.statements;
  return docs.filter((d) => d === doc || isFreeCdkStatement(d)).flatMap((d) => d.statements);
}

/** Only OpenSearch actions: a domain access policy, opensearch-domain-not-public's to judge with the domain's settings. */
function domainActionsOnly(st: Statement): boolean {
  const items = st.action?.items ?? [];
  return items.length > 0 && items.every((i) => i.value !== undefined && /^(es|aoss):/i.test(i.value));
}

/** Compliant: an Allow to `"*"` or `{AWS: "*"}` in a resource policy carries a condition that narrows it to an account, organisation, source or network path. */
export const iamNoPublicPrincipal: Rule = {
  meta: {
    id: 'iam-no-public-principal',
    title: 'Resource policies do not allow any principal without a narrowing condition',
    compliant:
      'Allow statements with `Principal: "*"` carry a condition such as aws:PrincipalOrgID, aws:SourceAccount, aws:SourceArn or aws:SourceVpce, or the same document denies every caller outside a VPC endpoint, network or account.',
    description:
      'A resource policy that allows `*` without a condition lets every AWS account, and for many services anonymous callers, use the resource. ' +
      "A condition on the caller's organisation, account, source ARN or VPC endpoint keeps the grant to the intended callers. Deny statements with `*` (such as the TLS-only deny) are fine.",
    category: 'least-privilege',
    severity: 'error',
    profile: 'recommended',
    resourceTypes: [
      'AWS::S3::BucketPolicy',
      'AWS::SQS::QueuePolicy',
      'AWS::SNS::TopicPolicy',
      'AWS::KMS::Key',
      'AWS::Lambda::Permission',
      'AWS::SecretsManager::ResourcePolicy',
      'AWS::ECR::Repository',
    ],
    syntaxes: POLICY_SYNTAXES,
    references: [
      IAM_REFERENCE,
      {
        title: 'AWS global condition context keys',
        url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html',
      },
    ],
    controls: ['S3.2', 'SNS.4', 'SQS.3', 'Lambda.1', 'KMS.5'],
    equivalents: {
      guard: [
        'LAMBDA_FUNCTION_PUBLIC_ACCESS_PROHIBITED',
        'LAMBDA_NO_WILDCARD_PRINCIPALS',
        'KMS_NO_WILDCARD_PRINCIPAL',
        'SNS_TOPICPOLICY_NO_WILDCARD_PRINCIPAL',
        'SQS_QUEUEPOLICY_NO_WILDCARD_PRINCIPAL',
        'S3_BUCKET_POLICY_NO_WILDCARD_PRINCIPAL',
      ],
      cfnNag: ['F13', 'F16', 'F18', 'F21', 'F76'],
      checkov: ['CKV_AWS_33', 'CKV_AWS_72', 'CKV_AWS_169', 'CKV_AWS_301'],
    },
    fix: 'Adds a condition to fill in: `StringEquals: { aws:PrincipalOrgID: o-xxxxxxxxxx }` or `StringEquals: { aws:SourceAccount: 111122223333 }` (Lambda permissions: the `PrincipalOrgID` property).',
    fixSafety: 'suggestion',
  },
  document(ctx) {
    const docs = modelOf(ctx).documents;
    for (const doc of docs) {
      if (doc.kind !== 'resource' || (doc.resource && OWN_RULE.has(doc.resource.type))) continue;
      for (const st of allows(doc)) {
        const open = openPrincipal(st);
        if (!open) continue;
        if (fencedByDeny(st, companions(doc, docs))) continue;
        if (isFreeCdkStatement(doc) && domainActionsOnly(st)) continue;
        const lambda = st.synthetic === 'lambda-permission';
        if (!publicGrant(st)) {
          // A service invoking a function is named by its service principal; "*" leans on the source conditions alone.
          if (lambda && !st.narrowing.some((n) => n.key === 'aws:PrincipalOrgID'))
            reportAt(
              ctx,
              doc,
              open.node,
              'The permission names "*" and relies on SourceArn/SourceAccount alone: name the service principal (for example sns.amazonaws.com) instead.',
              { severity: 'warning' },
            );
          continue;
        }
        reportAt(
          ctx,
          doc,
          open.node,
          lambda
            ? `Any principal may invoke this function: the permission names "*" without SourceAccount, SourceArn or PrincipalOrgID.`
            : `Any principal may use this resource: the statement allows "*" without a condition on the caller's organisation, account or source (${doc.where}). Add a condition on aws:PrincipalOrgID, aws:SourceAccount or aws:SourceArn.`,
          { fix: narrowingFixes(st) },
        );
      }
    }
  },
};
