/**
 * One policy model for every syntax: standalone policy JSON/YAML, and the policies inside
 * CloudFormation templates, including the template a CDK analyzer builds from the constructs.
 *
 * Every element keeps its source node, so a rule reports the exact `Action` item or `Principal`
 * it objects to. Intrinsics are unknowns: `value` stays undefined (with the `Fn::Sub`/`Fn::Join`
 * text in `text` for the few rules that can read a pattern like `arn:aws:iam::${AWS::AccountId}:root`).
 */
import { ParsedDocument } from '../document';
import { asList, get, isIntrinsic, isMap, isScalar, isSeq, MapNode, Node, PairNode, pairOf, ScalarNode, stringValue } from '../nodes';
import { Resource, Template } from '../template';
import { choicesAtDefaults, noteChoiceRead, withChoiceReads } from '../choices';
import { ifBranches, referencedId } from '../values';
import { parseEmbeddedPolicy } from './embedded';

/** Where a policy applies, which decides what its elements may hold. */
export type PolicyKind = 'identity' | 'resource' | 'trust' | 'scp' | 'rcp';

/** Something wrong with the shape of a policy (wrong type, unknown key): the grammar rule reports these. */
export interface ModelProblem {
  node: Node | PairNode;
  message: string;
}

/** One entry of an `Action`, `Resource`, principal or condition-value list. */
export interface PolicyItem {
  node: Node;
  /** The string, when it is a literal string; undefined for intrinsics and wrong types. */
  value: string | undefined;
  /** `Fn::Sub` / `Fn::Join` rendered with `${Name}` for what they reference; only for intrinsics. */
  text?: string;
  /** True for an intrinsic (or other value) the analysis cannot know. */
  unknown: boolean;
}

/** `Action`, `NotAction`, `Resource`, `NotResource`. */
export interface Element {
  key: ScalarNode;
  node: Node;
  items: PolicyItem[];
  /** True when the whole value is an intrinsic (a `!Ref` to a list parameter, an `!If` …). */
  unknown: boolean;
}

export interface PrincipalItem extends PolicyItem {
  /** `AWS`, `Service`, `Federated`, `CanonicalUser`; `*` for the bare `"*"` form. */
  type: string;
}

/** `Principal` or `NotPrincipal`. */
export interface PrincipalElement {
  key: ScalarNode;
  node: Node;
  items: PrincipalItem[];
  unknown: boolean;
}

export interface ConditionEntry {
  /** `StringEquals`, `ForAnyValue:StringLike`, `BoolIfExists`, … as written. */
  operator: string;
  operatorNode: ScalarNode;
  /** The operator's mapping, where a fix adds a key. */
  operatorMap: MapNode | undefined;
  key: string;
  keyNode: ScalarNode;
  valueNode: Node | undefined;
  values: PolicyItem[];
}

export interface ConditionBlock {
  key: ScalarNode;
  node: Node;
  map: MapNode | undefined;
  entries: ConditionEntry[];
  unknown: boolean;
}

/** A synthetic condition: a property that narrows like a condition key (Lambda's `SourceArn`). */
export interface Narrowing {
  key: string;
  node: Node;
}

export interface Statement {
  doc: PolicyDocument;
  /** The statement's node: its mapping, or for `AWS::Lambda::Permission` the resource's `Properties`. */
  node: Node;
  map: MapNode | undefined;
  sid: string | undefined;
  effect: 'Allow' | 'Deny' | undefined;
  effectNode: Node | undefined;
  action?: Element;
  notAction?: Element;
  resource?: Element;
  notResource?: Element;
  principal?: PrincipalElement;
  notPrincipal?: PrincipalElement;
  condition?: ConditionBlock;
  /** Narrowing properties outside `Condition` (Lambda permissions). */
  narrowing: Narrowing[];
  /** Keys IAM does not know, e.g. `Actions`. */
  unknownKeys: PairNode[];
  problems: ModelProblem[];
  /** Set for a statement built from a resource's own properties rather than a policy document. */
  synthetic?: 'lambda-permission';
}

