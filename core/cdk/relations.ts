import { MapNode, Node, PairNode, ScalarNode, SeqNode } from '../nodes';
import { CdkCall, CdkConstruct, CdkMethodCall, CdkModel, CdkValue, asObject, entryOf, normKey } from './model';
import { documentNode, managedArn, scalarAt, statementNode, unknownNode } from './policy';

/**
 * Where the policy statements of a CDK file end up, as in the synthesized template: a role's
 * `DefaultPolicy` (`role.addToPolicy`), the service role of a function or task (`addToRolePolicy`,
 * `initialPolicy`), an `iam.Policy`/`ManagedPolicy` construct and the roles it is attached to, a
 * bucket, queue or topic policy (`addToResourcePolicy`, `s3.BucketPolicy`, `sns.TopicPolicy`), or the
 * resource policy of another construct (a domain's `accessPolicies`). Every synthesized resource is
 * keyed by its construct path (`Fn/ServiceRole/DefaultPolicy`) and owned by the construct the code
 * names (`Fn`): findings report the owner, never a made-up id.
 */

/** L2 constructs written under their CloudFormation type: IAM identities and policies, resource policies. */
export const L2_AS_CFN: Record<string, string> = {
  'aws-iam.User': 'AWS::IAM::User',
  'aws-iam.AccessKey': 'AWS::IAM::AccessKey',
  'aws-iam.Role': 'AWS::IAM::Role',
  'aws-iam.Group': 'AWS::IAM::Group',
  'aws-iam.Policy': 'AWS::IAM::Policy',
  'aws-iam.ManagedPolicy': 'AWS::IAM::ManagedPolicy',
  'aws-s3.BucketPolicy': 'AWS::S3::BucketPolicy',
  'aws-sqs.QueuePolicy': 'AWS::SQS::QueuePolicy',
  'aws-sns.TopicPolicy': 'AWS::SNS::TopicPolicy',
};

/** Resource policies of buckets, queues and topics: construct → policy type and the property naming the target. */
export const RESOURCE_POLICY_OF: Record<string, { type: string; target: string; list: boolean }> = {
  'aws-s3.Bucket': { type: 'AWS::S3::BucketPolicy', target: 'Bucket', list: false },
  'aws-sqs.Queue': { type: 'AWS::SQS::QueuePolicy', target: 'Queues', list: true },
  'aws-sns.Topic': { type: 'AWS::SNS::TopicPolicy', target: 'Topics', list: true },
};

/** The L2 policy constructs of RESOURCE_POLICY_OF's types: their prop naming the target(s). */
const POLICY_CONSTRUCT_TARGET: Record<string, { prop: string; target: string; list: boolean }> = {
  'aws-s3.BucketPolicy': { prop: 'bucket', target: 'Bucket', list: false },
  'aws-sqs.QueuePolicy': { prop: 'queues', target: 'Queues', list: true },
  'aws-sns.TopicPolicy': { prop: 'topics', target: 'Topics', list: true },
};

/** Type of a resource policy whose owner has no CloudFormation twin here (an OpenSearch domain's access policies, an EFS file system policy). */
export const CDK_RESOURCE_POLICY = 'CDK::ResourcePolicy';

/** IAM identities: `addToPolicy` / `addToPrincipalPolicy` on them go to their DefaultPolicy. */
const IDENTITIES: Record<string, string> = { 'aws-iam.Role': 'Roles', 'aws-iam.User': 'Users', 'aws-iam.Group': 'Groups' };

/** Methods that add statements to the role a construct creates (or is given): the role's kind by method. */
const ROLE_METHODS: Record<string, RoleKind> = {
  addToRolePolicy: 'ServiceRole',
  addToTaskRolePolicy: 'TaskRole',
  addToExecutionRolePolicy: 'ExecutionRole',
};

/** Props naming the role a construct uses instead of creating one, by role kind. */
const ROLE_PROP: Record<RoleKind, string> = { ServiceRole: 'role', TaskRole: 'taskRole', ExecutionRole: 'executionRole' };

