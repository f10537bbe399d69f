import type { ParsedDocument } from '../document';
import type { FixWriter } from '../fix/render';
import { TextEdit, lineIndent } from '../fix/text';
import { JsonValue, MapNode, Node, SeqNode } from '../nodes';
import { CdkCall, CdkModel, CdkObject, CdkValue, ModuleHandle, asObject, entryOf } from './model';
import { camelOfCfn, defaultAlias, snakeOf } from './names';
import type { Code } from './code';
import type { CdkTemplate } from './template';

/**
 * Text edits for CDK fixes, in the file's own idiom: props added to the existing object literal
 * (single- or multi-line, keeping the trailing-comma style), a props argument added where there is
 * none, enum members through the file's import alias (or a new named import / module import),
 * Python keyword arguments and module aliases.
 */

/** Rendering context: one per fix, so the imports it needs are added once. */
export class CodeWriter {
  private readonly importEdits = new Map<string, TextEdit>();
  private readonly extraNames = new Map<number, string[]>();

  constructor(
    readonly model: CdkModel,
    readonly text: string,
    readonly scope = model.lang === 'py' ? 'self' : 'this',
  ) {}

  /** The edits for imports this fix needs. */
  imports(): TextEdit[] {
    const out = [...this.importEdits.values()];
    for (const [at, names] of this.extraNames) out.push({ start: at, end: at, newText: names.map((n) => `, ${n}`).join('') });
    return out;
  }

  private q(s: string): string {
    // Both analyzers record the file's quote (the Python one from the first string in its code).
    const quote = this.model.quote;
    return quote + s.replace(/\\/g, '\\\\').replace(new RegExp(quote, 'g'), `\\${quote}`) + quote;
  }

  /** The property name in this language. */
  key(camel: string): string {
    return this.model.lang === 'py' ? snakeOf(camel) : camel;
  }

  /** `s3.BucketEncryption` for the module `aws-s3` and the export `BucketEncryption`, adding an import when needed. */
  ref(mod: string, name: string): string {
    const hs = this.model.imports.handles;
    const named = [...this.model.imports.named.entries()].find(([, v]) => v.mod === mod && v.name === name);
    if (named) return named[0];
    const ns = hs.find((h) => h.kind === 'ns' && h.mod === mod);
    if (ns) return `${ns.alias}.${name}`;
    const root = hs.find((h) => h.kind === 'root');
    if (root) return mod === 'core' ? `${root.alias}.${name}` : `${root.alias}.${mod.replace(/-/g, '_')}.${name}`;
    const namedH = hs.find(
      (h): h is ModuleHandle & { namedInsertAt: number } => h.kind === 'named' && h.mod === mod && h.namedInsertAt !== undefined,
    );
    if (namedH && this.model.lang === 'ts') {
      const list = this.extraNames.get(namedH.namedInsertAt) ?? [];
      if (!list.includes(name)) list.push(name);
      this.extraNames.set(namedH.namedInsertAt, list);
      return name;
    }
    if (namedH && this.model.lang === 'py') {
      const list = this.extraNames.get(namedH.namedInsertAt) ?? [];
      if (!list.includes(name)) list.push(name);
      this.extraNames.set(namedH.namedInsertAt, list);
      return name;
    }
    // A new module import, after the last import.
    const alias = this.freeAlias(defaultAlias(mod));
    const key = `mod:${mod}`;
    if (!this.importEdits.has(key)) {
      const at = this.model.imports.importInsertAt;
      const eol = this.text.includes('\r\n') ? '\r\n' : '\n';
      const stmt =
        this.model.lang === 'py'
          ? mod === 'core'
            ? `import aws_cdk as ${alias}`
            : `from aws_cdk import ${mod.replace(/-/g, '_')} as ${alias}`
          : `import * as ${alias} from ${this.q(mod === 'core' ? 'aws-cdk-lib' : `aws-cdk-lib/${mod}`)};`;
      this.importEdits.set(key, at === 0 ? { start: 0, end: 0, newText: stmt + eol } : { start: at, end: at, newText: eol + stmt });
      this.newAliases.set(mod, alias);
    }
    return `${this.newAliases.get(mod)}.${name}`;
  }

  private readonly newAliases = new Map<string, string>();

