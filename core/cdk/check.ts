import { snakeOf } from './names';
import type { ParsedDocument } from '../document';
import { Node, ScalarNode } from '../nodes';
import { resourceName } from '../parsed-document';
import { Fix, Report, RuleContext, Severity } from '../rule';
import { Resource } from '../template';
import type { Code } from './code';
import { CodeWriter } from './edits';
import { CdkConstruct, CdkModel, CdkValue, asObject, entryOf, normKey } from './model';
import { atLeast, CdkProject, flag } from './project';
import { referenced, sameVar } from './refs';
import { NOT_SECRET_FIELD, PLAINTEXT } from './secrets';
import { CdkAnalysis, callOf, enclosing, modOf, propsOf, Site, valueAt } from './site';
import type { Condition, FixPlan, Match, PropCheck, Target } from './table';

/**
 * The generic L2 checker: evaluates a rule's construct table (its `<rule-id>.cdk.ts`, types in
 * table.ts) over a file's model. Rules never see CDK syntax; this module reports nodes and builds
 * the fixes.
 */

const analyses = new WeakMap<CdkModel, CdkAnalysis>();

/** Attaches the template and project to a model (done by the parsers). */
export function setAnalysis(a: CdkAnalysis): void {
  analyses.set(a.model, a);
}

/** The analysis of a CDK document, or undefined for other documents. */
export function analysisOf(doc: ParsedDocument): CdkAnalysis | undefined {
  return doc.cdk ? analyses.get(doc.cdk) : undefined;
}

/** A neutral node standing for a source span, for reports. */
export function spanNode(start: number, end: number): ScalarNode {
  return { kind: 'scalar', value: '', style: 'plain', start, end };
}

/** The sites of a check's target in one file. */
export function sitesOf(a: CdkAnalysis, t: Target): Site[] {
  if (t.kind === 'custom') return t.sites(a);
  if (t.kind === 'construct') return constructSites(a.model, t);
  const m = a.model;
  const out: Site[] = [];
  if (t.kind === 'call') {
    for (const call of m.calls) {
      if (!t.fqn.includes(call.fqn)) continue;
      out.push({
        props: m.lang === 'py' ? call.kw : call.args[t.propsArg],
        call,
        propsArg: t.propsArg,
        args: call.args,
        anchor: { start: call.start, end: call.calleeEnd },
        construct: enclosing(m, call.start),
        mod: modOf(call.fqn),
        complete: call.complete,
      });
    }
    return out;
  }
  for (const mc of m.methodCalls) {
    if (mc.method !== t.method || !mc.target || !t.on.includes(mc.target.call.fqn)) continue;
    out.push({
      props: m.lang === 'py' ? mc.kw : mc.args[t.propsArg],
      call: callOf(mc),
      propsArg: t.propsArg,
      args: mc.args,
      anchor: { start: mc.start, end: mc.end },
      construct: mc.target,
      mod: modOf(mc.target.call.fqn),
      complete: mc.complete,
      variable: mc.variable,
      method: mc,
    });
  }
  return out;
}

const siteCache = new WeakMap<CdkModel, Map<string, Site[]>>();

/**
 * The sites of a construct target, built once per model and fqn list: many rules' rows target the same constructs
 * (every S3 rule reads each bucket), and sites are only read.
 */
function constructSites(m: CdkModel, t: Extract<Target, { kind: 'construct' }>): Site[] {
  let byKey = siteCache.get(m);
  if (!byKey) siteCache.set(m, (byKey = new Map()));
  const key = JSON.stringify([t.fqn, t.each ?? null, m.constructs.length]);
  let out = byKey.get(key);
  if (!out) byKey.set(key, (out = buildConstructSites(m, t)));
  return out;
}

