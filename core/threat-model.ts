/**
 * The threat-model skeleton: a pure function of a parsed document and its findings that writes a
 * Markdown worksheet (entry points, data stores, trust boundaries, STRIDE questions per element),
 * each question pre-filled with the Parapet findings that bear on it. No I/O, no editor.
 */
import { ParsedDocument } from './document';
import { asList, get, isIntrinsic, isMap, isScalar, isSeq, Node, scalarValue, stringValue, walk } from './nodes';
import { Range } from './positions';
import { Resource, Template } from './template';
import { mdCode, mdText } from './markdown';
import { maskCredentials } from './secrets';

/** The part of a finding the skeleton needs; engine findings and editor diagnostics both fit. */
export interface ThreatFinding {
  ruleId: string;
  message: string;
  severity?: string;
  /** One of the fixed categories, when known; maps the finding to STRIDE threats. */
  category?: string;
  resource?: string;
  start?: number;
  range?: Range;
}

export type ElementKind = 'entry-point' | 'data-store' | 'compute' | 'identity';

/** One element of the model, with what the template says about it. */
export interface ThreatElement {
  id: string;
  type: string;
  kind: ElementKind;
  /** Facts written in the template that matter for the threats (e.g. `internet-facing`). */
  facts: string[];
  findings: ThreatFinding[];
}

export interface TrustBoundary {
  name: string;
  detail: string;
  /** Element ids that sit on or across this boundary. */
  members: string[];
}

export interface ThreatModel {
  elements: ThreatElement[];
  boundaries: TrustBoundary[];
  /** Findings tied to no element (e.g. a standalone policy document's statements). */
  unplaced: ThreatFinding[];
}

type Stride = 'S' | 'T' | 'R' | 'I' | 'D' | 'E';
const STRIDE_NAMES: Record<Stride, string> = {
  S: 'Spoofing',
  T: 'Tampering',
  R: 'Repudiation',
  I: 'Information disclosure',
  D: 'Denial of service',
  E: 'Elevation of privilege',
};

/** Which STRIDE threats a finding of each category bears on. */
const CATEGORY_STRIDE: Record<string, Stride[]> = {
  'long-term-credentials': ['S', 'I'],
  mfa: ['S'],
  'instance-metadata': ['I', 'E'],
  'encryption-at-rest': ['I'],
  'encryption-in-transit': ['T', 'I'],
  'least-privilege': ['E'],
  'logging-monitoring': ['R'],
  'public-access': ['I', 'T'],
};

/** The questions an engineer answers for each kind of element, per STRIDE threat. */
const QUESTIONS: Record<ElementKind, Record<Stride, string>> = {
  'entry-point': {
    S: 'Who can call it, and how is the caller authenticated (IAM/SigV4, Cognito/OIDC, mTLS, none)?',
    T: 'Is traffic TLS 1.2+ end to end, and is input validated before it reaches the backend?',
    R: 'Are access logs on and kept where callers cannot delete them?',
    I: 'What can an unauthenticated caller learn (errors, headers, directory listings)?',
    D: 'What throttling, WAF rules or quotas limit abuse, and what does a flood cost?',
    E: 'Can a caller reach admin paths or internal services through it?',
  },
  'data-store': {
    S: 'Which principals can read and write it, and is that list written down?',
    T: 'Who can change or delete data, and is versioning, backup or deletion protection on?',
    R: 'Are data-plane reads and writes logged (CloudTrail data events, access logs)?',
    I: 'Is it encrypted at rest with a key you control, and denied over plain HTTP?',
    D: 'What happens if it fills up, is throttled, or is deleted; what is the restore time?',
    E: 'Can its resource policy grant more than the identity policies intend (other accounts, `*`)?',
  },
  compute: {
    S: 'Which role does it run as, and can anything else assume that role?',
    T: 'Where does its code and configuration come from, and who can change them?',
    R: 'Are its logs shipped and retained, and do they identify the caller?',
    I: 'Can it leak credentials (IMDSv1, environment variables, logs)?',
    D: 'What are its concurrency, scaling and timeout limits?',
    E: 'What is the most its role can do if the code is compromised?',
  },
  identity: {
    S: 'Who can assume or use it (trust policy, federation, other accounts), and is MFA required for people?',
    T: 'Who can change its policies (iam:Put*/Attach*/PassRole)?',
    R: 'Are its API calls in a multi-region CloudTrail with validated log files?',
    I: 'Which secrets and data can it read?',
    D: 'Can it delete or disable other resources (and the logs)?',
    E: 'Can it grant itself more (privilege-escalation paths, wildcard actions)?',
  },
};

