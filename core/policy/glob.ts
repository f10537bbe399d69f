/**
 * IAM wildcard patterns (`*` any run of characters, `?` one character): a pattern matched against a name
 * (`wildcardMatch`), and patterns compared as sets, containment and overlap, exactly, without enumerating anything.
 * Actions compare case-insensitively, ARNs case-sensitively (IAM's own rules).
 */

const STAR = 42;
const ANY_ONE = 63;

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

/** `**` → `*`, and `*?` → `?*` (same set): the containment walk below is exact on this form. */
export function normalizeGlob(p: string): string {
  let out = p.replace(/\*+/g, '*');
  let prev = '';
  while (prev !== out) {
    prev = out;
    out = out.replace(/\*\?/g, '?*');
  }
  return out.replace(/\*+/g, '*');
}

const prepared = new Map<string, string>();

/** Normalised (and for actions lower-cased) once per pattern: the same few patterns are compared many times. */
function prep(p: string, ci: boolean): string {
  const key = ci ? `i${p}` : `s${p}`;
  let out = prepared.get(key);
  if (out === undefined) {
    out = normalizeGlob(ci ? p.toLowerCase() : p);
    if (prepared.size > 10_000) prepared.clear();
    prepared.set(key, out);
  }
  return out;
}

const LIMIT = 4096;

function firstWild(p: string): number {
  for (let i = 0; i < p.length; i++) if (p[i] === '*' || p[i] === '?') return i;
  return p.length;
}

/** Cheap rejection before the walk: the outer pattern's literal prefix must start the inner one. */
function prefixRejects(o: string, i: string): boolean {
  const k = firstWild(o);
  if (k === o.length) return o !== i;
  if (i.length < k) return true;
  for (let j = 0; j < k; j++) if (i[j] !== o[j]) return true;
  return false;
}

/**
 * True when every string `inner` matches also matches `outer`. A `*` of `inner` can only be
 * covered by a `*` of `outer`, a `?` by `?` or `*`, a character by itself, `?` or `*`.
 */
export function globContains(outer: string, inner: string, ci = false): boolean {
  const o = prep(outer, ci);
  const i = prep(inner, ci);
  if (o === '*') return true;
  if (o.length > LIMIT || i.length > LIMIT) return o === i;
  if (prefixRejects(o, i)) return false;
  // reach[k]: outer[0..j) can cover inner[0..k).
  let reach = new Array<boolean>(i.length + 1).fill(false);
  reach[0] = true;
  for (let j = 0; j < o.length; j++) {
    const c = o[j];
    const next = new Array<boolean>(i.length + 1).fill(false);
    if (c === '*') {
      let on = false;
      for (let k = 0; k <= i.length; k++) {
        on = on || reach[k];
        next[k] = on;
      }
    } else {
      for (let k = 0; k < i.length; k++) {
        if (!reach[k]) continue;
        const d = i[k];
        if (d === '*') continue;
        if (c === '?' || c === d) next[k + 1] = true;
      }
    }
    reach = next;
  }
  return reach[i.length];
}

/** True when some string matches both patterns. */
export function globsOverlap(a: string, b: string, ci = false): boolean {
  const p = prep(a, ci);
  const q = prep(b, ci);
  if (p === '*' || q === '*') return true;
  if (p.length > LIMIT || q.length > LIMIT) return true;
  const k = Math.min(firstWild(p), firstWild(q));
  for (let j = 0; j < k; j++) if (p[j] !== q[j]) return false;
  if (k === p.length && k === q.length) return true;
  const seen = new Set<number>();
  const w = q.length + 1;
  const stack: [number, number][] = [[0, 0]];
  while (stack.length) {
    const [i, j] = stack.pop()!;
    const key = i * w + j;
    if (seen.has(key)) continue;
    seen.add(key);
    if (i === p.length && j === q.length) return true;
    const pc = p[i];
    const qc = q[j];
    if (pc === '*') {
      stack.push([i + 1, j]);
      if (j < q.length) stack.push([i, j + 1]);
    }
    if (qc === '*') {
      stack.push([i, j + 1]);
      if (i < p.length) stack.push([i + 1, j]);
    }
    if (pc !== undefined && qc !== undefined && pc !== '*' && qc !== '*' && (pc === '?' || qc === '?' || pc === qc))
      stack.push([i + 1, j + 1]);
  }
  return false;
}

/** True when the pattern has a wildcard. */
export function isGlob(p: string): boolean {
  return /[*?]/.test(p);
}