export type PolicySource = 'standalone' | 'cfn' | 'cdk';

export interface PolicyDocument {
  kind: PolicyKind;
  source: PolicySource;
  /** The document's node (a mapping when well formed). */
  node: Node;
  map: MapNode | undefined;
  version: string | undefined;
  versionNode: Node | undefined;
  statementKey: ScalarNode | undefined;
  statementNode: Node | undefined;
  statements: Statement[];
  /** The CloudFormation resource that holds it. */
  resource?: Resource;
  /** Where it sits, for messages: `inline policy S3Access of role AppRole`. */
  where: string;
  /** Logical ids of the roles, users and groups an identity policy applies to. */
  attachedTo: string[];
  problems: ModelProblem[];
}

/** A role, user, group or SAM function: whoever holds the permissions of several policies at once. */
export interface PolicyPrincipal {
  resource: Resource;
  kind: 'role' | 'user' | 'group' | 'function';
  /** Identity policies that apply: inline, attached `AWS::IAM::Policy`/`ManagedPolicy`, and (users) their groups'. */
  policies: PolicyDocument[];
  trust: PolicyDocument | undefined;
  /** `ManagedPolicyArns` (and SAM managed policy names). */
  managed: PolicyItem[];
  /** For users: the logical ids of the groups they are in. */
  groups: string[];
}

export interface PolicyModel {
  documents: PolicyDocument[];
  principals: PolicyPrincipal[];
}

const STATEMENT_KEYS = new Set([
  'Sid',
  'Effect',
  'Action',
  'NotAction',
  'Resource',
  'NotResource',
  'Principal',
  'NotPrincipal',
  'Condition',
]);
const DOCUMENT_KEYS = new Set(['Version', 'Id', 'Statement']);
const MAX_DEPTH = 8;

/** `Fn::Sub` / `Fn::Join` text with `${X}` where it references X; undefined for anything else. */
export function intrinsicText(n: Node | undefined, depth = 0): string | undefined {
  if (!n || depth > MAX_DEPTH) return undefined;
  if (isScalar(n)) return n.value === null ? undefined : String(n.value);
  if (isIntrinsic(n, 'Fn::Sub')) return isSeq(n.arg) ? stringValue(n.arg.items[0]) : stringValue(n.arg);
  if (isIntrinsic(n, 'Ref')) {
    const t = stringValue(n.arg);
    return t ? `\${${t}}` : undefined;
  }
  if (isIntrinsic(n, 'Fn::GetAtt')) {
    const parts = isSeq(n.arg) ? n.arg.items.map(stringValue) : [stringValue(n.arg)];
    return parts.every((p) => p !== undefined) ? `\${${parts.join('.')}}` : undefined;
  }
  if (isIntrinsic(n, 'Fn::Join') && isSeq(n.arg) && n.arg.items.length === 2) {
    const sep = stringValue(n.arg.items[0]);
    const list = n.arg.items[1];
    if (sep === undefined || !isSeq(list)) return undefined;
    const parts = list.items.map((i) => intrinsicText(i, depth + 1));
    return parts.every((p) => p !== undefined) ? parts.join(sep) : undefined;
  }
  return undefined;
}

function item(n: Node): PolicyItem {
  if (isScalar(n) && typeof n.value === 'string') return { node: n, value: n.value, unknown: false };
  if (n.kind === 'intrinsic') return { node: n, value: undefined, text: intrinsicText(n), unknown: true };
  return { node: n, value: undefined, unknown: false };
}

/** The statements a `Statement` value holds: a list, one mapping, and both branches of each `Fn::If`. */
function statementNodes(n: Node | undefined, depth = 0): Node[] {
  if (!n || depth > MAX_DEPTH) return [];
  if (isIntrinsic(n, 'Fn::If')) return (ifBranches(n) ?? []).flatMap((b) => statementNodes(b, depth + 1));
  if (isIntrinsic(n, 'Ref') && stringValue(n.arg) === 'AWS::NoValue') return [];
  if (isSeq(n))
    return n.items.flatMap((i) =>
      isIntrinsic(i, 'Fn::If') ? statementNodes(i, depth + 1) : isIntrinsic(i, 'Ref') && stringValue(i.arg) === 'AWS::NoValue' ? [] : [i],
    );
  return [n];
}