function buildConstructSites(m: CdkModel, t: Extract<Target, { kind: 'construct' }>): Site[] {
  const out: Site[] = [];
  for (const k of constructsOf(m, t.fqn)) {
    const mod = modOf(k.call.fqn);
    // Literals, not `{ ...base, … }`: the spread cost more than the rest of the site.
    if (!t.each) {
      out.push({
        construct: k,
        mod,
        complete: k.call.complete,
        variable: k.variable,
        props: k.props,
        call: k.call,
        propsArg: 2,
        args: k.call.args,
        anchor: { start: k.call.start, end: k.call.calleeEnd },
      });
      continue;
    }
    // One site per entry: `additionalBehaviors: { '/api/*': { … } }`; the key is where "missing" points.
    const at = valueAt(k.props, t.each);
    const obj = typeof at === 'object' ? asObject(at.v) : undefined;
    for (const e of obj?.entries ?? [])
      out.push({
        construct: k,
        mod,
        complete: k.call.complete,
        variable: k.variable,
        props: e.value,
        call: undefined,
        propsArg: 0,
        anchor: { start: e.keyStart, end: e.keyEnd },
      });
  }
  return out;
}

/** The model's constructs by fqn, with their place in `m.constructs` (rebuilt if the list grew). */
const byFqn = new WeakMap<CdkModel, { size: number; index: Map<string, { k: CdkConstruct; at: number }[]> }>();

/**
 * The model's constructs of these fqns, in source order. Every table row asks this of every model once per analysis:
 * an index instead of a scan of every construct per row (a 2,000-line stack has hundreds of each).
 */
function constructsOf(m: CdkModel, fqns: readonly string[]): CdkConstruct[] {
  let hit = byFqn.get(m);
  if (!hit || hit.size !== m.constructs.length) {
    const index = new Map<string, { k: CdkConstruct; at: number }[]>();
    m.constructs.forEach((k, at) => {
      const list = index.get(k.call.fqn);
      if (list) list.push({ k, at });
      else index.set(k.call.fqn, [{ k, at }]);
    });
    hit = { size: m.constructs.length, index };
    byFqn.set(m, hit);
  }
  const index = hit.index;
  const found = [...new Set(fqns)].flatMap((f) => index.get(f) ?? []);
  if (fqns.length > 1) found.sort((a, b) => a.at - b.at);
  return found.map((e) => e.k);
}

type State = { s: 'absent' } | { s: 'unknown' } | { s: 'good' } | { s: 'bad'; v: CdkValue } | { s: 'other' };

function matches(v: CdkValue, m: Match, mod: string): boolean {
  if ('present' in m) return true;
  if ('other' in m) return !m.other.some((x) => matches(v, x, mod));
  if ('nonEmpty' in m) {
    const o = propsOf(v);
    return o ? o.entries.length > 0 || o.open : true;
  }
  if ('lit' in m) return v.k === 'lit' && m.lit.includes(v.v as string | number | boolean);
  if ('numBelow' in m) return v.k === 'lit' && typeof v.v === 'number' && v.v < m.numBelow;
  if ('enum' in m) {
    if (v.k !== 'ref') return false;
    const e = m.enum.replace(/^~/, mod);
    return m.members.some((mem) => v.path === `${e}.${mem}`);
  }
  return v.k === 'call' && m.call.includes(v.fqn) && !(m.bare && (v.args.length > 0 || (v.kw?.entries.length ?? 0) > 0));
}

function stateOf(site: Site, alt: PropCheck['anyOf'][number]): State {
  const at = valueAt(site.read ?? site.props, alt.path);
  if (at === 'absent') return { s: 'absent' };
  if (at === 'unknown') return { s: 'unknown' };
  const v = at.v;
  if (alt.good.some((g) => matches(v, g, site.mod))) return { s: 'good' };
  if (alt.bad) return alt.bad.some((b) => matches(v, b, site.mod)) ? { s: 'bad', v } : { s: 'other' };
  return v.k === 'unknown' ? { s: 'unknown' } : { s: 'bad', v };
}

function holds(cond: Condition, site: Site, project: CdkProject): boolean {
  const props = site.read ?? site.props;
  if ('has' in cond) return cond.has.some((p) => valueAt(props, p) !== 'absent');
  if ('prop' in cond) {
    const at = valueAt(props, cond.prop);
    if ('isNot' in cond) return at === 'unknown' || (typeof at === 'object' && !matches(at.v, cond.isNot, site.mod));
    return typeof at === 'object' && matches(at.v, cond.is, site.mod);
  }
  if ('arg' in cond) {
    const v = site.args?.[cond.arg];
    return v !== undefined && matches(v, cond.is, site.mod);
  }
  if ('flag' in cond) return flag(project, cond.flag) === cond.value;
  if ('versionAtLeast' in cond) return atLeast(project, cond.versionAtLeast);
  if ('versionBelow' in cond) return !atLeast(project, cond.versionBelow);
  if ('lacks' in cond) return cond.lacks.every((p) => valueAt(props, p) === 'absent');
  if ('not' in cond) return !holds(cond.not, site, project);
  if ('all' in cond) return cond.all.every((c) => holds(c, site, project));
  if ('onConstruct' in cond) {
    const c = site.construct;
    return c !== undefined && holds(cond.onConstruct, { ...site, props: c.props, read: undefined, args: c.call.args }, project);
  }
  return false;
}

