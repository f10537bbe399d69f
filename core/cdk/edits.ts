import type { ParsedDocument } from '../document';
import type { FixWriter } from '../fix/render';
import { eolOf, TextEdit, lineIndent } from '../fix/text';
import { JsonValue, MapNode, Node, SeqNode } from '../nodes';
import { CdkCall, CdkModel, CdkObject, CdkValue, ModuleHandle, asObject, entryOf } from './model';
import { camelProp, defaultAlias, PropScope, snakeOf } from './names';
import type { Code } from './code';
import type { CdkTemplate } from './template';

/**
 * Text edits for CDK fixes, in the file's own idiom: props added to the existing object literal
 * (single- or multi-line, keeping the trailing-comma style), a props argument added where there is
 * none, enum members through the file's import alias (or a new named import / module import),
 * Python keyword arguments and module aliases.
 */

/** Python keywords a module alias must not be. */
const PY_KEYWORD =
  /^(lambda|class|def|from|global|import|in|is|not|or|and|pass|return|with|yield|as|del|try|while|for|if|else|elif|except|finally|raise|assert|break|continue|nonlocal|async|await)$/;

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
      const eol = eolOf(this.text);
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
    // `aws_lambda as lambda` is a syntax error in Python: `lambda_`, as CDK's own Python examples write it.
    if (this.model.lang === 'py' && PY_KEYWORD.test(base)) base += '_';
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
    if ('new' in c) {
      const [mod, cls] = splitFqn(c.new);
      return `${py ? '' : 'new '}${this.ref(mod, cls)}(${(c.args ?? []).map((a) => this.render(a, indent)).join(', ')})`;
    }
    if ('construct' in c) {
      const [mod, cls] = splitFqn(c.construct);
      const args = [this.scope, this.q(c.id)];
      if (c.props) args.push(py ? this.kwargs(c.props, indent) : this.objectText(c.props, indent));
      return `${py ? '' : 'new '}${this.ref(mod, cls)}(${args.join(', ')})`;
    }
    if ('arr' in c) return `[${c.arr.map((i) => this.render(i, indent)).join(', ')}]`;
    return py ? this.dictText(c.obj, indent, c.verbatim === true) : this.objectText(c.obj, indent);
  }

  /** A TypeScript property name: quoted unless it is an identifier (`'aws:SecureTransport'`). */
  private tsKey(k: string): string {
    return /^[A-Za-z_$][\w$]*$/.test(k) ? k : this.q(k);
  }

  private objectText(o: Record<string, Code>, indent: string): string {
    const parts = Object.entries(o).map(([k, v]) => `${this.tsKey(k)}: ${this.render(v, indent)}`);
    return parts.length ? `{ ${parts.join(', ')} }` : '{}';
  }

  private kwargs(o: Record<string, Code>, indent: string): string {
    return Object.entries(o)
      .map(([k, v]) => `${snakeOf(k)}=${this.render(v, indent)}`)
      .join(', ');
  }

  private dictText(o: Record<string, Code>, indent: string, verbatim: boolean): string {
    return `{${Object.entries(o)
      .map(([k, v]) => `${this.q(verbatim ? k : snakeOf(k))}: ${this.render(v, indent)}`)
      .join(', ')}}`;
  }

  /** `key: value` (TS object), `key=value` (Python keyword argument) or `"key": value` (Python dict); a verbatim key is data, never re-cased. */
  entryText(obj: CdkObject, camel: string, valueText: string, verbatim = false): string {
    if (obj.style === 'ts-object') return `${this.tsKey(camel)}: ${valueText}`;
    if (obj.style === 'py-kwargs') return `${snakeOf(camel)}=${valueText}`;
    return `${this.q(verbatim ? camel : snakeOf(camel))}: ${valueText}`;
  }

  /** Inserts an entry into an object or argument list, in its layout. */
  insert(obj: CdkObject, entry: string): TextEdit {
    const t = this.text;
    const open = obj.start;
    const close = obj.end - 1;
    if (obj.itemsStart === undefined || obj.itemsEnd === undefined) {
      const inner = t.slice(open + 1, close);
      if (obj.style === 'py-kwargs' || !/[\r\n]/.test(inner))
        return { start: open + 1, end: close, newText: obj.style === 'ts-object' ? ` ${entry} ` : entry };
      const ind = lineIndent(t, open);
      const eol = eolOf(t);
      return { start: open + 1, end: close, newText: `${eol}${ind}  ${entry},${eol}${ind}` };
    }
    const after = t.slice(obj.itemsEnd, close);
    const trailing = /^\s*(?:(?:\/\/[^\r\n]*[\r\n]|#[^\r\n]*[\r\n])\s*)*,/.test(after);
    const multiLine = /[\r\n]/.test(t.slice(open + 1, obj.itemsStart));
    if (multiLine) {
      const ind = lineIndent(t, obj.itemsStart);
      const eol = eolOf(t);
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
        const sep = /[\r\n]/.test(edit.newText) ? (edit.newText.match(/(,?(?:\r\n|\r|\n)[ \t]*)/)?.[1] ?? ', ') : ', ';
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
   * Keys from `path[verbatimFrom]` on are data (inside a policy document): written as given.
   */
  set(
    props: CdkValue | undefined,
    call: CdkCall | undefined,
    propsArg: number,
    path: string[],
    value: Code,
    verbatimFrom = Infinity,
  ): TextEdit[] | undefined {
    if (!props) {
      if (!call || this.model.lang === 'py' || call.args.length !== propsArg || !call.complete) return undefined;
      // After the last argument as written (an argument's value may be a constant's, with the constant's offsets).
      let at = call.closeParen;
      while (at > call.start && /\s/.test(this.text[at - 1])) at--;
      const comma = call.args.length > 0 && this.text[at - 1] !== ',' ? ', ' : call.args.length > 0 ? ' ' : '';
      const nested = nest(path.slice(1), value, verbatimFrom - 1);
      const text = `{ ${path[0]}: ${this.render(nested)} }`;
      return [{ start: at, end: at, newText: `${comma}${text}` }];
    }
    let obj = asObject(props);
    if (!obj) return undefined;
    for (let i = 0; i < path.length; i++) {
      const e = entryOf(obj, path[i]);
      const rest = nest(path.slice(i + 1), value, verbatimFrom - i - 1);
      // A value from another module (foreign.ts) is not this file's text: no edit here changes it.
      if (obj.from || e?.value.from) return undefined;
      if (!e) return [this.insert(obj, this.entryText(obj, path[i], this.render(rest), i >= verbatimFrom))];
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

/** `value` under `path`; the objects whose keys are at `verbatimFrom` or later are data (verbatim). */
function nest(path: string[], value: Code, verbatimFrom = Infinity): Code {
  let v = value;
  for (let i = path.length - 1; i >= 0; i--) v = { obj: { [path[i]]: v }, verbatim: i >= verbatimFrom || undefined };
  return v;
}

function splitFqn(fqn: string): [string, string] {
  const i = fqn.indexOf('.');
  return [fqn.slice(0, i), fqn.slice(i + 1)];
}

/** CloudFormation-shaped JSON (from a CloudFormation rule's fix) as CDK code: keys in CDK spelling, data (policy documents) as written. */
function fromJson(v: JsonValue, verbatim: boolean, scope: PropScope): Code {
  if (v === null) return 'null';
  if (typeof v !== 'object') return v;
  if (Array.isArray(v)) return { arr: v.map((i) => fromJson(i, verbatim, scope)) };
  const keys = Object.keys(v);
  if (keys.length === 1 && (keys[0] === 'Ref' || keys[0].startsWith('Fn::')))
    throw new Error('intrinsic functions are not written into CDK props');
  const out: Record<string, Code> = {};
  for (const k of keys) {
    const child = v[k];
    const prop = verbatim ? { camel: k, scope, json: true } : camelProp(k, scope);
    out[prop.camel] = fromJson(child, verbatim || prop.json, prop.scope);
  }
  return { obj: out, verbatim: verbatim || undefined };
}

/** CloudFormation names on a path as CDK props: camelCase up to and including a data prop (`PolicyDocument`), as written below it. */
function propPath(path: string[], scope: PropScope, verbatim: boolean): { keys: string[]; verbatimFrom: number; scope: PropScope } {
  if (verbatim) return { keys: path, verbatimFrom: 0, scope };
  const keys: string[] = [];
  let verbatimFrom = Infinity;
  let cur = scope;
  path.forEach((k, i) => {
    if (i >= verbatimFrom) {
      keys.push(k);
      return;
    }
    const prop = camelProp(k, cur);
    keys.push(prop.camel);
    cur = prop.scope;
    if (prop.json) verbatimFrom = i + 1;
  });
  return { keys, verbatimFrom, scope: cur };
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

  /** The L1 type and struct a node's value is (where its keys are looked up). */
  private scopeAt(node: Node): PropScope {
    const own = node.kind === 'map' ? this.tpl.maps.get(node) : undefined;
    if (own) return own.scope;
    const p = node.parent;
    if (!p) return { type: '', struct: '' };
    if (p.kind === 'seq') return this.scopeAt(p);
    const src = p.kind === 'map' ? this.tpl.maps.get(p) : undefined;
    if (!src || p.kind !== 'map') return { type: '', struct: '' };
    const pair = p.pairs.find((x) => x.value === node);
    return pair ? camelProp(String(pair.key.value), src.scope).scope : src.scope;
  }

  /** True when a node's keys are data (inside a policy document): under a verbatim object, or the value of a data prop. */
  private verbatimAt(node: Node): boolean {
    const own = node.kind === 'map' ? this.tpl.maps.get(node) : undefined;
    if (own) return own.kind === 'object' && own.verbatim;
    const p = node.parent;
    if (!p) return false;
    if (p.kind === 'seq') return this.verbatimAt(p);
    if (p.kind !== 'map') return false;
    const src = this.tpl.maps.get(p);
    if (src?.kind === 'object' && src.verbatim) return true;
    const pair = p.pairs.find((x) => x.value === node);
    return pair !== undefined && src !== undefined && camelProp(String(pair.key.value), src.scope).json;
  }

  /** Refuses an edit of a value written in another module (its node stands at the name that imports it). */
  private ownText(node: Node): void {
    for (let n: Node | undefined = node; n; n = n.parent)
      if (this.tpl.foreign.has(n)) throw new Error('this value is written in another module');
  }

  replace(node: Node, value: JsonValue): TextEdit[] {
    this.ownText(node);
    const w = this.writer();
    return [
      { start: node.start, end: node.end, newText: w.render(fromJson(value, this.verbatimAt(node), this.scopeAt(node))) },
      ...w.imports(),
    ];
  }

  set(map: MapNode, path: string[], value: JsonValue): TextEdit[] {
    this.ownText(map);
    const src = this.tpl.maps.get(map);
    if (!src) throw new Error('this mapping is not CDK source');
    const w = this.writer();
    if (src.kind === 'resource') {
      if (path[0] !== 'Properties' || path.length < 2) throw new Error('only properties can be written into a construct');
      const c = src.construct;
      const { keys, verbatimFrom, scope } = propPath(path.slice(1), src.scope, false);
      const edits = w.set(c.props, c.call, 2, keys, fromJson(value, verbatimFrom <= keys.length, scope), verbatimFrom);
      if (!edits) throw new Error('the props of this construct cannot be edited');
      return [...edits, ...w.imports()];
    }
    const { keys, verbatimFrom, scope } = propPath(path, src.scope, src.verbatim);
    const edits = w.set(src.obj, undefined, 0, keys, fromJson(value, verbatimFrom <= keys.length, scope), verbatimFrom);
    if (!edits) throw new Error('this object cannot be edited');
    return [...edits, ...w.imports()];
  }

  append(seq: SeqNode, value: JsonValue): TextEdit[] {
    this.ownText(seq);
    const w = this.writer();
    // A list item is written like its list: a statement in a policy document as data, a struct (`policies: [{ policyName }]`) in CDK spelling.
    const text = w.render(fromJson(value, this.verbatimAt(seq), this.scopeAt(seq)));
    const close = seq.end - 1;
    const last = seq.items[seq.items.length - 1];
    return last ? [{ start: last.end, end: last.end, newText: `, ${text}` }] : [{ start: close, end: close, newText: text }];
  }

  remove(map: MapNode, key: string): TextEdit[] {
    const pair = map.pairs.find((p) => p.key.value === key);
    if (!pair) return [];
    this.ownText(pair.value ?? map);
    const t = this.doc.text;
    let start = pair.start;
    let end = pair.end;
    const after = /^\s*,/.exec(t.slice(end));
    // The separator goes with the entry: the comma after it, or (for the last entry) the one before it.
    const before = after ? null : /,\s*$/.exec(t.slice(Math.max(0, start - 200), start));
    if (after) end += after[0].length;
    else if (before) start -= before[0].length;
    return [{ start, end, newText: '' }];
  }
}
