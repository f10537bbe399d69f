import { JsonValue } from '../../core/nodes';
import { AccessLevel, actionsOf, isKnownService, serviceName } from '../../core/policy/catalogue';
import { accountPrincipals } from '../../core/policy/analysis';
import { PolicyDocument, PolicyItem, Statement } from '../../core/policy/model';
import { Fix, Rule, RuleContext } from '../../core/rule';
import { allows, IAM_REFERENCE, modelOf, POLICY_RESOURCE_TYPES, POLICY_SYNTAXES, reportAt } from './common';

/** The replacement sets a fix can offer for `service:*`, narrowest first. */
const LEVEL_SETS: { label: string; levels: AccessLevel[] }[] = [
  { label: 'List', levels: ['List'] },
  { label: 'List and Read', levels: ['List', 'Read'] },
  { label: 'List, Read and Write (no permissions management or tagging)', levels: ['List', 'Read', 'Write'] },
];

/** Compliant: no Allow statement grants `*`, and no `service:*` grants a service's permissions-management actions. */
export const iamNoWildcardAction: Rule = {
  meta: {
    id: 'iam-no-wildcard-action',
    title: 'Policies do not allow every action',
    compliant: 'Allow statements name the actions they need instead of `*` or a `service:*` that includes permissions management.',
    description:
      'An Allow on `*` grants every action in every service, including IAM itself, so one leaked credential or confused deputy controls the account. ' +
      '`service:*` quietly includes the actions that change who may do what (policies, grants, ACLs).',
    category: 'least-privilege',
    severity: 'error',
    profile: 'recommended',
    resourceTypes: POLICY_RESOURCE_TYPES,
    syntaxes: POLICY_SYNTAXES,
    references: [
      IAM_REFERENCE,
      { title: 'Grant least privilege', url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege' },
    ],
    controls: ['IAM.1', 'IAM.21'],
    equivalents: {
      guard: [
        'IAM_POLICY_NO_STATEMENTS_WITH_ADMIN_ACCESS',
        'IAM_POLICY_NO_STATEMENTS_WITH_FULL_ACCESS',
        'IAM_MANAGEDPOLICY_NO_STATEMENTS_WITH_FULL_ACCESS',
        'IAM_ROLE_NO_WILDCARD_ACTIONS_ON_PERMISSIONS',
        'IOT_POLICY_WILDCARD_ACTION_RULE',
        'S3_BUCKET_POLICY_NO_WILDCARD_ACTION',
        'SQS_QUEUEPOLICY_NO_WILDCARD_ACTION',
      ],
      cfnNag: ['F2', 'F3', 'F4', 'F5', 'F15', 'F20', 'W38'],
      checkov: ['CKV_AWS_1', 'CKV_AWS_62', 'CKV_AWS_63', 'CKV_AWS_109'],
      cdkNag: ['IAM5'],
    },
    fix: "Replaces `service:*` with the service's actions of a chosen access level (List; List and Read; List, Read and Write), written out in full.",
    fixSafety: 'suggestion',
  },
  document(ctx) {
    for (const doc of modelOf(ctx).documents) {
      if (doc.kind === 'scp' || doc.kind === 'rcp') continue;
      for (const st of allows(doc)) {
        const all = st.action?.items.find((it) => it.value === '*');
        if (all) {
          // `*` covers every service wildcard beside it: one finding for the statement.
          reportAt(ctx, doc, all.node, `This statement allows ${everyActionOf(doc)} (${doc.where}). Name the actions it needs.`);
          continue;
        }
        const wild = serviceWildcards(doc, st);
        if (wild.length) reportServiceWildcards(ctx, doc, st, wild);
      }
    }
  },
};

/** Action prefixes of the services whose CloudFormation type name differs from it. */
const POLICY_PREFIX: Record<string, string> = {
  apigateway: 'execute-api',
  efs: 'elasticfilesystem',
  opensearchservice: 'es',
  elasticsearch: 'es',
};

/**
 * What `Action: "*"` grants: in a resource policy, every action of the resource's own service on that resource
 * (a bucket policy cannot grant EC2 actions); in an identity policy, every action in every service.
 */
function everyActionOf(doc: PolicyDocument): string {
  const typeService = doc.kind === 'resource' ? doc.resource?.type.split('::')[1]?.toLowerCase() : undefined;
  const prefix = typeService && (POLICY_PREFIX[typeService] ?? typeService);
  const name = prefix && isKnownService(prefix) ? (serviceName(prefix) ?? prefix) : undefined;
  return name ? `every ${name} action on ${doc.resource!.id}` : 'every action in every service';
}

interface ServiceWildcard {
  item: PolicyItem;
  svc: string;
  /** Its permissions-management actions, sorted. */
  sensitive: string[];
}

/** The statement's `service:*` items whose service has permissions-management actions. */
function serviceWildcards(doc: PolicyDocument, st: Statement): ServiceWildcard[] {
  const out: ServiceWildcard[] = [];
  for (const item of st.action?.items ?? []) {
    const m = item.value === undefined ? null : /^([a-z0-9-]+):\*$/i.exec(item.value);
    if (!m || !isKnownService(m[1])) continue;
    const svc = m[1].toLowerCase();
    if (defaultKeyPolicy(doc, st, svc)) continue;
    const sensitive = namesAt(svc, ['Permissions management']);
    if (sensitive.length) out.push({ item, svc, sensitive });
  }
  return out;
}

/** One finding per statement, at its first service wildcard, naming every one of them. */
function reportServiceWildcards(ctx: RuleContext, doc: PolicyDocument, st: Statement, wild: ServiceWildcard[]): void {
  const first = wild[0];
  if (wild.length === 1) {
    const { item, svc, sensitive } = first;
    const shown = sensitive.slice(0, 3).join(', ');
    reportAt(
      ctx,
      doc,
      item.node,
      `${item.value} allows all ${actionsOf(svc).length} actions of ${serviceName(svc) ?? svc}, including ${sensitive.length} that manage${sensitive.length === 1 ? 's' : ''} permissions (${shown}${sensitive.length > 3 ? ', …' : ''}) (${doc.where}). Name the actions it needs.`,
      { fix: levelFixes(st, wild), severity: 'warning', data: { service: svc } },
    );
    return;
  }
  const names = wild.map((w) => w.item.value).join(', ');
  const total = wild.reduce((n, w) => n + w.sensitive.length, 0);
  const shown = wild
    .map((w) => w.sensitive[0])
    .slice(0, 3)
    .join(', ');
  reportAt(
    ctx,
    doc,
    first.item.node,
    `This statement allows every action of ${wild.length} services (${names}), including ${total} that manage permissions (${shown}, …) (${doc.where}). Name the actions it needs.`,
    { fix: levelFixes(st, wild), severity: 'warning', data: { service: first.svc } },
  );
}

/** `kms:*` for whole accounts in a key policy is AWS's default key policy: IAM policies then decide. */
function defaultKeyPolicy(doc: PolicyDocument, st: Statement, svc: string): boolean {
  if (svc !== 'kms' || (doc.resource?.type !== 'AWS::KMS::Key' && doc.resource?.type !== 'AWS::KMS::ReplicaKey')) return false;
  const items = st.principal?.items ?? [];
  return items.length > 0 && accountPrincipals(items).length === items.length;
}

// Expanded, sorted name lists per service and level set: built once, not on every keystroke.
const levelNames = new Map<string, string[]>();

function namesAt(svc: string, levels: AccessLevel[]): string[] {
  const key = `${svc}|${levels.join(',')}`;
  let names = levelNames.get(key);
  if (!names) {
    names = actionsOf(svc)
      .filter((a) => levels.includes(a.level))
      .map((a) => `${svc}:${a.name}`)
      .sort();
    levelNames.set(key, names);
  }
  return names;
}

/** One fix per access-level set: the Action list rewritten with every listed `service:*` expanded. */
function levelFixes(st: Statement, wild: ServiceWildcard[]): Fix[] {
  const el = st.action;
  if (!el || el.unknown || el.items.some((i) => i.value === undefined)) return [];
  const targets = new Set(wild.map((w) => w.item));
  const rest = el.items.filter((i) => !targets.has(i)).map((i) => i.value as string);
  const what = wild.length === 1 ? `${wild[0].item.value}` : wild.map((w) => w.item.value).join(', ');
  const of = wild.length === 1 ? wild[0].svc : 'those services';
  const fixes: Fix[] = [];
  for (const set of LEVEL_SETS) {
    const names = wild.flatMap((w) => namesAt(w.svc, set.levels));
    if (!names.length) continue;
    const value: JsonValue = [...new Set([...rest, ...names])];
    fixes.push({
      title: `Replace ${what} with the ${set.label} actions of ${of} (${names.length})`,
      ops: [{ op: 'replace', node: el.node, value }],
    });
  }
  return fixes;
}