function element(pair: PairNode | undefined, problems: ModelProblem[]): Element | undefined {
  if (!pair) return undefined;
  const node = pair.value;
  if (!node) {
    problems.push({ node: pair, message: `${String(pair.key.value)} has no value.` });
    return { key: pair.key, node: pair.key, items: [], unknown: false };
  }
  if (node.kind === 'intrinsic' && !isIntrinsic(node, 'Fn::Sub') && !isIntrinsic(node, 'Fn::Join') && !isIntrinsic(node, 'Fn::GetAtt')) {
    return { key: pair.key, node, items: [], unknown: true };
  }
  const items: PolicyItem[] = [];
  for (const i of isSeq(node) ? node.items : [node]) {
    if (isIntrinsic(i, 'Fn::If')) {
      for (const b of ifBranches(i) ?? [])
        if (!(isIntrinsic(b, 'Ref') && stringValue(b.arg) === 'AWS::NoValue')) items.push(...asList(b).map(item));
      continue;
    }
    const it = item(i);
    if (!it.unknown && it.value === undefined) {
      problems.push({ node: i, message: `${String(pair.key.value)} must hold strings; found ${describe(i)}.` });
    }
    items.push(it);
  }
  if (isSeq(node) && node.items.length === 0) problems.push({ node, message: `${String(pair.key.value)} is an empty list.` });
  return { key: pair.key, node, items, unknown: false };
}

function describe(n: Node): string {
  if (isScalar(n)) return n.value === null ? 'an empty value' : `the ${typeof n.value} ${JSON.stringify(n.value)}`;
  return n.kind === 'map' ? 'a mapping' : n.kind === 'seq' ? 'a list' : 'an intrinsic function';
}

const PRINCIPAL_TYPES = new Set(['AWS', 'Service', 'Federated', 'CanonicalUser']);

function principalElement(pair: PairNode | undefined, problems: ModelProblem[]): PrincipalElement | undefined {
  if (!pair) return undefined;
  const node = pair.value;
  const name = String(pair.key.value);
  if (!node) {
    problems.push({ node: pair, message: `${name} has no value.` });
    return { key: pair.key, node: pair.key, items: [], unknown: false };
  }
  if (isScalar(node)) {
    if (node.value !== '*')
      problems.push({ node, message: `${name} must be "*" or a mapping such as { AWS: [...] }; found ${describe(node)}.` });
    return { key: pair.key, node, items: node.value === '*' ? [{ ...item(node), type: '*' }] : [], unknown: false };
  }
  if (!isMap(node)) {
    if (node.kind === 'intrinsic') return { key: pair.key, node, items: [], unknown: true };
    problems.push({ node, message: `${name} must be "*" or a mapping such as { AWS: [...] }; found ${describe(node)}.` });
    return { key: pair.key, node, items: [], unknown: false };
  }
  const items: PrincipalItem[] = [];
  for (const p of node.pairs) {
    const type = String(p.key.value);
    if (!PRINCIPAL_TYPES.has(type))
      problems.push({ node: p.key, message: `Unknown principal type ${type}: use AWS, Service, Federated or CanonicalUser.` });
    const el = element(p, problems);
    if (el?.unknown) items.push({ node: el.node, value: undefined, unknown: true, type });
    else for (const i of el?.items ?? []) items.push({ ...i, type });
  }
  return { key: pair.key, node, items, unknown: false };
}

