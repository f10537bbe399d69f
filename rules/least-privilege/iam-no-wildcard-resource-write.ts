import { ActionInfo } from '../../core/policy/catalogue';
import { actionPatterns, conditionEntries, expand, onlyOnServiceRequests, sensitiveFirst } from '../../core/policy/analysis';
import { Statement } from '../../core/policy/model';
import { Rule } from '../../core/rule';
import { allows, IAM_REFERENCE, modelOf, POLICY_RESOURCE_TYPES, POLICY_SYNTAXES, reportAt } from '../lib/policy-rules';
import { scopedByResourceCondition } from '../lib/resource-scope';

const SCOPED_LEVELS = new Set(['Write', 'Permissions management', 'Tagging']);
/**
 * Actions whose resource is the caller's own host, granted on `*` by AWS's managed policy for the
 * agent that calls them: SSM Agent reports its instance with ssm:UpdateInstanceInformation
 * (AmazonSSMManagedInstanceCore). The role exists before the instance, so no ARN can name it.
 */
const CALLER_HOST_ACTIONS = new Set(['ssm:updateinstanceinformation']);
/**
 * The service-role boilerplate AWS's own managed policies grant on `*`: AWSLambdaBasicExecutionRole
 * (log groups and streams), AWSLambdaVPCAccessExecutionRole and the VPC policies of services that attach
 * network interfaces, CloudWatchAgentServerPolicy, AWSXRayDaemonWriteAccess, the AppConfig agent and
 * AmazonS3ObjectLambdaExecutionRolePolicy. Scoping them is tidy, not a finding on any codebase.
 */
const BOILERPLATE = new Set(
  [
    'logs:CreateLogGroup',
    'logs:CreateLogStream',
    'logs:PutLogEvents',
    'logs:DescribeLogStreams',
    'ec2:CreateNetworkInterface',
    'ec2:DeleteNetworkInterface',
    'ec2:CreateNetworkInterfacePermission',
    'ec2:AssignPrivateIpAddresses',
    'ec2:UnassignPrivateIpAddresses',
    'cloudwatch:PutMetricData',
    'xray:PutTraceSegments',
    'xray:PutTelemetryRecords',
    'appconfig:StartConfigurationSession',
    's3-object-lambda:WriteGetObjectResponse',
  ].map((a) => a.toLowerCase()),
);
const boilerplate = (a: ActionInfo): boolean => BOILERPLATE.has(`${a.service}:${a.name}`.toLowerCase());

/** KMS actions on `*` that `kms:ViaService` limits to calls made by named services: AWS's documented service-role shape. */
function kmsThroughService(st: Statement, actions: readonly ActionInfo[]): boolean {
  return (
    actions.every((a) => a.service === 'kms') &&
    conditionEntries(st, 'kms:ViaService').some((e) => /^String(Equals|Like)$/i.test(e.operator))
  );
}

const scopable = (a: ActionInfo): boolean =>
  SCOPED_LEVELS.has(a.level) && a.scopable && !CALLER_HOST_ACTIONS.has(`${a.service}:${a.name.toLowerCase()}`);

/** Compliant: identity policies scope Write and permissions-management actions that support resource-level permissions to resource ARNs, not `*`. */
export const iamNoWildcardResourceWrite: Rule = {
  meta: {
    id: 'iam-no-wildcard-resource-write',
    title: 'Write and permissions-management actions are scoped to resources',
    compliant:
      'Allow statements with Write or Permissions-management actions that support resource-level permissions list resource ARNs instead of `*`, or narrow `*` with a condition on the resource (aws:ResourceTag/…, events:ManagedBy).',
    description:
      '`Resource: "*"` on actions that change data or permissions lets the principal change every such resource in the account, not only its own. ' +
      'Actions that support resource-level permissions can be scoped to ARNs; only actions that do not (such as `ec2:Describe*`, or `cloudwatch:PutMetricData`, whose one resource type is optional) need `*`.',
    category: 'least-privilege',
    severity: 'warning',
    profile: 'recommended',
    profileWhy:
      "A statement whose only scopable actions are the service-role boilerplate AWS's own managed policies grant on `*` " +
      '(writing to CloudWatch Logs, attaching network interfaces in a VPC, X-Ray, PutMetricData, the AppConfig agent, S3 Object Lambda responses), ' +
      'and KMS use on `*` that kms:ViaService limits to named services, ' +
      'is reported under `strict` only: scoping it is tidy, but AWS grants the same in AWSLambdaBasicExecutionRole and its peers.',
    resourceTypes: POLICY_RESOURCE_TYPES.filter((t) => /IAM|Serverless|IoT/.test(t)),
    syntaxes: POLICY_SYNTAXES,
    references: [
      IAM_REFERENCE,
      {
        title: 'Actions, resources, and condition keys for AWS services',
        url: 'https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html',
      },
    ],
    equivalents: {
      guard: [
        'IAM_POLICYDOCUMENT_NO_WILDCARD_RESOURCE',
        'IAM_POLICY_NO_WILDCARD_RESOURCE_ON_PASSROLE',
        'IAM_ROLE_NO_WILDCARD_RESOURCE_ON_PASSROLE',
        'IOT_POLICY_WILDCARD_RESOURCE_RULE',
      ],
      cfnNag: ['W11', 'W12', 'W13', 'F38', 'F39', 'F40', 'W39'],
      checkov: ['CKV_AWS_111', 'CKV_AWS_108', 'CKV_AWS_355'],
      cdkNag: ['IAM5'],
    },
  },
  document(ctx) {
    for (const doc of modelOf(ctx).documents) {
      if (doc.kind !== 'identity') continue;
      for (const st of allows(doc)) {
        const star = st.resource?.items.find((i) => i.value === '*');
        if (!star || onlyOnServiceRequests(st) || scopedByResourceCondition(st)) continue;
        const patterns = actionPatterns(st);
        // `*` on `*`: no need to load every service's catalogue to know it includes writes.
        if (patterns.some((p) => p.pattern === '*')) {
          reportAt(
            ctx,
            doc,
            star.node,
            `Resource "*" with every action: the statement can change any resource in the account (${doc.where}).`,
          );
          continue;
        }
        const scoped: ActionInfo[] = [];
        for (const { pattern } of patterns) {
          for (const a of expand(pattern)) if (scopable(a)) scoped.push(a);
        }
        if (!scoped.length) continue;
        const top = sensitiveFirst([...new Set(scoped)]);
        const names = top
          .slice(0, 3)
          .map((a) => `${a.service}:${a.name}`)
          .join(', ');
        const passRole = top.find((a) => a.service === 'iam' && a.name === 'PassRole');
        const message = passRole
          ? `iam:PassRole on "*" lets the principal hand any role in the account to a service (${doc.where}). List the role ARNs it may pass.`
          : `Resource "*" on ${top.length} ${top.length === 1 ? 'action' : 'actions'} that can be scoped to resources (${names}${top.length > 3 ? ', …' : ''}). List the ARNs the statement needs.`;
        reportAt(ctx, doc, star.node, message, {
          severity: passRole ? 'error' : undefined,
          data: { actions: top.length },
          // Only AWS's own service-role boilerplate: a strict-profile matter (meta.profileWhy).
          profile: top.every(boilerplate) || kmsThroughService(st, top) ? 'strict' : undefined,
        });
      }
    }
  },
};