/** Members that stand for a construct's role: `fn.role`, `taskDefinition.taskRole`, `x.grantPrincipal`. */
const ROLE_MEMBERS: Record<string, RoleKind> = {
  role: 'ServiceRole',
  grantPrincipal: 'ServiceRole',
  taskRole: 'TaskRole',
  executionRole: 'ExecutionRole',
};

type RoleKind = 'ServiceRole' | 'TaskRole' | 'ExecutionRole';

/** Methods whose statement arguments are added to a policy. */
const STATEMENT_METHODS = new Set([
  'addToResourcePolicy',
  'addToPolicy',
  'addToPrincipalPolicy',
  'addStatements',
  'addAccessPolicies',
  ...Object.keys(ROLE_METHODS),
]);

/** Constructs whose own statements (props `statements`, `document`) make up their resource. */
const POLICY_CONSTRUCTS = new Set(['aws-iam.Policy', 'aws-iam.ManagedPolicy', ...Object.keys(POLICY_CONSTRUCT_TARGET)]);

/** VPC endpoints: their policies restrict what goes through the endpoint; `Principal: *` is the norm there. */
const ENDPOINTS = new Set(['aws-ec2.GatewayVpcEndpoint', 'aws-ec2.InterfaceVpcEndpoint', 'aws-ec2.CfnVPCEndpoint']);

/** One synthesized (or construct-owned) policy resource. */
interface Group {
  key: string;
  owner: string;
  type: string;
  /** The construct whose own resource this is (an `iam.Policy`), when there is one. */
  construct?: CdkConstruct;
  policyName?: string;
  /** Property naming what it applies to (`Roles`, `Bucket`) and the logical ids there. */
  targets: Map<string, { list: boolean; ids: string[] }>;
  stmts: MapNode[];
  /** True when statements may be added where the file does not show it (an unknown `statements` prop). */
  open: boolean;
  at: { start: number; end: number };
}

/** What the template builder hands over: where resources go, and the keys and owners it has given. */
export interface RelationContext {
  model: CdkModel;
  resources: MapNode;
  resourceOf: Map<CdkConstruct, string>;
  /** Construct key → its resource mapping. */
  resourceMaps: Map<string, MapNode>;
  /** Key → the name findings report. */
  owner: Map<string, string>;
  /** Keys of policies that are part of their owner's own resource (a role's `inlinePolicies`): its acknowledgements cover them. */
  inline: Set<string>;
}

function scalar(value: string | number | boolean | null, start: number, end: number): ScalarNode {
  return scalarAt(value, start, end);
}

function pairOfNodes(key: string, value: Node, start: number, end: number): PairNode {
  return { key: scalar(key, start, end), value, start, end };
}

function refNode(id: string, start: number, end: number): Node {
  return { kind: 'intrinsic', name: 'Ref', arg: scalar(id, start, end), short: false, start, end };
}

/** `this.x` and `self.x` name the same binding. */
export function bindingKey(name: string): string {
  return name.replace(/^self\./, 'this.');
}

/** The relations of one file: constructs by variable, where each statement is used. */
class Relations {
  readonly byVar = new Map<string, CdkConstruct>();
  readonly byStart = new Map<number, CdkConstruct>();
  /** Statement / document call start → the construct whose props hold it, and the (normalised) path there. */
  readonly places = new Map<number, { construct: CdkConstruct; path: string[] }>();
  /** Statement / document call start → the method call that adds it. */
  readonly consumers = new Map<number, CdkMethodCall>();
  readonly groups = new Map<string, Group>();
  /** Starts of the statement and document calls of the file. */
  private readonly wanted = new Set<number>();
  /** Statement methods by the variable they are given (`fn.addToRolePolicy(stmt)`), in source order. */
  readonly byArgName = new Map<string, CdkMethodCall[]>();
  /** Variables bound to VPC endpoints made with `vpc.addGatewayEndpoint(…)` / `addInterfaceEndpoint(…)`. */
  readonly endpoints = new Set<string>();
  private readonly roles = new Map<string, string>();

