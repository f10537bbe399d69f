/**
 * Questions rules ask of the policy model: what a statement grants, whether a condition narrows
 * it, who a principal is. Pure functions over `model.ts`; wildcards go through the catalogue.
 */
import { Node } from '../nodes';
import { actionMatches, ActionInfo, expandAction, levelRank } from './catalogue';
import { ConditionEntry, PolicyItem, PrincipalItem, Statement } from './model';
import { wildcardMatch } from './glob';

/** Condition keys that tie a public principal to one account, organisation or network path. */
export const NARROWING_KEYS = [
  'aws:SourceAccount',
  'aws:SourceArn',
  'aws:SourceOwner',
  'aws:SourceOrgID',
  'aws:SourceOrgPaths',
  'aws:PrincipalOrgID',
  'aws:PrincipalOrgPaths',
  'aws:PrincipalAccount',
  'aws:PrincipalArn',
  'aws:PrincipalIsAWSService',
  'aws:PrincipalServiceName',
  'aws:SourceVpce',
  'aws:SourceVpc',
  'aws:SourceVpcArn',
  'aws:SourceIp',
  'aws:VpcSourceIp',
  'aws:userid',
  'aws:username',
  'aws:ResourceAccount',
  'aws:ResourceOrgID',
  'aws:CalledVia',
  'aws:ViaAWSService',
  'kms:CallerAccount',
  'kms:ViaService',
  's3:DataAccessPointAccount',
  's3:DataAccessPointArn',
  'sns:Endpoint',
  'lambda:FunctionUrlAuthType',
  'aws:EventSourceToken',
  // EFS file system policies: only clients that reach the file system through its mount targets (the VPC's network path).
  'elasticfilesystem:AccessedViaMountTarget',
] as const;
const NARROWING = new Set(NARROWING_KEYS.map((k) => k.toLowerCase()));

/** The condition entries of a statement with this key (case-insensitive). */
export function conditionEntries(st: Statement, key: string): ConditionEntry[] {
  const l = key.toLowerCase();
  return (st.condition?.entries ?? []).filter((e) => e.key.toLowerCase() === l);
}

/** True when a condition or a narrowing property (Lambda `SourceArn`) ties the statement down. */
export function isNarrowed(st: Statement): boolean {
  if (st.condition?.unknown) return true;
  if (st.narrowing.length) return true;
  // A negated operator on a wildcard value narrows nothing, but any concrete value does.
  return (st.condition?.entries ?? []).some((e) => NARROWING.has(e.key.toLowerCase()) && !e.values.every((v) => v.value === '*'));
}

/** True for `"*"` or `{ AWS: "*" }` (and `arn:aws:iam::*:root`-style patterns that match anyone). */
export function isPublicPrincipal(p: PrincipalItem): boolean {
  if (p.type === '*') return true;
  return p.type === 'AWS' && p.value !== undefined && (p.value === '*' || /^arn:aws[\w-]*:iam::\*:/.test(p.value));
}

/** An account principal: the bare id, `arn:…:iam::<id>:root`, or the same through `${AWS::AccountId}`. */
export interface AccountPrincipal {
  /** The 12-digit id, or `self` for `${AWS::AccountId}`, or `unknown` for another reference. */
  account: string;
  item: PrincipalItem;
}

/** The whole-account principals of an element (root or bare id), own account included. */
export function accountPrincipals(items: readonly PrincipalItem[]): AccountPrincipal[] {
  const out: AccountPrincipal[] = [];
  for (const p of items) {
    if (p.type !== 'AWS') continue;
    const text = p.value ?? p.text;
    if (!text) continue;
    if (/^\d{12}$/.test(text)) out.push({ account: text, item: p });
    const m = /^arn:(?:aws[\w-]*|\$\{AWS::Partition\}):iam::(\d{12}|\$\{[^}]+\}|[^:]+):root$/.exec(text);
    if (!m) continue;
    const acct = m[1];
    out.push({ account: /^\d{12}$/.test(acct) ? acct : acct === '${AWS::AccountId}' ? 'self' : 'unknown', item: p });
  }
  return out;
}

