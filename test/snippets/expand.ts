/**
 * Expands a VS Code snippet body the way the editor does with every placeholder left at its
 * default: `${1:default}` → default (nested placeholders expanded), `${1|a,b|}` → `a`, `$1`/`${1}`/`$0`
 * → nothing, known variables (`$TM_FILENAME`, `${CURRENT_YEAR}`, …) → fixed values, `\$`, `\}`, `\\` → the character.
 */
export function expandSnippet(body: string | string[], vars: Record<string, string> = {}): string {
  const text = Array.isArray(body) ? body.join('\n') : body;
  const values: Record<string, string> = {
    TM_FILENAME: 'template.yaml', TM_FILENAME_BASE: 'template', TM_DIRECTORY: '/work', TM_FILEPATH: '/work/template.yaml',
    TM_LINE_INDEX: '0', TM_LINE_NUMBER: '1', TM_SELECTED_TEXT: '', TM_CURRENT_LINE: '', TM_CURRENT_WORD: '',
    CURRENT_YEAR: '2026', CURRENT_YEAR_SHORT: '26', CURRENT_MONTH: '01', CURRENT_DATE: '31', CURRENT_HOUR: '12', CURRENT_MINUTE: '00',
    CURRENT_SECOND: '00', CURRENT_MONTH_NAME: 'January', CURRENT_DAY_NAME: 'Saturday', WORKSPACE_NAME: 'work', UUID: '00000000-0000-4000-8000-000000000000',
    ...vars,
  };
  let i = 0;
  // Parses until an unescaped `}` (when nested) or the end; returns the expanded text.
  const parse = (nested: boolean): string => {
    let out = '';
    while (i < text.length) {
      const c = text[i];
      if (c === '\\' && i + 1 < text.length && '$}\\'.includes(text[i + 1])) {
        out += text[i + 1];
        i += 2;
      } else if (nested && c === '}') {
        return out;
      } else if (c === '$') {
        out += dollar();
      } else {
        out += c;
        i++;
      }
    }
    if (nested) throw new Error(`unclosed placeholder in snippet: ${text.slice(0, 80)}`);
    return out;
  };
  const dollar = (): string => {
    const rest = text.slice(i);
    let m = /^\$(\d+)/.exec(rest);
    if (m) { i += m[0].length; return ''; }
    m = /^\$([A-Z_][A-Z_0-9]*)/.exec(rest);
    if (m) { i += m[0].length; return variable(m[1]); }
    m = /^\$\{(\d+)\}/.exec(rest);
    if (m) { i += m[0].length; return ''; }
    m = /^\$\{(\d+)\|((?:\\.|[^|\\])*)\|\}/.exec(rest);
    if (m) { i += m[0].length; return m[2].split(/(?<!\\),/)[0].replace(/\\(.)/g, '$1'); }
    m = /^\$\{(\d+):/.exec(rest);
    if (m) { i += m[0].length; const v = parse(true); i++; return v; }
    m = /^\$\{([A-Za-z_][A-Za-z_0-9]*)\}/.exec(rest);
    if (m) { i += m[0].length; return variable(m[1]); }
    m = /^\$\{([A-Za-z_][A-Za-z_0-9]*):/.exec(rest);
    if (m) { i += m[0].length; const def = parse(true); i++; return values[m[1]] ?? def; }
    i++;
    return '$';
  };
  const variable = (name: string): string => {
    const v = values[name];
    // VS Code inserts an unknown variable's name as a placeholder: a snippet must not rely on that.
    if (v === undefined) throw new Error(`unknown snippet variable ${name}`);
    return v;
  };
  return parse(false);
}