  constructor(private readonly ctx: RelationContext) {
    const m = ctx.model;
    for (const c of m.constructs) {
      this.byStart.set(c.call.start, c);
      if (c.variable) this.byVar.set(bindingKey(c.variable), c);
    }
    for (const mc of m.methodCalls)
      if (/^add(Gateway|Interface)Endpoint$/.test(mc.method) && mc.variable) this.endpoints.add(bindingKey(mc.variable));
    // Only the statements and documents of the file are looked for: nothing to walk without them.
    for (const c of m.calls) if (c.fqn === 'aws-iam.PolicyStatement' || c.fqn === 'aws-iam.PolicyDocument') this.wanted.add(c.start);
    if (!this.wanted.size) return;
    for (const c of m.constructs)
      this.walk(
        c.props,
        undefined,
        (start, path) => this.places.has(start) || this.places.set(start, { construct: c, path: pathOf(path) }),
      );
    for (const mc of m.methodCalls) {
      if (!STATEMENT_METHODS.has(mc.method)) continue;
      const values = [...mc.args, ...(mc.kw?.entries.map((e) => e.value) ?? [])];
      for (const v of values) {
        this.walk(v, undefined, (start) => this.consumers.has(start) || this.consumers.set(start, mc));
        if (v.k === 'unknown' && v.name) {
          const key = bindingKey(v.name);
          this.byArgName.set(key, [...(this.byArgName.get(key) ?? []), mc]);
        }
      }
    }
  }

  /** Visits the statement and document calls inside a value (not inside nested constructs, which are walked on their own). */
  private walk(
    v: CdkValue | undefined,
    path: PathLink | undefined,
    see: (start: number, path: PathLink | undefined) => void,
    depth = 0,
  ): void {
    if (!v || depth > 12) return;
    if (v.k === 'call') {
      if (depth > 0 && this.byStart.has(v.start)) return;
      if (this.wanted.has(v.start)) see(v.start, path);
      v.args.forEach((a) => this.walk(a, path, see, depth + 1));
      if (v.kw) this.walk(v.kw, path, see, depth + 1);
      return;
    }
    if (v.k === 'arr') v.items.forEach((i) => this.walk(i, path, see, depth + 1));
    else if (v.k === 'obj') for (const e of v.entries) this.walk(e.value, { key: e.key, up: path }, see, depth + 1);
  }

  /** The construct a value names: a variable bound to one, or one created inline. */
  constructOf(v: CdkValue | undefined): CdkConstruct | undefined {
    if (!v) return undefined;
    if (v.k === 'call') return this.byStart.get(v.start);
    if (v.k === 'unknown' && v.name) return this.byVar.get(bindingKey(v.name));
    return undefined;
  }

  /** Marks a policy as part of its owner's resource. */
  inline(key: string): void {
    this.ctx.inline.add(key);
  }

  keyOf(c: CdkConstruct): string {
    return this.ctx.resourceOf.get(c) ?? c.logicalId;
  }

  group(key: string, init: () => Omit<Group, 'key' | 'targets' | 'stmts' | 'open'>): Group {
    let g = this.groups.get(key);
    if (!g) {
      g = { key, targets: new Map(), stmts: [], open: false, ...init() };
      this.groups.set(key, g);
    }
    return g;
  }

  /** The DefaultPolicy of a role, user or group construct. */
  identityPolicy(c: CdkConstruct, at: { start: number; end: number }): Group {
    const g = this.group(`${this.keyOf(c)}/DefaultPolicy`, () => ({
      owner: c.name,
      type: 'AWS::IAM::Policy',
      policyName: 'DefaultPolicy',
      at,
    }));
    addTarget(g, IDENTITIES[c.call.fqn] ?? 'Roles', true, this.keyOf(c));
    return g;
  }

