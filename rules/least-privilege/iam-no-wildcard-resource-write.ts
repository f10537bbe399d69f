import { ActionInfo } from '../../core/policy/catalogue';
import { actionPatterns, expand, sensitiveFirst } from '../../core/policy/analysis';
import { Rule } from '../../core/rule';
import { allows, IAM_REFERENCE, modelOf, POLICY_RESOURCE_TYPES, POLICY_SYNTAXES, reportAt } from './common';

const SCOPED_LEVELS = new Set(['Write', 'Permissions management', 'Tagging']);
/**
 * Actions whose resource is the caller's own host, granted on `*` by AWS's managed policy for the
 * agent that calls them: SSM Agent reports its instance with ssm:UpdateInstanceInformation
 * (AmazonSSMManagedInstanceCore). The role exists before the instance, so no ARN can name it.
 */
const CALLER_HOST_ACTIONS = new Set(['ssm:updateinstanceinformation']);
const scopable = (a: ActionInfo): boolean =>
  SCOPED_LEVELS.has(a.level) && a.scopable && !CALLER_HOST_ACTIONS.has(`${a.service}:${a.name.toLowerCase()}`);

/** Compliant: identity policies scope Write and permissions-management actions that support resource-level permissions to resource ARNs, not `*`. */
export const iamNoWildcardResourceWrite: Rule = {
  meta: {
    id: 'iam-no-wildcard-resource-write',
    title: 'Write and permissions-management actions are scoped to resources',
    compliant:
      'Allow statements with Write or Permissions-management actions that support resource-level permissions list resource ARNs instead of `*`.',
    description:
      '`Resource: "*"` on actions that change data or permissions lets the principal change every such resource in the account, not only its own. ' +
      'Actions that support resource-level permissions can be scoped to ARNs; only actions that do not (such as `ec2:Describe*`, or `cloudwatch:PutMetricData`, whose one resource type is optional) need `*`.',
    category: 'least-privilege',
    severity: 'warning',
    profile: 'recommended',
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
        if (!star) continue;
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
        reportAt(ctx, doc, star.node, message, { severity: passRole ? 'error' : undefined, data: { actions: top.length } });
      }
    }
  },
};
