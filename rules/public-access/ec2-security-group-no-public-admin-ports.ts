import { get, isMap, MapNode, Node, stringValue } from '../../core/nodes';
import { Rule, RuleContext } from '../../core/rule';
import { Resource, Template } from '../../core/template';
import { referencedId, resolveNode } from '../../core/values';
import { nodesAt, propertiesUnreadable } from '../lib/paths';

/** Ports that administer a host or hold data, and what listens there. */
const SENSITIVE_PORTS: ReadonlyMap<number, string> = new Map([
  [20, 'FTP data'],
  [21, 'FTP'],
  [22, 'SSH'],
  [23, 'Telnet'],
  [135, 'MS RPC'],
  [137, 'NetBIOS'],
  [139, 'NetBIOS'],
  [445, 'SMB'],
  [1433, 'SQL Server'],
  [1434, 'SQL Server browser'],
  [1521, 'Oracle'],
  [2049, 'NFS'],
  [2375, 'Docker API'],
  [2376, 'Docker API'],
  [3306, 'MySQL'],
  [3389, 'RDP'],
  [4333, 'mSQL'],
  [5432, 'PostgreSQL'],
  [5500, 'VNC'],
  [5601, 'Kibana'],
  [5900, 'VNC'],
  [5984, 'CouchDB'],
  [6379, 'Redis'],
  [6443, 'Kubernetes API'],
  [7001, 'Cassandra'],
  [8020, 'HDFS'],
  [8086, 'InfluxDB'],
  [8888, 'Jupyter'],
  [9042, 'Cassandra'],
  [9090, 'Prometheus'],
  [9092, 'Kafka'],
  [9200, 'Elasticsearch'],
  [9300, 'Elasticsearch'],
  [11211, 'Memcached'],
  [27017, 'MongoDB'],
  [27018, 'MongoDB'],
  [50070, 'HDFS'],
]);

const OPEN_CIDRS = new Set(['0.0.0.0/0', '::/0']);

interface Rule4 {
  map: MapNode;
  resource: Resource;
  group: Resource | undefined;
}

function num(t: Template, n: Node | undefined): number | undefined | 'unknown' {
  if (!n) return undefined;
  const outs = resolveNode(t, n);
  if (outs.length !== 1 || outs[0].kind !== 'value') return 'unknown';
  const v = Number(outs[0].value);
  return Number.isFinite(v) ? v : 'unknown';
}

/** Open CIDR nodes of an ingress entry: every written (or parameter-given) value that is 0.0.0.0/0 or ::/0. */
function openCidrs(t: Template, m: MapNode): Node[] {
  const out: Node[] = [];
  for (const key of ['CidrIp', 'CidrIpv6']) {
    const n = get(m, key);
    if (!n) continue;
    for (const o of resolveNode(t, n)) if (o.kind === 'value' && OPEN_CIDRS.has(String(o.value).trim())) out.push(o.via ?? o.node);
  }
  return out;
}

