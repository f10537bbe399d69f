import { MapNode, Node, PairNode, ScalarNode, SeqNode } from '../nodes';
import { buildTemplate, Template } from '../template';
import { CdkCall, CdkConstruct, CdkMethodCall, CdkModel, CdkObject, CdkValue, NagAck, asObject, entryOf } from './model';
import { camelOfSnake, cfnProp, cfnTypeOf, PropScope, propsScope } from './names';
import { documentNode, managedArn, principalNode, scalarAt, unknownNode } from './policy';
import { addPolicies, bindingKey, CDK_RESOURCE_POLICY, L2_AS_CFN, RESOURCE_POLICY_OF } from './relations';

export { CDK_RESOURCE_POLICY, L2_AS_CFN, RESOURCE_POLICY_OF };

/**
 * L1 constructs (`new s3.CfnBucket(…)`) normalised into the CloudFormation shape, so the
 * CloudFormation rules run on them unchanged. The nodes carry the TypeScript/Python offsets.
 * Every other construct is listed too, as a `CDK::<fqn>` resource without properties, so findings
 * and cdk-nag acknowledgements can name it.
 */

/** What a neutral map stands for in the source, for the fix writer. */
export type MapSource =
  | { kind: 'resource'; construct: CdkConstruct; scope: PropScope }
  /** `scope`: the L1 type and struct the object is, which decide its props' spelling. */
  | { kind: 'object'; obj: CdkObject; verbatim: boolean; scope: PropScope };

export interface CdkTemplate {
  template: Template;
  maps: WeakMap<MapNode, MapSource>;
  /** Construct → its resource's logical id. */
  resourceOf: Map<CdkConstruct, string>;
  /**
   * Resource key → the name findings report: the construct id as written, or for a resource the
   * construct creates (`Fn/ServiceRole/DefaultPolicy`, a bucket's policy, a group's ingress rule) the
   * construct the code names (`Fn`).
   */
  names: Map<string, string>;
  /** Constructs made by a method (`lb.addListener('Listener', …)`) → their resource key. */
  childOf: Map<CdkMethodCall, string>;
  /** Constructs made by a static import (`ParameterGroup.fromParameterGroupName(this, 'Pg', …)`) → their resource key. */
  importOf: Map<CdkCall, string>;
  /** Nodes of values written in another module (foreign.ts): fixes never edit them. */
  foreign: WeakSet<Node>;
}

/** Name of the intrinsic that stands for a CDK expression the file alone does not decide: rules read it as unknown. */
export const CDK_EXPRESSION = 'Fn::CdkExpression';

function scalar(value: string | number | boolean | null, start: number, end: number): ScalarNode {
  return { kind: 'scalar', value, style: 'single', start, end };
}

