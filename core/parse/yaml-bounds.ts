import { lineStartOf } from './offsets';
import type { DocumentProblem } from './problems';

/**
 * Bounds on the text given to `yaml`'s Lexer, Parser and Composer (issue 9 item 8). `yaml` spends microseconds on
 * every token and error and recurses once per nesting level: 4.9 MB of `"` took 17 s and 3 GB, 4.9 MB of `{` ended
 * in "Maximum call stack size exceeded", and the server answered nothing meanwhile. The scanner (yaml-fast.ts)
 * reads the templates people write in linear time; what it leaves to `yaml` is refused with one diagnostic when
 * it is larger than CloudFormation accepts (1 MB), when flow collections nest deeper than MAX_FLOW_DEPTH or block
 * lines (indentation and `- - ` entries) deeper than MAX_BLOCK_DEPTH, or when one line holds more than MAX_LINE_TOKENS brackets, commas, quotes and
 * `- ` entries. Real templates stay far below: over the 575 YAML templates of the real-world set, flow collections
 * nest at most 10 deep, block lines 17, and a line the scanner leaves holds at most 190 such characters.
 */
export const MAX_FLOW_DEPTH = 64;
export const MAX_BLOCK_DEPTH = 100;
export const MAX_LINE_TOKENS = 5000;
/** CloudFormation's limit on a template's size (a template uploaded to S3). */
export const MAX_YAML_CHARS = 1024 * 1024;

/** The problem of an LF text past the bounds, or undefined. One linear pass; quotes are not tracked (a bound, not a parse). */
export function outOfBounds(text: string): DocumentProblem | undefined {
  if (text.length > MAX_YAML_CHARS) {
    return {
      code: 'too-large',
      severity: 'error',
      start: 0,
      end: 0,
      message: `This YAML file is larger than 1 MB, the most CloudFormation accepts, and not in the form Parapet reads quickly; Parapet does not analyse it.`,
    };
  }
  const indents = new Indents();
  const flow = new Brackets();
  let tokens = 0;
  let line = 1;
  let lineStart = true;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) {
      tokens = 0;
      line++;
      lineStart = true;
      continue;
    }
    if (lineStart && c !== 32) {
      lineStart = false;
      if (c !== 35 && indents.push(column(text, i)) + compactEntries(text, i) > MAX_BLOCK_DEPTH) {
        return problem('too-deep', i, `Lines nested more than ${MAX_BLOCK_DEPTH} levels deep`);
      }
    }
    if (c === 91 || c === 123) {
      if (flow.open(c) > MAX_FLOW_DEPTH) return problem('too-deep', i, `Flow collections nested more than ${MAX_FLOW_DEPTH} levels deep`);
    } else if (c === 93 || c === 125) flow.close(c);
    else if (!(c === 44 || c === 34 || c === 39 || (c === 45 && text.charCodeAt(i + 1) === 32))) continue;
    if (++tokens > MAX_LINE_TOKENS) {
      return problem('too-complex', i, `Line ${line} holds more than ${MAX_LINE_TOKENS} brackets, commas, quotes and entries`);
    }
  }
  return undefined;
}

/** The `- ` entries opening a line at i (`- - - 1` nests three sequences), counted up to one past the bound. */
function compactEntries(text: string, i: number): number {
  let n = 0;
  while (n <= MAX_BLOCK_DEPTH && text.charCodeAt(i) === 45 && text.charCodeAt(i + 1) === 32) {
    n++;
    i += 2;
    while (text.charCodeAt(i) === 32) i++;
  }
  return n;
}

/** The column of offset i on its line. */
function column(text: string, i: number): number {
  return i - lineStartOf(text, i);
}

/** The indentations of the open block levels: a line closes the deeper or equal ones and opens its own. */
class Indents {
  private readonly open: number[] = [];

  /** The number of open levels once a line at this indentation is read. */
  push(indent: number): number {
    const open = this.open;
    while (open.length && open[open.length - 1] >= indent) open.pop();
    open.push(indent);
    return open.length;
  }
}

/** Open flow brackets; a closing one closes up to its match, so a typo (`{a: [1}`) leaves nothing open. */
class Brackets {
  private readonly stack: number[] = [];

  /** Opens `[` or `{`; the number now open. */
  open(c: number): number {
    this.stack.push(c);
    return this.stack.length;
  }

  /** Closes `]` or `}`: everything opened since its match, or nothing when none is open. */
  close(c: number): void {
    const match = c === 93 ? 91 : 123;
    const at = this.stack.lastIndexOf(match);
    if (at >= 0) this.stack.length = at;
  }
}

function problem(code: string, at: number, what: string): DocumentProblem {
  return {
    code,
    severity: 'error',
    start: at,
    end: at + 1,
    message: `${what}; Parapet does not parse this file (no CloudFormation template comes close).`,
  };
}