function conditionBlock(pair: PairNode | undefined, problems: ModelProblem[]): ConditionBlock | undefined {
  if (!pair) return undefined;
  const node = pair.value;
  if (!node) {
    problems.push({ node: pair, message: 'Condition has no value.' });
    return { key: pair.key, node: pair.key, map: undefined, entries: [], unknown: false };
  }
  if (!isMap(node)) {
    if (node.kind !== 'intrinsic') problems.push({ node, message: `Condition must be a mapping of operators; found ${describe(node)}.` });
    return { key: pair.key, node, map: undefined, entries: [], unknown: node.kind === 'intrinsic' };
  }
  const entries: ConditionEntry[] = [];
  // `StringEquals: !If [...]` (CDK: `Fn.conditionIf`): the keys are chosen at deploy time, so the block is unknown.
  let unknown = false;
  for (const op of node.pairs) {
    const opMap = op.value;
    if (!isMap(opMap)) {
      if (opMap?.kind !== 'intrinsic')
        problems.push({ node: op.value ?? op, message: `Condition operator ${String(op.key.value)} must map condition keys to values.` });
      else unknown = true;
      continue;
    }
    for (const k of opMap.pairs) {
      const values = k.value
        ? (isSeq(k.value) ? k.value.items : [k.value]).map((v) =>
            isScalar(v) && v.value !== null ? { node: v, value: String(v.value), unknown: false } : item(v),
          )
        : [];
      entries.push({
        operator: String(op.key.value),
        operatorNode: op.key,
        operatorMap: opMap,
        key: String(k.key.value),
        keyNode: k.key,
        valueNode: k.value,
        values,
      });
    }
  }
  return { key: pair.key, node, map: node, entries, unknown };
}

/** Builds one statement from a mapping (or reports why it is not one). Exported for the CDK analyzers. */
export function statementFromNode(node: Node, doc: PolicyDocument): Statement {
  const problems: ModelProblem[] = [];
  const st: Statement = {
    doc,
    node,
    map: isMap(node) ? node : undefined,
    sid: undefined,
    effect: undefined,
    effectNode: undefined,
    narrowing: [],
    unknownKeys: [],
    problems,
  };
  if (!isMap(node)) {
    if (node.kind !== 'intrinsic') problems.push({ node, message: `A statement must be a mapping; found ${describe(node)}.` });
    return st;
  }
  st.sid = stringValue(get(node, 'Sid'));
  const effect = pairOf(node, 'Effect');
  st.effectNode = effect?.value;
  const ev = stringValue(effect?.value);
  if (ev === 'Allow' || ev === 'Deny') st.effect = ev;
  else if (effect?.value?.kind !== 'intrinsic')
    problems.push({
      node: effect?.value ?? effect ?? node,
      message: effect
        ? `Effect must be "Allow" or "Deny"; found ${effect.value ? describe(effect.value) : 'nothing'}.`
        : 'The statement has no Effect.',
    });
  st.action = element(pairOf(node, 'Action'), problems);
  st.notAction = element(pairOf(node, 'NotAction'), problems);
  st.resource = element(pairOf(node, 'Resource'), problems);
  st.notResource = element(pairOf(node, 'NotResource'), problems);
  st.principal = principalElement(pairOf(node, 'Principal'), problems);
  st.notPrincipal = principalElement(pairOf(node, 'NotPrincipal'), problems);
  st.condition = conditionBlock(pairOf(node, 'Condition'), problems);
  for (const p of node.pairs) if (!STATEMENT_KEYS.has(String(p.key.value))) st.unknownKeys.push(p);
  return st;
}

/** Options for `policyFromNode`: what the document is and where it sits. */
export interface PolicyOptions {
  kind: PolicyKind;
  source: PolicySource;
  where: string;
  resource?: Resource;
  attachedTo?: string[];
}

