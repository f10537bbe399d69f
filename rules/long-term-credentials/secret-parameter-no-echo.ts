import { isIntrinsic, isScalar, Node, stringValue, walk } from '../../core/nodes';
import { Rule } from '../../core/rule';
import { Parameter, Template } from '../../core/template';
import { nodesAt } from '../lib/paths';
import { isSecretName } from '../lib/secret-names';
import { hardenParameterFix, isPlaceholder } from '../lib/secrets';
import { secretEnvEntries } from './environment-no-secrets';
import { SECRET_PROPERTIES } from './secret-property-not-hardcoded';

/** Parameter ids referenced from a value, directly or through `Fn::If`. */
function refsIn(node: Node | undefined, out: Set<string>): void {
  if (!node) return;
  walk(node, (n) => {
    if (isIntrinsic(n, 'Ref')) {
      const id = stringValue(n.arg);
      if (id) out.add(id);
    }
  });
}

/** Parameters whose uses are already judged by the property and environment rules, which report at the use. */
function judgedAtUse(t: Template): Set<string> {
  const out = new Set<string>();
  for (const [type, paths] of Object.entries(SECRET_PROPERTIES)) {
    for (const r of t.byType.get(type) ?? []) {
      for (const p of paths) for (const n of nodesAt(r.properties, p.split('.'))) refsIn(n, out);
    }
  }
  for (const e of secretEnvEntries(t)) refsIn(e.value, out);
  return out;
}

/** Defaults that show a parameter is a switch (`EnableSecretsPlugin: 'true'`, IMDS `HttpTokens: optional`), not a secret. */
const SWITCH_VALUE = /^(true|false|yes|no|on|off|enabled?|disabled?|optional|required|none)$/i;

/**
 * True when the parameter itself says it carries a secret: a name whose head noun is a secret, a free `String`
 * (Number, SSM-parameter, key-pair and list types carry a number, a name or an id), no `AllowedValues` (a value
 * chosen from a list written in the template is a setting), and no switch-like Default.
 */
function carriesSecret(p: Parameter): boolean {
  if (p.type !== undefined && p.type !== 'String') return false;
  if (p.allowedValues !== undefined || !isSecretName(p.id)) return false;
  const d = p.default;
  return !(isScalar(d) && (typeof d.value === 'boolean' || SWITCH_VALUE.test(String(d.value))));
}

function writtenDefault(p: Parameter): Node | undefined {
  const d = p.default;
  return isScalar(d) && d.value !== null && String(d.value) !== '' && !isPlaceholder(String(d.value)) ? d : undefined;
}

/** Compliant: every free-text parameter named as a secret (`DbPassword`, `GitHubToken`, `ApiKey`) is NoEcho and has no Default. */
export const secretParameterNoEcho: Rule = {
  meta: {
    id: 'secret-parameter-no-echo',
    title: 'Secret parameters are NoEcho and have no Default',
    compliant: 'A parameter that carries a password, token or key has `NoEcho: true` and no `Default`.',
    description:
      'Without NoEcho, a parameter value is shown in the CloudFormation console, in DescribeStacks and in events, to anyone with read access to the stack. ' +
      'A Default writes the secret in the template itself, where NoEcho does not hide it. Better still, keep the secret in Secrets Manager and use a dynamic reference.',
    category: 'long-term-credentials',
    severity: 'error',
    profile: 'recommended',
    resourceTypes: ['Parameters'],
    syntaxes: ['cfn-yaml', 'cfn-json', 'cdk-ts', 'cdk-py'],
    references: [
      {
        title: 'Parameters: NoEcho',
        url: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/parameters-section-structure.html#parameters-section-structure-properties',
      },
      {
        title: 'Do not embed credentials in your templates',
        url: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/security-best-practices.html#creds',
      },
    ],
    fix: 'Adds `NoEcho: true` and removes the Default (the value is then supplied at deploy time).',
    fixSafety: 'suggestion',
  },
  template(t, ctx) {
    const atUse = judgedAtUse(t);
    for (const p of t.parameters.values()) {
      if (!carriesSecret(p) || atUse.has(p.id)) continue;
      const def = writtenDefault(p);
      if (!def && p.noEcho) continue;
      const message = def
        ? p.noEcho
          ? `Parameter ${p.id} has a Default, which writes the secret in the template, where NoEcho does not hide it. Remove the Default and supply the value at deploy time.`
          : `Parameter ${p.id} has a Default, which writes the secret in the template, and is not NoEcho. Remove the Default and add NoEcho: true.`
        : `Parameter ${p.id} is named as a secret but is not NoEcho, so its value shows in the console and in DescribeStacks. Add NoEcho: true.`;
      ctx.report({
        node: def ?? p.keyNode,
        message,
        secrets: def ? [String(isScalar(def) ? def.value : '')] : undefined,
        related: def ? [{ node: p.keyNode, message: `Parameter ${p.id}.` }] : undefined,
        fix: hardenParameterFix(p),
        data: { parameter: p.id },
      });
    }
  },
};
