import { asList, get, isMap, isScalar, isSeq, JsonValue, MapNode, Node, pairOf, stringValue, toJs } from '../../core/nodes';
import { resourceName } from '../../core/parsed-document';
import { Fix, FixSafety, RuleContext } from '../../core/rule';
import { Resource, Template } from '../../core/template';
import { asBool, referencedId } from '../../core/values';
import { freshId } from './fix-target';
import { Reporter } from './reporter';

/**
 * "Deny requests without TLS" for resource policies other than S3's: SQS queue policies and SNS
 * topic policies. A policy resource names its targets in a list (`Queues`, `Topics`); a target is
 * protected when some statement denies everyone the service's actions on `aws:SecureTransport = false`.
 */

/** What a policy says about TLS: enforces it, does not, or cannot be told (a `!Ref`, a JSON string). */
export type TlsVerdict = 'yes' | 'no' | 'unknown';

export interface SecureTransportSpec {
  /** The protected resource type, e.g. `AWS::SQS::Queue`. */
  type: string;
  /** The policy resource type, e.g. `AWS::SQS::QueuePolicy`, and its list of targets. */
  policyType: string;
  targetsKey: string;
  /** Lower-case actions whose denial counts (besides `*`). */
  actions: string[];
  /** The service prefix, for messages and the written statement. */
  service: string;
  /** True when a literal target string (URL or ARN) names this resource. */
  namesLiteral: (literal: string, r: Resource) => boolean;
  /** The statement's `Resource` for this resource. */
  resourceValue: (r: Resource) => JsonValue;
  /**
   * Safety of the fix that adds a policy resource where there is none: safe where the resource has
   * no policy by default (SQS), a suggestion where the new one replaces a default policy (SNS).
   */
  newPolicySafety: FixSafety;
  /** Action list the fix writes. */
  fixAction: JsonValue;
  noun: string;
  /**
   * Why the service already refuses plain HTTP for this resource (SQS for an encrypted queue), when it does: the Deny
   * is then defence in depth, a strict-profile finding at `info`.
   */
  alreadyRefusesHttp?: (r: Resource) => string | undefined;
  /** What the recommended finding adds about the resource (SQS: that the queue is unencrypted). */
  whyExposed?: (r: Resource) => string | undefined;
}

interface Policy {
  res: Resource;
  verdict: TlsVerdict;
  document?: MapNode;
}

/** Runs the check for one service: each resource must have a policy that denies requests without TLS. */
export function checkSecureTransport(t: Template, ctx: RuleContext, s: SecureTransportSpec): void {
  const targets = t.byType.get(s.type) ?? [];
  if (!targets.length) return;
  const rep = new Reporter(ctx);
  const policies: Policy[] = (t.byType.get(s.policyType) ?? []).map((res) => ({ res, ...judgeTlsPolicy(res, s.actions) }));
  for (const r of targets) {
    const mine: Policy[] = [];
    let unknownTarget = false;
    for (const p of policies) {
      const names = get(p.res.properties, s.targetsKey);
      if (!names || !isSeq(names)) {
        // `!Ref ListParam`, or a list still being typed: cannot tell what the policy covers.
        if (names || pairOf(p.res.properties, s.targetsKey)) unknownTarget = true;
        continue;
      }
      for (const n of names.items) {
        const id = referencedId(n);
        if (id === r.id) {
          mine.push(p);
          break;
        }
        const lit = stringValue(n);
        if (lit && s.namesLiteral(lit, r)) {
          mine.push(p);
          break;
        }
        if (!id && !lit) unknownTarget = true;
      }
    }
    if (mine.some((p) => p.verdict !== 'no')) continue;
    if (!mine.length && unknownTarget) continue;
    const names = mine.map((p) => resourceName(ctx.doc, p.res.id)).join(', ');
    const what = `${s.noun.charAt(0).toUpperCase()}${s.noun.slice(1)} ${resourceName(ctx.doc, r.id)}`;
    const policyWord = s.policyType.split('::')[2];
    const lacks = mine.length
      ? `its policy (${names}) has no Deny on aws:SecureTransport = false`
      : `no ${policyWord} in this template denies aws:SecureTransport = false`;
    const already = s.alreadyRefusesHttp?.(r);
    const exposed = s.whyExposed?.(r);
    rep.report({
      node: r.keyNode,
      resource: r,
      severity: already ? 'info' : undefined,
      profile: already ? 'strict' : undefined,
      message: already
        ? `${what} has no TLS-only policy: ${lacks}. ${already}, so the Deny is defence in depth. Add it to keep plain HTTP out if that changes.`
        : `${what} accepts requests without TLS${exposed ? ` (${exposed})` : ''}: ${lacks}. Add a Deny on aws:SecureTransport = false.`,
      related: mine.map((p) => ({ node: p.res.keyNode, message: `This policy does not deny requests made without TLS.` })),
      fix: fixFor(t, r, mine, s),
    });
  }
}

