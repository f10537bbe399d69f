import { get, isIntrinsic, isMap, isScalar, isSeq, JsonValue, Node, stringValue } from '../../core/nodes';
import { Fix, FixOp } from '../../core/rule';
import { Parameter, Resource, Template } from '../../core/template';
import { ifBranches } from '../../core/values';
import { freshId } from './fix-target';

/**
 * Where a secret-carrying value comes from, when that source exposes it. Safe sources (a
 * `{{resolve:secretsmanager:…}}` or `{{resolve:ssm-secure:…}}` reference, a `!Ref` to a NoEcho
 * parameter without a Default) and unknowns (`!GetAtt`, `!ImportValue`, mixed `!Sub`) yield nothing.
 */
export type SecretSource =
  /** The secret is written in the template. */
  | { kind: 'literal'; node: Node; value: string }
  /** A `!Ref` to a parameter whose Default (or AllowedValues) writes the secret in the template. */
  | { kind: 'default'; node: Node; param: Parameter; valueNode: Node; value: string }
  /** A `!Ref` to a parameter without NoEcho: the value shows in the console and DescribeStacks. */
  | { kind: 'visible-param'; node: Node; param: Parameter }
  /** A plain SSM String parameter (`{{resolve:ssm:…}}` or an SSM-typed parameter): readable by anyone with ssm:GetParameter, unencrypted. */
  | { kind: 'ssm-plain'; node: Node };

const SAFE_REF = /\{\{resolve:(secretsmanager|ssm-secure):/;
const PLAIN_SSM_REF = /\{\{resolve:ssm:/;
/** Copies of the CloudFormation docs' syntax blocks (`Password: String`) are placeholders, not secrets. */
const PLACEHOLDER = /^(string|json|boolean|integer|number|list|map|object|null|none|\s*)$/i;

/** True for a string that is a dynamic reference to a real secret store. */
export function isSecretStoreReference(s: string): boolean {
  return SAFE_REF.test(s);
}

/** True when a literal is only a placeholder that cannot be a real credential. */
export function isPlaceholder(s: string): boolean {
  return PLACEHOLDER.test(s) || /^<[^>]*>$/.test(s.trim());
}

function classifyString(node: Node, s: string): SecretSource[] {
  if (SAFE_REF.test(s)) return [];
  if (PLAIN_SSM_REF.test(s)) return [{ kind: 'ssm-plain', node }];
  if (isPlaceholder(s)) return [];
  return [{ kind: 'literal', node, value: s }];
}

/** The exposing sources of a value that should hold a secret, through parameters and `Fn::If` branches. */
export function secretSources(t: Template, node: Node | undefined, depth = 0): SecretSource[] {
  if (!node || depth > 10) return [];
  if (isScalar(node)) {
    if (typeof node.value === 'string') return classifyString(node, node.value);
    if (typeof node.value === 'number') return [{ kind: 'literal', node, value: String(node.value) }];
    return [];
  }
  if (isIntrinsic(node, 'Ref')) {
    const param = t.parameters.get(stringValue(node.arg) ?? '');
    if (!param) return [];
    if (param.type?.startsWith('AWS::SSM::Parameter::Value')) return [{ kind: 'ssm-plain', node }];
    const written = [...(param.allowedValues ?? []), ...(param.default ? [param.default] : [])].filter(
      (v) => isScalar(v) && v.value !== null && String(v.value) !== '' && !isPlaceholder(String(v.value)),
    );
    if (written.length)
      return written.map((v) => ({ kind: 'default' as const, node, param, valueNode: v, value: String(stringValueOrNumber(v)) }));
    if (!param.noEcho) return [{ kind: 'visible-param', node, param }];
    return [];
  }
  if (isIntrinsic(node, 'Fn::If')) {
    return (ifBranches(node) ?? []).flatMap((b) => secretSources(t, b, depth + 1));
  }
  if (isIntrinsic(node, 'Fn::Sub')) {
    const body = isSeq(node.arg) ? node.arg.items[0] : node.arg;
    const s = stringValue(body);
    if (s === undefined) return [];
    if (SAFE_REF.test(s)) return [];
    if (PLAIN_SSM_REF.test(s)) return [{ kind: 'ssm-plain', node }];
    // A Sub without variables is a literal in disguise; with variables, the secret part is unknown.
    return /\$\{[^!]/.test(s) ? [] : classifyString(node, s.replace(/\$\{!/g, '${'));
  }
  if (isIntrinsic(node, 'Fn::Join')) {
    const args = isSeq(node.arg) ? node.arg.items : [];
    const parts = isSeq(args[1]) ? args[1].items : undefined;
    if (!parts || !parts.every(isScalar)) return [];
    const joined = parts.map((p) => String(isScalar(p) ? (p.value ?? '') : '')).join(stringValue(args[0]) ?? '');
    return classifyString(node, joined);
  }
  return [];
}

function stringValueOrNumber(n: Node): string {
  return isScalar(n) ? String(n.value) : '';
}

/** A logical-id-safe name made of the resource id and the property path. */
export function parameterNameFor(r: Resource | undefined, prop: string): string {
  const base = `${r?.id ?? ''}${prop.replace(/[^A-Za-z0-9]/g, '')}`;
  return base.replace(/[^A-Za-z0-9]/g, '').slice(0, 200) || 'SecretValue';
}

/** Fix: replace the value with a Secrets Manager dynamic reference named after the stack and resource. */
export function secretsManagerFix(node: Node, r: Resource | undefined, key: string): Fix {
  const secretName = `\${AWS::StackName}/${r?.id ?? 'secret'}`;
  return {
    title: `Read the value from Secrets Manager (secret '<stack>/${r?.id ?? 'secret'}', key '${key}')`,
    ops: [{ op: 'replace', node, value: { 'Fn::Sub': `{{resolve:secretsmanager:${secretName}:SecretString:${key}}}` } }],
  };
}

/** Fix: add a NoEcho parameter without a Default and reference it in place of the value. */
export function noEchoParameterFix(t: Template, node: Node, name: string, description: string): Fix {
  const param = freshId(t, name);
  const value: JsonValue = { Type: 'String', NoEcho: true, Description: description };
  const params = get(t.root, 'Parameters');
  const ops: FixOp[] = [
    isMap(params) ? { op: 'set', map: params, path: [param], value } : { op: 'set', map: t.root, path: ['Parameters', param], value },
    { op: 'replace', node, value: { Ref: param } },
  ];
  return { title: `Move the value to a NoEcho parameter '${param}' (supplied at deploy time)`, ops };
}

/** Fix: make a parameter NoEcho and drop its Default, so nothing of the secret stays in the template. */
export function hardenParameterFix(p: Parameter): Fix {
  const ops: FixOp[] = [];
  if (p.default) ops.push({ op: 'remove', map: p.node, key: 'Default' });
  if (get(p.node, 'AllowedValues')) ops.push({ op: 'remove', map: p.node, key: 'AllowedValues' });
  if (!p.noEcho) ops.push({ op: 'set', map: p.node, path: ['NoEcho'], value: true });
  const what = [p.default || get(p.node, 'AllowedValues') ? 'remove its Default' : '', p.noEcho ? '' : 'add NoEcho: true']
    .filter(Boolean)
    .join(' and ');
  return { title: `Parameter ${p.id}: ${what}`, ops };
}
