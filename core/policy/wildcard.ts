/**
 * IAM's wildcards, `*` (any run of characters) and `?` (one character), matched without a regular expression.
 * A pattern of any length costs at most pattern × text steps: V8 refuses a regular expression built from a
 * 40 KB pattern ("too large"), and a regular expression of many `.*` runs can backtrack for a very long time.
 * Case-sensitive, as IAM matches resources; lower-case both sides to match actions.
 */
export function wildcardMatch(pattern: string, text: string): boolean {
  let p = 0;
  let t = 0;
  /** Where the last `*` was in the pattern, and the text offset it has swallowed up to. */
  let star = -1;
  let upTo = 0;
  while (t < text.length) {
    const c = pattern.charCodeAt(p);
    if (c === STAR) {
      star = p++;
      upTo = t;
    } else if (p < pattern.length && (c === ANY_ONE || c === text.charCodeAt(t))) {
      p++;
      t++;
    } else if (star >= 0) {
      p = star + 1;
      t = ++upTo;
    } else {
      return false;
    }
  }
  while (pattern.charCodeAt(p) === STAR) p++;
  return p === pattern.length;
}

/** True when the text holds `*` or `?`. */
export function hasWildcard(s: string): boolean {
  return s.includes('*') || s.includes('?');
}

const STAR = 42;
const ANY_ONE = 63;