/** Builds a policy document from its node (a mapping with `Statement`). Exported for the CDK analyzers. */
export function policyFromNode(node: Node, o: PolicyOptions): PolicyDocument {
  const problems: ModelProblem[] = [];
  const doc: PolicyDocument = {
    kind: o.kind,
    source: o.source,
    node,
    map: isMap(node) ? node : undefined,
    version: undefined,
    versionNode: undefined,
    statementKey: undefined,
    statementNode: undefined,
    statements: [],
    resource: o.resource,
    where: o.where,
    attachedTo: o.attachedTo ?? [],
    problems,
  };
  if (!isMap(node)) {
    if (node.kind !== 'intrinsic' && !(isScalar(node) && typeof node.value === 'string')) {
      problems.push({ node, message: `A policy document must be a mapping with Version and Statement; found ${describe(node)}.` });
    }
    return doc;
  }
  const v = pairOf(node, 'Version');
  doc.versionNode = v?.value;
  doc.version = stringValue(v?.value);
  const s = pairOf(node, 'Statement');
  doc.statementKey = s?.key;
  doc.statementNode = s?.value;
  if (!s) problems.push({ node, message: 'The policy has no Statement.' });
  else if (!s.value) problems.push({ node: s, message: 'Statement has no value.' });
  else doc.statements = statementNodes(s.value).map((n) => statementFromNode(n, doc));
  for (const p of node.pairs) {
    if (!DOCUMENT_KEYS.has(String(p.key.value)))
      problems.push({ node: p.key, message: `Unknown policy key ${String(p.key.value)}: a policy holds Version, Id and Statement.` });
  }
  return doc;
}

// ---------------------------------------------------------------------------------------------
// Standalone documents

/**
 * Kind from a file name: `…scp…` / `…rcp…` / `…trust…` in the file's name or its folder's, else from the content.
 * Folders further up are not the project's naming (a checkout under `/home/trust-team/` says nothing).
 */
export function kindFromContent(uri: string, statements: Statement[]): PolicyKind {
  const name = uri.toLowerCase().replace(/\\/g, '/').split('/').slice(-2).join('/');
  if (/(^|[/._-])(scps?|service-control-polic(y|ies))([/._-]|$)/.test(name)) return 'scp';
  if (/(^|[/._-])(rcps?|resource-control-polic(y|ies))([/._-]|$)/.test(name)) return 'rcp';
  const withPrincipal = statements.filter((s) => s.principal || s.notPrincipal);
  if (withPrincipal.length === 0) return /(^|[/._-])trust([/._-]|$)/.test(name) ? 'trust' : 'identity';
  const assumes = withPrincipal.some((s) =>
    s.action?.items.some((i) => i.value !== undefined && /^sts:(AssumeRole|AssumeRoleWith\w+|\*)$/i.test(i.value)),
  );
  return assumes ? 'trust' : 'resource';
}

function standalone(doc: ParsedDocument): PolicyDocument[] {
  if (!doc.root) return [];
  const out = policyFromNode(doc.root, { kind: 'identity', source: 'standalone', where: 'this policy' });
  out.kind = kindFromContent(doc.uri, out.statements);
  return [out];
}

// ---------------------------------------------------------------------------------------------
// CloudFormation