/** Builds the CloudFormation-shaped template of a model; `lineOf` gives 1-based lines, for names of statements no construct holds. */
export function buildCdkTemplate(model: CdkModel, lineOf: (offset: number) => number): CdkTemplate {
  const maps = new WeakMap<MapNode, MapSource>();
  const foreign = new WeakSet<Node>();
  const resourceOf = new Map<CdkConstruct, string>();
  const names = new Map<string, string>();
  const resourceMaps = new Map<string, MapNode>();
  const resources: MapNode = { kind: 'map', pairs: [], flow: true, start: 0, end: 0 };
  const root: MapNode = { kind: 'map', pairs: [], flow: true, start: 0, end: 0 };
  root.pairs.push({ key: scalar('Resources', 0, 0), value: resources, start: 0, end: 0 });
  resources.parent = root;

  const convert = (v: CdkValue, scope: PropScope, verbatim: boolean, parent: Node | undefined): Node => {
    let n: Node;
    switch (v.k) {
      case 'lit':
        n = scalar(v.v, v.start, v.end);
        break;
      case 'arr': {
        const seq: SeqNode = { kind: 'seq', items: [], flow: true, start: v.start, end: v.end };
        seq.items = v.items.map((i) => convert(i, scope, verbatim, seq));
        // A spread of something unknown (`[...actions]`) may add items: an unknown item says so, so the list is not read as empty or complete.
        if (v.open) seq.items.push({ ...unknownNode(v.end, v.end), parent: seq });
        n = seq;
        break;
      }
      case 'obj': {
        const map: MapNode = { kind: 'map', pairs: [], flow: true, start: v.start, end: v.end, open: v.open || undefined };
        maps.set(map, { kind: 'object', obj: v, verbatim, scope });
        for (const e of v.entries) {
          // Below a JSON prop (a policy document, environment variables) keys are data, kept as written.
          const prop = verbatim ? { name: e.key, scope, json: true } : cfnProp(e.key, scope);
          const name = prop.name;
          const value = convert(e.value, prop.scope, verbatim || prop.json, map);
          const pair: PairNode = { key: scalar(name, e.keyStart, e.keyEnd), value, start: e.start, end: e.end };
          map.pairs.push(pair);
        }
        n = map;
        break;
      }
      case 'call':
        // A struct class with keyword arguments (Python `ec2.CfnInstance.MetadataOptionsProperty(http_tokens=…)`) is an object.
        if (v.kw && v.args.length === 0 && /\.Cfn[A-Za-z0-9]+\.[A-Za-z0-9]+Property$/.test(v.fqn))
          return convert(v.kw, scope, verbatim, parent);
        n = { kind: 'intrinsic', name: CDK_EXPRESSION, arg: undefined, short: false, start: v.start, end: v.end };
        break;
      default:
        n = (v.k === 'unknown' && v.name && refTo(v.name, v.start, v.end)) || {
          kind: 'intrinsic',
          name: CDK_EXPRESSION,
          arg: undefined,
          short: false,
          start: v.start,
          end: v.end,
        };
        break;
    }
    n.parent = parent;
    if (v.from) foreign.add(n);
    return n;
  };

  // `bucket.ref`, `key.attrArn` and `param.valueAsString` on an L1 construct or parameter of this file are what CloudFormation reads: a Ref or a GetAtt.
  const byVar = new Map<string, CdkConstruct>();
  for (const c of model.constructs) if (c.variable) byVar.set(sameBinding(c.variable), c);
  const refTo = (name: string, start: number, end: number): Node | undefined => {
    const m = /^(.+)\.([A-Za-z_][A-Za-z0-9_]*)$/.exec(name);
    const c = m ? byVar.get(sameBinding(m[1])) : undefined;
    if (!m || !c) return undefined;
    const member = camelOfSnake(m[2]);
    const l2 = L2_MEMBERS[`${c.call.fqn}.${member}`];
    if (l2) return l2 === 'Ref' ? refIntrinsic(c.logicalId, start, end) : getAtt(c.logicalId, l2, start, end);
    const param = c.call.fqn === 'core.CfnParameter';
    if (member === 'ref' || (param && /^value(AsString|AsNumber|AsList)?$/.test(member)))
      return { kind: 'intrinsic', name: 'Ref', arg: scalar(c.logicalId, start, end), short: false, start, end };
    const attr = /^attr([A-Z][A-Za-z0-9]*)$/.exec(member);
    if (!attr || !cfnTypeOf(c.call.fqn)) return undefined;
    const arg: SeqNode = { kind: 'seq', items: [scalar(c.logicalId, start, end), scalar(attr[1], start, end)], flow: true, start, end };
    const n: Node = { kind: 'intrinsic', name: 'Fn::GetAtt', arg, short: false, start, end };
    arg.parent = n;
    arg.items.forEach((i) => (i.parent = arg));
    return n;
  };

  for (const c of model.constructs) {
    const fqn = c.call.fqn;
    const cfnType = cfnTypeOf(fqn);
    const type = cfnType ?? L2_AS_CFN[fqn] ?? `CDK::${fqn}`;
    const at = { start: c.call.start, end: c.call.calleeEnd };
    const res: MapNode = { kind: 'map', pairs: [], flow: true, ...at, parent: resources };
    maps.set(res, { kind: 'resource', construct: c, scope: propsScope(type) });
    res.pairs.push({
      key: scalar('Type', at.start, at.end),
      value: { ...scalar(type, at.start, at.end), parent: res },
      ...at,
    });
    if (!cfnType && IAM_IDENTITIES.has(fqn)) {
      const props = iamProps(model, c);
      if (props) {
        props.parent = res;
        res.pairs.push({ key: scalar('Properties', at.start, at.end), value: props, ...at });
      }
    }
    if (cfnType && c.props) {
      const props =
        c.props.k === 'obj' || (c.props.k === 'call' && c.props.kw)
          ? convert(c.props, propsScope(cfnType), false, res)
          : convert({ k: 'unknown', start: c.props.start, end: c.props.end }, propsScope(cfnType), false, res);
      res.pairs.push({ key: scalar('Properties', c.props.start, c.props.end), value: props, start: c.props.start, end: c.props.end });
    }
    writeAcks(
      res,
      model.acks.filter((a) => a.stackWide || (a.target !== undefined && a.target === c.variable)),
      at,
    );
    resources.pairs.push({ key: scalar(c.logicalId, at.start, at.end), value: res, ...at });
    resourceOf.set(c, c.logicalId);
    resourceMaps.set(c.logicalId, res);
    names.set(c.logicalId, c.name);
  }
  addSections(model, root, convert);
  const inline = new Set<string>();
  addPolicies({ model, resources, resourceOf, resourceMaps, owner: names, inline }, lineOf);
  addIngress(model, resources, resourceOf, names);
  childAcks(model, resources, resourceOf, inline);
  const childOf = addChildren(model, resources, resourceOf, names, lineOf);
  const importOf = addImports(model, resources, names);
  pathAcks(model, resources);
  return { template: buildTemplate(root), maps, resourceOf, names, childOf, importOf, foreign };
}

