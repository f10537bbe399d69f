/** Shows enough of a secret to recognise it, never the whole value. */
export function maskSecret(value: string): string {
  const v = String(value);
  if (v.length <= 4) return '****';
  const keep = v.length >= 16 ? 4 : 2;
  return `${v.slice(0, keep)}${'*'.repeat(Math.min(8, v.length - keep))}`;
}

const WORD = /[A-Za-z0-9_]/;

/**
 * Replaces every occurrence of each secret in a text with its mask. An occurrence inside a longer word
 * is left alone: the secret `KeyValue` must not garble the property name `ApiKeyValue` in a message,
 * and a message never glues a secret to other letters.
 */
export function maskAll(text: string, secrets: readonly string[] | undefined): string {
  if (!secrets) return text;
  let out = text;
  for (const s of secrets) {
    if (!s || s.length < 2) continue;
    let from = 0;
    let at: number;
    while ((at = out.indexOf(s, from)) >= 0) {
      const end = at + s.length;
      const inWord =
        (WORD.test(s[0]) && at > 0 && WORD.test(out[at - 1])) || (WORD.test(s[s.length - 1]) && end < out.length && WORD.test(out[end]));
      if (inWord) {
        from = at + 1;
        continue;
      }
      const mask = maskSecret(s);
      out = out.slice(0, at) + mask + out.slice(end);
      from = at + mask.length;
    }
  }
  return out;
}

/**
 * Shapes of credentials, masked in any text Parapet shows, whichever rule or feature wrote it: a
 * value echoed from a template ("… is not an action") must not print a key in full. The capture
 * group, when there is one, is the part masked (a URL keeps its scheme, user and host).
 */
const CREDENTIAL_SHAPES: RegExp[] = [
  // AWS access key ids: gitleaks' pattern (real ids are base32, but any of [A-Z0-9] is treated alike).
  /\b(?:A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}\b/g,
  /\bgh[pousr]_[A-Za-z0-9]{36,255}\b/g,
  /\bgithub_pat_[A-Za-z0-9_]{82}\b/g,
  /\bxox[baprs]-[0-9A-Za-z-]{10,}/g,
  /\b[sr]k_live_[0-9A-Za-z]{24,}/g,
  /\bAIza[0-9A-Za-z_-]{35}/g,
  /https:\/\/hooks\.slack\.com\/services\/[A-Za-z0-9_/]{20,}/g,
  /-----BEGIN [A-Z ]*PRIVATE KEY(?: BLOCK)?-----[^-]*/g,
  // A password in a URL (`scheme://user:password@host`): only the password.
  /\b[a-z][a-z0-9+.-]{1,20}:\/\/[^\s:/@'"]+:([^\s@/'"]+)@/gi,
  // AWS secret access keys: 40 characters of base64 with upper case, lower case and a digit, standing alone.
  /(?<![A-Za-z0-9/+])([A-Za-z0-9/+]{40})(?![A-Za-z0-9/+=])/g,
];

/** Something each shape but the secret key needs, so ordinary text costs one quick test. */
const CREDENTIAL_HINT = /A3T|AKIA|ASIA|ABIA|ACCA|gh[pousr]_|github_pat_|xox[baprs]-|_live_|AIza|hooks\.slack|PRIVATE KEY|:\/\//;

function isBase64Char(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 43 || c === 47;
}

/**
 * True when the text holds a run of `len` base64 characters (what a secret key needs). It looks at the
 * last character of each window first and skips past whatever breaks the run, so prose costs a few
 * comparisons per window; a `{40}` regex restarts at every position and cost about a millisecond per
 * analysis of a template with 80 findings.
 */
function hasBase64Run(text: string, len = 40): boolean {
  let start = 0;
  while (start + len <= text.length) {
    let j = start + len - 1;
    while (j >= start && isBase64Char(text.charCodeAt(j))) j--;
    if (j < start) return true;
    start = j + 1;
  }
  return false;
}

function looksLikeSecretKey(s: string): boolean {
  return /[A-Z]/.test(s) && /[a-z]/.test(s) && /[0-9]/.test(s);
}

/** Masks every credential-shaped part of a text (AWS keys, tokens, private keys, URL passwords). */
export function maskCredentials(text: string): string {
  if (!text || !(CREDENTIAL_HINT.test(text) || hasBase64Run(text))) return text;
  let out = text;
  for (const re of CREDENTIAL_SHAPES) {
    out = out.replace(re, (whole: string, group?: unknown) => {
      const part = typeof group === 'string' ? group : whole;
      if (re === CREDENTIAL_SHAPES[CREDENTIAL_SHAPES.length - 1] && !looksLikeSecretKey(part)) return whole;
      return whole.replace(part, maskSecret(part));
    });
  }
  return out;
}

/** Everything Parapet shows from a finding: its own secrets masked, then any other credential shape. */
export function maskText(text: string, secrets?: readonly string[]): string {
  return maskCredentials(maskAll(text, secrets));
}
