import type { Edit, Language, Parser, Point, Tree } from 'web-tree-sitter';
import {
  CdkAspect,
  CdkCall,
  CdkConstruct,
  CdkEntry,
  CdkFunction,
  CdkImports,
  CdkLocalCall,
  CdkMethodCall,
  CdkModel,
  CdkObject,
  CdkValue,
  ModuleHandle,
  entryOf,
} from './model';
import { camelOfSnake, moduleOfRootExport } from './names';
import { Change, diffSpan } from '../parse/incremental';
import { copyTree, PNode, spliceStatement, StatementCache } from './py-tree';
import { importsKey, ModelSink, StatementMemo, StatementMemos } from './memo';
import { collectAcks, finishModel, Iteration, METHODS_OF_INTEREST, perElement, RawAck } from './shared';
import { importedValue, ModuleExports, modulesKey, withModule } from './foreign';
import { ModuleSource, summaryOf } from './modules';

/**
 * The Python CDK analyzer: tree-sitter-python (WebAssembly, loaded by py-init.ts), incremental
 * re-parse on edits. It builds the same language-neutral model as the TypeScript analyzer, so the
 * L1 template, the L2 table, the policy engine and the fix writer serve Python unchanged. Keyword
 * arguments become one `py-kwargs` object, dicts a `py-dict` object; jsii's snake_case method names
 * are normalised to camelCase (`unsafe_plain_text` → `unsafePlainText`); enum members keep their names.
 */

// Deep enough for an L1 policy document (props → policies → document → statements → condition → operator → key).
const MAX_DEPTH = 16;

/** The loaded grammar and a parser (py-init.ts builds it once). */
export interface PyRuntime {
  parser: Parser;
  language: Language;
  /** web-tree-sitter's `Edit` class (a value: this module imports only types). */
  Edit: new (init: {
    startIndex: number;
    oldEndIndex: number;
    newEndIndex: number;
    startPosition: Point;
    oldEndPosition: Point;
    newEndPosition: Point;
  }) => Edit;
}

/** Cheap test before parsing: a file that never names the CDK packages is not CDK. */
export function mentionsCdkPy(text: string): boolean {
  return text.includes('aws_cdk');
}

/** Trees are WebAssembly memory: freed when their model is collected, unless freed earlier. */
const trees = new FinalizationRegistry<Tree>((t) => {
  try {
    t.delete();
  } catch {
    // Already freed.
  }
});

function pointAt(text: string, offset: number): Point {
  let row = 0;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    row++;
    lineStart = i + 1;
  }
  return { row, column: offset - lineStart };
}

/** The tree-sitter edit for a change from `oldText` to `text`. */
function editOf(rt: PyRuntime, oldText: string, text: string, change: Change): Edit {
  return new rt.Edit({
    startIndex: change.start,
    oldEndIndex: change.oldEnd,
    newEndIndex: change.newEnd,
    startPosition: pointAt(oldText, change.start),
    oldEndPosition: pointAt(oldText, change.oldEnd),
    newEndPosition: pointAt(text, change.newEnd),
  });
}

/** The previous model's parser state, once: its copy is moved into the next model. */
function takeState(previous: { model: CdkModel; text: string } | undefined): PyState | undefined {
  const st = previous?.model.lang === 'py' ? previous.model.state : undefined;
  if (!st || st.consumed) return undefined;
  st.consumed = true;
  return st.handle as PyState;
}

/**
 * Parses `text`, incrementally from the previous model's tree when there is one: the old tree is
 * copied, edited with the changed range (common prefix and suffix) and handed to the parser.
 */
export function parsePy(rt: PyRuntime, text: string, previous?: { tree: Tree; text: string }): Tree {
  if (previous) {
    const copy = previous.tree.copy();
    try {
      copy.edit(editOf(rt, previous.text, text, diffSpan(previous.text, text)));
      const tree = rt.parser.parse(text, copy);
      if (tree) return tree;
    } finally {
      copy.delete();
    }
  }
  const tree = rt.parser.parse(text);
  if (!tree) throw new Error('the Python parser returned no tree');
  return tree;
}

/**
 * The next parse state: the previous copy with only the edited statement re-parsed when that is
 * enough (the kept tree-sitter tree then only records the edit, for a later full re-parse), else an
 * incremental tree-sitter parse copied with the unchanged statements reused.
 */
function nextState(rt: PyRuntime, text: string, prev: PyState | undefined, prevText: string | undefined): PyState {
  if (prev && prevText !== undefined) {
    // The same text again (a re-analysis, an undone edit's echo): the copy stands.
    if (prevText === text) return { tree: prev.tree.copy(), root: prev.root, cache: prev.cache };
    const change = diffSpan(prevText, text);
    if (spliceStatement(rt.parser, prev.root, prev.cache, text, change)) {
      const tree = prev.tree.copy();
      tree.edit(editOf(rt, prevText, text, change));
      return { tree, root: prev.root, cache: prev.cache };
    }
  }
  const tree = parsePy(rt, text, prev && prevText !== undefined ? { tree: prev.tree, text: prevText } : undefined);
  try {
    return { tree, ...copyTree(tree, text, prev?.cache) };
  } catch (e) {
    tree.delete();
    throw e;
  }
}

/** Parses (incrementally when `previous` is the same file's earlier model) and builds the model; undefined when not CDK. */
export function analyzePy(rt: PyRuntime, text: string, previous?: { model: CdkModel; text: string }, uri = ''): CdkModel | undefined {
  if (!mentionsCdkPy(text)) return undefined;
  const state = nextState(rt, text, takeState(previous), previous?.text);
  let model: CdkModel | undefined;
  try {
    model = new PyAnalyzer(state.root, text, uri, rt).run();
  } catch (e) {
    state.tree.delete();
    throw e;
  }
  if (!model) {
    state.tree.delete();
    return undefined;
  }
  model.state = { consumed: false, handle: state };
  trees.register(model, state.tree);
  return model;
}

/** True when tree-sitter finds a syntax error in Python text (fix tests: a fix must leave valid Python). */
export function pySyntaxError(rt: PyRuntime, text: string): boolean {
  const tree = rt.parser.parse(text);
  if (!tree) return true;
  try {
    return tree.rootNode.hasError;
  } finally {
    tree.delete();
  }
}

/** `aws_cdk.aws_s3` → `aws-s3`; `aws_cdk` → `*`; v1 `aws_cdk.core` → `core`; `cdk_nag` → `cdk-nag`. */
export function moduleOfPy(dotted: string): { mod: string; v1: boolean } | undefined {
  if (dotted === 'aws_cdk') return { mod: '*', v1: false };
  if (dotted === 'aws_cdk.core') return { mod: 'core', v1: true };
  const m = /^aws_cdk\.(aws_[a-z0-9_]+)$/.exec(dotted);
  if (m) return { mod: m[1].replace(/_/g, '-'), v1: false };
  if (dotted === 'cdk_nag') return { mod: 'cdk-nag', v1: false };
  return undefined;
}

