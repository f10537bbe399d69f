import { MapNode, Node, PairNode, ScalarNode, SeqNode } from '../nodes';
import { buildTemplate, Template } from '../template';
import { CdkCall, CdkConstruct, CdkModel, CdkObject, CdkValue, asObject, entryOf } from './model';
import { cfnPropName, cfnTypeOf } from './names';
import { documentNode, principalNode, scalarAt, statementNode, unknownNode } from './policy';
import { L2_AS_CFN, RESOURCE_POLICY_OF } from './table';

/**
 * L1 constructs (`new s3.CfnBucket(…)`) normalised into the CloudFormation shape, so the
 * CloudFormation rules run on them unchanged. The nodes carry the TypeScript/Python offsets.
 * Every other construct is listed too, as a `CDK::<fqn>` resource without properties, so findings
 * and cdk-nag acknowledgements can name it.
 */

/** What a neutral map stands for in the source, for the fix writer. */
export type MapSource =
  | { kind: 'resource'; construct: CdkConstruct }
  | { kind: 'object'; obj: CdkObject; verbatim: boolean };

export interface CdkTemplate {
  template: Template;
  maps: WeakMap<MapNode, MapSource>;
  /** Construct → its resource's logical id. */
  resourceOf: Map<CdkConstruct, string>;
}

/** Below these CloudFormation properties, keys are data (policy documents, variables, tags as maps): kept as written. */
const VERBATIM = new Set([
  'PolicyDocument', 'AssumeRolePolicyDocument', 'KeyPolicy', 'PolicyText', 'RepositoryPolicyText', 'FileSystemPolicy',
  'ResourcePolicy', 'Variables', 'Parameters', 'Definition', 'DefinitionSubstitutions', 'AccessPolicies', 'Policy', 'Content',
]);

/** Name of the intrinsic that stands for a CDK expression the file alone does not decide: rules read it as unknown. */
export const CDK_EXPRESSION = 'Fn::CdkExpression';

function scalar(value: string | number | boolean | null, start: number, end: number): ScalarNode {
  return { kind: 'scalar', value, style: 'single', start, end };
}