/**
 * Members of L2 constructs that stand for what CloudFormation's `Ref` / `GetAtt` give, so a
 * `CfnBucketPolicy(bucket: bucket.bucketName)` or `CfnQueuePolicy(queues: [queue.queueUrl])` names the construct.
 */
const L2_MEMBERS: Record<string, 'Ref' | string> = {
  'aws-s3.Bucket.bucketName': 'Ref',
  'aws-s3.Bucket.bucketArn': 'Arn',
  'aws-sqs.Queue.queueUrl': 'Ref',
  'aws-sqs.Queue.queueArn': 'Arn',
  'aws-sqs.Queue.queueName': 'QueueName',
  'aws-sns.Topic.topicArn': 'Ref',
  'aws-sns.Topic.topicName': 'TopicName',
};

function refIntrinsic(id: string, start: number, end: number): Node {
  return { kind: 'intrinsic', name: 'Ref', arg: scalar(id, start, end), short: false, start, end };
}

function getAtt(id: string, attr: string, start: number, end: number): Node {
  const arg: SeqNode = { kind: 'seq', items: [scalar(id, start, end), scalar(attr, start, end)], flow: true, start, end };
  const n: Node = { kind: 'intrinsic', name: 'Fn::GetAtt', arg, short: false, start, end };
  arg.parent = n;
  arg.items.forEach((i) => (i.parent = arg));
  return n;
}

/** IAM identities whose props (trust, managed policies) are written here; their statements are written by relations.ts. */
const IAM_IDENTITIES = new Set(['aws-iam.User', 'aws-iam.AccessKey', 'aws-iam.Role', 'aws-iam.Group']);

/** Methods that create a child construct whose id is their first argument: findings on it name the child (`Listener`, not the load balancer). */
const CHILD_METHODS = new Set(['addListener']);