/** jsii snake_case methods and properties back to camelCase; enum members (`S3_MANAGED`) and classes stay. */
function camelSegment(s: string): string {
  return /^[a-z][a-z0-9]*(?:_[a-z0-9]+)+$/.test(s) ? camelOfSnake(s) : s;
}

const ESCAPES: Record<string, string> = {
  n: '\n',
  t: '\t',
  r: '\r',
  '\\': '\\',
  "'": "'",
  '"': '"',
  '0': '\0',
  a: '\x07',
  b: '\b',
  f: '\f',
  v: '\v',
};

/** The quote the file's code uses first (docstrings and comments aside), for strings a fix writes. */
function quoteOf(code: string): "'" | '"' {
  const re = /#[^\n]*|"""[\s\S]*?(?:"""|$)|'''[\s\S]*?(?:'''|$)|(["'])/g;
  for (let m = re.exec(code); m; m = re.exec(code)) if (m[1]) return m[1] === "'" ? "'" : '"';
  return '"';
}

/** What a Python model keeps for the next parse of the same document. */
interface PyState {
  /** The tree-sitter tree, with every later edit applied (it may not be re-parsed yet). */
  tree: Tree;
  /** The plain copy the model was built from. */
  root: PNode;
  cache: StatementCache;
}

/** The value of a Python string literal (prefixes, triple quotes, escapes); undefined for an f-string with fields. */
export function pyStringValue(raw: string): string | undefined {
  const m = /^([rRbBuUfF]{0,2})("""|'''|"|')/.exec(raw);
  if (!m) return undefined;
  const prefix = m[1].toLowerCase();
  const q = m[2];
  if (raw.length < m[0].length + q.length || !raw.endsWith(q)) return undefined;
  const body = raw.slice(m[0].length, raw.length - q.length);
  if (prefix.includes('f') && /(^|[^{])\{(?!\{)/.test(body)) return undefined;
  if (prefix.includes('r')) return body;
  return body.replace(/\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|\n|.)/g, (all, e: string) => {
    if (/^[xuU]./.test(e)) return String.fromCodePoint(parseInt(e.slice(1), 16));
    if (e === '\n') return '';
    return ESCAPES[e] ?? all;
  });
}

/**
 * Per statement node (nodes of unchanged statements live on from parse to parse, see py-tree.ts):
 * its model, and the assignments and calls inside it. Most of a keystroke's model is replayed
 * from here instead of evaluated.
 */
/** Comprehensions: their `for … in` clauses bind names for the body. */
const COMPREHENSIONS = new Set(['list_comprehension', 'set_comprehension', 'generator_expression', 'dictionary_comprehension']);

const memos = new WeakMap<PNode, StatementMemo<PNode>>();
const scans = new WeakMap<PNode, { assignments: PNode[]; calls: PNode[]; mutated: string[] }>();

/** List and dict methods that change the value they are called on. */
const IN_PLACE = new Set(['append', 'extend', 'insert', 'remove', 'pop', 'clear', 'sort', 'reverse', 'update', 'setdefault', 'popitem']);

/** The identifier an expression is rooted at: `x` for `x`, `x["k"]`, `x.k`. */
function rootName(n: PNode | null): string | undefined {
  while (n && (n.type === 'subscript' || n.type === 'attribute' || n.type === 'parenthesized_expression'))
    n = n.type === 'subscript' ? n.childForFieldName('value') : n.type === 'attribute' ? n.childForFieldName('object') : n.firstNamedChild;
  return n?.type === 'identifier' ? n.text : undefined;
}

/** The name a node changes in place: `x.append(…)`, `x += […]`, `x["k"] = …`, `x.k = …`, `del x["k"]`. */
function mutatedName(n: PNode): string | undefined {
  if (n.type === 'call') {
    const fn = n.childForFieldName('function');
    const attr = fn?.type === 'attribute' ? fn.childForFieldName('attribute') : null;
    return attr && IN_PLACE.has(attr.text) ? rootName(fn!.childForFieldName('object')) : undefined;
  }
  if (n.type === 'augmented_assignment') return rootName(n.childForFieldName('left'));
  if (n.type === 'assignment') {
    const left = n.childForFieldName('left');
    return left && left.type !== 'identifier' ? rootName(left) : undefined;
  }
  if (n.type === 'delete_statement') return rootName(n.firstNamedChild);
  return undefined;
}

/** The assignments, calls and in-place changes inside a statement, in source order (a statement's nodes never change). */
function scanOf(st: PNode): { assignments: PNode[]; calls: PNode[]; mutated: string[] } {
  let scan = scans.get(st);
  if (!scan) {
    scan = { assignments: [], calls: [], mutated: [] };
    const stack: PNode[] = [st];
    while (stack.length) {
      const n = stack.pop()!;
      if (n.type === 'assignment') scan.assignments.push(n);
      else if (n.type === 'call') scan.calls.push(n);
      const m = mutatedName(n);
      if (m) scan.mutated.push(m);
      for (let i = n.children.length - 1; i >= 0; i--) if (n.children[i].isNamed) stack.push(n.children[i]);
    }
    scans.set(st, scan);
  }
  return scan;
}

/** A `def`: its name and parameters, without the `self`/`cls` a method is called without. */
function functionOf(n: PNode): CdkFunction {
  const params = (n.childForFieldName('parameters')?.namedChildren ?? []).map((p) => {
    if (p.type === 'identifier') return p.text;
    if (p.type === 'typed_parameter') return p.firstNamedChild?.type === 'identifier' ? p.firstNamedChild.text : '';
    if (p.type === 'default_parameter' || p.type === 'typed_default_parameter') return p.childForFieldName('name')?.text ?? '';
    return '';
  });
  if (params[0] === 'self' || params[0] === 'cls') params.shift();
  return { name: n.childForFieldName('name')?.text, params, start: n.startIndex, end: n.endIndex };
}

class PyAnalyzer {
  readonly imports: CdkImports = { ns: new Map(), named: new Map(), handles: [], importInsertAt: 0, v1: [], isCdk: false };
  private readonly consts = new Map<string, PNode | null>();
  private readonly calls: CdkCall[] = [];
  private readonly constructs: CdkConstruct[] = [];
  private readonly methodCalls: CdkMethodCall[] = [];
  private readonly aspects: CdkAspect[] = [];
  private readonly rawAcks: RawAck[] = [];
  private quote: "'" | '"' = '"';
  /** Spans of ERROR nodes: calls inside them are half-typed whatever their own shape. */
  private errors: { start: number; end: number }[] = [];
  private readonly memo = new StatementMemos<PNode>(memos, (n) => ({ start: n.startIndex, end: n.endIndex }));
  /** While a method call in an iteration over a known list is evaluated once per element: the name bound to the element. */
  private readonly each = new Map<string, PNode>();
  /** The bound names a lookup read: which iterations a call depends on. */
  private readonly eachReads = new Set<string>();

  /** Names imported with `from <module> import <name>` from modules that are not the CDK's: local → module and name. */
  readonly rel = new Map<string, { spec: string; name: string }>();

  constructor(
    private readonly root: PNode,
    private readonly text: string,
    /** The document's URI, or the module's path: where relative imports start. */
    private readonly uri: string,
    private readonly rt?: PyRuntime,
  ) {}

  /** A module's constants only (for its summary): no model. */
  scanModule(): void {
    this.readImports(this.root);
    const { assignments, mutated } = scanOf(this.root);
    for (const a of assignments) this.noteAssignment(a);
    this.forgetMutated(mutated);
  }

  /** A constant's value node (undefined: none, or ambiguous). */
  constInit(name: string): PNode | undefined {
    return this.consts.get(name) ?? undefined;
  }

  /** The modules a name may come from: `from . import config` names the module `.config`, else `config` in `.`. */
  private specsOf(r: { spec: string; name: string }): string[] {
    return [r.spec.endsWith('.') ? r.spec + r.name : `${r.spec}.${r.name}`, r.spec];
  }

  /** A name (and attribute path) imported from a project module, evaluated there; undefined when unknown. */
  private imported(head: string, path: string[], at: { start: number; end: number }): CdkValue | undefined {
    const r = this.rel.get(head);
    if (!r || !this.rt) return undefined;
    const rt = this.rt;
    const summarize = (src: ModuleSource): PyModule => pySummary(rt, src);
    const [sub] = this.specsOf(r);
    if (path.length && withModule(this.uri, sub, 'py', () => true))
      return importedValue(this.uri, 'py', sub, path[0], path.slice(1), at, summarize);
    return importedValue(this.uri, 'py', r.spec, r.name, path, at, summarize);
  }

  run(): CdkModel | undefined {
    const root = this.root;
    this.readImports(root);
    if (!this.imports.isCdk && this.imports.v1.length === 0) return undefined;
    const rt = this.rt;
    if (this.rel.size && rt)
      this.imports.modules = modulesKey(this.uri, 'py', new Set([...this.rel.values()].flatMap((r) => this.specsOf(r))), (src) =>
        pySummary(rt, src),
      );
    // Statements and the calls outside any statement, in source order; every assignment noted first.
    const items: PNode[] = [];
    const mutated: string[] = [];
    const functions: CdkFunction[] = [];
    const defs: PNode[] = [];
    const returns: PNode[] = [];
    // An explicit stack, in source order: deeply nested input must not overflow the JavaScript stack.
    const stack: PNode[] = [root];
    while (stack.length) {
      const n = stack.pop()!;
      if (n.type === 'function_definition') {
        functions.push(functionOf(n));
        defs.push(n);
      } else if (n.type === 'return_statement') returns.push(n);
      if (n.unit && !n.hasError) {
        const scan = scanOf(n);
        for (const a of scan.assignments) this.noteAssignment(a);
        mutated.push(...scan.mutated);
        items.push(n);
        continue;
      }
      if (n.type === 'assignment') this.noteAssignment(n);
      else if (n.type === 'call') items.push(n);
      else if (n.type === 'ERROR') this.errors.push({ start: n.startIndex, end: n.endIndex });
      const m = mutatedName(n);
      if (m) mutated.push(m);
      for (let i = n.children.length - 1; i >= 0; i--) if (n.children[i].isNamed) stack.push(n.children[i]);
    }
    this.forgetMutated(mutated);
    this.noteReturns(defs, returns);
    // Statement models are reused only in error-free files: error spans reach across statements.
    const memoize = this.errors.length === 0;
    const imports = importsKey(this);
    const sink: ModelSink = {
      calls: this.calls,
      constructs: this.constructs,
      methodCalls: this.methodCalls,
      aspects: this.aspects,
      acks: this.rawAcks,
    };
    for (const n of items) {
      if (!n.unit) this.visitCall(n);
      else if (!memoize) this.visitStatement(n);
      else if (!this.memo.replay(n, imports, this.consts, sink)) this.memo.record(n, imports, sink, () => this.visitStatement(n));
    }
    return finishModel(this.text, {
      lang: 'py',
      imports: this.imports,
      constructs: this.constructs,
      calls: this.calls,
      methodCalls: this.methodCalls,
      aspects: this.aspects,
      acks: collectAcks(this.rawAcks),
      quote: this.quote,
      functions,
      localCalls: this.localCalls(items, functions),
    });
  }

  /** The calls of the file's named functions that take parameters, with the text of each argument. */
  private localCalls(items: PNode[], functions: CdkFunction[]): CdkLocalCall[] {
    const names = new Set(functions.filter((f) => f.params.length).map((f) => f.name!));
    const out: CdkLocalCall[] = [];
    if (!names.size) return out;
    const note = (c: PNode): void => {
      const fn = c.childForFieldName('function');
      const name =
        fn?.type === 'identifier'
          ? fn.text
          : fn?.type === 'attribute' && fn.childForFieldName('object')?.type === 'identifier'
            ? fn.childForFieldName('attribute')?.text
            : undefined;
      if (!name || !names.has(name)) return;
      const call: CdkLocalCall = { name, args: [], kw: new Map() };
      for (const a of c.childForFieldName('arguments')?.namedChildren ?? []) {
        if (a.type === 'keyword_argument') {
          const k = a.childForFieldName('name')?.text;
          if (k) call.kw!.set(k, this.exprText(a.childForFieldName('value')));
        } else if (a.type !== 'comment') call.args.push(this.exprText(a));
        // `*args` / `**kwargs`: which parameter gets what is not known.
        if (a.type.endsWith('splat')) return;
      }
      out.push(call);
    };
    for (const n of items) {
      if (n.unit) scanOf(n).calls.forEach(note);
      else note(n);
    }
    return out;
  }

  private visitStatement(st: PNode): void {
    for (const c of scanOf(st).calls) this.visitCall(c);
  }

  /** The constants lookup: statement memos note what each statement read. */
  private lookup(name: string): PNode | null | undefined {
    const bound = this.each.get(name);
    if (bound) {
      // Bound by an iteration that may lie outside the statement (a `for` header): its memo never replays.
      this.memo.read(`${name}#each`, null);
      this.eachReads.add(name);
      return bound;
    }
    return this.memo.read(name, this.consts.get(name));
  }

  /**
   * What a `def` returns when it has one `return`, noted among the constants as `name()` (a name no identifier has),
   * so statement memos see a changed helper; a name defined twice is ambiguous (null).
   */
  private noteReturns(defs: readonly PNode[], returns: readonly PNode[]): void {
    // The returns of each `def`, found from the returns up (the tree was walked once already); a lambda has none.
    const byDef = new Map<PNode, PNode[]>();
    for (const r of returns) {
      let f = r.parent;
      while (f && f.type !== 'function_definition') f = f.parent;
      if (f) byDef.set(f, [...(byDef.get(f) ?? []), r]);
    }
    for (const def of defs) {
      const name = def.childForFieldName('name')?.text;
      if (!name) continue;
      const rets = byDef.get(def) ?? [];
      const ret = rets.length === 1 ? rets[0].namedChildren.find((c) => c.type !== 'comment') : undefined;
      const key = `${name}()`;
      this.consts.set(key, this.consts.has(key) ? null : (ret ?? null));
    }
  }

  /**
   * The element nodes of a list the code iterates, when all are known: a list or tuple literal (splats of known lists
   * included), a constant, or what a helper of the file returns (`self.policies()`); else undefined.
   */
  private elementsOf(e: PNode, depth = 0): PNode[] | undefined {
    if (depth > MAX_DEPTH) return undefined;
    if (e.type === 'parenthesized_expression') {
      const inner = e.namedChildren.find((c) => c.type !== 'comment');
      return inner ? this.elementsOf(inner, depth + 1) : undefined;
    }
    if (e.type === 'list' || e.type === 'tuple') {
      const out: PNode[] = [];
      for (const c of e.namedChildren) {
        if (c.type === 'comment') continue;
        const inner = c.type === 'list_splat' ? (c.firstNamedChild ? this.elementsOf(c.firstNamedChild, depth + 1) : undefined) : [c];
        if (!inner) return undefined;
        out.push(...inner);
      }
      return out;
    }
    if (e.type === 'identifier') {
      const c = this.lookup(e.text);
      return c ? this.elementsOf(c, depth + 1) : undefined;
    }
    const fn = e.type === 'call' ? e.childForFieldName('function') : null;
    if (fn && !this.resolvePath(fn)) {
      const obj = fn.type === 'attribute' ? fn.childForFieldName('object') : null;
      const name = fn.type === 'identifier' ? fn.text : obj?.type === 'identifier' ? fn.childForFieldName('attribute')?.text : undefined;
      const ret = name ? this.memo.read(`${name}()`, this.consts.get(`${name}()`)) : undefined;
      return ret ? this.elementsOf(ret, depth + 1) : undefined;
    }
    return undefined;
  }

  /**
   * The iterations around a node over known lists, innermost first: `for p in policies:` and comprehensions
   * (`[role.add_managed_policy(p) for p in policies]`), with the name each binds and the elements.
   */
  private iterationsAround(n: PNode): Iteration<PNode>[] | undefined {
    const out: Iteration<PNode>[] = [];
    for (let cur: PNode = n; cur.parent; cur = cur.parent) {
      const p = cur.parent;
      const clauses: PNode[] =
        p.type === 'for_statement' && cur.field === 'body'
          ? [p]
          : COMPREHENSIONS.has(p.type) && cur.field === 'body'
            ? p.namedChildren.filter((c) => c.type === 'for_in_clause')
            : [];
      for (const clause of clauses) {
        const left = clause.childForFieldName('left');
        const right = clause.childForFieldName('right');
        if (!left || !right) continue;
        // `for k, v in …` binds parts of each element: not followed; the names stay unknown.
        if (left.type !== 'identifier') return undefined;
        const elements = this.elementsOf(right);
        if (!elements) return undefined;
        out.push({ name: left.text, elements });
      }
    }
    return out;
  }

  // ── imports ────────────────────────────────────────────────────────────────────────────────

  private readImports(root: PNode): void {
    for (const st of root.namedChildren) {
      if (st.type !== 'import_statement' && st.type !== 'import_from_statement') continue;
      this.imports.importInsertAt = st.endIndex;
      if (st.type === 'import_statement') this.readImport(st);
      else this.readFromImport(st);
    }
    this.quote = quoteOf(this.text.slice(this.imports.importInsertAt));
  }

  /** `import aws_cdk as cdk`, `import aws_cdk.aws_s3 as s3`, `import aws_cdk.aws_s3` (binds `aws_cdk`). */
  private readImport(st: PNode): void {
    for (const n of st.namedChildren) {
      const dotted = n.type === 'aliased_import' ? n.childForFieldName('name') : n.type === 'dotted_name' ? n : null;
      if (!dotted) continue;
      const m = moduleOfPy(dotted.text.replace(/\s+/g, ''));
      if (!m) continue;
      this.noteModule(m, st);
      const alias = n.type === 'aliased_import' ? n.childForFieldName('alias')?.text : undefined;
      if (alias) this.addNs(alias, m.mod);
      else {
        // `import aws_cdk.aws_s3` binds the top package name: code writes `aws_cdk.aws_s3.Bucket`.
        const head = dotted.text.split('.')[0];
        if (head === 'aws_cdk') this.addNs('aws_cdk', '*');
        else if (head === 'cdk_nag') this.addNs('cdk_nag', 'cdk-nag');
      }
    }
  }

  /** `from aws_cdk import aws_s3 as s3, Stack`, `from aws_cdk.aws_s3 import Bucket, BucketEncryption as BE`. */
  private readFromImport(st: PNode): void {
    const modNode = st.childForFieldName('module_name');
    if (!modNode || (modNode.type !== 'dotted_name' && modNode.type !== 'relative_import')) return;
    const m = modNode.type === 'dotted_name' ? moduleOfPy(modNode.text.replace(/\s+/g, '')) : undefined;
    if (!m) {
      this.noteRelative(st, modNode);
      return;
    }
    const names = new Map<string, string>();
    let last: PNode | undefined;
    let v1 = m.v1;
    for (const n of st.namedChildren) {
      if (n.startIndex === modNode.startIndex) continue;
      const nameNode = n.type === 'aliased_import' ? n.childForFieldName('name') : n.type === 'dotted_name' ? n : null;
      if (!nameNode) continue;
      const exported = nameNode.text;
      const local = n.type === 'aliased_import' ? (n.childForFieldName('alias')?.text ?? exported) : exported;
      last = n;
      names.set(exported, local);
      if (m.mod === '*') {
        if (exported === 'core') {
          // `from aws_cdk import core` exists only in CDK v1.
          v1 = true;
          this.addNs(local, 'core');
          continue;
        }
        const sub = moduleOfRootExport(exported);
        if (sub) this.addNs(local, sub);
        else this.imports.named.set(local, { mod: 'core', name: exported });
      } else {
        this.imports.named.set(local, { mod: m.mod, name: exported });
      }
    }
    this.noteModule({ mod: m.mod, v1 }, st);
    if (!last || m.mod === 'cdk-nag') return;
    const h: ModuleHandle = { mod: m.mod === '*' ? 'core' : m.mod, kind: 'named', alias: '', namedInsertAt: last.endIndex, names };
    this.imports.handles.push(h);
  }

  /** `from .config import settings`, `from config import X as Y`, `from . import config`: names a project module may export. */
  private noteRelative(st: PNode, modNode: PNode): void {
    const spec = modNode.text.replace(/\s+/g, '');
    for (const n of st.namedChildren) {
      if (n.startIndex === modNode.startIndex) continue;
      const nameNode = n.type === 'aliased_import' ? n.childForFieldName('name') : n.type === 'dotted_name' ? n : null;
      if (!nameNode) continue;
      const local = n.type === 'aliased_import' ? (n.childForFieldName('alias')?.text ?? nameNode.text) : nameNode.text;
      this.rel.set(local, { spec, name: nameNode.text });
    }
  }

  private noteModule(m: { mod: string; v1: boolean }, st: PNode): void {
    if (m.v1) this.imports.v1.push({ start: st.startIndex, end: st.endIndex });
    else if (m.mod !== 'cdk-nag') this.imports.isCdk = true;
  }

  private addNs(local: string, mod: string): void {
    this.imports.ns.set(local, mod);
    if (mod === 'cdk-nag') return;
    this.imports.handles.push(mod === '*' ? { mod: '*', kind: 'root', alias: local } : { mod, kind: 'ns', alias: local });
  }

  // ── names ──────────────────────────────────────────────────────────────────────────────────

  /**
   * A list or dict literal that is changed in place later (`actions.append(…)`, `props["x"] = …`) holds more than its
   * literal says: it becomes unknown (not empty, not complete). Other names (constructs) keep their value.
   */
  private forgetMutated(names: readonly string[]): void {
    for (const name of names) {
      const init = this.consts.get(name);
      if (init && (init.type === 'list' || init.type === 'dictionary')) this.consts.set(name, null);
    }
  }

  private noteAssignment(a: PNode): void {
    const left = a.childForFieldName('left');
    if (!left) return;
    if (left.type === 'identifier') {
      const name = left.text;
      // Assigned twice (in different functions, or reassigned): ambiguous without scope analysis.
      this.consts.set(name, this.consts.has(name) ? null : a.childForFieldName('right'));
    } else if (left.type === 'pattern_list' || left.type === 'tuple_pattern' || left.type === 'list_pattern') {
      for (const n of left.namedChildren) if (n.type === 'identifier') this.consts.set(n.text, null);
    }
  }

  /** `s3.BucketEncryption.KMS` → `aws-s3.BucketEncryption.KMS`, through every import form and same-file aliases. */
  private resolvePath(e: PNode, depth = 0): string | undefined {
    const chain = attributeChain(e);
    if (!chain) return undefined;
    const { names } = chain;
    let cur = chain.root;
    while (cur.type === 'parenthesized_expression' && cur.firstNamedChild) cur = cur.firstNamedChild;
    if (cur.type !== 'identifier') return undefined;
    const head = cur.text;
    const named = this.imports.named.get(head);
    // Methods and properties after a class are snake_case in Python (`Credentials.from_password`); modules (`aws_s3`) stay.
    const cls = named && /^[A-Z]/.test(named.name) ? -1 : names.findIndex((n) => /^[A-Z]/.test(n));
    if (named || cls >= 0) for (let i = cls + 1; i < names.length; i++) names[i] = camelSegment(names[i]);
    if (named) return [named.mod, [named.name, ...names].join('.')].join('.');
    const ns = this.imports.ns.get(head);
    if (ns) {
      if (!names.length) return undefined;
      if (ns === '*') {
        const first = names[0];
        if (first === 'core') return names.length > 1 ? `core.${names.slice(1).join('.')}` : undefined;
        const sub = moduleOfRootExport(first);
        if (sub) return names.length > 1 ? `${sub}.${names.slice(1).join('.')}` : undefined;
        return `core.${names.join('.')}`;
      }
      return `${ns}.${names.join('.')}`;
    }
    const c = this.lookup(head);
    if (c && depth < MAX_DEPTH && (c.type === 'attribute' || c.type === 'identifier')) {
      const base = this.resolvePath(c, depth + 1);
      return base ? [base, ...names].join('.') : undefined;
    }
    return undefined;
  }

  /** `self`, `app`, `self.bucket`: a receiver or scope written as a name, else undefined. */
  private exprText(e: PNode | null | undefined): string | undefined {
    if (!e) return undefined;
    if (e.type === 'identifier') return e.text;
    if (e.type === 'attribute') {
      const left = this.exprText(e.childForFieldName('object'));
      const attr = e.childForFieldName('attribute');
      return left && attr ? `${left}.${attr.text}` : undefined;
    }
    if (e.type === 'parenthesized_expression') return this.exprText(e.firstNamedChild);
    return undefined;
  }

  /** The variable (or `self.x`) a construct is assigned to. */
  private boundName(n: PNode): string | undefined {
    let cur = n;
    let p = cur.parent;
    while (p && p.type === 'parenthesized_expression') {
      cur = p;
      p = p.parent;
    }
    if (!p || p.type !== 'assignment') return undefined;
    if (p.childForFieldName('right')?.startIndex !== cur.startIndex) return undefined;
    return this.exprText(p.childForFieldName('left'));
  }

  // ── calls ──────────────────────────────────────────────────────────────────────────────────

  private insideError(start: number, end: number): boolean {
    return this.errors.some((e) => e.start <= start && end <= e.end);
  }

  private visitCall(n: PNode): void {
    const fn = n.childForFieldName('function');
    if (!fn) return;
    const fqn = this.resolvePath(fn);
    if (fqn) {
      const call = this.evalCall(n, fn, fqn, 0);
      if (call.isNew) call.variable = this.boundName(n);
      this.calls.push(call);
      // `Topic(self, "T", …)`, and the keyword forms `Topic(self, id="T", …)` / `Topic(scope=self, id="T", …)`.
      const idArg: CdkValue | undefined = call.isNew
        ? (call.args[1] ?? (call.args.length <= 1 ? entryOf(call.kw, 'id')?.value : undefined))
        : undefined;
      const scopeArg = idArg ? (this.positional(n)[0] ?? this.keyword(n, 'scope')) : undefined;
      if (idArg && scopeArg && (scopeArg.type === 'identifier' || scopeArg.type === 'attribute')) {
        this.constructs.push({
          call,
          id: idArg.k === 'lit' && typeof idArg.v === 'string' ? idArg.v : undefined,
          logicalId: '',
          name: '',
          scope: this.exprText(scopeArg),
          props: call.kw,
          variable: call.variable,
        });
      }
      if (fqn === 'cdk-nag.NagSuppressions.addResourceSuppressionsByPath') {
        const kw = (k: string): CdkValue | undefined => call.kw?.entries.find((e) => e.key === k)?.value;
        const apply = call.args[3] ?? kw('apply_to_children');
        this.rawAcks.push({
          target: this.exprText(this.positional(n)[0] ?? this.keyword(n, 'stack')),
          stackWide: false,
          children: apply?.k === 'lit' && apply.v === true,
          list: call.args[2] ?? kw('suppressions'),
          paths: call.args[1] ?? kw('path'),
          via: 'nag',
          start: call.start,
          end: call.end,
        });
      }
      if (fqn === 'cdk-nag.NagSuppressions.addResourceSuppressions' || fqn === 'cdk-nag.NagSuppressions.addStackSuppressions') {
        const stackWide = fqn.endsWith('addStackSuppressions');
        const pos = this.positional(n);
        const targetNode = pos[0] ?? this.keyword(n, stackWide ? 'stack' : 'construct');
        const list = call.args[1] ?? call.kw?.entries.find((e) => e.key === 'suppressions')?.value;
        const apply = call.args[2] ?? call.kw?.entries.find((e) => e.key === 'apply_to_children')?.value;
        const children = !stackWide && apply?.k === 'lit' && apply.v === true;
        this.rawAcks.push({
          target: stackWide ? undefined : this.exprText(targetNode),
          stackWide,
          children,
          list,
          via: 'nag',
          start: call.start,
          end: call.end,
        });
      }
      return;
    }
    if (fn.type !== 'attribute') return;
    const attr = fn.childForFieldName('attribute');
    const recv = fn.childForFieldName('object');
    if (!attr || !recv) return;
    const method = camelSegment(attr.text);
    // Aspects.of(scope).add(aspect) and Validations.of(x).acknowledge({"id": …, "reason": …})
    if (recv.type === 'call') {
      const ofFn = recv.childForFieldName('function');
      const of = ofFn ? this.resolvePath(ofFn) : undefined;
      const ofArg = this.positional(recv)[0];
      // A method on the result of a method (`api.root.add_resource("x").add_method(…)`): linked to that call by its offset.
      if (!of && METHODS_OF_INTEREST.has(method) && ofFn?.type === 'attribute') {
        this.pushMethodCall(n, method, '', recv.endIndex);
        return;
      }
      if (of === 'core.Aspects.of' && method === 'add' && ofArg) {
        const arg = this.positional(n)[0];
        this.aspects.push({ scope: this.exprText(ofArg) ?? '?', aspect: this.evalExpr(arg, 0), start: n.startIndex, end: n.endIndex });
      } else if (of === 'core.Validations.of' && method === 'acknowledge' && ofArg) {
        const target = this.exprText(ofArg);
        for (const a of this.positional(n)) {
          this.rawAcks.push({
            target,
            stackWide: false,
            // cdk-nag 3 honours an acknowledgement on the construct and on every construct below it (NagPack.isAcknowledged).
            children: true,
            via: 'validations',
            list: { k: 'arr', items: [this.evalExpr(a, 0)], open: false, start: a.startIndex, end: a.endIndex },
            start: n.startIndex,
            end: n.endIndex,
          });
        }
      }
      return;
    }
    if (!METHODS_OF_INTEREST.has(method)) return;
    const receiver = this.exprText(recv);
    if (!receiver) return;
    this.pushMethodCall(n, method, receiver, undefined);
  }

  private pushMethodCall(n: PNode, method: string, receiver: string, receiverCall: number | undefined): void {
    const list = n.childForFieldName('arguments');
    const last = list?.lastChild;
    const complete = !!list && last?.type === ')' && !last.isMissing && !list.hasError;
    const root = /^[A-Za-z_]\w*/.exec(receiver)?.[0];
    const build = (): CdkMethodCall => ({
      receiver: this.boundReceiver(receiver, root),
      target: undefined,
      method,
      args: this.positional(n).map((a) => this.evalExpr(a, 0)),
      kw: this.kwargs(n, 0),
      start: n.startIndex,
      end: n.endIndex,
      variable: this.boundName(n),
      receiverCall,
      closeParen: complete ? n.endIndex - 1 : n.endIndex,
      complete,
    });
    // `for p in policies: role.add_managed_policy(p)`: one call per element, each with the name bound to it.
    const loops = this.iterationsAround(n) ?? [];
    this.methodCalls.push(...perElement(loops, this.each, this.eachReads, root, build));
  }

  /** `b.add_to_resource_policy(…)` in `for b in [bucket_a, bucket_b]:`: the receiver named by the bound element. */
  private boundReceiver(receiver: string, root: string | undefined): string {
    const el = root ? this.each.get(root) : undefined;
    if (!el) return receiver;
    this.memo.read(`${root}#each`, null);
    const text = this.exprText(el);
    return text ? text + receiver.slice(root!.length) : receiver;
  }

  /** The positional argument nodes of a call (comments and keyword arguments left out). */
  private positional(call: PNode): PNode[] {
    const list = call.childForFieldName('arguments');
    if (!list || list.type !== 'argument_list') return [];
    return list.namedChildren.filter((c) => c.type !== 'keyword_argument' && c.type !== 'comment' && c.type !== 'dictionary_splat');
  }

  private keyword(call: PNode, name: string): PNode | undefined {
    const list = call.childForFieldName('arguments');
    for (const c of list?.namedChildren ?? []) {
      if (c.type === 'keyword_argument' && c.childForFieldName('name')?.text === name) return c.childForFieldName('value') ?? undefined;
    }
    return undefined;
  }

  /** Keyword arguments as one object; `**kwargs` of something unknown opens it. */
  private kwargs(call: PNode, depth: number): CdkObject {
    const list = call.childForFieldName('arguments');
    const start = list?.startIndex ?? call.endIndex;
    const end = list?.endIndex ?? call.endIndex;
    const obj: CdkObject = { k: 'obj', entries: [], open: false, style: 'py-kwargs', start, end };
    if (!list || list.type !== 'argument_list') {
      // A generator argument (`f(x for x in y)`) or no argument list at all.
      obj.open = true;
      return obj;
    }
    const items = list.namedChildren.filter((c) => c.type !== 'comment');
    for (const c of items) {
      if (c.type === 'keyword_argument') {
        const name = c.childForFieldName('name');
        const value = c.childForFieldName('value');
        if (!name || !value) {
          obj.open = true;
          continue;
        }
        obj.entries.push({
          key: name.text,
          keyStart: name.startIndex,
          keyEnd: name.endIndex,
          value: this.evalExpr(value, depth + 1),
          start: c.startIndex,
          end: c.endIndex,
        });
      } else if (c.type === 'dictionary_splat') {
        const inner = this.evalExpr(c.firstNamedChild ?? undefined, depth + 1);
        if (inner.k === 'obj') {
          obj.entries.push(...inner.entries);
          obj.open ||= inner.open;
        } else obj.open = true;
      } else if (c.type === 'ERROR') obj.open = true;
    }
    if (items.length) {
      // Insertions anchor on the keyword arguments' layout when there are some, else on the positional ones.
      const firstKw = items.find((c) => c.type === 'keyword_argument' || c.type === 'dictionary_splat');
      obj.itemsStart = (firstKw ?? items[0]).startIndex;
      obj.itemsEnd = items[items.length - 1].endIndex;
    }
    return obj;
  }

  private evalCall(n: PNode, fn: PNode, fqn: string, depth: number): CdkCall {
    const list = n.childForFieldName('arguments');
    const args: CdkValue[] = [];
    for (const a of this.positional(n)) {
      if (a.type === 'list_splat') {
        args.push({ k: 'unknown', start: a.startIndex, end: a.endIndex });
        continue;
      }
      args.push(this.evalExpr(a, depth + 1));
    }
    const kw = this.kwargs(n, depth);
    const last = list?.lastChild;
    const complete =
      !!list &&
      list.type === 'argument_list' &&
      last?.type === ')' &&
      !last.isMissing &&
      !list.hasError &&
      !(this.errors.length && this.insideError(n.startIndex, n.endIndex));
    const cls = fqn.slice(fqn.lastIndexOf('.') + 1);
    return {
      k: 'call',
      fqn,
      isNew: /^[A-Z]/.test(cls),
      args,
      kw,
      start: n.startIndex,
      end: n.endIndex,
      calleeEnd: fn.endIndex,
      closeParen: complete ? n.endIndex - 1 : n.endIndex,
      complete,
    };
  }

  // ── values ─────────────────────────────────────────────────────────────────────────────────

  private stringValue(n: PNode): string | undefined {
    return pyStringValue(n.text);
  }

  evalExpr(e: PNode | null | undefined, depth: number): CdkValue {
    if (!e) return { k: 'unknown', start: 0, end: 0 };
    const start = e.startIndex;
    const end = e.endIndex;
    if (depth > MAX_DEPTH) return { k: 'unknown', start, end };
    switch (e.type) {
      case 'string': {
        const s = this.stringValue(e);
        return s === undefined ? { k: 'unknown', start, end } : { k: 'lit', v: s, start, end };
      }
      case 'concatenated_string': {
        let s = '';
        for (const c of e.namedChildren) {
          if (c.type === 'comment') continue;
          const part = c.type === 'string' ? this.stringValue(c) : undefined;
          if (part === undefined) return { k: 'unknown', start, end };
          s += part;
        }
        return { k: 'lit', v: s, start, end };
      }
      case 'integer':
      case 'float': {
        const v = Number(e.text.replace(/_/g, ''));
        return Number.isFinite(v) ? { k: 'lit', v, start, end } : { k: 'unknown', start, end };
      }
      case 'true':
        return { k: 'lit', v: true, start, end };
      case 'false':
        return { k: 'lit', v: false, start, end };
      case 'none':
        return { k: 'lit', v: null, start, end };
      case 'unary_operator': {
        const arg = e.childForFieldName('argument');
        const op = e.childForFieldName('operator')?.text;
        const v = this.evalExpr(arg, depth + 1);
        if (op === '-' && v.k === 'lit' && typeof v.v === 'number') return { k: 'lit', v: -v.v, start, end };
        return { k: 'unknown', start, end };
      }
      case 'parenthesized_expression': {
        const inner = e.namedChildren.find((c) => c.type !== 'comment');
        return inner ? this.evalExpr(inner, depth + 1) : { k: 'unknown', start, end };
      }
      case 'list':
      case 'tuple': {
        let open = false;
        const items: CdkValue[] = [];
        for (const c of e.namedChildren) {
          if (c.type === 'comment') continue;
          if (c.type === 'list_splat') {
            const inner = this.evalExpr(c.firstNamedChild, depth + 1);
            if (inner.k === 'arr') {
              items.push(...inner.items);
              open ||= inner.open;
            } else open = true;
          } else items.push(this.evalExpr(c, depth + 1));
        }
        return { k: 'arr', items, open, start, end };
      }
      case 'dictionary':
        return this.evalDict(e, depth);
      case 'call': {
        const fn = e.childForFieldName('function');
        const fqn = fn ? this.resolvePath(fn) : undefined;
        return fqn && fn ? this.evalCall(e, fn, fqn, depth) : { k: 'unknown', start, end };
      }
      case 'identifier': {
        const c = this.lookup(e.text);
        if (c) {
          const v = this.evalExpr(c, depth + 1);
          // Report at the use site for scalars; keep the object's own spans so fixes edit the literal.
          return v.k === 'lit' || v.k === 'ref' ? { ...v, start, end } : v;
        }
        const path = this.resolvePath(e);
        if (path) return { k: 'ref', path, start, end };
        return (c === undefined && this.imported(e.text, [], { start, end })) || { k: 'unknown', start, end, name: e.text };
      }
      case 'attribute': {
        const path = this.resolvePath(e);
        if (path) return { k: 'ref', path, start, end };
        return this.importedPath(e, { start, end }) ?? { k: 'unknown', start, end, name: this.exprText(e) };
      }
      default:
        return { k: 'unknown', start, end };
    }
  }

  /** `settings.publicly_accessible` where `settings` is imported from a project module (and not assigned here). */
  private importedPath(e: PNode, at: { start: number; end: number }): CdkValue | undefined {
    if (!this.rel.size) return undefined;
    const chain = attributeChain(e);
    if (!chain) return undefined;
    const { root: cur, names } = chain;
    if (cur.type !== 'identifier' || this.lookup(cur.text) !== undefined) return undefined;
    return this.imported(cur.text, names, at);
  }

  private evalDict(e: PNode, depth: number): CdkObject {
    const entries: CdkEntry[] = [];
    let open = e.hasError;
    const items = e.namedChildren.filter((c) => c.type !== 'comment');
    for (const c of items) {
      if (c.type === 'pair') {
        const k = c.childForFieldName('key');
        const v = c.childForFieldName('value');
        const key = k?.type === 'string' ? this.stringValue(k) : undefined;
        if (key === undefined || !k || !v) {
          open = true;
          continue;
        }
        entries.push({
          key,
          keyStart: k.startIndex,
          keyEnd: k.endIndex,
          value: this.evalExpr(v, depth + 1),
          start: c.startIndex,
          end: c.endIndex,
        });
      } else if (c.type === 'dictionary_splat') {
        const inner = this.evalExpr(c.firstNamedChild, depth + 1);
        if (inner.k === 'obj') {
          entries.push(...inner.entries);
          open ||= inner.open;
        } else open = true;
      } else open = true;
    }
    return {
      k: 'obj',
      entries,
      open,
      style: 'py-dict',
      start: e.startIndex,
      end: e.endIndex,
      itemsStart: items.length ? items[0].startIndex : undefined,
      itemsEnd: items.length ? items[items.length - 1].endIndex : undefined,
    };
  }
}

/** Base classes whose class attributes are field defaults: pydantic models and settings. */
const MODEL_BASES = /\b(BaseSettings|BaseModel)\b/;

/** The default a field assignment gives: `x: bool = True`, `Field(True, …)`, `Field(default=True)`; undefined when none. */
function fieldDefault(right: PNode): PNode | undefined {
  if (right.type !== 'call' || !/(^|\.)Field$/.test(right.childForFieldName('function')?.text ?? '')) return right;
  const args = right.childForFieldName('arguments')?.namedChildren ?? [];
  const kw = args.find((a) => a.type === 'keyword_argument' && a.childForFieldName('name')?.text === 'default');
  const first = args[0] && args[0].type !== 'keyword_argument' && args[0].type !== 'comment' ? args[0] : undefined;
  const v = kw?.childForFieldName('value') ?? first;
  return v && v.type !== 'ellipsis' ? v : undefined;
}

/**
 * What a Python module of the project offers the files that import it: its module-level constants,
 * and for an instance made there of one of its pydantic model / settings classes or dataclasses
 * (`settings = DbSettings()`), the class's field defaults. Built once per version of its text.
 */
class PyModule implements ModuleExports {
  private readonly a: PyAnalyzer;
  private readonly classes = new Map<string, PNode>();
  private readonly file: string;

  constructor(rt: PyRuntime, src: ModuleSource) {
    const tree = parsePy(rt, src.text);
    let root: PNode;
    try {
      // A plain copy: the module's tree-sitter tree is freed at once.
      root = copyTree(tree, src.text, undefined).root;
    } finally {
      tree.delete();
    }
    this.file = src.path.split(/[\\/]/).pop() ?? src.path;
    this.a = new PyAnalyzer(root, src.text, src.path, rt);
    this.a.scanModule();
    for (const st of root.namedChildren) {
      const def = st.type === 'decorated_definition' ? st.childForFieldName('definition') : st;
      const name = def?.type === 'class_definition' ? def.childForFieldName('name')?.text : undefined;
      if (def && name) this.classes.set(name, st);
    }
  }

  value(name: string): CdkValue | undefined {
    const init = this.a.constInit(name);
    if (!init) return undefined;
    const fn = init.type === 'call' ? init.childForFieldName('function') : null;
    if (fn?.type === 'identifier' && this.classes.has(fn.text)) {
      const args = init.childForFieldName('arguments')?.namedChildren.filter((c) => c.type !== 'comment') ?? [];
      return args.length ? undefined : this.defaults(fn.text, init);
    }
    const v = this.a.evalExpr(init, 0);
    return v.k === 'unknown' ? undefined : v;
  }

  imports(): string[] {
    return [...new Set([...this.a.rel.values()].flatMap((r) => [r.spec.endsWith('.') ? r.spec + r.name : `${r.spec}.${r.name}`, r.spec]))];
  }

  /**
   * The field defaults of an instance built with no arguments. A settings class (pydantic
   * `BaseSettings`) reads the environment at synth time: each value says it is a default the
   * environment can override. Other classes give nothing.
   */
  private defaults(cls: string, at: PNode): CdkObject | undefined {
    const st = this.classes.get(cls)!;
    const def = st.type === 'decorated_definition' ? st.childForFieldName('definition')! : st;
    const bases = def.childForFieldName('superclasses')?.text ?? '';
    const dataclass = st.type === 'decorated_definition' && /\bdataclass\b/.test(st.text.slice(0, def.startIndex - st.startIndex));
    if (!MODEL_BASES.test(bases) && !dataclass) return undefined;
    const settings = /\bBaseSettings\b/.test(bases);
    const entries: CdkEntry[] = [];
    for (const line of def.childForFieldName('body')?.namedChildren ?? []) {
      const a = line.type === 'expression_statement' ? line.firstNamedChild : null;
      const left = a?.type === 'assignment' ? a.childForFieldName('left') : null;
      const right = a?.childForFieldName('right');
      const d = left?.type === 'identifier' && right ? fieldDefault(right) : undefined;
      if (!d || !left) continue;
      const v = this.a.evalExpr(d, 0);
      if (v.k === 'unknown') continue;
      const note = settings ? ', a default an environment variable can override at synth time' : ', a default';
      v.from = `${this.file} (${cls}.${left.text}${note})`;
      entries.push({ key: left.text, keyStart: left.startIndex, keyEnd: left.endIndex, value: v, start: a!.startIndex, end: a!.endIndex });
    }
    return { k: 'obj', entries, open: false, style: 'py-kwargs', start: at.startIndex, end: at.endIndex };
  }
}

/** The summary of a Python module of the project. */
function pySummary(rt: PyRuntime, src: ModuleSource): PyModule {
  return summaryOf(src, 'py', (s) => new PyModule(rt, s));
}

/** `a.b.c` → the root `a` and the attribute names `['b', 'c']`; undefined for a broken chain. */
function attributeChain(e: PNode): { root: PNode; names: string[] } | undefined {
  const names: string[] = [];
  let cur: PNode = e;
  while (cur.type === 'attribute') {
    const attr = cur.childForFieldName('attribute');
    const obj = cur.childForFieldName('object');
    if (!attr || !obj) return undefined;
    names.unshift(attr.text);
    cur = obj;
  }
  return { root: cur, names };
}