/** Builds the CloudFormation-shaped template of a model. */
export function buildCdkTemplate(model: CdkModel): CdkTemplate {
  const maps = new WeakMap<MapNode, MapSource>();
  const resourceOf = new Map<CdkConstruct, string>();
  const resources: MapNode = { kind: 'map', pairs: [], flow: true, start: 0, end: 0 };
  const root: MapNode = { kind: 'map', pairs: [], flow: true, start: 0, end: 0 };
  root.pairs.push({ key: scalar('Resources', 0, 0), value: resources, start: 0, end: 0 });
  resources.parent = root;

  const convert = (v: CdkValue, mod: string, verbatim: boolean, parent: Node | undefined): Node => {
    let n: Node;
    switch (v.k) {
      case 'lit':
        n = scalar(v.v, v.start, v.end);
        break;
      case 'arr': {
        const seq: SeqNode = { kind: 'seq', items: [], flow: true, start: v.start, end: v.end };
        seq.items = v.items.map((i) => convert(i, mod, verbatim, seq));
        n = seq;
        break;
      }
      case 'obj': {
        const map: MapNode = { kind: 'map', pairs: [], flow: true, start: v.start, end: v.end, open: v.open || undefined };
        maps.set(map, { kind: 'object', obj: v, verbatim });
        for (const e of v.entries) {
          const name = verbatim ? e.key : cfnPropName(e.key, mod);
          const value = convert(e.value, mod, verbatim || VERBATIM.has(name), map);
          const pair: PairNode = { key: scalar(name, e.keyStart, e.keyEnd), value, start: e.start, end: e.end };
          map.pairs.push(pair);
        }
        n = map;
        break;
      }
      case 'call':
        // A struct class with keyword arguments (Python `ec2.CfnInstance.MetadataOptionsProperty(http_tokens=…)`) is an object.
        if (v.kw && v.args.length === 0 && /\.Cfn[A-Za-z0-9]+\.[A-Za-z0-9]+Property$/.test(v.fqn)) return convert(v.kw, mod, verbatim, parent);
        n = { kind: 'intrinsic', name: CDK_EXPRESSION, arg: undefined, short: false, start: v.start, end: v.end };
        break;
      default:
        n = { kind: 'intrinsic', name: CDK_EXPRESSION, arg: undefined, short: false, start: v.start, end: v.end };
        break;
    }
    n.parent = parent;
    return n;
  };

  for (const c of model.constructs) {
    const fqn = c.call.fqn;
    const mod = fqn.slice(0, fqn.indexOf('.'));
    const cfnType = cfnTypeOf(fqn);
    const at = { start: c.call.start, end: c.call.calleeEnd };
    const res: MapNode = { kind: 'map', pairs: [], flow: true, ...at, parent: resources };
    maps.set(res, { kind: 'resource', construct: c });
    res.pairs.push({ key: scalar('Type', at.start, at.end), value: { ...scalar(cfnType ?? L2_AS_CFN[fqn] ?? `CDK::${fqn}`, at.start, at.end), parent: res }, ...at });
    if (!cfnType && L2_AS_CFN[fqn]) {
      const props = iamProps(model, c);
      if (props) {
        props.parent = res;
        res.pairs.push({ key: scalar('Properties', at.start, at.end), value: props, ...at });
      }
    }
    if (cfnType && c.props) {
      const props = c.props.k === 'obj' || (c.props.k === 'call' && c.props.kw) ? convert(c.props, mod, false, res) : convert({ k: 'unknown', start: c.props.start, end: c.props.end }, mod, false, res);
      res.pairs.push({ key: scalar('Properties', c.props.start, c.props.end), value: props, start: c.props.start, end: c.props.end });
    }
    const acks = model.acks.filter((a) => a.stackWide || (a.target !== undefined && a.target === c.variable));
    if (acks.length) {
      const list: SeqNode = { kind: 'seq', items: [], flow: true, ...at };
      for (const a of acks) {
        const item: MapNode = { kind: 'map', pairs: [], flow: true, start: a.start, end: a.end, parent: list };
        item.pairs.push({ key: scalar('id', a.start, a.end), value: scalar(a.id, a.start, a.end), start: a.start, end: a.end });
        item.pairs.push({ key: scalar('reason', a.start, a.end), value: scalar(a.reason, a.start, a.end), start: a.start, end: a.end });
        list.items.push(item);
      }
      const inner: MapNode = { kind: 'map', pairs: [{ key: scalar('rules_to_suppress', at.start, at.end), value: list, ...at }], flow: true, ...at };
      const meta: MapNode = { kind: 'map', pairs: [{ key: scalar('cdk_nag', at.start, at.end), value: inner, ...at }], flow: true, ...at, parent: res };
      res.pairs.push({ key: scalar('Metadata', at.start, at.end), value: meta, ...at });
    }
    resources.pairs.push({ key: scalar(c.logicalId, at.start, at.end), value: res, ...at });
    resourceOf.set(c, c.logicalId);
  }
  addPolicies(model, resources, resourceOf);
  return { template: buildTemplate(root), maps, resourceOf };
}

function pairOfNodes(key: string, value: Node, start: number, end: number): PairNode {
  return { key: scalar(key, start, end), value, start, end };
}

