import { CFN_NAMES } from './data/cfn-names';

/**
 * Name mapping between CDK props and CloudFormation properties. L1 props are the CloudFormation
 * names with a lower-case first letter (TypeScript) or in snake_case (Python), except for the
 * irregular ones (`sseSpecification` is `SSESpecification`, nested `sseEnabled` is `SSEEnabled`),
 * taken struct by struct from aws-cdk-lib by scripts/gen-cdk-names.mjs: one L1 may spell a name two
 * ways (Lambda Function `KmsKeyArn`, its `DurableConfig.KMSKeyArn`).
 */

const data = CFN_NAMES;

/** CloudFormation type of an L1 class (`aws-s3.CfnBucket` → `AWS::S3::Bucket`), or undefined. */
export function cfnTypeOf(fqn: string): string | undefined {
  return Object.prototype.hasOwnProperty.call(data.types, fqn) ? data.types[fqn] : undefined;
}

/** Where a prop's name is looked up: the L1's CloudFormation type and the struct its object is (`''`: the props). */
export interface PropScope {
  type: string;
  struct: string;
}

/** The props of an L1 of this CloudFormation type. */
export function propsScope(type: string): PropScope {
  return { type, struct: '' };
}

/** A struct with no irregular names anywhere below it. */
const PLAIN = '-';

/** Per type and struct, the entries by normalised key (`sseenabled`), built on first use. */
const byKey = new Map<string, Map<string, Entry>>();

interface Entry {
  camel: string;
  cfn: string;
  child: string;
  /** JSON (`policyDocument: any`) or a map of strings: the keys below are data, written as given. */
  json: boolean;
}

function entriesOf(scope: PropScope): Map<string, Entry> {
  const id = `${scope.type}|${scope.struct}`;
  let m = byKey.get(id);
  if (!m) {
    m = new Map();
    for (const [camel, spec] of Object.entries(data.byType[scope.type]?.[scope.struct] ?? {})) {
      const json = spec.endsWith('*');
      const [cfn, child] = (json ? spec.slice(0, -1) : spec).split('>');
      m.set(camel.toLowerCase(), { camel, cfn: cfn || pascalOf(camel), child: child ?? PLAIN, json });
    }
    byKey.set(id, m);
  }
  return m;
}

function pascalOf(camel: string): string {
  return camel.length ? camel[0].toUpperCase() + camel.slice(1) : camel;
}

/**
 * The CloudFormation spelling of a prop written in camelCase or snake_case (`sse_enabled` → `SSEEnabled`),
 * the scope of its value, and whether that value is data (JSON or a string map) whose keys stay as written.
 */
export function cfnProp(key: string, scope: PropScope): { name: string; scope: PropScope; json: boolean } {
  const e = entriesOf(scope).get(key.replace(/_/g, '').toLowerCase());
  if (e) return { name: e.cfn, scope: { type: scope.type, struct: e.child }, json: e.json };
  const name = key.includes('_')
    ? key
        .split('_')
        .filter(Boolean)
        .map((p) => p[0].toUpperCase() + p.slice(1))
        .join('')
    : pascalOf(key);
  return { name, scope: { type: scope.type, struct: PLAIN }, json: false };
}

/** The TypeScript (camelCase) prop for a CloudFormation property name in a scope, the scope of its value, and whether that value is data. */
export function camelProp(cfn: string, scope: PropScope): { camel: string; scope: PropScope; json: boolean } {
  for (const e of entriesOf(scope).values())
    if (e.cfn === cfn) return { camel: e.camel, scope: { type: scope.type, struct: e.child }, json: e.json };
  return { camel: cfn.length ? cfn[0].toLowerCase() + cfn.slice(1) : cfn, scope: { type: scope.type, struct: PLAIN }, json: false };
}

/** Every CloudFormation property name of an L1 of this type and its structs, for the types the rules name; else undefined. */
export function cfnPropertyNames(type: string): ReadonlySet<string> | undefined {
  let set = allNames.get(type);
  if (!set && Object.prototype.hasOwnProperty.call(data.props, type)) {
    set = new Set(data.props[type].split(' '));
    allNames.set(type, set);
  }
  return set;
}