/** Compliant: no security group ingress from 0.0.0.0/0 or ::/0 reaches SSH, RDP, a database or admin port, or all ports. */
export const ec2SecurityGroupNoPublicAdminPorts: Rule = {
  meta: {
    id: 'ec2-security-group-no-public-admin-ports',
    title: 'Security groups do not open admin or database ports to the internet',
    compliant:
      'Ingress from `0.0.0.0/0` or `::/0` covers neither all ports nor SSH (22), RDP (3389), database, cache, search or container-API ports.',
    description:
      'Remote administration and database ports open to the whole internet are scanned within minutes of launch and brute-forced or exploited. ' +
      'Reach hosts through Systems Manager Session Manager or a VPN, and keep databases in private subnets reachable only from the application security group.',
    category: 'public-access',
    severity: 'error',
    profile: 'recommended',
    resourceTypes: ['AWS::EC2::SecurityGroup', 'AWS::EC2::SecurityGroupIngress'],
    syntaxes: ['cfn-yaml', 'cfn-json', 'cdk-ts', 'cdk-py'],
    references: [
      { title: 'Security group rules', url: 'https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html' },
      {
        title: 'AWS Systems Manager Session Manager',
        url: 'https://docs.aws.amazon.com/systems-manager/latest/userguide/session-manager.html',
      },
    ],
    controls: ['EC2.13', 'EC2.14', 'EC2.18', 'EC2.19', 'EC2.53', 'EC2.54'],
    equivalents: {
      guard: ['INCOMING_SSH_DISABLED', 'RESTRICTED_INCOMING_TRAFFIC', 'EC2_SECURITY_GROUP_INGRESS_OPEN_TO_WORLD_RULE'],
      cfnNag: ['W2', 'W9', 'W27', 'F1000'],
      checkov: ['CKV_AWS_24', 'CKV_AWS_25', 'CKV_AWS_260', 'CKV_AWS_277'],
      cdkNag: ['EC23', 'EC2RestrictedSSH', 'EC2RestrictedCommonPorts', 'EC2RestrictedInbound'],
    },
  },
  template(t, ctx) {
    const entries: Rule4[] = [];
    for (const r of t.byType.get('AWS::EC2::SecurityGroup') ?? []) {
      if (propertiesUnreadable(r)) continue;
      for (const m of nodesAt(r.properties, ['SecurityGroupIngress', '*'])) if (isMap(m)) entries.push({ map: m, resource: r, group: r });
    }
    for (const r of t.byType.get('AWS::EC2::SecurityGroupIngress') ?? []) {
      if (propertiesUnreadable(r)) continue;
      if (!r.properties) continue;
      const gid = referencedId(get(r.properties, 'GroupId')) ?? stringValue(get(r.properties, 'GroupName'));
      entries.push({ map: r.properties, resource: r, group: gid ? t.resourceById.get(gid) : undefined });
    }
    for (const e of entries) check(t, ctx, e);
  },
};

function check(t: Template, ctx: RuleContext, e: Rule4): void {
  const cidrs = openCidrs(t, e.map);
  if (!cidrs.length) return;
  const proto = get(e.map, 'IpProtocol');
  const protoVals = proto ? resolveNode(t, proto) : [];
  if (protoVals.some((o) => o.kind !== 'value')) return;
  const p = protoVals.map((o) => (o.kind === 'value' ? String(o.value).toLowerCase() : ''));
  const all = p.some((x) => x === '-1' || x === 'all');
  let exposed: string | undefined;
  if (all) exposed = 'all ports and protocols';
  else if (p.every((x) => ['tcp', 'udp', '6', '17'].includes(x))) {
    const from = num(t, get(e.map, 'FromPort'));
    const to = num(t, get(e.map, 'ToPort'));
    // TCP and UDP rules need both ports; without them the rule is still being typed.
    if (from === 'unknown' || to === 'unknown' || from === undefined || to === undefined) return;
    const lo = from;
    const hi = to;
    if (lo === -1 || (lo <= 0 && hi >= 65535)) exposed = 'all ports';
    else {
      const hits = [...SENSITIVE_PORTS].filter(([port]) => port >= lo && port <= hi);
      if (hits.length)
        // A range is named as a range: "port 50070 (HDFS)" for 32768-65535 hides what is really open.
        exposed =
          lo !== hi
            ? `ports ${lo}-${hi}, including ${hits
                .slice(0, 3)
                .map(([pt, n]) => `${pt} (${n})`)
                .join(', ')}${hits.length > 3 ? ', …' : ''}`
            : hits.map(([pt, n]) => `port ${pt} (${n})`).join(', ');
    }
  }
  if (!exposed) return;
  const group = e.group && e.group !== e.resource ? e.group : undefined;
  for (const c of cidrs) {
    ctx.report({
      node: c,
      resource: e.resource,
      message: `${e.resource.type === 'AWS::EC2::SecurityGroup' ? `Security group ${e.resource.id}` : `Ingress ${e.resource.id}${group ? ` (of ${group.id})` : ''}`} opens ${exposed} to the whole internet. Limit the source to the addresses that need it, or reach hosts through Session Manager or a VPN.`,
      related: group ? [{ node: group.keyNode, message: `The security group this rule opens.` }] : undefined,
    });
  }
}
