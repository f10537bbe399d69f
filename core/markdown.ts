import { maskCredentials } from './secrets';

/**
 * Text from a template, a policy or a file name, made safe to put into Markdown that an editor
 * renders: credentials masked, and every character that could start a link, an image, raw HTML, an
 * autolink, emphasis, a code span, a heading, a quote, a list or a table cell escaped. A template can
 * then neither load a remote image when its hover shows, nor plant a `command:` link.
 */
export function mdText(text: string): string {
  return (
    maskCredentials(String(text))
      // A line break would let the rest start a block (a heading, a list, a fenced block).
      .replace(/\r\n|\r|\n/g, ' ')
      // CommonMark lets a backslash escape any ASCII punctuation; these are the ones that start inline syntax.
      .replace(/[\\`*_{}[\]()<>#!|~&]/g, '\\$&')
      // Text that starts a line must not start a list item either.
      .replace(/^(\s*)([-+=])/, '$1\\$2')
      .replace(/^(\s*\d+)([.)])/, '$1\\$2')
  );
}

/** Text shown as inline code, whatever backticks it holds (a fence longer than any run inside), masked, on one line. */
export function mdCode(text: string): string {
  const body = maskCredentials(String(text)).replace(/\r\n|\r|\n/g, ' ');
  const longest = Math.max(0, ...(body.match(/`+/g) ?? []).map((r) => r.length));
  const fence = '`'.repeat(longest + 1);
  const pad = body.startsWith('`') || body.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${body}${pad}${fence}`;
}