const DATA_STORES = new Set([
  'AWS::S3::Bucket',
  'AWS::RDS::DBInstance',
  'AWS::RDS::DBCluster',
  'AWS::DynamoDB::Table',
  'AWS::DynamoDB::GlobalTable',
  'AWS::Serverless::SimpleTable',
  'AWS::EFS::FileSystem',
  'AWS::ElastiCache::CacheCluster',
  'AWS::ElastiCache::ReplicationGroup',
  'AWS::ElastiCache::ServerlessCache',
  'AWS::OpenSearchService::Domain',
  'AWS::Elasticsearch::Domain',
  'AWS::Redshift::Cluster',
  'AWS::DocDB::DBCluster',
  'AWS::Neptune::DBCluster',
  'AWS::SQS::Queue',
  'AWS::SNS::Topic',
  'AWS::Kinesis::Stream',
  'AWS::KinesisFirehose::DeliveryStream',
  'AWS::SecretsManager::Secret',
  'AWS::SSM::Parameter',
  'AWS::Logs::LogGroup',
  'AWS::Backup::BackupVault',
  'AWS::ECR::Repository',
  'AWS::MSK::Cluster',
  'AWS::EC2::Volume',
  'AWS::CloudTrail::Trail',
]);
const ENTRY_POINTS = new Set([
  'AWS::ElasticLoadBalancingV2::LoadBalancer',
  'AWS::ElasticLoadBalancing::LoadBalancer',
  'AWS::ApiGateway::RestApi',
  'AWS::ApiGatewayV2::Api',
  'AWS::Serverless::Api',
  'AWS::Serverless::HttpApi',
  'AWS::AppSync::GraphQLApi',
  'AWS::CloudFront::Distribution',
  'AWS::Lambda::Url',
  'AWS::Transfer::Server',
  'AWS::Cognito::UserPool',
]);
const COMPUTE = new Set([
  'AWS::Lambda::Function',
  'AWS::Serverless::Function',
  'AWS::EC2::Instance',
  'AWS::EC2::LaunchTemplate',
  'AWS::AutoScaling::AutoScalingGroup',
  'AWS::AutoScaling::LaunchConfiguration',
  'AWS::ECS::Service',
  'AWS::ECS::TaskDefinition',
  'AWS::EKS::Cluster',
  'AWS::Batch::JobDefinition',
  'AWS::StepFunctions::StateMachine',
  'AWS::Serverless::StateMachine',
  'AWS::CodeBuild::Project',
]);
const IDENTITIES = new Set([
  'AWS::IAM::Role',
  'AWS::IAM::User',
  'AWS::IAM::Group',
  'AWS::IAM::Policy',
  'AWS::IAM::ManagedPolicy',
  'AWS::IAM::AccessKey',
]);

/** Builds the model: elements with their findings, and the trust boundaries the template draws. */
export function buildThreatModel(doc: ParsedDocument, findings: readonly ThreatFinding[]): ThreatModel {
  const t = doc.template;
  const elements: ThreatElement[] = [];
  const byId = new Map<string, ThreatElement>();
  if (t) {
    for (const r of t.resources) {
      const kind = classify(t, r);
      if (!kind) continue;
      const el: ThreatElement = { id: r.id, type: r.type, kind, facts: factsOf(t, r, kind), findings: [] };
      elements.push(el);
      byId.set(r.id, el);
    }
  }
  const unplaced: ThreatFinding[] = [];
  for (const f of findings) {
    const id = f.resource ?? (t ? resourceAt(doc, t, f) : undefined);
    const el = id ? byId.get(id) : undefined;
    if (el) el.findings.push(f);
    else unplaced.push(f);
  }
  return { elements, boundaries: t ? boundariesOf(t, elements) : [], unplaced };
}

/**
 * Writes the Markdown worksheet for a document and its findings. Everything taken from the file (ids,
 * values, messages, its name) goes through `mdText`/`mdCode`, so the worksheet cannot load or link anything.
 */