  /** The DefaultPolicy of the role a construct uses: the role it is given (`role: myRole`), else the one it creates. */
  rolePolicy(c: CdkConstruct, kind: RoleKind, at: { start: number; end: number }): Group {
    if (IDENTITIES[c.call.fqn]) return this.identityPolicy(c, at);
    const given = this.constructOf(entryOf(asObject(c.props), ROLE_PROP[kind])?.value);
    if (given && IDENTITIES[given.call.fqn]) return this.identityPolicy(given, at);
    const role = this.roleOf(c, kind);
    const g = this.group(`${role}/DefaultPolicy`, () => ({ owner: c.name, type: 'AWS::IAM::Policy', policyName: 'DefaultPolicy', at }));
    addTarget(g, 'Roles', true, role);
    return g;
  }

  /** The key of the role a construct creates (`Fn/ServiceRole`), written once as an `AWS::IAM::Role`. */
  roleOf(c: CdkConstruct, kind: RoleKind): string {
    const key = `${this.keyOf(c)}/${kind}`;
    if (!this.roles.has(key)) {
      this.roles.set(key, c.name);
      const at = { start: c.call.start, end: c.call.calleeEnd };
      const res: MapNode = { kind: 'map', pairs: [], flow: true, ...at, parent: this.ctx.resources };
      res.pairs.push(pairOfNodes('Type', { ...scalar('AWS::IAM::Role', at.start, at.end), parent: res }, at.start, at.end));
      this.ctx.resources.pairs.push({ key: scalar(key, at.start, at.end), value: res, ...at });
      this.ctx.resourceMaps.set(key, res);
      this.ctx.owner.set(key, c.name);
    }
    return key;
  }

  /** The construct a receiver stands for, and which of its roles: `fn.role` → (fn, ServiceRole). */
  roleReceiver(receiver: string): { c: CdkConstruct; kind: RoleKind } | undefined {
    const m = /^(.+)\.(role|grantPrincipal|taskRole|executionRole)$/.exec(receiver);
    if (!m) return undefined;
    const c = this.byVar.get(bindingKey(m[1].replace(/\.taskDefinition$/, '')));
    return c ? { c, kind: ROLE_MEMBERS[m[2]] } : undefined;
  }
}

/** A path of keys, built only when a statement is found under it. */
interface PathLink {
  key: string;
  up: PathLink | undefined;
}

function pathOf(p: PathLink | undefined): string[] {
  const out: string[] = [];
  for (let l = p; l; l = l.up) out.unshift(normKey(l.key));
  return out;
}

function addTarget(g: Group, prop: string, list: boolean, id: string): void {
  const t = g.targets.get(prop) ?? { list, ids: [] };
  if (!t.ids.includes(id)) t.ids.push(id);
  g.targets.set(prop, t);
}

/** True when a statement names principals: then it belongs to a resource policy, not an identity's. */
function namesPrincipals(call: CdkCall, model: CdkModel): boolean {
  const props = statementProps(call, model);
  return entryOf(props, 'principals') !== undefined || entryOf(props, 'notPrincipals') !== undefined;
}

function statementProps(call: CdkCall, model: CdkModel): ReturnType<typeof asObject> {
  return model.lang === 'py' ? call.kw : asObject(call.args[0]);
}

/** The group a statement belongs to, or undefined when it is left out (trust statements, endpoint policies). */
function groupOf(r: Relations, call: CdkCall, model: CdkModel, lineOf: (offset: number) => number): Group | undefined {
  const at = { start: call.start, end: call.calleeEnd };
  const mc = r.consumers.get(call.start) ?? consumerByName(r, call);
  if (mc) return groupOfMethod(r, mc, call, model, at);
  const place = r.places.get(call.start);
  if (place) return groupOfPlace(r, place.construct, place.path, call, model, at);
  const holder = enclosing(model, call.start);
  if (holder) return groupOfPlace(r, holder, [], call, model, at);
  const key = `statement at line ${lineOf(call.start)}`;
  return r.group(key, () => ({ owner: key, type: namesPrincipals(call, model) ? CDK_RESOURCE_POLICY : 'AWS::IAM::Policy', at }));
}