function denyStatement(r: Resource, s: SecureTransportSpec, sid: string): JsonValue {
  return {
    Sid: sid,
    Effect: 'Deny',
    Principal: '*',
    Action: s.fixAction,
    Resource: s.resourceValue(r),
    Condition: { Bool: { 'aws:SecureTransport': 'false' } },
  };
}

function fixFor(t: Template, r: Resource, mine: Policy[], s: SecureTransportSpec): Fix | undefined {
  return denyInsecureTransportFix(t, r, mine, {
    deny: (sid) => denyStatement(r, s, sid),
    policyType: s.policyType,
    targets: { [s.targetsKey]: [{ Ref: r.id }] },
    newTitle: (id) => `Add ${id} that denies requests without TLS`,
    newSafety: s.newPolicySafety,
  });
}

export interface DenyFixOptions {
  /** The Deny statement, with its Sid. */
  deny: (sid: string) => JsonValue;
  /** The policy resource type a new policy is written as, and the properties that attach it to the resource. */
  policyType: string;
  targets: { [k: string]: JsonValue };
  newTitle: (id: string) => string;
  newSafety: FixSafety;
}

/**
 * The fix for a resource that accepts plain HTTP: the Deny appended to the first of its policies written out in
 * the template, else (when it has no policy at all) a new policy resource `<Id>TlsPolicy` holding it, under the
 * resource's own Condition. Undefined when its policies cannot be edited in place. Shared by the S3, SQS and SNS rules.
 */
export function denyInsecureTransportFix(
  t: Template,
  r: Resource,
  mine: readonly { res: Resource; document?: MapNode }[],
  o: DenyFixOptions,
): Fix | undefined {
  const target = mine.find((p) => p.document);
  if (target?.document) {
    // The SDKs always use TLS: a Deny on plain HTTP added to a policy takes nothing from them.
    const fix = addStatementFix(target.document, `Add a statement to ${target.res.id} that denies requests without TLS`, o.deny);
    return fix && { ...fix, safety: 'safe' };
  }
  // A second policy resource would replace the first one's document: only add one when there is none.
  if (mine.length) return undefined;
  const id = freshId(t, `${r.id}TlsPolicy`);
  const value: { [k: string]: JsonValue } = { Type: o.policyType };
  // A conditional resource needs a policy with the same condition, or the stack fails when the resource is absent.
  const condition = stringValue(get(r.node, 'Condition'));
  if (condition) value.Condition = condition;
  value.Properties = { ...o.targets, PolicyDocument: { Version: '2012-10-17', Statement: [o.deny('DenyInsecureTransport')] } };
  return { title: o.newTitle(id), ops: [{ op: 'addResource', id, value }], safety: o.newSafety };
}

/** Adds a statement to a written PolicyDocument (appended, or a lone statement made a list), with a Sid not yet taken. */
function addStatementFix(doc: MapNode, title: string, statement: (sid: string) => JsonValue): Fix | undefined {
  const stmts = get(doc, 'Statement');
  const taken = new Set(asList(stmts).map((x) => stringValue(get(x, 'Sid'))));
  let sid = 'DenyInsecureTransport';
  for (let i = 2; taken.has(sid); i++) sid = `DenyInsecureTransport${i}`;
  const stmt = statement(sid);
  if (isSeq(stmts)) return { title, ops: [{ op: 'append', seq: stmts, value: stmt }] };
  if (isMap(stmts)) return { title, ops: [{ op: 'replace', node: stmts, value: [toJs(stmts) as JsonValue, stmt] }] };
  if (!pairOf(doc, 'Statement')) return { title, ops: [{ op: 'set', map: doc, path: ['Statement'], value: [stmt] }] };
  return undefined;
}