export function threatModelMarkdown(doc: ParsedDocument, findings: readonly ThreatFinding[], opts: { title?: string } = {}): string {
  const m = buildThreatModel(doc, findings);
  const name = opts.title ?? doc.uri.split('/').pop() ?? doc.uri;
  const out: string[] = [];
  out.push(`# Threat model: ${mdText(name)}`, '');
  out.push(
    '> Skeleton generated by Parapet from the template as written. Replace every _TODO_ with your answer;',
    '> a pre-filled finding is evidence, not the whole answer. Review with someone who did not write the template.',
    '',
  );
  out.push(
    '| field | value |',
    '|---|---|',
    `| System / feature | _TODO_ |`,
    `| Owner | _TODO_ |`,
    `| Reviewers | _TODO_ |`,
    `| Date | _TODO_ |`,
    `| Source | ${mdCode(doc.uri)} |`,
    `| Parapet findings | ${findings.length} |`,
    '',
  );

  const section = (title: string, kind: ElementKind, empty: string): void => {
    const els = m.elements.filter((e) => e.kind === kind);
    out.push(`## ${title}`, '');
    if (!els.length) out.push(`_${empty}_`, '');
    else
      for (const e of els) out.push(`- **${mdText(e.id)}** (${mdCode(e.type)})${e.facts.length ? `: ${mdText(e.facts.join('; '))}` : ''}`);
    if (els.length) out.push('');
  };
  section('Entry points', 'entry-point', 'None found in the template. Who calls this system, and through what?');
  section('Data stores', 'data-store', 'None found in the template. Where does the data it handles live?');
  section('Compute', 'compute', 'None found in the template.');
  section('Identities and permissions', 'identity', 'None found in the template.');

  out.push('## Trust boundaries', '');
  if (!m.boundaries.length) out.push('_None drawn by the template. Which networks, accounts and identity providers does data cross?_', '');
  for (const b of m.boundaries) {
    out.push(`- **${mdText(b.name)}**: ${mdText(b.detail)}${b.members.length ? ` (${mdText(b.members.join(', '))})` : ''}`);
  }
  if (m.boundaries.length) out.push('');
  out.push(
    '### Data flows',
    '',
    '| # | from | to | data | crosses boundary | protection (TLS, auth) |',
    '|---|---|---|---|---|---|',
    '| 1 | _TODO_ | _TODO_ | _TODO_ | _TODO_ | _TODO_ |',
    '',
  );

  out.push('## STRIDE per element', '');
  if (!m.elements.length) out.push('_No elements: add the resources this document deploys, then rerun._', '');
  for (const e of m.elements) {
    out.push(`### ${mdText(e.id)} (${mdCode(e.type)})`, '');
    const placed = new Set<ThreatFinding>();
    for (const s of Object.keys(STRIDE_NAMES) as Stride[]) {
      out.push(`- **${STRIDE_NAMES[s]}**: ${QUESTIONS[e.kind][s]}`);
      const bearing = e.findings.filter((f) => f.category && (CATEGORY_STRIDE[f.category] ?? []).includes(s));
      for (const f of bearing) {
        placed.add(f);
        out.push(`  - Parapet: ${findingLine(doc, f)}`);
      }
      out.push('  - Answer: _TODO_');
    }
    const other = e.findings.filter((f) => !placed.has(f));
    if (other.length) {
      out.push('- **Other Parapet findings on this element**:');
      for (const f of other) out.push(`  - ${findingLine(doc, f)}`);
    }
    out.push('');
  }
  if (m.unplaced.length) {
    out.push('## Findings not tied to one element', '');
    for (const f of m.unplaced) out.push(`- ${findingLine(doc, f)}`);
    out.push('');
  }
  out.push(
    '## Abuse cases',
    '',
    '- [ ] An attacker with a leaked developer credential: what can they reach? _TODO_',
    '- [ ] A compromised workload (SSRF, RCE): which role credentials and data does it expose? _TODO_',
    '- [ ] A malicious or mistaken insider deletes data or logs: how is it detected and recovered? _TODO_',
    '',
  );
  out.push(
    '## Decisions and follow-ups',
    '',
    '| threat | decision (mitigate / accept / transfer) | owner | ticket |',
    '|---|---|---|---|',
    '| _TODO_ | _TODO_ | _TODO_ | _TODO_ |',
    '',
  );
  return maskCredentials(out.join('\n'));
}

function findingLine(doc: ParsedDocument, f: ThreatFinding): string {
  const line = f.range ? f.range.start.line + 1 : f.start !== undefined ? doc.lines.positionAt(f.start).line + 1 : undefined;
  const where = line ? ` (line ${line})` : '';
  return `${mdCode(f.ruleId)}${f.severity ? ` ${f.severity}` : ''}${where}: ${mdText(f.message.replace(/\s+/g, ' ').trim())}`;
}