/** A statement bound to a variable that is not a constant (`let s = …`), added later by its name. */
function consumerByName(r: Relations, call: CdkCall): CdkMethodCall | undefined {
  if (!call.variable) return undefined;
  return r.byArgName.get(bindingKey(call.variable))?.find((mc) => mc.start > call.start);
}

function groupOfMethod(
  r: Relations,
  mc: CdkMethodCall,
  call: CdkCall,
  model: CdkModel,
  at: { start: number; end: number },
): Group | undefined {
  const t = mc.target;
  const recv = mc.receiver;
  switch (mc.method) {
    case 'addToResourcePolicy':
    case 'addAccessPolicies':
      return resourcePolicy(r, t, recv, at);
    case 'addStatements': {
      // `role.assumeRolePolicy.addStatements(…)`: a trust statement, not a policy of its own.
      if (normKey(recv.split('.').pop() ?? '') === 'assumerolepolicy') return undefined;
      const owner = t ?? r.byVar.get(bindingKey(recv.replace(/\.document$/, '')));
      if (owner && POLICY_CONSTRUCTS.has(owner.call.fqn)) return constructPolicy(r, owner);
      const doc = documentCall(model, recv);
      if (doc) {
        const place = r.places.get(doc.start);
        if (place) return groupOfPlace(r, place.construct, place.path, call, model, at);
      }
      if (owner) return groupOfPlace(r, owner, [], call, model, at);
      return namesPrincipals(call, model) ? resourcePolicy(r, undefined, recv.replace(/\.document$/, ''), at) : unattached(r, recv, at);
    }
    default: {
      // A VPC endpoint's policy says what may pass through the endpoint: `Principal: *` is the norm there.
      if ((t && ENDPOINTS.has(t.call.fqn)) || r.endpoints.has(bindingKey(recv))) return undefined;
      if (t && (mc.method === 'addToPolicy' || mc.method === 'addToPrincipalPolicy') && IDENTITIES[t.call.fqn])
        return r.identityPolicy(t, at);
      // `addToPolicy` with principals on something else (a repository, a secret, a key): its resource policy.
      if (mc.method === 'addToPolicy' && namesPrincipals(call, model)) return resourcePolicy(r, t, recv, at);
      if (t) return r.rolePolicy(t, ROLE_METHODS[mc.method] ?? 'ServiceRole', at);
      const role = r.roleReceiver(recv);
      if (role) return r.rolePolicy(role.c, role.kind, at);
      return unattached(r, recv, at);
    }
  }
}

/** Statements added to something the file does not create (`props.role.addToPolicy(…)`): named by the receiver as written. */
function unattached(r: Relations, recv: string, at: { start: number; end: number }): Group {
  return r.group(`${recv}/DefaultPolicy`, () => ({ owner: recv, type: 'AWS::IAM::Policy', policyName: 'DefaultPolicy', at }));
}

/** The `new iam.PolicyDocument(…)` a variable is bound to. */
function documentCall(model: CdkModel, name: string): CdkCall | undefined {
  const v = bindingKey(name);
  return model.calls.find((c) => c.fqn === 'aws-iam.PolicyDocument' && c.variable !== undefined && bindingKey(c.variable) === v);
}

function resourcePolicy(r: Relations, t: CdkConstruct | undefined, recv: string, at: { start: number; end: number }): Group {
  const rp = t ? RESOURCE_POLICY_OF[t.call.fqn] : undefined;
  const base = t ? r.keyOf(t) : recv;
  const g = r.group(`${base}/Policy`, () => ({ owner: t?.name ?? recv, type: rp?.type ?? CDK_RESOURCE_POLICY, at }));
  if (t && rp) addTarget(g, rp.target, rp.list, r.keyOf(t));
  return g;
}