  private freeAlias(base: string): string {
    const taken = (a: string): boolean =>
      this.model.imports.ns.has(a) ||
      this.model.imports.named.has(a) ||
      new RegExp(`\\b(const|let|var)\\s+${a}\\b|^${a}\\s*=`, 'm').test(this.text);
    let a = base;
    while (taken(a)) a += '_';
    return a;
  }

  /** Source text of a value. */
  render(c: Code, indent = ''): string {
    const py = this.model.lang === 'py';
    if (typeof c === 'boolean') return py ? (c ? 'True' : 'False') : String(c);
    if (typeof c === 'number') return String(c);
    if (typeof c === 'string') return this.q(c);
    if ('enum' in c) {
      const [mod, cls] = splitFqn(c.enum);
      return `${this.ref(mod, cls)}.${c.member}`;
    }
    if ('call' in c) {
      const parts = c.call.split('.');
      const mod = parts[0];
      const method = parts.pop()!;
      const cls = parts.slice(1).join('.');
      const head = `${this.ref(mod, cls.split('.')[0])}${cls.includes('.') ? '.' + cls.split('.').slice(1).join('.') : ''}.${py ? snakeOf(method) : method}`;
      const args = (c.args ?? []).map((a) => this.render(a, indent));
      if (c.props) args.push(py ? this.kwargs(c.props, indent) : this.objectText(c.props, indent));
      return `${head}(${args.join(', ')})`;
    }
    if ('construct' in c) {
      const [mod, cls] = splitFqn(c.construct);
      const args = [this.scope, this.q(c.id)];
      if (c.props) args.push(py ? this.kwargs(c.props, indent) : this.objectText(c.props, indent));
      return `${py ? '' : 'new '}${this.ref(mod, cls)}(${args.join(', ')})`;
    }
    if ('arr' in c) return `[${c.arr.map((i) => this.render(i, indent)).join(', ')}]`;
    return py ? this.dictText(c.obj, indent) : this.objectText(c.obj, indent);
  }

  private objectText(o: Record<string, Code>, indent: string): string {
    const parts = Object.entries(o).map(([k, v]) => `${k}: ${this.render(v, indent)}`);
    return parts.length ? `{ ${parts.join(', ')} }` : '{}';
  }

  private kwargs(o: Record<string, Code>, indent: string): string {
    return Object.entries(o)
      .map(([k, v]) => `${snakeOf(k)}=${this.render(v, indent)}`)
      .join(', ');
  }

  private dictText(o: Record<string, Code>, indent: string): string {
    return `{${Object.entries(o)
      .map(([k, v]) => `${this.q(snakeOf(k))}: ${this.render(v, indent)}`)
      .join(', ')}}`;
  }

  /** `key: value` (TS object), `key=value` (Python keyword argument) or `"key": value` (Python dict). */
  entryText(obj: CdkObject, camel: string, valueText: string): string {
    if (obj.style === 'ts-object') return `${/^[A-Za-z_$][\w$]*$/.test(camel) ? camel : this.q(camel)}: ${valueText}`;
    if (obj.style === 'py-kwargs') return `${snakeOf(camel)}=${valueText}`;
    return `${this.q(snakeOf(camel))}: ${valueText}`;
  }