/** The resource whose mapping contains the finding's start, when the finding names none. */
function resourceAt(doc: ParsedDocument, t: Template, f: ThreatFinding): string | undefined {
  const off = f.start ?? (f.range ? doc.lines.offsetAt(f.range.start) : undefined);
  if (off === undefined) return undefined;
  for (const r of t.resources) if (off >= r.keyNode.start && off <= r.node.end) return r.id;
  return undefined;
}

function classify(t: Template, r: Resource): ElementKind | undefined {
  if (r.type === 'AWS::S3::Bucket') return bucketPublicReason(t, r) ? 'entry-point' : 'data-store';
  if (ENTRY_POINTS.has(r.type)) return 'entry-point';
  if (r.type === 'AWS::Serverless::Function' && (get(r.properties, 'FunctionUrlConfig') || hasApiEvent(r))) return 'entry-point';
  if (DATA_STORES.has(r.type)) return 'data-store';
  if (COMPUTE.has(r.type)) return 'compute';
  if (IDENTITIES.has(r.type)) return 'identity';
  return undefined;
}

function hasApiEvent(r: Resource): boolean {
  const events = get(r.properties, 'Events');
  return isMap(events) && events.pairs.some((p) => /^(Api|HttpApi)$/.test(stringValue(get(p.value, 'Type')) ?? ''));
}

/** Why a bucket may be public, from what is written; undefined when nothing says so. */
function bucketPublicReason(t: Template, r: Resource): string | undefined {
  if (get(r.properties, 'WebsiteConfiguration')) return 'static website hosting';
  const acl = stringValue(get(r.properties, 'AccessControl'));
  if (acl && /^Public/.test(acl)) return `ACL ${acl}`;
  for (const p of t.byType.get('AWS::S3::BucketPolicy') ?? []) {
    if (refersTo(get(p.properties, 'Bucket'), r.id) && allowsAnyone(get(p.properties, 'PolicyDocument')))
      return 'bucket policy allows Principal "*"';
  }
  return undefined;
}

/** True for `!Ref id`, `!GetAtt id.X` or a `!Sub` naming the id. */
function refersTo(n: Node | undefined, id: string): boolean {
  if (!n) return false;
  if (isIntrinsic(n, 'Ref')) return stringValue(n.arg) === id;
  if (isIntrinsic(n, 'Fn::GetAtt')) {
    const a = n.arg;
    return stringValue(a)?.split('.')[0] === id || (isSeq(a) && stringValue(a.items[0]) === id);
  }
  if (isIntrinsic(n, 'Fn::Sub')) return JSON.stringify(scalarValue(isSeq(n.arg) ? n.arg.items[0] : n.arg) ?? '').includes(`\${${id}`);
  return false;
}

function allowsAnyone(policy: Node | undefined): boolean {
  return asList(get(policy, 'Statement')).some((s) => {
    if (stringValue(get(s, 'Effect')) !== 'Allow' || get(s, 'Condition')) return false;
    const p = get(s, 'Principal');
    return stringValue(p) === '*' || asList(get(p, 'AWS')).some((x) => stringValue(x) === '*');
  });
}

function factsOf(t: Template, r: Resource, kind: ElementKind): string[] {
  const facts: string[] = [];
  const p = r.properties;
  switch (r.type) {
    case 'AWS::ElasticLoadBalancingV2::LoadBalancer': {
      const scheme = stringValue(get(p, 'Scheme')) ?? 'internet-facing';
      facts.push(scheme === 'internal' ? 'internal' : 'internet-facing');
      for (const l of t.byType.get('AWS::ElasticLoadBalancingV2::Listener') ?? []) {
        if (!refersTo(get(l.properties, 'LoadBalancerArn'), r.id)) continue;
        const proto = stringValue(get(l.properties, 'Protocol')) ?? '?';
        facts.push(`listener ${l.id}: ${proto} ${String(scalarValue(get(l.properties, 'Port')) ?? '?')}`);
      }
      break;
    }
    case 'AWS::S3::Bucket': {
      const why = bucketPublicReason(t, r);
      if (why) facts.push(`possibly public: ${why}`);
      if (!get(p, 'PublicAccessBlockConfiguration')) facts.push('no public access block written');
      break;
    }
    case 'AWS::CloudFront::Distribution':
    case 'AWS::ApiGateway::RestApi':
    case 'AWS::ApiGatewayV2::Api':
    case 'AWS::Serverless::Api':
    case 'AWS::Serverless::HttpApi':
    case 'AWS::Lambda::Url':
      facts.push('reachable from the internet unless restricted');
      if (r.type === 'AWS::Lambda::Url' && stringValue(get(p, 'AuthType')) === 'NONE')
        facts.push('AuthType NONE: anyone with the URL can call it');
      break;
    case 'AWS::Serverless::Function':
      if (get(p, 'FunctionUrlConfig')) facts.push('has a function URL');
      if (hasApiEvent(r)) facts.push('invoked through an API event');
      break;
    case 'AWS::RDS::DBInstance':
    case 'AWS::RDS::DBCluster':
      if (scalarValue(get(p, 'PubliclyAccessible')) === true) facts.push('PubliclyAccessible: true');
      break;
    default:
      break;
  }
  if (kind === 'data-store' && (get(p, 'KmsKeyId') ?? get(p, 'KMSMasterKeyID') ?? get(p, 'KmsMasterKeyId')))
    facts.push('customer-chosen KMS key');
  if (get(p, 'VpcConfig') || get(p, 'VPCOptions') || get(p, 'DBSubnetGroupName') || get(p, 'SubnetId')) facts.push('in a VPC');
  return facts;
}

