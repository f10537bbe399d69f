import { CFN_NAMES } from './data/cfn-names';

/**
 * Name mapping between CDK props and CloudFormation properties. L1 props are the CloudFormation
 * names with a lower-case first letter (TypeScript) or in snake_case (Python), except for ~150
 * irregular ones (`sseSpecification` is `SSESpecification`), taken from aws-cdk-lib by
 * scripts/gen-cdk-names.mjs.
 */

const data = CFN_NAMES;

/** CloudFormation type of an L1 class (`aws-s3.CfnBucket` → `AWS::S3::Bucket`), or undefined. */
export function cfnTypeOf(fqn: string): string | undefined {
  return Object.prototype.hasOwnProperty.call(data.types, fqn) ? data.types[fqn] : undefined;
}

/** The CloudFormation spelling of an L1 prop written in camelCase or snake_case. */
export function cfnPropName(key: string, mod: string): string {
  const norm = key.replace(/_/g, '').toLowerCase();
  const special = data.byModule[mod]?.[norm] ?? data.irregular[norm];
  if (special) return special;
  if (key.includes('_'))
    return key
      .split('_')
      .filter(Boolean)
      .map((p) => p[0].toUpperCase() + p.slice(1))
      .join('');
  return key.length ? key[0].toUpperCase() + key.slice(1) : key;
}

/** The TypeScript (camelCase) prop for a CloudFormation property name. */
export function camelOfCfn(cfn: string): string {
  const known = data.camelOf[cfn];
  if (known) return known;
  return cfn.length ? cfn[0].toLowerCase() + cfn.slice(1) : cfn;
}

/** jsii's Python name for a camelCase name: `enforceSSL` → `enforce_ssl`, `minimumTLSVersion` → `minimum_tls_version`. */
export function snakeOf(camel: string): string {
  return camel
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
    .toLowerCase();
}

/** camelCase of a Python method name (`unsafe_plain_text` → `unsafePlainText`), for looking up the same API. */
export function camelOfSnake(snake: string): string {
  return snake.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

/** Module key of an import path: `aws-cdk-lib/aws-s3` → `aws-s3`; `aws-cdk-lib` → `*`; v1 `@aws-cdk/aws-s3` → `aws-s3`. */
export function moduleOfTs(spec: string): { mod: string; v1: boolean } | undefined {
  if (spec === 'aws-cdk-lib') return { mod: '*', v1: false };
  let m = /^aws-cdk-lib\/([a-z0-9-]+)$/.exec(spec);
  if (m) return { mod: m[1], v1: false };
  m = /^@aws-cdk\/([a-z0-9-]+)$/.exec(spec);
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
    'aws-autoscaling': 'autoscaling',
    core: 'cdk',
  };
  return special[mod] ?? mod.replace(/^aws-/, '').replace(/-/g, '_');
}
