import { get, isIntrinsic, isMap, isScalar, isSeq, Node, stringValue, walk } from '../../core/nodes';
import { Rule, RuleContext } from '../../core/rule';
import { Template } from '../../core/template';
import { resourceOf } from '../lib/paths';
import { isSecretName } from '../lib/secret-names';
import { isSecretStoreReference, secretSources } from '../lib/secrets';

/** A credential pattern: what it is, and the part of the match that is the secret. */
interface Detector {
  what: string;
  re: RegExp;
  /** Capture group holding the secret (0 = whole match). */
  group: number;
  /** Only in pairs whose key matches (for values that are only secret by their label). */
  key?: RegExp;
  /** Only inside these property names somewhere up the path (user data scripts). */
  within?: RegExp;
  reject?: (secret: string, text: string) => boolean;
}

/**
 * A value in a script that only stands for the secret, which a boot step replaces (`reloadPasswordHere`,
 * `<admin-password>`, `__API_TOKEN__`, `%DB_PASS%`, `@TOKEN@`, `CHANGE_ME`, `your_token`).
 */
const SCRIPT_PLACEHOLDER =
  /^(?:<[^<>]*>|__\w+__|%\w+%|@\w+@|\w*(?:here|placeholder)|your[_-]?\w*|(?:change|replace)[_-]?me\w*|dummy\w*|x{3,}|\*{3,}|redacted)$/i;
/**
 * A script reading the secret, not writing it: a call, a subscript or a keyword argument naming a variable
 * (`secret_string = response['SecretString']`, `get_secret_value(SecretId=arn)`).
 */
const CODE = /^[A-Za-z_][\w.]*(?:[([]|[),\]]$)/;