function addChildren(
  model: CdkModel,
  resources: MapNode,
  resourceOf: Map<CdkConstruct, string>,
  names: Map<string, string>,
  lineOf: (offset: number) => number,
): Map<CdkMethodCall, string> {
  const out = new Map<CdkMethodCall, string>();
  for (const mc of model.methodCalls) {
    if (!CHILD_METHODS.has(mc.method) || !mc.target) continue;
    const id = mc.args[0] ?? entryOf(mc.kw, 'id')?.value;
    const name = id?.k === 'lit' && typeof id.v === 'string' && id.v ? id.v : `construct at line ${lineOf(mc.start)}`;
    let key = `${resourceOf.get(mc.target) ?? mc.receiver}/${name}`;
    for (let n = 2; names.has(key); n++) key = `${resourceOf.get(mc.target) ?? mc.receiver}/${name} (${n})`;
    const at = { start: mc.start, end: mc.end };
    const res: MapNode = { kind: 'map', pairs: [], flow: true, ...at, parent: resources };
    res.pairs.push({
      key: scalar('Type', at.start, at.end),
      value: { ...scalar(`CDK::${mc.method}`, at.start, at.end), parent: res },
      ...at,
    });
    writeAcks(
      res,
      model.acks.filter((a) => a.stackWide || (a.target !== undefined && a.target === mc.variable)),
      at,
    );
    resources.pairs.push({ key: scalar(key, at.start, at.end), value: res, ...at });
    names.set(key, name);
    out.set(mc, key);
  }
  return out;
}

/** Static imports whose construct a rule reports on: a default parameter group decides whether the database forces TLS. */
const IMPORT_CALLS = new Set(['aws-rds.ParameterGroup.fromParameterGroupName']);

/** Imports (`X.fromY(scope, 'Id', …)`) with a literal id, as `CDK::<fqn>` resources named by that id. */
function addImports(model: CdkModel, resources: MapNode, names: Map<string, string>): Map<CdkCall, string> {
  const out = new Map<CdkCall, string>();
  for (const call of model.calls) {
    if (!IMPORT_CALLS.has(call.fqn)) continue;
    const id = call.args[1] ?? entryOf(call.kw, 'id')?.value;
    if (id?.k !== 'lit' || typeof id.v !== 'string' || !id.v) continue;
    let key = id.v;
    for (let n = 2; names.has(key); n++) key = `${id.v} (${n})`;
    const at = { start: call.start, end: call.calleeEnd };
    const res: MapNode = { kind: 'map', pairs: [], flow: true, ...at, parent: resources };
    res.pairs.push({
      key: scalar('Type', at.start, at.end),
      value: { ...scalar(`CDK::${call.fqn}`, at.start, at.end), parent: res },
      ...at,
    });
    resources.pairs.push({ key: scalar(key, at.start, at.end), value: res, ...at });
    names.set(key, id.v);
    out.set(call, key);
  }
  return out;
}

/** cdk-nag acknowledgements as the `Metadata.cdk_nag.rules_to_suppress` list cdk-nag itself writes (core/suppress.ts reads it). */
function writeAcks(res: MapNode, acks: NagAck[], at: { start: number; end: number }): void {
  if (!acks.length) return;
  const list = ackList(res, at);
  for (const a of acks) {
    const item: MapNode = { kind: 'map', pairs: [], flow: true, start: a.start, end: a.end, parent: list };
    item.pairs.push({ key: scalar('id', a.start, a.end), value: scalar(a.id, a.start, a.end), start: a.start, end: a.end });
    item.pairs.push({ key: scalar('reason', a.start, a.end), value: scalar(a.reason, a.start, a.end), start: a.start, end: a.end });
    list.items.push(item);
  }
}