  /** Inserts an entry into an object or argument list, in its layout. */
  insert(obj: CdkObject, entry: string): TextEdit {
    const t = this.text;
    const open = obj.start;
    const close = obj.end - 1;
    if (obj.itemsStart === undefined || obj.itemsEnd === undefined) {
      const inner = t.slice(open + 1, close);
      if (obj.style === 'py-kwargs' || !inner.includes('\n'))
        return { start: open + 1, end: close, newText: obj.style === 'ts-object' ? ` ${entry} ` : entry };
      const ind = lineIndent(t, open);
      return { start: open + 1, end: close, newText: `\n${ind}  ${entry},\n${ind}` };
    }
    const after = t.slice(obj.itemsEnd, close);
    const trailing = /^\s*(?:(?:\/\/[^\n]*\n|#[^\n]*\n)\s*)*,/.test(after);
    const multiLine = t.slice(open + 1, obj.itemsStart).includes('\n');
    if (multiLine) {
      const ind = lineIndent(t, obj.itemsStart);
      const eol = t.includes('\r\n') ? '\r\n' : '\n';
      if (trailing) {
        const comma = obj.itemsEnd + after.indexOf(',') + 1;
        return { start: comma, end: comma, newText: `${eol}${ind}${entry},` };
      }
      return { start: obj.itemsEnd, end: obj.itemsEnd, newText: `,${eol}${ind}${entry}` };
    }
    if (trailing) {
      const comma = obj.itemsEnd + after.indexOf(',') + 1;
      return { start: comma, end: comma, newText: ` ${entry},` };
    }
    return { start: obj.itemsEnd, end: obj.itemsEnd, newText: `, ${entry}` };
  }

  /**
   * Several `set`s on one props object, as one set of non-overlapping edits: entries that go into
   * the same object are inserted together.
   */
  setMany(
    props: CdkValue | undefined,
    call: CdkCall | undefined,
    propsArg: number,
    sets: { path: string[]; value: Code }[],
  ): TextEdit[] | undefined {
    if (sets.length === 1) return this.set(props, call, propsArg, sets[0].path, sets[0].value);
    if (!props) {
      // One new props argument holding every entry.
      const merged: Record<string, Code> = {};
      for (const s of sets) mergeInto(merged, s.path, s.value);
      const [first, ...rest] = Object.entries(merged);
      if (!first) return undefined;
      const edit = this.set(undefined, call, propsArg, [first[0]], first[1]);
      if (!edit) return undefined;
      if (rest.length)
        edit[0].newText = edit[0].newText.replace(/ \}$/, `, ${rest.map(([k, v]) => `${k}: ${this.render(v)}`).join(', ')} }`);
      return edit;
    }
    const replaces: TextEdit[] = [];
    const inserts = new Map<CdkObject, string[]>();
    for (const s of sets) {
      let obj = asObject(props);
      if (!obj) return undefined;
      let done = false;
      for (let i = 0; i < s.path.length && !done; i++) {
        const e = entryOf(obj, s.path[i]);
        if (!e) {
          const list = inserts.get(obj) ?? [];
          list.push(this.entryText(obj, s.path[i], this.render(nest(s.path.slice(i + 1), s.value))));
          inserts.set(obj, list);
          done = true;
        } else if (i === s.path.length - 1) {
          replaces.push({ start: e.value.start, end: e.value.end, newText: this.render(s.value) });
          done = true;
        } else {
          const next = asObject(e.value);
          if (!next) return undefined;
          obj = next;
        }
      }
    }
    const out = [...replaces];
    for (const [obj, entries] of inserts) {
      const edit = this.insert(obj, entries[0]);
      if (entries.length > 1) {
        // Insert the first, then splice the others in the same layout after it.
        const sep = /\n/.test(edit.newText) ? (edit.newText.match(/(,?\r?\n[ \t]*)/)?.[1] ?? ', ') : ', ';
        edit.newText = edit.newText.replace(entries[0], entries.join(sep.startsWith(',') ? sep : `,${sep}`));
      }
      out.push(edit);
    }
    return out;
  }

  /**
   * Sets `path` (camelCase props) to `value` under a props object: replaces an existing value,
   * inserts into the deepest existing object, or adds a props argument to `call`.
   * Returns undefined when the props cannot be edited safely (an unknown variable, a spread).
   */
  set(props: CdkValue | undefined, call: CdkCall | undefined, propsArg: number, path: string[], value: Code): TextEdit[] | undefined {
    if (!props) {
      if (!call || this.model.lang === 'py' || call.args.length !== propsArg || !call.complete) return undefined;
      const last = call.args[call.args.length - 1];
      const at = last ? last.end : call.closeParen;
      const nested = nest(path.slice(1), value);
      const text = `{ ${path[0]}: ${this.render(nested)} }`;
      return [{ start: at, end: at, newText: last ? `, ${text}` : text }];
    }
    let obj = asObject(props);
    if (!obj) return undefined;
    for (let i = 0; i < path.length; i++) {
      const e = entryOf(obj, path[i]);
      if (!e) return [this.insert(obj, this.entryText(obj, path[i], this.render(nest(path.slice(i + 1), value))))];
      if (i === path.length - 1) return [{ start: e.value.start, end: e.value.end, newText: this.render(value) }];
      const next = asObject(e.value);
      if (!next) return undefined;
      obj = next;
    }
    return undefined;
  }
}

function mergeInto(into: Record<string, Code>, path: string[], value: Code): void {
  if (path.length === 1) {
    into[path[0]] = value;
    return;
  }
  const cur = into[path[0]];
  const next: Record<string, Code> = typeof cur === 'object' && 'obj' in cur ? cur.obj : {};
  mergeInto(next, path.slice(1), value);
  into[path[0]] = { obj: next };
}

function nest(path: string[], value: Code): Code {
  let v = value;
  for (let i = path.length - 1; i >= 0; i--) v = { obj: { [path[i]]: v } };
  return v;
}

function splitFqn(fqn: string): [string, string] {
  const i = fqn.indexOf('.');
  return [fqn.slice(0, i), fqn.slice(i + 1)];
}

/** CloudFormation-shaped JSON (from a CloudFormation rule's fix) as CDK code: keys in CDK spelling. */
function fromJson(v: JsonValue, verbatim: boolean): Code {
  if (v === null) return 'null';
  if (typeof v !== 'object') return v;
  if (Array.isArray(v)) return { arr: v.map((i) => fromJson(i, verbatim)) };
  const keys = Object.keys(v);
  if (keys.length === 1 && (keys[0] === 'Ref' || keys[0].startsWith('Fn::')))
    throw new Error('intrinsic functions are not written into CDK props');
  const out: Record<string, Code> = {};
  for (const k of keys) out[verbatim ? k : camelOfCfn(k)] = fromJson(v[k], verbatim);
  return { obj: out };
}

/**
 * The fix writer for CDK documents: CloudFormation rules' tree operations on the L1 nodes become
 * TypeScript or Python edits (PascalCase → camelCase / snake_case; values → literals).
 */
export class CdkFixWriter implements FixWriter {
  constructor(
    private readonly doc: ParsedDocument,
    private readonly model: CdkModel,
    private readonly tpl: CdkTemplate,
  ) {}