/** A value as Python writes it: `True`, `False`, enum members as they are. */
function pyValue(v: string): string {
  return v === 'true' ? 'True' : v === 'false' ? 'False' : v;
}

/** A message or fix title in the file's language: Python users write `enforce_ssl=True`, not `enforceSSL: true`. */
export function spelled(a: { model: { lang: string } }, message: string): string {
  if (a.model.lang !== 'py') return message;
  return message
    .replace(/\b[a-z][a-z0-9]*[A-Z][A-Za-z0-9]*\b/g, (w) => snakeOf(w))
    .replace(/\b([a-z][a-z0-9_]*): (true|false|[A-Z]\w*(?:\.\w+)+)(?=[\s.,;)]|$)/g, (_, k: string, v: string) => `${k}=${pyValue(v)}`);
}

/** Where a value from another module of the project is written (foreign.ts), for messages: there, not here, is what to change. */
export function origin(v: CdkValue | undefined, what = 'The value'): string {
  return v?.from ? ` ${what} is set in ${v.from}.` : '';
}

/** Source text of a value, shortened, for messages. */
export function shown(text: string, v: CdkValue): string {
  const s = text.slice(v.start, v.end).replace(/\s+/g, ' ');
  return s.length > 60 ? `${s.slice(0, 57)}...` : s;
}

/** True when a receiver is the variable, or its property `via` (`service.loadBalancer`, Python `service.load_balancer`). */
function onVariable(receiver: string, v: string, via: string | undefined): boolean {
  if (!via) return sameVar(receiver, v);
  return sameVar(receiver, `${v}.${via}`) || sameVar(receiver, `${v}.${snakeOf(via)}`);
}

/** True when a later call on the site's variable makes it compliant (`listener.addAction(…redirect…)`). */
function followedUp(a: CdkAnalysis, site: Site, check: PropCheck): boolean {
  const v = site.variable;
  if (!v || !check.satisfiedBy) return false;
  return a.model.methodCalls.some((mc) =>
    check.satisfiedBy!.some((f) => {
      if (mc.method !== f.method || !onVariable(mc.receiver, v, f.via)) return false;
      const props = a.model.lang === 'py' ? mc.kw : mc.args[f.propsArg];
      if (f.path && f.is) {
        const at = valueAt(props, f.path);
        if (typeof at !== 'object' || !matches(at.v, f.is, site.mod)) return false;
      }
      return !(f.unless ?? []).some((p) => valueAt(props, p) !== 'absent');
    }),
  );
}

/** A resource policy of the template with what its `Bucket`/`Queues`/`Topics` names, and its place in the template. */
interface PolicyTarget {
  r: Resource;
  at: number;
  items: Node[];
}

/** The template's resource policies: by the logical id they name through `Ref`/`GetAtt`, and those naming by literal. */
interface PolicyIndex {
  byKey: Map<string, PolicyTarget[]>;
  literal: PolicyTarget[];
}

const policyIndexes = new WeakMap<CdkAnalysis['tpl'], PolicyIndex>();

/** Built once per template: every site asked for its policies scanned every resource of the template. */
function policyIndex(a: CdkAnalysis): PolicyIndex {
  let ix = policyIndexes.get(a.tpl);
  if (ix) return ix;
  ix = { byKey: new Map(), literal: [] };
  a.tpl.template.resources.forEach((r, at) => {
    if (!/::(BucketPolicy|QueuePolicy|TopicPolicy)$/.test(r.type) || !r.properties) return;
    const target = r.properties.pairs.find((p) => ['Bucket', 'Queues', 'Topics'].includes(String(p.key.value)))?.value;
    const items = target?.kind === 'seq' ? target.items : target ? [target] : [];
    const p: PolicyTarget = { r, at, items };
    for (const id of new Set(items.map(refId))) if (typeof id === 'string') ix!.byKey.set(id, [...(ix!.byKey.get(id) ?? []), p]);
    if (items.some((n) => n.kind === 'scalar' && typeof n.value === 'string')) ix!.literal.push(p);
  });
  policyIndexes.set(a.tpl, ix);
  return ix;
}