/** The resource's `Metadata.cdk_nag.rules_to_suppress` list, made on first use (a resource may get acknowledgements twice: its own and by path). */
function ackList(res: MapNode, at: { start: number; end: number }): SeqNode {
  // Only writeAcks writes a CDK resource's Metadata: `cdk_nag` → `rules_to_suppress`, each the first pair.
  const old = res.pairs.find((p) => p.key.value === 'Metadata')?.value;
  const nagged = old?.kind === 'map' ? old.pairs[0]?.value : undefined;
  const seq = nagged?.kind === 'map' ? nagged.pairs[0]?.value : undefined;
  if (seq?.kind === 'seq') return seq;
  const list: SeqNode = { kind: 'seq', items: [], flow: true, ...at };
  const nag: MapNode = {
    kind: 'map',
    pairs: [{ key: scalar('rules_to_suppress', at.start, at.end), value: list, ...at }],
    flow: true,
    ...at,
  };
  list.parent = nag;
  const meta: MapNode = {
    kind: 'map',
    pairs: [{ key: scalar('cdk_nag', at.start, at.end), value: nag, ...at }],
    flow: true,
    ...at,
    parent: res,
  };
  nag.parent = meta;
  res.pairs.push({ key: scalar('Metadata', at.start, at.end), value: meta, ...at });
  return list;
}

/** `addResourceSuppressionsByPath` on the file's stack: the resource at the path, and below it with `applyToChildren`. */
function pathAcks(model: CdkModel, resources: MapNode): void {
  const acks = model.acks.filter((a) => a.path !== undefined);
  if (!acks.length) return;
  for (const p of resources.pairs) {
    const key = String(p.key.value);
    const mine = acks.filter((a) => key === a.path || (a.children && key.startsWith(`${a.path}/`)));
    if (mine.length && p.value?.kind === 'map') writeAcks(p.value, mine, { start: p.start, end: p.end });
  }
}

/**
 * Acknowledgements of a construct also cover the resources it creates (`Fn/ServiceRole/DefaultPolicy`)
 * when given with `applyToChildren`, and always its role's inline policies, which are part of the role's own resource.
 */
function childAcks(model: CdkModel, resources: MapNode, resourceOf: Map<CdkConstruct, string>, inline: Set<string>): void {
  const byKey = new Map<string, NagAck[]>();
  for (const c of model.constructs) {
    const key = resourceOf.get(c);
    const acks = model.acks.filter((a) => !a.stackWide && a.target !== undefined && a.target === c.variable);
    if (key && acks.length) byKey.set(key, acks);
  }
  if (!byKey.size) return;
  for (const p of resources.pairs) {
    const key = String(p.key.value);
    // The owner is the longest construct key before one of the key's slashes (`Fn` of `Fn/ServiceRole/DefaultPolicy`).
    let acks: NagAck[] | undefined;
    for (let i = key.lastIndexOf('/'); i > 0 && !acks; i = key.lastIndexOf('/', i - 1)) acks = byKey.get(key.slice(0, i));
    if (!acks || p.value?.kind !== 'map') continue;
    const mine = inline.has(key) ? acks : acks.filter((a) => a.children);
    writeAcks(p.value, mine, { start: p.start, end: p.end });
  }
}

/** `this.x` and `self.x` name the same binding. */
function sameBinding(name: string): string {
  return name.replace(/^self\./, 'this.');
}

/** Constructs that are template sections rather than resources. */
const SECTIONS: Record<string, string> = { 'core.CfnParameter': 'Parameters', 'core.CfnOutput': 'Outputs' };

/** `new CfnParameter(…)` and `new CfnOutput(…)` as the template's Parameters and Outputs (NoEcho, Default, an output's Value). */
function addSections(
  model: CdkModel,
  root: MapNode,
  convert: (v: CdkValue, scope: PropScope, verbatim: boolean, parent: Node | undefined) => Node,
): void {
  const sections = new Map<string, MapNode>();
  for (const c of model.constructs) {
    const name = SECTIONS[c.call.fqn];
    if (!name) continue;
    let section = sections.get(name);
    if (!section) {
      section = { kind: 'map', pairs: [], flow: true, start: 0, end: 0, parent: root };
      sections.set(name, section);
      root.pairs.push({ key: scalar(name, 0, 0), value: section, start: 0, end: 0 });
    }
    const at = { start: c.call.start, end: c.call.calleeEnd };
    const props = c.props && (c.props.k === 'obj' || (c.props.k === 'call' && c.props.kw)) ? c.props : undefined;
    const entry = props
      ? convert(props, propsScope(`CDK::${name}`), false, section)
      : ({ kind: 'map', pairs: [], flow: true, ...at, parent: section, open: c.props !== undefined || undefined } as MapNode);
    section.pairs.push({ key: scalar(c.logicalId, at.start, at.end), value: entry, ...at });
  }
}

