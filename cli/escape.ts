/**
 * Output that cannot be forged: file names, logical ids and messages come from the repository
 * being scanned, and a terminal or a CI log acts on some characters. Text output escapes them;
 * JSON and SARIF escape what `JSON.stringify` leaves raw.
 */

/**
 * C0 controls (ESC clears a terminal, CR and LF forge lines), DEL, C1 controls (U+009B is a
 * one-character CSI for some terminals), the Unicode line and paragraph separators, and the bidi
 * overrides and isolates that make text read in another order than it is.
 */
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
/** What `JSON.stringify` leaves raw of UNSAFE (it escapes C0 itself; the line breaks between JSON lines stay). */
const UNSAFE_IN_JSON = /[\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
const SHORT: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

function hex4(c: string): string {
  return `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

/** A field of text output with every unsafe character written as an escape (`\n`, `\r`, `\t`, `\u001b`). */
export function escapeField(s: string): string {
  return s.replace(UNSAFE, (c) => SHORT[c] ?? hex4(c));
}

/**
 * A line of text output that the GitHub Actions runner will not run as a workflow command: it runs
 * a line starting with `::` (after spaces) and, in its legacy form, `##[command]` anywhere in a line.
 */
export function workflowSafeLine(line: string): string {
  const safe = line.includes('##[') ? line.replace(/##\[/g, '##\\[') : line;
  return /^\s*::/.test(safe) ? safe.replace('::', '\\::') : safe;
}

/**
 * JSON text (from `JSON.stringify`, which escapes C0 controls) with the rest of the unsafe
 * characters and the legacy `##[` command prefix also escaped; `JSON.parse` gives back the same
 * strings. Structural JSON never holds these characters, so only string contents change.
 */
export function escapeJsonText(json: string): string {
  const out = json.replace(UNSAFE_IN_JSON, hex4);
  return out.includes('##[') ? out.replace(/##\[/g, '##\\u005b') : out;
}