/** The resource of an `iam.Policy`, `ManagedPolicy` or `s3.BucketPolicy` construct, with what it is attached to. */
function constructPolicy(r: Relations, c: CdkConstruct): Group {
  const key = r.keyOf(c);
  const existing = r.groups.get(key);
  if (existing) return existing;
  const g = r.group(key, () => ({
    owner: c.name,
    type: L2_AS_CFN[c.call.fqn],
    construct: c,
    at: { start: c.call.start, end: c.call.calleeEnd },
  }));
  const props = asObject(c.props);
  if (c.props && !props) g.open = true;
  const name = entryOf(props, c.call.fqn === 'aws-iam.ManagedPolicy' ? 'managedPolicyName' : 'policyName')?.value;
  g.policyName = name?.k === 'lit' && typeof name.v === 'string' ? name.v : c.name;
  for (const [prop, cfn] of [
    ['roles', 'Roles'],
    ['users', 'Users'],
    ['groups', 'Groups'],
  ] as const) {
    const v = entryOf(props, prop)?.value;
    for (const item of v?.k === 'arr' ? v.items : []) {
      const t = r.constructOf(item);
      if (t) addTarget(g, cfn, true, r.keyOf(t));
    }
  }
  const pt = POLICY_CONSTRUCT_TARGET[c.call.fqn];
  if (pt) {
    const v = entryOf(props, pt.prop)?.value;
    for (const item of v?.k === 'arr' ? v.items : v ? [v] : []) {
      const t = r.constructOf(item) ?? r.constructOf(memberBase(item));
      if (t) addTarget(g, pt.target, pt.list, r.keyOf(t));
    }
  }
  // `statements: someList` or `document: someDoc` the file does not spell: more statements than the file shows.
  for (const prop of ['statements', 'document']) {
    const v = entryOf(props, prop)?.value;
    if (v && v.k !== 'arr' && v.k !== 'call') g.open = true;
    if (v?.k === 'arr' && v.open) g.open = true;
  }
  return g;
}

/** `bucket.bucketName` as the unknown value it is: the variable before the member. */
function memberBase(v: CdkValue): CdkValue | undefined {
  if (v.k !== 'unknown' || !v.name || !v.name.includes('.')) return undefined;
  return { k: 'unknown', start: v.start, end: v.end, name: v.name.slice(0, v.name.lastIndexOf('.')) };
}

function groupOfPlace(
  r: Relations,
  c: CdkConstruct,
  path: string[],
  call: CdkCall,
  model: CdkModel,
  at: { start: number; end: number },
): Group | undefined {
  const fqn = c.call.fqn;
  if (ENDPOINTS.has(fqn)) return undefined;
  if (POLICY_CONSTRUCTS.has(fqn)) return constructPolicy(r, c);
  if (IDENTITIES[fqn]) {
    // `assumedBy` holds no statements; `inlinePolicies: { Name: new PolicyDocument({ statements }) }` is a named policy of its own.
    if (path[0] === 'inlinepolicies' && path.length > 1) {
      const entry = asObject(c.props)?.entries.find((e) => normKey(e.key) === 'inlinepolicies');
      const name = asObject(entry?.value)?.entries.find((e) => normKey(e.key) === path[1])?.key ?? path[1];
      const g = r.group(`${r.keyOf(c)}/${name}`, () => ({ owner: c.name, type: 'AWS::IAM::Policy', policyName: name, at }));
      addTarget(g, IDENTITIES[fqn], true, r.keyOf(c));
      r.inline(g.key);
      return g;
    }
    return r.identityPolicy(c, at);
  }
  if (namesPrincipals(call, model)) return resourcePolicy(r, c, c.name, at);
  return r.rolePolicy(c, path[0] === 'executionrole' ? 'ExecutionRole' : 'ServiceRole', at);
}

/** The construct whose call contains an offset (a statement written inside a construct's props, behind a helper call). */
function enclosing(model: CdkModel, offset: number): CdkConstruct | undefined {
  let best: CdkConstruct | undefined;
  for (const c of model.constructs) {
    if (c.call.start <= offset && offset < c.call.end && (!best || c.call.start >= best.call.start)) best = c;
  }
  return best;
}