/** The resource policies of the CDK template that apply to a construct: they name its resource by `Ref`/`GetAtt`, or its literal name. */
export function policiesFor(a: CdkAnalysis, c: CdkConstruct | undefined): Resource[] {
  const key = c ? a.tpl.resourceOf.get(c) : undefined;
  if (!c || !key) return [];
  const name = ownName(c);
  const ix = policyIndex(a);
  const found = new Set(ix.byKey.get(key) ?? []);
  if (name !== undefined) for (const p of ix.literal) if (p.items.some((n) => namesResource(n, key, name))) found.add(p);
  return [...found].sort((x, y) => x.at - y.at).map((p) => p.r);
}

/** `policiesFor` by a scan of every resource of the template: the definition the index must agree with (tests). */
export function policiesByScan(a: CdkAnalysis, c: CdkConstruct | undefined): Resource[] {
  const key = c ? a.tpl.resourceOf.get(c) : undefined;
  if (!c || !key) return [];
  const name = ownName(c);
  const out: Resource[] = [];
  for (const r of a.tpl.template.resources) {
    if (!/::(BucketPolicy|QueuePolicy|TopicPolicy)$/.test(r.type) || !r.properties) continue;
    const target = r.properties.pairs.find((p) => ['Bucket', 'Queues', 'Topics'].includes(String(p.key.value)))?.value;
    const items = target?.kind === 'seq' ? target.items : target ? [target] : [];
    if (items.some((n) => namesResource(n, key, name))) out.push(r);
  }
  return out;
}

/** The literal name a bucket, queue or topic construct is given (`bucketName: 'logs'`), which a policy may name instead. */
function ownName(c: CdkConstruct): string | undefined {
  const props = asObject(c.props);
  for (const k of ['bucketName', 'queueName', 'topicName']) {
    const v = entryOf(props, k)?.value;
    if (v?.k === 'lit' && typeof v.v === 'string') return v.v;
  }
  return undefined;
}

/** The logical id a `Ref` or `Fn::GetAtt` names. */
function refId(n: Node): unknown {
  if (n.kind !== 'intrinsic' || (n.name !== 'Ref' && n.name !== 'Fn::GetAtt')) return undefined;
  const arg = n.arg;
  return arg?.kind === 'scalar' ? arg.value : arg?.kind === 'seq' && arg.items[0]?.kind === 'scalar' ? arg.items[0].value : undefined;
}

function namesResource(n: Node, key: string, name: string | undefined): boolean {
  if (n.kind === 'intrinsic' && (n.name === 'Ref' || n.name === 'Fn::GetAtt')) return refId(n) === key;
  if (n.kind !== 'scalar' || typeof n.value !== 'string' || name === undefined) return false;
  // A literal bucket name, or a queue URL / topic ARN ending in the name.
  return n.value === name || n.value.endsWith(`/${name}`) || n.value.endsWith(`:${name}`);
}

function aspectApplies(m: CdkModel, fqns: string[] | undefined): boolean {
  if (!fqns) return false;
  return m.aspects.some((a) => a.aspect.k === 'call' && fqns.includes(a.aspect.fqn));
}

/** Builds a fix from the first plan that applies; undefined when none can be written safely. */
function planFix(a: CdkAnalysis, text: string, site: Site, plans: FixPlan[] | undefined): Fix | undefined {
  for (const plan of plans ?? []) {
    if (plan.when && !plan.when.every((c) => holds(c, site, a.project))) continue;
    if (plan.since && !atLeast(a.project, plan.since)) continue;
    const w = new CodeWriter(a.model, text, site.construct?.scope);
    const sets = plan.set.map((s) => ({ path: s.path, value: resolveModule(s.value, site.mod) }));
    const edits = w.setMany(site.props, site.call, site.propsArg, sets);
    if (!edits) return undefined;
    return {
      title: spelled(a, plan.title),
      ops: [{ op: 'edits', edits: [...edits, ...w.imports()] }],
      ...(plan.safety ? { safety: plan.safety } : {}),
    };
  }
  return undefined;
}