/** Resource policies: type → property holding the document (a dotted path for a nested one). */
export const RESOURCE_POLICY_PROPERTIES: Readonly<Record<string, string>> = {
  'AWS::S3::BucketPolicy': 'PolicyDocument',
  'AWS::S3Express::BucketPolicy': 'PolicyDocument',
  'AWS::SQS::QueuePolicy': 'PolicyDocument',
  'AWS::SNS::TopicPolicy': 'PolicyDocument',
  'AWS::KMS::Key': 'KeyPolicy',
  'AWS::KMS::ReplicaKey': 'KeyPolicy',
  'AWS::SecretsManager::ResourcePolicy': 'ResourcePolicy',
  'AWS::ECR::Repository': 'RepositoryPolicyText',
  'AWS::OpenSearchService::Domain': 'AccessPolicies',
  'AWS::Elasticsearch::Domain': 'AccessPolicies',
  'AWS::EFS::FileSystem': 'FileSystemPolicy',
  'AWS::Backup::BackupVault': 'AccessPolicy',
  'AWS::ApiGateway::RestApi': 'Policy',
  // The other resource policies IAM Access Analyzer's public-access check covers that CloudFormation declares.
  'AWS::S3::AccessPoint': 'Policy',
  'AWS::S3::MultiRegionAccessPointPolicy': 'Policy',
  'AWS::S3Express::AccessPoint': 'Policy',
  'AWS::S3Outposts::BucketPolicy': 'PolicyDocument',
  'AWS::S3Outposts::AccessPoint': 'Policy',
  'AWS::S3Tables::TableBucketPolicy': 'ResourcePolicy',
  'AWS::S3Tables::TablePolicy': 'ResourcePolicy',
  'AWS::Glacier::Vault': 'AccessPolicy',
  'AWS::DynamoDB::Table': 'ResourcePolicy.PolicyDocument',
  'AWS::Kinesis::ResourcePolicy': 'ResourcePolicy',
  'AWS::CodeArtifact::Domain': 'PermissionsPolicyDocument',
  'AWS::CodeArtifact::Repository': 'PermissionsPolicyDocument',
  'AWS::CloudTrail::ResourcePolicy': 'ResourcePolicy',
  // CDK source: a resource policy whose owner has no CloudFormation twin in the CDK template (core/cdk/template.ts).
  'CDK::ResourcePolicy': 'PolicyDocument',
};

const PRINCIPAL_TYPES_CFN: Readonly<Record<string, PolicyPrincipal['kind']>> = {
  'AWS::IAM::Role': 'role',
  'AWS::IAM::User': 'user',
  'AWS::IAM::Group': 'group',
  'AWS::Serverless::Function': 'function',
};

/** Logical ids named in a `Roles`/`Users`/`Groups` list: by `!Ref`, or by a literal name matching the resource's name property. */
function namedIds(t: Template, list: Node | undefined, type: string, nameProp: string): string[] {
  const out: string[] = [];
  for (const n of asList(list)) {
    const ref = referencedId(n);
    if (ref && t.resourceById.get(ref)?.type === type) {
      out.push(ref);
      continue;
    }
    const name = stringValue(n);
    if (name === undefined) continue;
    const byName = (t.byType.get(type) ?? []).find((r) => stringValue(get(r.properties, nameProp)) === name);
    if (byName) out.push(byName.id);
  }
  return out;
}

