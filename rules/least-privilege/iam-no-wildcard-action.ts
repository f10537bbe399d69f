import { CDK_RESOURCE_POLICY } from '../../core/cdk/template';
import { JsonValue } from '../../core/nodes';
import { AccessLevel, actionsOf, isKnownService, serviceName } from '../../core/policy/catalogue';
import { accountPrincipals, conditionEntries } from '../../core/policy/analysis';
import { PolicyDocument, PolicyItem, Statement } from '../../core/policy/model';
import { Fix, Rule, RuleContext } from '../../core/rule';
import { allows, IAM_REFERENCE, modelOf, POLICY_RESOURCE_TYPES, POLICY_SYNTAXES, reportAt } from '../lib/policy-rules';

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
          // AWS's documented delegation to access points: the access points' own policies decide.
          if (doc.kind === 'resource' && delegatesToAccessPoints(st)) continue;
          // `*` covers every service wildcard beside it: one finding for the statement.
          reportAt(ctx, doc, all.node, `This statement allows ${everyActionOf(doc)} (${doc.where}). Name the actions it needs.`);
          continue;
        }
        const wild = serviceWildcards(doc, st, ctx.doc.text);
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
function serviceWildcards(doc: PolicyDocument, st: Statement, text: string): ServiceWildcard[] {
  const out: ServiceWildcard[] = [];
  for (const item of st.action?.items ?? []) {
    const m = item.value === undefined ? null : /^([a-z0-9-]+):\*$/i.exec(item.value);
    if (!m || !isKnownService(m[1])) continue;
    const svc = m[1].toLowerCase();
    if (defaultKeyPolicy(doc, st, svc, text)) continue;
    const types = resourceTypesOf(st, svc, text);
    // On named resources only the actions that apply to their types are granted (bedrock:* on one model ARN).
    const sensitive = types
      ? actionsOf(svc)
          .filter((a) => a.level === 'Permissions management' && a.resourceTypes.some((t) => types.has(t)))
          .map((a) => `${svc}:${a.name}`)
          .sort()
      : namesAt(svc, ['Permissions management']);
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

/**
 * The resource types of the statement's resources when every one is an ARN of the service whose type the
 * catalogue knows (`…:foundation-model/anthropic.claude-v2` → `foundation-model`); undefined otherwise.
 * Template strings are read as written (`${this.region}`, `${AWS::Region}` stand for one segment).
 */
function resourceTypesOf(st: Statement, svc: string, text: string): Set<string> | undefined {
  const items = st.resource?.items ?? [];
  if (!items.length || st.notResource) return undefined;
  const known = new Set(actionsOf(svc).flatMap((a) => a.resourceTypes));
  const out = new Set<string>();
  for (const i of items) {
    const written = i.value ?? i.text ?? text.slice(i.node.start, i.node.end).replace(/^[`'"f]+|[`'"]+$/g, '');
    const parts = written.replace(/\$\{[^}]*\}|\{[^}]*\}/g, 'X').split(':');
    if (parts.length < 6 || parts[0] !== 'arn' || parts[2].toLowerCase() !== svc) return undefined;
    const type = parts.slice(5).join(':').split(/[/:]/)[0];
    if (!known.has(type)) return undefined;
    out.add(type);
  }
  return out;
}

/** A bucket policy statement that hands access control to the account's access points (`s3:DataAccessPointAccount`). */
function delegatesToAccessPoints(st: Statement): boolean {
  return ['s3:DataAccessPointAccount', 's3:DataAccessPointArn'].some((k) =>
    conditionEntries(st, k).some((e) => /^String(Equals|Like)$/i.test(e.operator) && e.values.every((v) => v.unknown || v.value !== '*')),
  );
}

/** Key policies: CloudFormation keys, and in CDK a resource policy holding `kms:` actions (only a key's policy does). */
const KEY_POLICY_TYPES = new Set(['AWS::KMS::Key', 'AWS::KMS::ReplicaKey', CDK_RESOURCE_POLICY]);

/**
 * `kms:*` for whole accounts in a key policy is AWS's default key policy ("Enable IAM User Permissions"):
 * it hands the key to the account's IAM policies. In CDK the account is often a template string
 * (`arn:aws:iam::${this.account}:root`) or `new AccountRootPrincipal()`, read from the source text.
 */
function defaultKeyPolicy(doc: PolicyDocument, st: Statement, svc: string, text: string): boolean {
  if (svc !== 'kms' || !KEY_POLICY_TYPES.has(doc.resource?.type ?? '')) return false;
  const el = st.principal;
  if (!el) return false;
  const items = el.items;
  if (items.length > 0 && accountPrincipals(items).length === items.length) return true;
  const written = text.slice(el.node.start, el.node.end);
  return (el.unknown || items.every((i) => i.unknown)) && ACCOUNT_WRITTEN.test(written) && !/AnyPrincipal|['"`]\*['"`]/.test(written);
}

/** Source text that names an account as a principal: `…:root`, `AccountRootPrincipal`, `AccountPrincipal`. */
const ACCOUNT_WRITTEN = /:root\b|AccountRootPrincipal|AccountPrincipal/;

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