function pairOfNodes(key: string, value: Node, start: number, end: number): PairNode {
  return { key: scalar(key, start, end), value, start, end };
}

/** Role, User and Group props the IAM rules read: trust (`assumedBy`) and managed policies (props and `addManagedPolicy`). */
function iamProps(model: CdkModel, c: CdkConstruct): MapNode | undefined {
  const at = { start: c.call.start, end: c.call.calleeEnd };
  const props = asObject(c.props);
  const map: MapNode = { kind: 'map', pairs: [], flow: true, ...at, open: props?.open || c.props?.k === 'unknown' || undefined };
  const arns: Node[] = [];
  const mp = entryOf(props, 'managedPolicies');
  let arnsOpen = false;
  if (mp?.value.k === 'arr') arns.push(...mp.value.items.map(managedArn));
  else if (mp) arnsOpen = true;
  for (const mc of model.methodCalls) {
    if (mc.target === c && mc.method === 'addManagedPolicy' && mc.args[0]) arns.push(managedArn(mc.args[0]));
  }
  if (arns.length) {
    const seq: Node = {
      kind: 'seq',
      items: arns,
      flow: true,
      start: mp?.value.start ?? at.start,
      end: mp?.value.end ?? at.end,
      parent: map,
    };
    arns.forEach((n) => {
      n.parent = seq;
    });
    map.pairs.push(pairOfNodes('ManagedPolicyArns', seq, mp?.start ?? at.start, mp?.end ?? at.end));
  } else if (arnsOpen && mp) {
    map.pairs.push(pairOfNodes('ManagedPolicyArns', unknownNode(mp.value.start, mp.value.end), mp.start, mp.end));
  }
  const assumed = entryOf(props, 'assumedBy');
  if (c.call.fqn === 'aws-iam.Role' && assumed) {
    const v = assumed.value;
    const stmt: MapNode = { kind: 'map', pairs: [], flow: true, start: v.start, end: v.end };
    const add = (k: string, n: Node): void => {
      n.parent = stmt;
      stmt.pairs.push(pairOfNodes(k, n, v.start, v.end));
    };
    add('Effect', scalarAt('Allow', v.start, v.end));
    add('Principal', principalNode(v));
    add('Action', scalarAt('sts:AssumeRole', v.start, v.end));
    const doc = documentNode([stmt], v.start, v.end);
    doc.parent = map;
    map.pairs.push(pairOfNodes('AssumeRolePolicyDocument', doc, assumed.start, assumed.end));
  }
  return map;
}

// ── security-group ingress: `sg.addIngressRule(peer, port)`, `x.connections.allowFrom(peer, port)` ─────

/** Well-known ports CDK names as `ec2.Port.SSH`, … (aws-cdk-lib 2.x `Port` static properties). */
const NAMED_PORTS: Record<string, [string, number]> = {
  SSH: ['tcp', 22],
  SMTP: ['tcp', 25],
  DNS_TCP: ['tcp', 53],
  DNS_UDP: ['udp', 53],
  HTTP: ['tcp', 80],
  POP3: ['tcp', 110],
  IMAP: ['tcp', 143],
  LDAP: ['tcp', 389],
  HTTPS: ['tcp', 443],
  SMB: ['tcp', 445],
  IMAPS: ['tcp', 993],
  POP3S: ['tcp', 995],
  MSSQL: ['tcp', 1433],
  NFS: ['tcp', 2049],
  MYSQL_AURORA: ['tcp', 3306],
  RDP: ['tcp', 3389],
  POSTGRES: ['tcp', 5432],
};