/**
 * Every `new iam.PolicyStatement(…)` of the file in its policy resource, and the `iam.Policy` /
 * `ManagedPolicy` / bucket-, queue- and topic-policy constructs with their statements and targets.
 */
export function addPolicies(ctx: RelationContext, lineOf: (offset: number) => number): void {
  const model = ctx.model;
  const r = new Relations(ctx);
  for (const c of model.constructs) if (POLICY_CONSTRUCTS.has(c.call.fqn)) constructPolicy(r, c);
  attachments(r, model);
  for (const call of model.calls) {
    if (call.fqn !== 'aws-iam.PolicyStatement' || !call.isNew) continue;
    const g = groupOf(r, call, model, lineOf);
    if (!g) continue;
    g.stmts.push(statementNode(call, statementProps(call, model), completions(model, call)));
  }
  for (const g of r.groups.values()) write(ctx, g);
  holderManagedPolicies(r, ctx);
}

/**
 * `fn.role?.addManagedPolicy(…)`, `taskDefinition.taskRole.addManagedPolicy(…)`: managed policies of the role a construct
 * uses: the role it is given (`role: new iam.Role(…)`), else the one it creates.
 */
function holderManagedPolicies(r: Relations, ctx: RelationContext): void {
  const arns = new Map<string, Node[]>();
  for (const mc of ctx.model.methodCalls) {
    if (mc.method !== 'addManagedPolicy' || (mc.target && IDENTITIES[mc.target.call.fqn])) continue;
    const role = r.roleReceiver(mc.receiver);
    const arg = mc.args[0] ?? mc.kw?.entries[0]?.value;
    if (!role || !arg || IDENTITIES[role.c.call.fqn]) continue;
    const given = r.constructOf(entryOf(asObject(role.c.props), ROLE_PROP[role.kind])?.value);
    const key = given && IDENTITIES[given.call.fqn] ? r.keyOf(given) : r.roleOf(role.c, role.kind);
    arns.set(key, [...(arns.get(key) ?? []), managedArn(arg)]);
  }
  for (const [key, list] of arns) {
    const res = ctx.resourceMaps.get(key);
    if (res) addManagedArns(res, list);
  }
}

/** Appends managed policy ARNs to a role's `ManagedPolicyArns`, creating `Properties` and the list when absent. */
function addManagedArns(res: MapNode, list: Node[]): void {
  let props = res.pairs.find((p) => p.key.value === 'Properties')?.value;
  if (props?.kind !== 'map') {
    props = { kind: 'map', pairs: [], flow: true, start: res.start, end: res.end, parent: res };
    res.pairs.push(pairOfNodes('Properties', props, res.start, res.end));
  }
  const pair = props.pairs.find((p) => p.key.value === 'ManagedPolicyArns');
  if (pair?.value?.kind === 'seq') {
    const seq = pair.value;
    list.forEach((n) => (n.parent = seq));
    seq.items.push(...list);
    return;
  }
  // An unknown list (`managedPolicies: props.policies`) stays unknown: more entries do not make it known.
  if (pair) return;
  const seq: SeqNode = { kind: 'seq', items: list, flow: true, start: list[0].start, end: list[list.length - 1].end, parent: props };
  list.forEach((n) => (n.parent = seq));
  props.pairs.push(pairOfNodes('ManagedPolicyArns', seq, seq.start, seq.end));
}