function fromTemplate(t: Template, source: string): PolicyModel {
  const documents: PolicyDocument[] = [];
  const principals = new Map<string, PolicyPrincipal>();
  const add = (node: Node | undefined, o: PolicyOptions): void => {
    if (!node) return;
    if (isIntrinsic(node, 'Fn::If')) {
      for (const b of ifBranches(node) ?? []) add(b, o);
      return;
    }
    if (isIntrinsic(node, 'Ref') && stringValue(node.arg) === 'AWS::NoValue') return;
    // A policy written as a JSON string: parsed, with offsets mapped back into the file.
    if (isScalar(node) && typeof node.value === 'string') {
      const inner = parseEmbeddedPolicy(node, source);
      if (inner) documents.push(policyFromNode(inner, o));
      return;
    }
    if (node.kind === 'intrinsic') return;
    documents.push(policyFromNode(node, o));
  };

  for (const r of t.resources) {
    const props = r.properties;
    const pk = PRINCIPAL_TYPES_CFN[r.type];
    if (pk) {
      const label = `${pk} ${r.id}`;
      principals.set(r.id, { resource: r, kind: pk, policies: [], trust: undefined, managed: [], groups: [] });
      const pol = get(props, 'Policies');
      for (const p of isSeq(pol) ? pol.items : pol ? [pol] : []) {
        for (const branch of isIntrinsic(p, 'Fn::If') ? (ifBranches(p) ?? []) : [p]) {
          if (pk === 'function') {
            // SAM: a managed policy name, a policy template ({ S3ReadPolicy: … }) or an inline document.
            if (isMap(branch) && pairOf(branch, 'Statement'))
              add(branch, { kind: 'identity', source: 'cfn', where: `inline policy of function ${r.id}`, resource: r, attachedTo: [r.id] });
            continue;
          }
          if (!isMap(branch)) continue;
          const name = stringValue(get(branch, 'PolicyName')) ?? 'inline';
          add(get(branch, 'PolicyDocument'), {
            kind: 'identity',
            source: 'cfn',
            where: `inline policy ${name} of ${label}`,
            resource: r,
            attachedTo: [r.id],
          });
        }
      }
      if (pk === 'role')
        add(get(props, 'AssumeRolePolicyDocument'), {
          kind: 'trust',
          source: 'cfn',
          where: `trust policy of role ${r.id}`,
          resource: r,
          attachedTo: [r.id],
        });
      continue;
    }
    switch (r.type) {
      case 'AWS::IAM::Policy':
      case 'AWS::IAM::ManagedPolicy': {
        const attachedTo = [
          ...namedIds(t, get(props, 'Roles'), 'AWS::IAM::Role', 'RoleName'),
          ...namedIds(t, get(props, 'Users'), 'AWS::IAM::User', 'UserName'),
          ...namedIds(t, get(props, 'Groups'), 'AWS::IAM::Group', 'GroupName'),
        ];
        add(get(props, 'PolicyDocument'), { kind: 'identity', source: 'cfn', where: `policy ${r.id}`, resource: r, attachedTo });
        break;
      }
      case 'AWS::IAM::RolePolicy':
      case 'AWS::IAM::UserPolicy':
      case 'AWS::IAM::GroupPolicy': {
        const what = r.type.slice('AWS::IAM::'.length, -'Policy'.length);
        const attachedTo = namedIds(t, get(props, `${what}Name`), `AWS::IAM::${what}`, `${what}Name`);
        add(get(props, 'PolicyDocument'), { kind: 'identity', source: 'cfn', where: `policy ${r.id}`, resource: r, attachedTo });
        break;
      }
      case 'AWS::IoT::Policy':
        add(get(props, 'PolicyDocument'), { kind: 'identity', source: 'cfn', where: `IoT policy ${r.id}`, resource: r });
        break;
      case 'AWS::Organizations::Policy': {
        const type = stringValue(get(props, 'Type'));
        const kind = type === 'SERVICE_CONTROL_POLICY' ? 'scp' : type === 'RESOURCE_CONTROL_POLICY' ? 'rcp' : undefined;
        if (kind) add(get(props, 'Content'), { kind, source: 'cfn', where: `${kind.toUpperCase()} ${r.id}`, resource: r });
        break;
      }
      case 'AWS::Lambda::Permission':
        if (props) documents.push(lambdaPermission(r, props));
        break;
      default: {
        const prop = RESOURCE_POLICY_PROPERTIES[r.type];
        if (prop) {
          const node = prop.split('.').reduce<Node | undefined>((n, k) => get(n, k), props);
          add(node, { kind: 'resource', source: 'cfn', where: `${prop} of ${r.id}`, resource: r });
          // A DynamoDB table's stream has a policy of its own.
          if (r.type === 'AWS::DynamoDB::Table')
            add(get(get(get(props, 'StreamSpecification'), 'ResourcePolicy'), 'PolicyDocument'), {
              kind: 'resource',
              source: 'cfn',
              where: `StreamSpecification.ResourcePolicy.PolicyDocument of ${r.id}`,
              resource: r,
            });
        }
      }
    }
  }

  for (const d of documents) {
    if (d.kind === 'trust' && d.resource) {
      const p = principals.get(d.resource.id);
      if (p) p.trust = d;
      continue;
    }
    if (d.kind !== 'identity') continue;
    for (const id of d.attachedTo) principals.get(id)?.policies.push(d);
  }
  for (const p of principals.values()) {
    const props = p.resource.properties;
    for (const n of asList(get(props, 'ManagedPolicyArns'))) p.managed.push(item(n));
    if (p.kind === 'function') {
      for (const n of asList(get(props, 'Policies')))
        if (isScalar(n) || (n.kind === 'intrinsic' && !isIntrinsic(n, 'Fn::If'))) p.managed.push(item(n));
    }
    if (p.kind === 'user') p.groups = namedIds(t, get(props, 'Groups'), 'AWS::IAM::Group', 'GroupName');
  }
  // A user holds its groups' permissions too.
  for (const p of principals.values()) {
    for (const g of p.groups) {
      const group = principals.get(g);
      if (group) p.policies.push(...group.policies);
    }
  }
  return { documents, principals: [...principals.values()] };
}