function argOf(mc: { args: CdkValue[]; kw?: CdkObject }, i: number, key: string): CdkValue | undefined {
  return mc.args[i] ?? entryOf(mc.kw, key)?.value;
}

function litOf(v: CdkValue | undefined): string | number | undefined {
  return v?.k === 'lit' && (typeof v.v === 'string' || typeof v.v === 'number') ? v.v : undefined;
}

/** `ec2.Peer.anyIpv4()` → `CidrIp: 0.0.0.0/0`, `Peer.ipv4('…')` → that CIDR; other peers (security groups, prefix lists) are not addresses. */
function cidrOf(peer: CdkValue | undefined): { key: 'CidrIp' | 'CidrIpv6'; value: string } | undefined {
  if (peer?.k !== 'call') return undefined;
  const lit = litOf(argOf(peer, 0, 'cidrIp'));
  switch (peer.fqn) {
    case 'aws-ec2.Peer.anyIpv4':
      return { key: 'CidrIp', value: '0.0.0.0/0' };
    case 'aws-ec2.Peer.anyIpv6':
      return { key: 'CidrIpv6', value: '::/0' };
    case 'aws-ec2.Peer.ipv4':
      return typeof lit === 'string' ? { key: 'CidrIp', value: lit } : undefined;
    case 'aws-ec2.Peer.ipv6':
      return typeof lit === 'string' ? { key: 'CidrIpv6', value: lit } : undefined;
    default:
      return undefined;
  }
}

/** `ec2.Port.tcp(22)`, `Port.tcpRange(a, b)`, `Port.allTraffic()`, `Port.SSH`, `new ec2.Port({ protocol, fromPort, toPort })`. */
function portOf(port: CdkValue | undefined): { proto: string; from: number; to: number } | undefined {
  if (port?.k === 'ref') {
    const m = /^aws-ec2\.Port\.([A-Z0-9_]+)$/.exec(port.path);
    const named = m ? NAMED_PORTS[m[1]] : undefined;
    return named ? { proto: named[0], from: named[1], to: named[1] } : undefined;
  }
  if (port?.k !== 'call') return undefined;
  const num = (i: number, key: string): number | undefined => {
    const v = litOf(argOf(port, i, key));
    return typeof v === 'number' ? v : undefined;
  };
  const one = (proto: string): { proto: string; from: number; to: number } | undefined => {
    const p = num(0, 'port');
    return p === undefined ? undefined : { proto, from: p, to: p };
  };
  const range = (proto: string): { proto: string; from: number; to: number } | undefined => {
    const a = num(0, 'startPort');
    const b = num(1, 'endPort');
    return a === undefined || b === undefined ? undefined : { proto, from: a, to: b };
  };
  switch (port.fqn) {
    case 'aws-ec2.Port.tcp':
      return one('tcp');
    case 'aws-ec2.Port.udp':
      return one('udp');
    case 'aws-ec2.Port.tcpRange':
      return range('tcp');
    case 'aws-ec2.Port.udpRange':
      return range('udp');
    case 'aws-ec2.Port.allTcp':
      return { proto: 'tcp', from: 0, to: 65535 };
    case 'aws-ec2.Port.allUdp':
      return { proto: 'udp', from: 0, to: 65535 };
    case 'aws-ec2.Port.allTraffic':
      return { proto: '-1', from: -1, to: -1 };
    case 'aws-ec2.Port': {
      const props = port.kw && port.args.length === 0 ? port.kw : asObject(port.args[0]);
      const proto = entryOf(props, 'protocol')?.value;
      const p =
        proto?.k === 'ref'
          ? ({ 'aws-ec2.Protocol.TCP': 'tcp', 'aws-ec2.Protocol.UDP': 'udp', 'aws-ec2.Protocol.ALL': '-1' } as Record<string, string>)[
              proto.path
            ]
          : undefined;
      const from = litOf(entryOf(props, 'fromPort')?.value);
      const to = litOf(entryOf(props, 'toPort')?.value);
      if (p === '-1') return { proto: p, from: -1, to: -1 };
      return p && typeof from === 'number' && typeof to === 'number' ? { proto: p, from, to } : undefined;
    }
    default:
      return undefined;
  }
}

