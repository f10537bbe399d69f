/**
 * Where a flow collection or a quoted scalar ends as CloudFormation reads it. SnakeYAML and PyYAML (cfn-lint's
 * decoder) ignore indentation inside a flow collection and inside a quoted scalar, so `Resource: [` with its items
 * and `]` at the key's own column, or a double-quoted scalar whose last line sits at the key's column, are valid
 * templates there; `yaml` reports them. This scan follows PyYAML's flow rules to find the node's true end.
 */

const NL = 10;
const SP = 32;
const TAB = 9;
const HASH = 35;
const SQ = 39;
const DQ = 34;
const BSLASH = 92;
const COLON = 58;
const COMMA = 44;
const LBRACK = 91;
const RBRACK = 93;
const LBRACE = 123;
const RBRACE = 125;
const QUESTION = 63;

/**
 * The offset just past the flow collection or quoted scalar that starts at `s`, or undefined when PyYAML would
 * fail on it: unclosed, or followed on its line by anything but `:`, `,`, a closing bracket or a comment (a quote
 * left open matches the opening quote of a later scalar, whose text then follows it).
 */
export function lenientEnd(text: string, s: number): number | undefined {
  const c = text.charCodeAt(s);
  const end = c === SQ || c === DQ ? quotedEnd(text, s) : c === LBRACK || c === LBRACE ? flowEnd(text, s) : undefined;
  if (end === undefined) return undefined;
  let i = end;
  while (text.charCodeAt(i) === SP || text.charCodeAt(i) === TAB) i++;
  const d = text.charCodeAt(i);
  const ok = Number.isNaN(d) || d === NL || d === COLON || d === COMMA || d === RBRACK || d === RBRACE || (d === HASH && i > end);
  return ok ? end : undefined;
}

/** True at a line start holding `---` or `...` and white space: a document marker, which ends any flow node with an error. */
function docMarker(text: string, p: number): boolean {
  if (!(text.startsWith('---', p) || text.startsWith('...', p))) return false;
  const n = text.charCodeAt(p + 3);
  return Number.isNaN(n) || n === SP || n === NL || n === TAB;
}

function quotedEnd(text: string, s: number): number | undefined {
  const q = text.charCodeAt(s);
  for (let i = s + 1; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === NL) {
      if (docMarker(text, i + 1)) return undefined;
    } else if (q === DQ && c === BSLASH) i++;
    else if (c === q) {
      if (q === SQ && text.charCodeAt(i + 1) === SQ) i++;
      else return i + 1;
    }
  }
  return undefined;
}

function isFlowIndicator(c: number): boolean {
  return c === COMMA || c === LBRACK || c === RBRACK || c === LBRACE || c === RBRACE;
}

function isBlank(c: number): boolean {
  return c === SP || c === TAB || c === NL || Number.isNaN(c);
}

/** Past a comment at i (a `#`): the line break that ends it. */
function commentEnd(text: string, i: number): number {
  const e = text.indexOf('\n', i);
  return e < 0 ? text.length : e;
}

/** Past a plain scalar in flow context starting at i (PyYAML's scan_plain): flow indicators, `: ` and ` #` end it, line breaks do not. */
function plainEnd(text: string, i: number): number | undefined {
  const n = text.length;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (isFlowIndicator(c) || c === QUESTION) return i;
    if (c === COLON && (isBlank(text.charCodeAt(i + 1)) || isFlowIndicator(text.charCodeAt(i + 1)))) return i;
    if (c === SP || c === TAB || c === NL) {
      let j = i;
      while (j < n) {
        const d = text.charCodeAt(j);
        if (d === NL && docMarker(text, j + 1)) return undefined;
        if (d !== SP && d !== TAB && d !== NL) break;
        j++;
      }
      if (j >= n || text.charCodeAt(j) === HASH) return j;
      i = j;
      continue;
    }
    i++;
  }
  return undefined;
}

/** Past the collection opened at s: brackets must match, quoted scalars and comments are skipped, indentation is ignored. */
function flowEnd(text: string, s: number): number | undefined {
  const closers: number[] = [text.charCodeAt(s) === LBRACK ? RBRACK : RBRACE];
  const n = text.length;
  let i = s + 1;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === SP || c === TAB || c === COMMA) i++;
    else if (c === NL) {
      if (docMarker(text, i + 1)) return undefined;
      i++;
    } else if (c === HASH) i = commentEnd(text, i);
    else if (c === LBRACK || c === LBRACE) {
      closers.push(c === LBRACK ? RBRACK : RBRACE);
      i++;
    } else if (c === RBRACK || c === RBRACE) {
      if (closers.pop() !== c) return undefined;
      i++;
      if (closers.length === 0) return i;
    } else if (c === SQ || c === DQ) {
      const e = quotedEnd(text, i);
      if (e === undefined) return undefined;
      i = e;
    } else if (c === QUESTION || (c === COLON && (isBlank(text.charCodeAt(i + 1)) || isFlowIndicator(text.charCodeAt(i + 1))))) i++;
    else if (c === 33 || c === 38 || c === 42) {
      // A tag, anchor or alias: its name runs to white space or a flow indicator.
      i++;
      while (i < n && !isBlank(text.charCodeAt(i)) && !isFlowIndicator(text.charCodeAt(i))) i++;
    } else if (c === 45 && isBlank(text.charCodeAt(i + 1))) return undefined;
    else if (c === 124 || c === 62 || c === 37 || c === 64 || c === 96) return undefined;
    else {
      const e = plainEnd(text, i);
      // Every step moves on: a scalar that ends where it starts is not one PyYAML reads.
      if (e === undefined || e <= i) return undefined;
      i = e;
    }
  }
  return undefined;
}