/** `iam.ManagedPolicy.fromAwsManagedPolicyName('X')` → its ARN; `fromManagedPolicyArn(…, 'arn')` → the ARN; else unknown. */
function managedArn(v: CdkValue): Node {
  if (v.k === 'call') {
    const lit = (i: number): string | undefined => {
      const a = v.args[i];
      return a?.k === 'lit' && typeof a.v === 'string' ? a.v : undefined;
    };
    if (v.fqn === 'aws-iam.ManagedPolicy.fromAwsManagedPolicyName' && lit(0)) return scalarAt(`arn:aws:iam::aws:policy/${lit(0)}`, v.start, v.end);
    if (v.fqn === 'aws-iam.ManagedPolicy.fromManagedPolicyArn' && lit(2)) return scalarAt(lit(2)!, v.start, v.end);
  }
  return unknownNode(v.start, v.end);
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
    const seq: Node = { kind: 'seq', items: arns, flow: true, start: mp?.value.start ?? at.start, end: mp?.value.end ?? at.end, parent: map };
    arns.forEach((n) => { n.parent = seq; });
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

/**
 * Every `new iam.PolicyStatement(…)`, as a policy resource: a resource policy when added with
 * `x.addToResourcePolicy` to a bucket, queue or topic; an identity policy attached to the role,
 * user or group of `x.addToPolicy` / `addToPrincipalPolicy`; else a standalone identity policy.
 */
function addPolicies(model: CdkModel, resources: MapNode, resourceOf: Map<CdkConstruct, string>): void {
  const groups = new Map<string, { type: string; target?: CdkConstruct; targetKey?: string; list?: boolean; stmts: MapNode[]; first: CdkCall }>();
  // Statements passed straight to a policy method, by their offset.
  const consumer = new Map<number, (typeof model.methodCalls)[number]>();
  for (const m of model.methodCalls) {
    if (!m.target || !['addToResourcePolicy', 'addToPolicy', 'addToPrincipalPolicy'].includes(m.method)) continue;
    for (const a of m.args) consumer.set(a.start, m);
  }
  for (const call of model.calls) {
    if (call.fqn !== 'aws-iam.PolicyStatement' || !call.isNew) continue;
    const props = model.lang === 'py' ? call.kw : asObject(call.args[0]);
    const stmt = statementNode(call, props);
    const mc = consumer.get(call.start);
    let key = 'standalone';
    let g: { type: string; target?: CdkConstruct; targetKey?: string; list?: boolean } = { type: 'AWS::IAM::Policy' };
    if (mc?.target) {
      const rp = RESOURCE_POLICY_OF[mc.target.call.fqn];
      if (mc.method === 'addToResourcePolicy' && rp) {
        key = `rp:${mc.target.logicalId}`;
        g = { type: rp.type, target: mc.target, targetKey: rp.target, list: rp.list };
      } else if (mc.method !== 'addToResourcePolicy' && L2_AS_CFN[mc.target.call.fqn]) {
        const kind = mc.target.call.fqn.slice('aws-iam.'.length);
        key = `id:${mc.target.logicalId}`;
        g = { type: 'AWS::IAM::Policy', target: mc.target, targetKey: `${kind}s`, list: true };
      }
    }
    const entry = groups.get(key) ?? { ...g, stmts: [], first: call };
    entry.stmts.push(stmt);
    groups.set(key, entry);
  }
  let n = 0;
  for (const [, g] of groups) {
    n++;
    const at = { start: g.first.start, end: g.first.calleeEnd };
    const res: MapNode = { kind: 'map', pairs: [], flow: true, ...at, parent: resources };
    const props: MapNode = { kind: 'map', pairs: [], flow: true, ...at, parent: res };
    res.pairs.push(pairOfNodes('Type', { ...scalar(g.type, at.start, at.end), parent: res }, at.start, at.end));
    res.pairs.push(pairOfNodes('Properties', props, at.start, at.end));
    const doc = documentNode(g.stmts, g.stmts[0].start, g.stmts[g.stmts.length - 1].end);
    doc.parent = props;
    props.pairs.push(pairOfNodes('PolicyDocument', doc, at.start, at.end));
    if (g.type === 'AWS::IAM::Policy') props.pairs.push(pairOfNodes('PolicyName', { ...scalar(`CdkPolicy${n}`, at.start, at.end), parent: props }, at.start, at.end));
    const targetId = g.target ? resourceOf.get(g.target) : undefined;
    if (g.targetKey && targetId) {
      const ref: Node = { kind: 'intrinsic', name: 'Ref', arg: scalar(targetId, at.start, at.end), short: false, ...at };
      const value: Node = g.list ? { kind: 'seq', items: [ref], flow: true, ...at, parent: props } : ref;
      ref.parent = g.list ? value : props;
      props.pairs.push(pairOfNodes(g.targetKey, value, at.start, at.end));
    }
    resources.pairs.push({ key: scalar(`CdkPolicy${n}`, at.start, at.end), value: res, ...at });
  }
}