// Patterns follow gitleaks / detect-secrets: high-confidence prefixes only, so prose does not match.
const DETECTORS: Detector[] = [
  {
    what: 'an AWS access key id',
    // gitleaks' pattern: [A-Z0-9], not only base32's [A-Z2-7], so made-up and mistyped keys are caught too.
    re: /\b((?:A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16})\b/,
    group: 1,
    reject: (s) => s.includes('EXAMPLE'),
  },
  {
    what: 'an AWS secret access key',
    // 40 characters of base64 beside an access key id in the same text (`AKIA… wJalr…`).
    re: /(?<![A-Za-z0-9/+])([A-Za-z0-9/+]{40})(?![A-Za-z0-9/+=])/,
    group: 1,
    reject: (s, text) => !mixedCase(s) || /EXAMPLE/i.test(s) || !hasKeyId(text),
  },
  {
    what: 'an AWS secret access key',
    re: /^([A-Za-z0-9/+]{40})$/,
    group: 1,
    key: /secret.?(access.?)?key|aws.?secret/i,
    reject: (s) => /EXAMPLE/i.test(s) || !/[0-9]/.test(s) || !/[A-Z]/.test(s),
  },
  {
    what: 'an AWS secret access key',
    re: /aws_?secret_?access_?key["']?\s*[:=]\s*["']?([A-Za-z0-9/+]{40})(?![A-Za-z0-9/+])/i,
    group: 1,
    reject: (s) => /EXAMPLE/i.test(s),
  },
  { what: 'a private key', re: /-----BEGIN ((RSA|EC|DSA|OPENSSH|ENCRYPTED|PGP) )?PRIVATE KEY( BLOCK)?-----/, group: 0 },
  {
    what: 'a base64-encoded private key',
    re: /LS0tLS1CRUdJTi[A-Za-z0-9+/=]{20,}/,
    group: 0,
    reject: (s) => !/PRIVATE KEY/.test(decodeBase64(s)),
  },
  {
    what: 'a password in a URL',
    re: /\b[a-z][a-z0-9+.-]{1,20}:\/\/[^\s:/@'"]+:([^\s@/'"]+)@[^\s'"]/i,
    group: 1,
    reject: (s) => s.startsWith('${') || s.startsWith('$(') || s.startsWith('{{') || /^(password|pass|x+|\*+)$/i.test(s),
  },
  { what: 'a Slack webhook URL', re: /https:\/\/hooks\.slack\.com\/services\/T[A-Z0-9_]+\/B[A-Z0-9_]+\/[A-Za-z0-9]{8,}/, group: 0 },
  {
    what: 'a Microsoft Teams webhook URL',
    re: /https:\/\/[a-z0-9_-]+\.webhook\.office\.com\/webhookb2\/[0-9a-f-]{36}@[0-9a-f-]{36}\/IncomingWebhook\/[0-9a-f]{32}\/[0-9a-f-]{36}/i,
    group: 0,
  },
  { what: 'a GitHub token', re: /\b(gh[pousr]_[A-Za-z0-9]{36,255}|github_pat_[A-Za-z0-9_]{82})\b/, group: 1 },
  { what: 'a Slack token', re: /\b(xox[baprs]-[0-9A-Za-z-]{10,})\b/, group: 1 },
  { what: 'a Stripe secret key', re: /\b((?:sk|rk)_live_[0-9A-Za-z]{24,})\b/, group: 1 },
  { what: 'a Google API key', re: /\b(AIza[0-9A-Za-z_-]{35})\b/, group: 1 },
  {
    what: 'a password in a user data script',
    re: /\b[A-Za-z_]*(?:PASSWORD|PASSWD|SECRET|TOKEN|API_?KEY)[A-Za-z_]*\s*=\s*(["']?)([^\s"'$`;|&]{4,})\1/i,
    group: 2,
    within: /^(UserData|commands|content)$/,
    reject: (s) => s.startsWith('{{') || /^(true|false|none|null|yes|no)$/i.test(s) || SCRIPT_PLACEHOLDER.test(s) || CODE.test(s),
  },
];

/** Something every detector needs: a key prefix, a key header, a URL, a token prefix or an assignment. */
const QUICK = /AKIA|ASIA|ABIA|ACCA|A3T|PRIVATE KEY|LS0tLS1CRUdJTi|:\/\/|xox[baprs]-|_live_|AIza|gh[pousr]_|github_pat_|=/;

const KEY_ID = /\b(?:A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}\b/;
const SECRET_KEY = /^[A-Za-z0-9/+]{40}$/;

function hasKeyId(text: string): boolean {
  const m = KEY_ID.exec(text);
  return !!m && !m[0].includes('EXAMPLE');
}

function mixedCase(s: string): boolean {
  return /[A-Z]/.test(s) && /[a-z]/.test(s) && /[0-9]/.test(s);
}

/** A 40-character secret access key written as its own value beside an access key id (a mapping or list holding both). */
function besideKeyId(n: Node, text: string): boolean {
  if (!SECRET_KEY.test(text) || !mixedCase(text) || /EXAMPLE/i.test(text)) return false;
  const p = n.parent;
  const siblings = p?.kind === 'map' ? p.pairs.map((x) => x.value) : isSeq(p) ? p.items : [];
  return siblings.some((s) => s !== n && s !== undefined && hasKeyId(stringValue(s) ?? ''));
}

/** The string CloudFormation builds from `Fn::Join` when the delimiter and every part are written out. */
function joined(n: Node): string | undefined {
  if (!isIntrinsic(n, 'Fn::Join') || !isSeq(n.arg)) return undefined;
  const [delim, list] = n.arg.items;
  const sep = stringValue(delim);
  if (sep === undefined || !isSeq(list) || !list.items.every(isScalar)) return undefined;
  return list.items.map((x) => String(isScalar(x) ? (x.value ?? '') : '')).join(sep);
}

function decodeBase64(s: string): string {
  try {
    return Buffer.from(s.slice(0, 400), 'base64').toString('latin1');
  } catch {
    return '';
  }
}

/** The key of the pair a scalar is the value of, if any. */
function keyOf(n: Node): string | undefined {
  const p = n.parent;
  if (p?.kind !== 'map') return undefined;
  const pair = p.pairs.find((x) => x.value === n);
  return pair ? String(pair.key.value) : undefined;
}

function isWithin(n: Node, re: RegExp): boolean {
  let cur: Node | undefined = n;
  for (let i = 0; cur && i < 12; i++) {
    const k = keyOf(cur);
    if (k && re.test(k)) return true;
    cur = cur.parent;
  }
  return false;
}

/** Every credential the detectors find in one string, each kind once. */
function detect(n: Node, text: string): { what: string; secret: string }[] {
  const out: { what: string; secret: string }[] = [];
  for (const d of DETECTORS) {
    if (d.key && !d.key.test(keyOf(n) ?? '')) continue;
    if (d.within && !isWithin(n, d.within)) continue;
    // The first match that is a secret: a placeholder earlier in the script does not hide a password after it.
    const secret = firstSecret(d, text);
    if (secret !== undefined && !out.some((f) => f.secret === secret)) out.push({ what: d.what, secret });
  }
  return out;
}

/** The first match of a detector in a string that its `reject` keeps, at most 50 tried. */
function firstSecret(d: Detector, text: string): string | undefined {
  const re = new RegExp(d.re.source, d.re.flags.includes('g') ? d.re.flags : `${d.re.flags}g`);
  let tried = 0;
  for (const m of text.matchAll(re)) {
    const secret = m[d.group];
    if (secret && !d.reject?.(secret, text)) return secret;
    if (++tried >= 50) break;
  }
  return undefined;
}

/** Outputs named like a secret (`DbPassword`, `ApiKey`) that publish a value written in the template: DescribeStacks shows it to anyone who can read the stack. */
function checkOutputs(t: Template, ctx: RuleContext, reported: Set<Node>): void {
  const outputs = get(t.root, 'Outputs');
  if (!isMap(outputs)) return;
  for (const p of outputs.pairs) {
    const id = String(p.key.value);
    if (!isSecretName(id)) continue;
    for (const src of secretSources(t, get(p.value, 'Value'))) {
      if (src.kind !== 'literal' || reported.has(src.node)) continue;
      reported.add(src.node);
      ctx.report({
        node: src.node,
        secrets: [src.value],
        message: `Output ${id} publishes a secret written in the template: anyone who can describe the stack reads it. Remove the output (or output where the secret is kept, such as its ARN), and keep the secret in Secrets Manager.`,
        data: { kind: 'output' },
      });
    }
  }
}

/** Compliant: no AWS access key, secret key, private key, webhook URL, token or URL password appears anywhere in the template, and no output named like a secret publishes one. */
export const noCredentialsInTemplate: Rule = {
  meta: {
    id: 'no-credentials-in-template',
    title: 'No credentials anywhere in the template',
    compliant:
      'No string in the template (properties, user data, metadata, parameters, outputs) holds an AWS access key, secret key, private key, token, webhook URL or a password in a URL, and no output named like a secret publishes a written value.',
    description:
      'An AWS access key pair, a private key or an API token committed in a template gives its holder that identity until someone notices and revokes it, and repositories, stack templates and logs are copied widely. ' +
      'AWS access keys found in public repositories are abused within minutes. Use IAM roles for AWS access and Secrets Manager for everything else.',
    category: 'long-term-credentials',
    severity: 'error',
    profile: 'recommended',
    resourceTypes: ['*'],
    syntaxes: ['cfn-yaml', 'cfn-json', 'cdk-ts', 'cdk-py'],
    references: [
      {
        title: 'Best practices for managing AWS access keys',
        url: 'https://docs.aws.amazon.com/accounts/latest/reference/credentials-access-keys-best-practices.html',
      },
      { title: 'What to do if you exposed AWS credentials', url: 'https://repost.aws/knowledge-center/potential-account-compromise' },
    ],
    equivalents: { checkov: ['CKV_SECRET_2', 'CKV_SECRET_6', 'CKV_AWS_41', 'CKV_AWS_46'] },
  },
  template(t, ctx) {
    const reported = new Set<Node>();
    // Every string of the template, wherever it is (Description, Mappings, Metadata, Outputs, tags, `!Sub`
    // bodies), plus the strings `Fn::Join` builds from written parts.
    walk(t.root, (n) => {
      const text = isScalar(n) ? (typeof n.value === 'string' ? n.value : undefined) : joined(n);
      if (text === undefined || text.length < 16) return;
      if (isSecretStoreReference(text) && !/AKIA|BEGIN|:\/\//.test(text)) return;
      // One cheap scan rules out almost every string before the detectors run.
      if (text.length !== 40 && !QUICK.test(text)) return;
      const found = detect(n, text);
      if (besideKeyId(n, text) && !found.some((f) => f.secret === text)) found.push({ what: 'an AWS secret access key', secret: text });
      if (!found.length) return;
      const what = [...new Set(found.map((f) => f.what))];
      reported.add(n);
      ctx.report({
        node: n,
        resource: resourceOf(t, n),
        secrets: found.map((f) => f.secret),
        message: `This value contains ${what.join(' and ')}. Revoke it, remove it from the template and its history, and use an IAM role or a Secrets Manager reference instead.`,
        data: { kind: what[0] },
      });
    });
    checkOutputs(t, ctx, reported);
  },
};