function resolveModule(c: Code, mod: string): Code {
  if (typeof c === 'object' && 'enum' in c) return { ...c, enum: c.enum.replace(/^~/, mod) };
  return c;
}

/** The template resource of a construct, for reports. */
export function resourceFor(a: CdkAnalysis, c: CdkConstruct | undefined): Resource | undefined {
  if (!c) return undefined;
  const id = a.tpl.resourceOf.get(c);
  return id ? a.tpl.template.resourceById.get(id) : undefined;
}

/** Runs a rule's L2 table (its `<rule-id>.cdk.ts`) on one CDK document; other documents are left alone. */
export function runL2Checks(ctx: RuleContext, checks: readonly PropCheck[]): void {
  const a = analysisOf(ctx.doc);
  if (!a) return;
  const text = ctx.doc.text;
  for (const check of checks) {
    for (const site of sitesOf(a, check.target)) {
      if (check.skipWhen?.some((c) => holds(c, site, a.project))) continue;
      if (check.skipWhenReferenced && referenced(a.model, site, check.skipWhenReferenced) !== false) continue;
      if (aspectApplies(a.model, check.aspects)) continue;
      const states = check.anyOf.map((alt) => stateOf(site, alt));
      if (states.some((s) => s.s === 'good')) continue;
      if (followedUp(a, site, check)) continue;
      if (check.satisfiedByPolicy && policiesFor(a, site.construct).some(check.satisfiedByPolicy)) continue;
      const child = site.method ? a.tpl.childOf.get(site.method) : site.call ? a.tpl.importOf.get(site.call) : undefined;
      const resource = (child ? a.tpl.template.resourceById.get(child) : undefined) ?? resourceFor(a, site.construct);
      // `{id}` in a table's message: the construct as findings name it.
      const id = resource ? resourceName(ctx.doc, resource.id) : (site.construct?.id ?? 'this construct');
      let bads = states.filter((s): s is { s: 'bad'; v: CdkValue } => s.s === 'bad');
      if (check.reportOnce) bads = bads.slice(0, 1);
      for (const b of bads) {
        // A bad value inherited from elsewhere (an API's defaultMethodOptions) is reported at the site it applies to.
        const own = !site.read || (site.props !== undefined && b.v.start >= site.props.start && b.v.end <= site.props.end);
        const at = own ? b.v : site.anchor;
        ctx.report({
          node: spanNode(at.start, at.end),
          resource,
          severity: check.severity,
          profile: check.profile,
          message: spelled(a, check.bad.replace('{value}', shown(text, b.v)).replace('{id}', id)) + origin(b.v),
          fix: planFix(a, text, site, check.fix),
        });
      }
      if (bads.length || !check.missing || !site.complete) continue;
      if (!states.every((s) => s.s === 'absent')) continue;
      const read = site.read ?? site.props;
      if (read && read.k === 'unknown') continue;
      if (check.missingOkWhen?.some((c) => holds(c, site, a.project))) continue;
      ctx.report({
        node: spanNode(site.anchor.start, site.anchor.end),
        resource,
        severity: check.missingSeverity ?? check.severity,
        profile: check.profile,
        message: spelled(a, check.missing.replace('{id}', id)) + origin(read, 'Its props object'),
        fix: planFix(a, text, site, check.fix),
      });
    }
  }
}

// ── literal secrets: SecretValue.unsafePlainText / plainText ─────────────────────────────────

/** The key of the object entry each value sits under (by the value's offset), across every construct's props. */
function keysOfValues(m: CdkModel): Map<number, string> {
  const out = new Map<number, string>();
  const walk = (v: CdkValue | undefined, depth: number): void => {
    if (!v || depth > 8) return;
    const o = asObject(v);
    if (o) {
      for (const e of o.entries) {
        out.set(e.value.start, e.key);
        walk(e.value, depth + 1);
      }
    } else if (v.k === 'arr') v.items.forEach((i) => walk(i, depth + 1));
    else if (v.k === 'call') v.args.forEach((i) => walk(i, depth + 1));
  };
  for (const c of m.constructs) walk(c.props, 0);
  return out;
}