/**
 * Ingress rules added in code become `AWS::EC2::SecurityGroupIngress` resources (only those whose peer
 * is an address range and whose port range the file writes), so the CloudFormation security-group
 * rules read CDK source too. The CIDR node spans the peer argument, where a finding points.
 */
function addIngress(model: CdkModel, resources: MapNode, resourceOf: Map<CdkConstruct, string>, names: Map<string, string>): void {
  const byVar = new Map<string, CdkConstruct>();
  for (const c of model.constructs) if (c.variable) byVar.set(bindingKey(c.variable), c);
  const count = new Map<string, number>();
  for (const mc of model.methodCalls) {
    let peer: CdkValue | undefined;
    let port: CdkValue | undefined;
    if (mc.method === 'addIngressRule') {
      peer = argOf(mc, 0, 'peer');
      port = argOf(mc, 1, 'connection');
    } else if (mc.method === 'allowFrom' && mc.receiver.endsWith('.connections')) {
      peer = argOf(mc, 0, 'other');
      port = argOf(mc, 1, 'portRange');
    } else if (mc.method === 'allowFromAnyIpv4' && mc.receiver.endsWith('.connections')) {
      port = argOf(mc, 0, 'portRange');
      peer = {
        k: 'call',
        fqn: 'aws-ec2.Peer.anyIpv4',
        isNew: false,
        args: [],
        start: mc.start,
        end: mc.end,
        calleeEnd: mc.end,
        closeParen: mc.end,
        complete: true,
      };
    } else continue;
    const cidr = cidrOf(peer);
    const range = portOf(port);
    if (!cidr || !range || !peer || !port) continue;
    const at = { start: mc.start, end: mc.end };
    const res: MapNode = { kind: 'map', pairs: [], flow: true, ...at, parent: resources };
    const props: MapNode = { kind: 'map', pairs: [], flow: true, ...at, parent: res };
    const put = (key: string, value: Node, span: { start: number; end: number }): void => {
      value.parent = props;
      props.pairs.push(pairOfNodes(key, value, span.start, span.end));
    };
    res.pairs.push(pairOfNodes('Type', { ...scalar('AWS::EC2::SecurityGroupIngress', at.start, at.end), parent: res }, at.start, at.end));
    res.pairs.push(pairOfNodes('Properties', props, at.start, at.end));
    put('IpProtocol', scalar(range.proto, port.start, port.end), port);
    put('FromPort', scalar(range.from, port.start, port.end), port);
    put('ToPort', scalar(range.to, port.start, port.end), port);
    put(cidr.key, scalar(cidr.value, peer.start, peer.end), peer);
    // The security group, or the construct whose connections are opened (`bastion.connections`): findings name it.
    const receiver = mc.receiver.replace(/\.connections$/, '');
    const group = mc.target ?? byVar.get(bindingKey(receiver));
    const groupId = group ? resourceOf.get(group) : undefined;
    if (groupId) put('GroupId', { kind: 'intrinsic', name: 'Ref', arg: scalar(groupId, at.start, at.end), short: false, ...at }, at);
    const base = groupId ?? receiver;
    const n = (count.get(base) ?? 0) + 1;
    count.set(base, n);
    const key = `${base}/Ingress${n}`;
    names.set(key, group?.name ?? receiver);
    resources.pairs.push({ key: scalar(key, at.start, at.end), value: res, ...at });
  }
}