  private writer(): CodeWriter {
    return new CodeWriter(this.model, this.doc.text);
  }

  replace(node: Node, value: JsonValue): TextEdit[] {
    const w = this.writer();
    const src = node.kind === 'map' ? this.tpl.maps.get(node) : undefined;
    const verbatim = src?.kind === 'object' ? src.verbatim : false;
    return [{ start: node.start, end: node.end, newText: w.render(fromJson(value, verbatim)) }, ...w.imports()];
  }

  set(map: MapNode, path: string[], value: JsonValue): TextEdit[] {
    const src = this.tpl.maps.get(map);
    if (!src) throw new Error('this mapping is not CDK source');
    const w = this.writer();
    if (src.kind === 'resource') {
      if (path[0] !== 'Properties' || path.length < 2) throw new Error('only properties can be written into a construct');
      const c = src.construct;
      const camel = path.slice(1).map(camelOfCfn);
      const edits = w.set(c.props, c.call, 2, camel, fromJson(value, false));
      if (!edits) throw new Error('the props of this construct cannot be edited');
      return [...edits, ...w.imports()];
    }
    const camel = src.verbatim ? path : path.map(camelOfCfn);
    const edits = w.set(src.obj, undefined, 0, camel, fromJson(value, src.verbatim));
    if (!edits) throw new Error('this object cannot be edited');
    return [...edits, ...w.imports()];
  }

  append(seq: SeqNode, value: JsonValue): TextEdit[] {
    const w = this.writer();
    const text = w.render(fromJson(value, true));
    const close = seq.end - 1;
    const last = seq.items[seq.items.length - 1];
    return last ? [{ start: last.end, end: last.end, newText: `, ${text}` }] : [{ start: close, end: close, newText: text }];
  }

  remove(map: MapNode, key: string): TextEdit[] {
    const pair = map.pairs.find((p) => p.key.value === key);
    if (!pair) return [];
    const t = this.doc.text;
    let end = pair.end;
    const m = /^\s*,/.exec(t.slice(end));
    if (m) end += m[0].length;
    return [{ start: pair.start, end, newText: '' }];
  }
}