/**
 * What a resource policy says about TLS: `yes` when some statement denies everyone `actions` (or `*`)
 * whenever `aws:SecureTransport` is false. Shared by the S3, SQS and SNS rules.
 */
export function judgeTlsPolicy(res: Resource, actions: readonly string[]): { verdict: TlsVerdict; document?: MapNode } {
  const doc = get(res.properties, 'PolicyDocument');
  if (!isMap(doc)) return { verdict: 'unknown' }; // `!Ref X`, `Fn::If`, a JSON string, or not typed yet
  const stmts = get(doc, 'Statement');
  if (!stmts) return { verdict: 'no', document: doc };
  if (!isSeq(stmts) && !isMap(stmts)) return { verdict: 'unknown', document: doc };
  let verdict: TlsVerdict = 'no';
  for (const st of asList(stmts)) {
    const v = judgeStatement(st, actions);
    if (v === 'yes') return { verdict: 'yes', document: doc };
    if (v === 'unknown') verdict = 'unknown';
  }
  return { verdict, document: doc };
}

/** Combines the checks of one statement: every part must hold; one unknown part makes it unknown. */
function all(...vs: TlsVerdict[]): TlsVerdict {
  if (vs.includes('no')) return 'no';
  return vs.includes('unknown') ? 'unknown' : 'yes';
}

function judgeStatement(st: Node, actions: readonly string[]): TlsVerdict {
  if (!isMap(st)) return 'unknown';
  if (pairOf(st, 'NotPrincipal') || pairOf(st, 'NotAction')) return 'no';
  const effect = get(st, 'Effect');
  const eff: TlsVerdict = effect?.kind === 'intrinsic' ? 'unknown' : stringValue(effect) === 'Deny' ? 'yes' : 'no';
  return all(
    eff,
    anyone(get(st, 'Principal')),
    someOf(get(st, 'Action'), (v) => v === '*' || actions.includes(v.toLowerCase())),
    insecureOnly(get(st, 'Condition')),
  );
}

/** `'*'`, `{AWS: '*'}` or `{AWS: ['*']}`: the statement applies to every caller. */
function anyone(p: Node | undefined): TlsVerdict {
  if (!p) return 'no';
  if (isScalar(p)) return p.value === '*' ? 'yes' : 'no';
  if (!isMap(p)) return 'unknown';
  const aws = get(p, 'AWS');
  return aws ? someOf(aws, (v) => v === '*') : 'no';
}

/** 'yes' when some item passes; 'unknown' when none does but an intrinsic might. */
function someOf(n: Node | undefined, ok: (v: string) => boolean): TlsVerdict {
  if (!n) return 'no';
  if (n.kind === 'intrinsic') return 'unknown';
  let v: TlsVerdict = 'no';
  for (const item of asList(n)) {
    if (item.kind === 'intrinsic') v = 'unknown';
    else if (isScalar(item) && typeof item.value === 'string' && ok(item.value)) return 'yes';
  }
  return v;
}

/**
 * `Bool` (or `BoolIfExists`) `aws:SecureTransport: false` and nothing else: any further condition narrows the
 * Deny, so some requests without TLS would still be let through.
 */
function insecureOnly(c: Node | undefined): TlsVerdict {
  if (!c) return 'no';
  if (!isMap(c)) return 'unknown';
  if (c.pairs.length !== 1) return 'no';
  const op = String(c.pairs[0].key.value).toLowerCase();
  const tests = c.pairs[0].value;
  if (op !== 'bool' && op !== 'boolifexists') return 'no';
  if (!isMap(tests)) return tests?.kind === 'intrinsic' ? 'unknown' : 'no';
  if (tests.pairs.length !== 1 || String(tests.pairs[0].key.value).toLowerCase() !== 'aws:securetransport') return 'no';
  const value = tests.pairs[0].value;
  if (!value) return 'no';
  if (value.kind === 'intrinsic') return 'unknown';
  const items = asList(value);
  if (items.some((i) => i.kind === 'intrinsic')) return 'unknown';
  return items.length > 0 && items.every((i) => isScalar(i) && i.value !== null && asBool(i.value) === false) ? 'yes' : 'no';
}