/** `AWS::Lambda::Permission` has its own shape: one Allow statement built from its properties. */
function lambdaPermission(r: Resource, props: MapNode): PolicyDocument {
  const doc: PolicyDocument = {
    kind: 'resource',
    source: 'cfn',
    node: props,
    map: props,
    version: '2012-10-17',
    versionNode: undefined,
    statementKey: undefined,
    statementNode: undefined,
    statements: [],
    resource: r,
    where: `permission ${r.id}`,
    attachedTo: [],
    problems: [],
  };
  const problems: ModelProblem[] = [];
  const st: Statement = {
    doc,
    node: props,
    map: props,
    sid: undefined,
    effect: 'Allow',
    effectNode: undefined,
    narrowing: [],
    unknownKeys: [],
    problems,
    synthetic: 'lambda-permission',
  };
  st.action = element(pairOf(props, 'Action'), problems);
  const pp = pairOf(props, 'Principal');
  if (pp?.value) {
    const it = item(pp.value);
    const v = it.value;
    const type = v === '*' ? '*' : v && /\.amazonaws\.com(\.cn)?$/.test(v) ? 'Service' : 'AWS';
    st.principal = { key: pp.key, node: pp.value, items: [{ ...it, type }], unknown: it.unknown };
  }
  for (const key of ['SourceArn', 'SourceAccount', 'PrincipalOrgID', 'EventSourceToken']) {
    const n = get(props, key);
    if (n) st.narrowing.push({ key: key === 'PrincipalOrgID' ? 'aws:PrincipalOrgID' : `aws:${key}`, node: n });
  }
  doc.statements.push(st);
  return doc;
}

// ---------------------------------------------------------------------------------------------
// Cache and entry points

const everyCache = new WeakMap<ParsedDocument, PolicyModel>();
/**
 * Models read at the parameters' defaults (the engine's first pass, core/choices.ts): `Fn::If` branches differ.
 * `diverged`: its build read a choice, so every rule that uses it reads one too.
 */
const atDefaultsCache = new WeakMap<ParsedDocument, { model: PolicyModel; diverged: boolean }>();
const EMPTY: PolicyModel = { documents: [], principals: [] };

/** Every policy in a parsed document, and (in templates) the principals that hold them. Cached per parse. */
export function policyModel(doc: ParsedDocument): PolicyModel {
  if (choicesAtDefaults()) {
    const hit = atDefaultsCache.get(doc);
    if (hit) {
      if (hit.diverged) noteChoiceRead();
      return hit.model;
    }
    const built = withChoiceReads(() => buildModel(doc));
    atDefaultsCache.set(doc, { model: built.value, diverged: built.diverged });
    // Built without reading a choice, it is also the every-choice model (the server's policy checks read that one).
    if (!built.diverged && !everyCache.has(doc)) everyCache.set(doc, built.value);
    return built.value;
  }
  const hit = everyCache.get(doc);
  if (hit) return hit;
  const model = buildModel(doc);
  everyCache.set(doc, model);
  return model;
}

function buildModel(doc: ParsedDocument): PolicyModel {
  if (doc.kind === 'policy') return { documents: standalone(doc), principals: [] };
  if (doc.template) return fromTemplate(doc.template, doc.text);
  return EMPTY;
}

/** Shorthand: every policy document of a parsed document. */
export function policiesOf(doc: ParsedDocument): PolicyDocument[] {
  return policyModel(doc).documents;
}