/** IAM users and roles named directly (`arn:aws:iam::<id>:user/…`). */
export function userPrincipals(items: readonly PrincipalItem[]): PrincipalItem[] {
  return items.filter((p) => p.type === 'AWS' && /:iam::[^:]*:user\//.test(p.value ?? p.text ?? ''));
}

/** A SAML provider as a `Federated` principal. */
export function samlPrincipals(items: readonly PrincipalItem[]): PrincipalItem[] {
  return items.filter((p) => p.type === 'Federated' && /:saml-provider\//.test(p.value ?? p.text ?? ''));
}

/** The literal action patterns of a statement's `Action` (unknowns skipped). */
export function actionPatterns(st: Statement): { item: PolicyItem; pattern: string }[] {
  const out: { item: PolicyItem; pattern: string }[] = [];
  for (const i of st.action?.items ?? []) if (i.value !== undefined) out.push({ item: i, pattern: i.value });
  return out;
}

/**
 * The item of an Allow statement that grants this concrete action (`iam:PassRole`), or the
 * `NotAction` key when the statement grants everything except a list that misses it.
 */
export function grantingNode(st: Statement, action: string): Node | undefined {
  if (st.effect !== 'Allow') return undefined;
  for (const { item, pattern } of actionPatterns(st)) if (actionMatches(pattern, action)) return item.node;
  if (st.notAction && !st.notAction.unknown) {
    const excluded = st.notAction.items.some((i) => i.unknown || (i.value !== undefined && actionMatches(i.value, action)));
    if (!excluded) return st.notAction.key;
  }
  return undefined;
}

/** The actions a pattern grants, most sensitive access level first. */
export function sensitiveFirst(actions: readonly ActionInfo[]): ActionInfo[] {
  return [...actions].sort((a, b) => levelRank(a.level) - levelRank(b.level) || a.name.localeCompare(b.name));
}

/** The expansion of a pattern, through the cached catalogue. */
export function expand(pattern: string): readonly ActionInfo[] {
  return expandAction(pattern);
}

/** IAM policy variables such as `${aws:username}`; `${AWS::AccountId}`-style CloudFormation references are not. */
export function hasPolicyVariable(s: string): boolean {
  return /\$\{(?!AWS::)[A-Za-z0-9.-]+:(?!:)[^}]+\}/.test(s);
}

/** An `sts:ExternalId` condition with a real value (an empty string guards nothing). */
export function hasExternalId(st: Statement): boolean {
  return conditionEntries(st, 'sts:ExternalId').some((e) =>
    e.values.some((v) => v.unknown || (v.value !== undefined && v.value.trim() !== '')),
  );
}

/** The public principal of an Allow statement (`"*"`, `{AWS: "*"}`), whatever its conditions. */
export function openPrincipal(st: Statement): PrincipalItem | undefined {
  return st.effect === 'Allow' ? st.principal?.items.find(isPublicPrincipal) : undefined;
}

/**
 * The principal that makes the statement public: an Allow to everyone with no condition tying
 * the caller to an account, organisation, source or network, and no Deny of the same document
 * fencing it in (`fencedByDeny`). The public-access rules and
 * `parapet policy check-no-public-access` all decide with this, so they never disagree.
 */
export function publicGrant(st: Statement): PrincipalItem | undefined {
  const open = openPrincipal(st);
  return open && !isNarrowed(st) && !fencedByDeny(st, st.doc.statements) ? open : undefined;
}

/** Operators that hold for callers *outside* the listed values: in a Deny they fence the resource in. */
const NEGATED_OPERATOR = /^(StringNotEquals|StringNotEqualsIgnoreCase|StringNotLike|NotIpAddress|ArnNotEquals|ArnNotLike)(IfExists)?$/i;

/**
 * True when another statement of the document denies, to every principal, the allowed actions on the
 * allowed resources for callers outside an account, organisation or network path: the documented
 * private-API shape (Allow `*`, Deny unless `aws:SourceVpce`) and IP allow-lists (Deny on `NotIpAddress`).
 */
export function fencedByDeny(st: Statement, others: readonly Statement[]): boolean {
  return others.some(
    (d) =>
      d !== st &&
      d.effect === 'Deny' &&
      !d.notPrincipal &&
      !d.notAction &&
      (d.principal?.items ?? []).some(isPublicPrincipal) &&
      fences(d) &&
      covers(
        d.action?.items ?? [],
        (st.action?.items ?? []).map((i) => i.value),
        actionMatches,
      ) &&
      (d.notResource !== undefined ||
        covers(
          d.resource?.items ?? [],
          (st.resource?.items ?? []).map((i) => i.value ?? i.text),
          wildcardMatch,
        )),
  );
}

/** A negated narrowing condition with a value (`StringNotEquals: { aws:SourceVpce: vpce-1 }`). */
function fences(d: Statement): boolean {
  if (d.condition?.unknown) return true;
  return (d.condition?.entries ?? []).some(
    (e) =>
      NEGATED_OPERATOR.test(e.operator) &&
      NARROWING.has(e.key.toLowerCase()) &&
      e.values.length > 0 &&
      e.values.every((v) => v.unknown || (v.value !== undefined && v.value !== '*')),
  );
}

/** Every allowed item is matched by a denied one; an item the analysis cannot read on the Deny side may match anything. */
function covers(
  denied: readonly PolicyItem[],
  allowed: readonly (string | undefined)[],
  match: (p: string, s: string) => boolean,
): boolean {
  if (denied.some((i) => i.unknown)) return true;
  return allowed.every((a) => denied.some((d) => d.value !== undefined && (d.value === '*' || (a !== undefined && match(d.value, a)))));
}

/**
 * True for an identity statement that requires `aws:SourceArn` / `aws:SourceAccount`: those keys are set
 * only when an AWS service calls on a resource's behalf, so the principal's own calls never match it.
 */
export function onlyOnServiceRequests(st: Statement): boolean {
  return (st.condition?.entries ?? []).some(
    (e) =>
      /^(aws:SourceArn|aws:SourceAccount)$/i.test(e.key) &&
      /^(StringEquals|StringLike|ArnEquals|ArnLike)$/i.test(e.operator) &&
      e.values.length > 0 &&
      e.values.every((v) => v.unknown || (v.value !== undefined && v.value !== '*')),
  );
}