/** `role.attachInlinePolicy(p)`, `p.attachToRole(role)`, `role.addManagedPolicy(mp)`, `managedPolicies: [mp]`. */
function attachments(r: Relations, model: CdkModel): void {
  const attach = (policy: CdkConstruct | undefined, identity: CdkConstruct | undefined): void => {
    if (!policy || !identity || !POLICY_CONSTRUCTS.has(policy.call.fqn) || !IDENTITIES[identity.call.fqn]) return;
    addTarget(constructPolicy(r, policy), IDENTITIES[identity.call.fqn], true, r.keyOf(identity));
  };
  for (const mc of model.methodCalls) {
    const arg = mc.args[0] ?? mc.kw?.entries[0]?.value;
    if (mc.method === 'attachInlinePolicy' || mc.method === 'addManagedPolicy') attach(r.constructOf(arg), mc.target);
    else if (/^attachTo(Role|User|Group)$/.test(mc.method)) attach(mc.target, r.constructOf(arg));
  }
  for (const c of model.constructs) {
    if (!IDENTITIES[c.call.fqn]) continue;
    const mp = entryOf(asObject(c.props), 'managedPolicies')?.value;
    for (const item of mp?.k === 'arr' ? mp.items : []) attach(r.constructOf(item), c);
  }
}

const receiverSets = new WeakMap<CdkModel, Set<string>>();

/** The receivers of a model's method calls, once per model: most statements are never completed later. */
function receiversOf(model: CdkModel): Set<string> {
  let set = receiverSets.get(model);
  if (!set) {
    set = new Set(model.methodCalls.map((mc) => bindingKey(mc.receiver)));
    receiverSets.set(model, set);
  }
  return set;
}

/** Method calls that complete a statement bound to a variable after it is built (`stmt.addActions(…)`), in order. */
function completions(model: CdkModel, call: CdkCall): CdkMethodCall[] {
  if (!call.variable) return [];
  const v = bindingKey(call.variable);
  if (!receiversOf(model).has(v)) return [];
  // Up to the next statement bound to the same name (a helper that reuses `statement` for several).
  const next = model.calls.find((c) => c.start > call.start && c.variable !== undefined && bindingKey(c.variable) === v)?.start ?? Infinity;
  return model.methodCalls.filter((mc) => mc.start > call.start && mc.start < next && bindingKey(mc.receiver) === v);
}

/** Writes a group's resource: its type, PolicyDocument, PolicyName and targets; into the construct's own resource when it has one. */
function write(ctx: RelationContext, g: Group): void {
  const at = g.at;
  let res = g.construct ? ctx.resourceMaps.get(g.key) : undefined;
  if (!res) {
    res = { kind: 'map', pairs: [], flow: true, ...at, parent: ctx.resources };
    res.pairs.push(pairOfNodes('Type', { ...scalar(g.type, at.start, at.end), parent: res }, at.start, at.end));
    ctx.resources.pairs.push({ key: scalar(g.key, at.start, at.end), value: res, ...at });
    ctx.owner.set(g.key, g.owner);
  }
  const props: MapNode = { kind: 'map', pairs: [], flow: true, ...at, parent: res };
  res.pairs.push(pairOfNodes('Properties', props, at.start, at.end));
  if (g.stmts.length || g.open) {
    const doc = documentNode(g.stmts, g.stmts[0]?.start ?? at.start, g.stmts[g.stmts.length - 1]?.end ?? at.end);
    const seq = doc.pairs[1].value as SeqNode;
    // Statements the file does not spell (`statements: props.statements`): the list is not known to be complete.
    if (g.open) seq.items.push({ ...unknownNode(at.end, at.end), parent: seq });
    doc.parent = props;
    props.pairs.push(pairOfNodes('PolicyDocument', doc, at.start, at.end));
  }
  if (g.policyName !== undefined && g.type !== 'AWS::IAM::ManagedPolicy')
    props.pairs.push(pairOfNodes('PolicyName', { ...scalar(g.policyName, at.start, at.end), parent: props }, at.start, at.end));
  for (const [prop, t] of g.targets) {
    const refs = t.ids.map((id) => refNode(id, at.start, at.end));
    const value: Node = t.list ? { kind: 'seq', items: refs, flow: true, ...at, parent: props } : refs[0];
    refs.forEach((n) => (n.parent = t.list ? value : props));
    props.pairs.push(pairOfNodes(prop, value, at.start, at.end));
  }
}