/** Account ids in a trust policy's AWS principals that are not this account's own. */
function externalAccounts(policy: Node | undefined): string[] {
  const out: string[] = [];
  for (const s of asList(get(policy, 'Statement'))) {
    if (stringValue(get(s, 'Effect')) !== 'Allow') continue;
    const principal = get(s, 'Principal');
    if (stringValue(principal) === '*') out.push('any AWS account (*)');
    for (const a of asList(get(principal, 'AWS'))) {
      const v = stringValue(a);
      if (v === '*') out.push('any AWS account (*)');
      else if (v) {
        const m = /^(?:arn:aws[\w-]*:iam::)?(\d{12})/.exec(v);
        if (m) out.push(m[1]);
      }
    }
    for (const f of asList(get(principal, 'Federated'))) {
      const v = stringValue(f);
      if (v) out.push(`federated ${v.replace(/^arn:aws[\w-]*:iam::\d{12}:/, '')}`);
      else if (f) out.push('federated identity provider');
    }
  }
  return [...new Set(out)];
}

function boundariesOf(t: Template, elements: readonly ThreatElement[]): TrustBoundary[] {
  const out: TrustBoundary[] = [];
  const internet = elements.filter((e) => e.kind === 'entry-point' && !e.facts.includes('internal'));
  if (internet.length)
    out.push({ name: 'Internet → AWS', detail: 'requests from outside AWS arrive here', members: internet.map((e) => e.id) });
  for (const vpc of t.byType.get('AWS::EC2::VPC') ?? []) {
    const members = new Set<string>();
    for (const r of t.resources) {
      if (r === vpc || !r.properties) continue;
      let inside = false;
      walk(r.properties, (n) => {
        if (!inside && refersTo(n, vpc.id)) inside = true;
      });
      if (inside) members.add(r.id);
    }
    const cidr = scalarValue(get(vpc.properties, 'CidrBlock'));
    out.push({
      name: `VPC ${vpc.id}`,
      detail: `network boundary${isScalar(get(vpc.properties, 'CidrBlock')) ? ` ${String(cidr)}` : ''}; what may enter and leave it?`,
      members: [...members],
    });
  }
  const inVpc = elements.filter((e) => e.facts.includes('in a VPC')).map((e) => e.id);
  if (inVpc.length && !(t.byType.get('AWS::EC2::VPC') ?? []).length)
    out.push({
      name: 'VPC (defined elsewhere)',
      detail: 'resources attached to subnets or security groups from outside this template',
      members: inVpc,
    });
  for (const role of t.byType.get('AWS::IAM::Role') ?? []) {
    const ext = externalAccounts(get(role.properties, 'AssumeRolePolicyDocument'));
    if (ext.length)
      out.push({ name: `Cross-account trust: ${role.id}`, detail: `can be assumed by ${ext.join(', ')}`, members: [role.id] });
  }
  const open = (t.byType.get('AWS::EC2::SecurityGroup') ?? []).filter((sg) =>
    asList(get(sg.properties, 'SecurityGroupIngress')).some((i) =>
      ['0.0.0.0/0', '::/0'].includes(stringValue(get(i, 'CidrIp')) ?? stringValue(get(i, 'CidrIpv6')) ?? ''),
    ),
  );
  if (open.length)
    out.push({ name: 'Internet → security groups', detail: 'ingress open to 0.0.0.0/0 or ::/0', members: open.map((s) => s.id) });
  return out;
}