/** Values written where a secret is required but none is meant: `notused`, `dummy`, `placeholder`. */
const PLACEHOLDER = /^(not[-_ ]?used|unused|dummy|placeholder|none|null|n\/?a|empty|no[-_ ]?auth|x+)$/i;

/** Reports `SecretValue.unsafePlainText('literal')` (and the deprecated `plainText`), with the RDS fix where one exists. */
export function runSecretValueChecks(ctx: RuleContext, severityComputed: Severity): void {
  const a = analysisOf(ctx.doc);
  if (!a) return;
  const m = a.model;
  let keys: Map<number, string> | undefined;
  for (const call of m.calls) {
    // `SecretValue.unsafePlainText('…')`, and `new SecretValue('…')` / Python `SecretValue(value='…')`, which is the same literal.
    const ctor = call.fqn === 'core.SecretValue' && call.isNew;
    if (!PLAINTEXT.has(call.fqn) && !ctor) continue;
    keys ??= keysOfValues(m);
    const key = keys.get(call.start);
    if (key !== undefined && NOT_SECRET_FIELD.test(normKey(key))) continue;
    const arg = call.args[0] ?? (ctor ? entryOf(call.kw, 'value')?.value : undefined);
    const literal = arg?.k === 'lit' && typeof arg.v === 'string' ? arg.v : undefined;
    // A documented dummy (an API destination without auth still needs a value): no credential is written.
    if (literal !== undefined && PLACEHOLDER.test(literal.trim())) continue;
    const deprecated = call.fqn.endsWith('.plainText');
    // rds.Credentials.fromPassword('admin', SecretValue.unsafePlainText('…')) → a generated secret.
    const outer = m.calls.find(
      (c) => /^aws-(rds|docdb)\.Credentials\.from(Password|Username)$/.test(c.fqn) && c.start < call.start && call.end <= c.end,
    );
    let fix: Fix | undefined;
    if (outer) {
      const user = outer.args[0];
      const w = new CodeWriter(m, ctx.doc.text);
      const userText = user && user.k === 'lit' && typeof user.v === 'string' ? user.v : undefined;
      if (userText !== undefined) {
        const mod = modOf(outer.fqn);
        const code: Code = { call: `${mod}.Credentials.fromGeneratedSecret`, args: [userText] };
        fix = {
          title: spelled(a, 'Generate the password in Secrets Manager (Credentials.fromGeneratedSecret)'),
          ops: [{ op: 'edits', edits: [{ start: outer.start, end: outer.end, newText: w.render(code) }, ...w.imports()] }],
        };
      }
    }
    if (call.from && literal !== undefined) {
      // Through a helper of another module (ts-analyzer.ts `helperCall`): reported on this file's call, no fix here.
      ctx.report({
        node: spanNode(call.start, call.end),
        resource: resourceFor(a, enclosing(m, call.start)),
        secrets: [literal],
        message: `A literal secret (${literal}) ${spelled(a, `is passed to ${call.from}, which wraps it in SecretValue.unsafePlainText: it is written into the template and the source in clear text. Pass a secret from Secrets Manager instead.`)}`,
      });
      continue;
    }
    if (literal === undefined && !deprecated) {
      ctx.report({
        node: spanNode(call.start, call.end),
        resource: resourceFor(a, enclosing(m, call.start)),
        severity: severityComputed,
        fix,
        message: spelled(
          a,
          'SecretValue.unsafePlainText puts the value into the synthesized template in clear text. Read it from Secrets Manager or SSM SecureString instead.',
        ),
      });
      continue;
    }
    ctx.report({
      node: spanNode(call.start, call.end),
      resource: resourceFor(a, enclosing(m, call.start)),
      fix,
      secrets: literal ? [literal] : undefined,
      // The literal goes in after the spelling: it is masked as written.
      message: literal
        ? `A literal secret (${literal}) ${spelled(a, 'is written into the template and the source in clear text. Use SecretValue.secretsManager(…) or a generated secret.')}`
        : spelled(
            a,
            'SecretValue.plainText is deprecated and puts the value into the template in clear text. Use SecretValue.secretsManager(…) or a generated secret.',
          ),
    });
  }
}

/** Report helper re-exported for rules in rules/cdk. */
export type { Report };