const allNames = new Map<string, Set<string>>();

/**
 * The L1 prop for a CloudFormation property name of a type, wherever it sits (`SSEEnabled` → `sseEnabled`,
 * `BucketEncryption` → `bucketEncryption`): aws-cdk-lib camel-cases every name the same way in every struct.
 */
export function l1PropOf(cfn: string, type: string): string {
  for (const struct of Object.values(data.byType[type] ?? {}))
    for (const [camel, spec] of Object.entries(struct)) if (spec.replace(/[>*].*$/, '') === cfn) return camel;
  return cfn.length ? cfn[0].toLowerCase() + cfn.slice(1) : cfn;
}

/**
 * jsii's Python name for a camelCase name: `enforceSSL` → `enforce_ssl`, `minimumTLSVersion` → `minimum_tls_version`,
 * `ipv6AddressCount` → `ipv6_address_count`; jsii keeps the units KiB, MiB and GiB one word (`memoryGiBPerVCpu` →
 * `memory_gib_per_v_cpu`).
 */
export function snakeOf(camel: string): string {
  return camel
    .replace(/(^|[^A-Z])(KiB|MiB|GiB)(?![a-z])/g, (_, before: string, unit: string) => before + unit[0] + unit.slice(1).toLowerCase())
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
    .toLowerCase();
}

/** camelCase of a Python method name (`unsafe_plain_text` → `unsafePlainText`), for looking up the same API. */
export function camelOfSnake(snake: string): string {
  return snake.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

/** `@aws-cdk/<name>` packages published for CDK v2: experimental modules, Lambda layers, assets, schemas. */
const V2_SCOPED = /-alpha$|^lambda-layer-|^asset-|^integ-|^cloud-assembly-|^cx-api$|^toolkit-lib$|^cli-lib/;

/** Module key of an import path: `aws-cdk-lib/aws-s3` → `aws-s3`; `aws-cdk-lib` → `*`; v1 `@aws-cdk/aws-s3` → `aws-s3`. */
export function moduleOfTs(spec: string): { mod: string; v1: boolean } | undefined {
  if (spec === 'aws-cdk-lib') return { mod: '*', v1: false };
  let m = /^aws-cdk-lib\/([a-z0-9-]+)$/.exec(spec);
  if (m) return { mod: m[1], v1: false };
  m = /^@aws-cdk\/([a-z0-9-]+)$/.exec(spec);
  // v2 ships experimental modules and layers under @aws-cdk too (`aws-eks-alpha`, `lambda-layer-kubectl-v34`):
  // they are not v1, and their constructs are not the stable module's.
  if (m && V2_SCOPED.test(m[1])) return undefined;
  if (m) return { mod: m[1] === 'core' ? 'core' : m[1], v1: true };
  if (spec === 'cdk-nag') return { mod: 'cdk-nag', v1: false };
  return undefined;
}

/** `aws_s3` (a root namespace export) → `aws-s3`. */
export function moduleOfRootExport(name: string): string | undefined {
  return /^aws_[a-z0-9_]+$/.test(name) ? name.replace(/_/g, '-') : undefined;
}

/** The conventional alias for a module (`aws-s3` → `s3`, `aws-elasticloadbalancingv2` → `elbv2`). */
export function defaultAlias(mod: string): string {
  const special: Record<string, string> = {
    'aws-elasticloadbalancingv2': 'elbv2',
    'aws-opensearchservice': 'opensearch',
    'aws-secretsmanager': 'secretsmanager',
    'aws-cloudfront-origins': 'origins',
    'aws-apigatewayv2-authorizers': 'authorizers',
    'aws-autoscaling': 'autoscaling',
    core: 'cdk',
  };
  return special[mod] ?? mod.replace(/^aws-/, '').replace(/-/g, '_');
}
