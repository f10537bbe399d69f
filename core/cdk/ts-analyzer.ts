import ts from 'typescript';
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
  NagAck,
} from './model';
import { diffSpan } from '../parse/incremental';
import { moduleOfRootExport, moduleOfTs } from './names';
import { importsKey, ModelSink, StatementMemo, StatementMemos } from './memo';
import { collectAcks, finishModel, Iteration, METHODS_OF_INTEREST, perElement, RawAck } from './shared';
import { importedValue, ModuleExports, modulesKey, withModule } from './foreign';
import { ModuleSource, shortName, summaryOf } from './modules';
import { NOT_SECRET_FIELD, PLAINTEXT } from './secrets';
import { normKey } from './model';

/**
 * The TypeScript CDK analyzer: the TypeScript compiler's parser only (no Program, no type checker),
 * `updateSourceFile` on edits. Imports are resolved by hand; props are evaluated from literals,
 * same-file `const`s and enum members; anything else is `unknown`.
 */

// Deep enough for an L1 policy document (props → policies → document → statements → condition → operator → key).
const MAX_DEPTH = 16;

/** Cheap test before parsing: a file that never names the CDK packages is not CDK. */
export function mentionsCdkTs(text: string): boolean {
  return text.includes('aws-cdk-lib') || text.includes('@aws-cdk/');
}

function scriptKindOf(uri: string): ts.ScriptKind {
  const p = uri.toLowerCase();
  if (p.endsWith('.tsx')) return ts.ScriptKind.TSX;
  if (p.endsWith('.jsx')) return ts.ScriptKind.JSX;
  if (/\.(js|mjs|cjs)$/.test(p)) return ts.ScriptKind.JS;
  return ts.ScriptKind.TS;
}

/** The edited range between two texts: common prefix and suffix. */
export function changeRange(oldText: string, newText: string): ts.TextChangeRange {
  const c = diffSpan(oldText, newText);
  return ts.createTextChangeRange(ts.createTextSpan(c.start, c.oldEnd - c.start), c.newEnd - c.start);
}

/** Parses (incrementally when `previous` is the same file's earlier model) and builds the model; undefined when not CDK. */
export function analyzeTs(uri: string, text: string, previous?: { model: CdkModel; text: string }): CdkModel | undefined {
  if (!mentionsCdkTs(text)) return undefined;
  let sf: ts.SourceFile | undefined;
  const prev = previous?.model.state;
  if (prev && !prev.consumed && previous?.model.lang === 'ts') {
    // updateSourceFile reuses (and moves) the old tree's nodes: the old tree must not be used again.
    prev.consumed = true;
    try {
      sf = ts.updateSourceFile(prev.handle as ts.SourceFile, text, changeRange(previous.text, text));
    } catch {
      sf = undefined;
    }
  }
  sf ??= ts.createSourceFile(
    uri,
    text,
    { languageVersion: ts.ScriptTarget.Latest, jsDocParsingMode: ts.JSDocParsingMode.ParseNone },
    true,
    scriptKindOf(uri),
  );
  const model = new TsAnalyzer(sf, text, uri).run();
  if (!model) return undefined;
  model.state = { consumed: false, handle: sf };
  return model;
}

/**
 * Expression and variable statements: the units whose part of the model is memoized. The
 * compiler's incremental parser hands back the same node object for a statement it did not
 * re-parse (their text is unchanged), so a node's memo and scan stay true.
 */
function isUnit(n: ts.Node): n is ts.ExpressionStatement | ts.VariableStatement {
  return n.kind === ts.SyntaxKind.ExpressionStatement || n.kind === ts.SyntaxKind.VariableStatement;
}

const memos = new WeakMap<ts.Node, StatementMemo<ts.Node>>();
interface StatementScan {
  decls: ts.VariableDeclaration[];
  calls: (ts.NewExpression | ts.CallExpression)[];
  /** Functions written inside the statement (`const grant = (fn) => { … }`). */
  fns: ts.SignatureDeclaration[];
  /** Names whose value a statement changes in place (`actions.push(…)`, `props.x = …`). */
  mutated: string[];
  /** `return`s of the functions written inside the statement. */
  returns: ts.ReturnStatement[];
}
const scans = new WeakMap<ts.Node, StatementScan>();

/** Array methods that change the array they are called on. */
const IN_PLACE = new Set(['push', 'unshift', 'splice', 'pop', 'shift', 'fill', 'sort', 'reverse', 'copyWithin']);

/** The name a node changes in place: `x.push(…)`, `Object.assign(x, …)`, `x.k = …`, `x[i] = …`, `delete x.k`. */
function mutatedName(n: ts.Node): string | undefined {
  const root = (e: ts.Expression): string | undefined => {
    while (ts.isPropertyAccessExpression(e) || ts.isElementAccessExpression(e) || ts.isParenthesizedExpression(e)) e = e.expression;
    return ts.isIdentifier(e) ? e.text : undefined;
  };
  if (ts.isCallExpression(n)) {
    const callee = n.expression;
    if (ts.isPropertyAccessExpression(callee) && IN_PLACE.has(callee.name.text)) return root(callee.expression);
    if (
      ts.isPropertyAccessExpression(callee) &&
      callee.name.text === 'assign' &&
      ts.isIdentifier(callee.expression) &&
      callee.expression.text === 'Object' &&
      n.arguments[0]
    )
      return root(n.arguments[0]);
    return undefined;
  }
  if (
    ts.isBinaryExpression(n) &&
    n.operatorToken.kind >= ts.SyntaxKind.FirstAssignment &&
    n.operatorToken.kind <= ts.SyntaxKind.LastAssignment
  ) {
    return ts.isPropertyAccessExpression(n.left) || ts.isElementAccessExpression(n.left) ? root(n.left) : undefined;
  }
  if (ts.isDeleteExpression(n)) return root(n.expression);
  return undefined;
}

/** The constant declarations, calls and in-place changes inside a statement, in source order. */
function scanOf(st: ts.Node): StatementScan {
  let scan = scans.get(st);
  if (!scan) {
    const found: StatementScan = { decls: [], calls: [], fns: [], mutated: [], returns: [] };
    const visit = (n: ts.Node): void => {
      if (ts.isNewExpression(n) || ts.isCallExpression(n)) found.calls.push(n);
      else if (ts.isVariableDeclaration(n)) found.decls.push(n);
      else if (isFunctionLike(n)) found.fns.push(n);
      else if (ts.isReturnStatement(n)) found.returns.push(n);
      const m = mutatedName(n);
      if (m) found.mutated.push(m);
      ts.forEachChild(n, visit);
    };
    ts.forEachChild(st, visit);
    scan = found;
    scans.set(st, scan);
  }
  return scan;
}

function isFunctionLike(n: ts.Node): n is ts.SignatureDeclaration & { body?: ts.Node } {
  return ts.isFunctionDeclaration(n) || ts.isMethodDeclaration(n) || ts.isArrowFunction(n) || ts.isFunctionExpression(n);
}

/** A function's name: its own, or the variable, property or class field it is assigned to. */
function functionName(n: ts.SignatureDeclaration): string | undefined {
  const own = (n as { name?: ts.Node }).name;
  if (own && ts.isIdentifier(own)) return own.text;
  const p = n.parent;
  if (p && (ts.isVariableDeclaration(p) || ts.isPropertyDeclaration(p) || ts.isPropertyAssignment(p)) && ts.isIdentifier(p.name))
    return p.name.text;
  return undefined;
}

/** Array methods whose callback's first parameter is each element in turn. */
const ITERATORS = new Set(['map', 'forEach', 'flatMap']);

/** The name a call calls a local function by: `grant(…)`, `this.grant(…)`, `Helpers.grant(…)`. */
function localCallee(e: ts.CallExpression): string | undefined {
  const c = e.expression;
  if (ts.isIdentifier(c)) return c.text;
  if (ts.isPropertyAccessExpression(c) && (c.expression.kind === ts.SyntaxKind.ThisKeyword || ts.isIdentifier(c.expression)))
    return c.name.text;
  return undefined;
}

class TsAnalyzer {
  readonly imports: CdkImports = { ns: new Map(), named: new Map(), handles: [], importInsertAt: 0, v1: [], isCdk: false };
  private readonly consts = new Map<string, ts.Expression | null>();
  private readonly calls: CdkCall[] = [];
  private readonly constructs: CdkConstruct[] = [];
  private readonly methodCalls: CdkMethodCall[] = [];
  private readonly aspects: CdkAspect[] = [];
  private readonly rawAcks: RawAck[] = [];
  private quote: "'" | '"' = "'";
  private readonly memo: StatementMemos<ts.Node>;
  /** While a method call in an iteration over a known array is evaluated once per element: the name bound to the element. */
  private readonly each = new Map<string, ts.Expression>();
  /** The bound names a lookup read: which iterations a call depends on. */
  private readonly eachReads = new Set<string>();

  /** Names imported from the project's own modules (`import { cfg } from './config'`): local → specifier and exported name (`*`: the namespace). */
  readonly rel = new Map<string, { spec: string; name: string }>();

  constructor(
    private readonly sf: ts.SourceFile,
    private readonly text: string,
    /** The document's URI, or the module's path: where relative imports start. */
    private readonly uri: string,
  ) {
    this.memo = new StatementMemos<ts.Node>(memos, (n) => this.span(n));
  }

  /** A module's constants only (for its summary): no model. */
  scanModule(): void {
    this.readImports();
    const mutated: string[] = [];
    const visit = (n: ts.Node): void => {
      if (ts.isVariableDeclaration(n)) this.noteConst(n);
      const m = mutatedName(n);
      if (m) mutated.push(m);
      ts.forEachChild(n, visit);
    };
    visit(this.sf);
    this.forgetMutated(mutated);
  }

  /** A constant's initializer (undefined: none, or ambiguous). */
  constInit(name: string): ts.Expression | undefined {
    return this.consts.get(name) ?? undefined;
  }

  run(): CdkModel | undefined {
    this.readImports();
    if (!this.imports.isCdk && this.imports.v1.length === 0) return undefined;
    if (this.rel.size) this.imports.modules = modulesKey(this.uri, 'ts', new Set([...this.rel.values()].map((r) => r.spec)), tsSummary);
    // Statements and the calls outside any statement, in source order; every constant noted first.
    const items: ts.Node[] = [];
    const mutated: string[] = [];
    const fns: ts.SignatureDeclaration[] = [];
    const returns: ts.ReturnStatement[] = [];
    // Recursive, in source order: the parser itself recurses as deep, so this cannot overflow first.
    const visit = (n: ts.Node): void => {
      if (isUnit(n)) {
        const scan = scanOf(n);
        for (const d of scan.decls) this.noteConst(d);
        mutated.push(...scan.mutated);
        fns.push(...scan.fns);
        returns.push(...scan.returns);
        items.push(n);
        return;
      }
      if (ts.isNewExpression(n) || ts.isCallExpression(n)) items.push(n);
      else if (ts.isVariableDeclaration(n)) this.noteConst(n);
      else if (isFunctionLike(n)) fns.push(n);
      else if (ts.isReturnStatement(n)) returns.push(n);
      const m = mutatedName(n);
      if (m) mutated.push(m);
      ts.forEachChild(n, visit);
    };
    visit(this.sf);
    this.forgetMutated(mutated);
    this.noteReturns(fns, returns);
    const imports = importsKey(this);
    const sink: ModelSink = {
      calls: this.calls,
      constructs: this.constructs,
      methodCalls: this.methodCalls,
      aspects: this.aspects,
      acks: this.rawAcks,
    };
    for (const n of items) {
      if (!isUnit(n)) this.visitCall(n as ts.NewExpression | ts.CallExpression);
      else if (!this.memo.replay(n, imports, this.consts, sink))
        this.memo.record(n, imports, sink, () => scanOf(n).calls.forEach((c) => this.visitCall(c)));
    }
    const acks: NagAck[] = collectAcks(this.rawAcks);
    const functions = fns.map((f) => ({
      name: functionName(f),
      params: f.parameters.map((p) => (ts.isIdentifier(p.name) ? p.name.text : '')),
      ...this.span(f),
    }));
    return finishModel(this.text, {
      lang: 'ts',
      imports: this.imports,
      constructs: this.constructs,
      calls: this.calls,
      methodCalls: this.methodCalls,
      aspects: this.aspects,
      acks,
      quote: this.quote,
      functions,
      localCalls: this.localCalls(items, functions),
    });
  }

  /** The calls of the file's named functions that take parameters, with the text of each argument. */
  private localCalls(items: ts.Node[], functions: CdkFunction[]): CdkLocalCall[] {
    const names = new Set(functions.filter((f) => f.name && f.params.length).map((f) => f.name!));
    const out: CdkLocalCall[] = [];
    if (!names.size) return out;
    const note = (c: ts.NewExpression | ts.CallExpression): void => {
      if (!ts.isCallExpression(c)) return;
      const name = localCallee(c);
      if (name && names.has(name)) out.push({ name, args: c.arguments.map((a) => this.exprText(a)) });
    };
    for (const n of items) {
      if (isUnit(n)) scanOf(n).calls.forEach(note);
      else note(n as ts.NewExpression | ts.CallExpression);
    }
    return out;
  }

  /** The constants lookup: statement memos note what each statement read. */
  private lookup(name: string): ts.Expression | null | undefined {
    const bound = this.each.get(name);
    // Bound by an iteration that may lie outside the statement (a `for … of` header): its memo never replays.
    if (bound) {
      this.memo.read(`${name}#each`, null);
      this.eachReads.add(name);
      return bound;
    }
    return this.memo.read(name, this.consts.get(name));
  }

  /**
   * The element expressions of an array the code iterates, when all are known: a literal (spreads of known arrays
   * included), a constant, or what a helper of the file returns (`Helpers.policies(stack)`); else undefined.
   */
  private elementsOf(e: ts.Expression, depth = 0): ts.Expression[] | undefined {
    if (depth > MAX_DEPTH) return undefined;
    while (ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isNonNullExpression(e) || ts.isSatisfiesExpression(e))
      e = e.expression;
    if (ts.isArrayLiteralExpression(e)) {
      const out: ts.Expression[] = [];
      for (const el of e.elements) {
        if (el.kind === ts.SyntaxKind.OmittedExpression) continue;
        const inner = ts.isSpreadElement(el) ? this.elementsOf(el.expression, depth + 1) : [el];
        if (!inner) return undefined;
        out.push(...inner);
      }
      return out;
    }
    if (ts.isIdentifier(e)) {
      const c = this.lookup(e.text);
      return c ? this.elementsOf(c, depth + 1) : undefined;
    }
    if (ts.isCallExpression(e) && !this.resolvePath(e.expression)) {
      const name = localCallee(e);
      // Read like a constant, so a statement that iterates it is evaluated again when the helper's return changes.
      const ret = name ? this.memo.read(`${name}()`, this.consts.get(`${name}()`)) : undefined;
      return ret ? this.elementsOf(ret, depth + 1) : undefined;
    }
    return undefined;
  }

  /**
   * The iterations around a node over known arrays, innermost first: `xs.map((x) => …)`, `xs.forEach(function (x) …)`,
   * `for (const x of xs) …`, with the name each binds and the elements.
   */
  private iterationsAround(n: ts.Node): Iteration<ts.Expression>[] | undefined {
    const out: Iteration<ts.Expression>[] = [];
    for (let cur: ts.Node = n; cur.parent; cur = cur.parent) {
      const p = cur.parent;
      let name: string | undefined;
      let over: ts.Expression | undefined;
      if ((ts.isArrowFunction(cur) || ts.isFunctionExpression(cur)) && ts.isCallExpression(p) && p.arguments[0] === cur) {
        const callee = p.expression;
        const param = cur.parameters[0]?.name;
        if (ts.isPropertyAccessExpression(callee) && ITERATORS.has(callee.name.text) && param && ts.isIdentifier(param)) {
          name = param.text;
          over = callee.expression;
        }
      } else if (ts.isForOfStatement(p) && p.statement === cur && ts.isVariableDeclarationList(p.initializer)) {
        const d = p.initializer.declarations;
        if (d.length === 1 && ts.isIdentifier(d[0].name)) {
          name = d[0].name.text;
          over = p.expression;
        }
      }
      if (!name || !over) continue;
      const elements = this.elementsOf(over);
      // An unknown array binds nothing: the name stays unknown, as before.
      if (!elements) return undefined;
      out.push({ name, elements });
    }
    return out;
  }

  /**
   * What each named function of the file returns when it has one `return`, noted among the constants as `name()`
   * (a name no identifier has), so statement memos see a changed helper; a name defined twice is ambiguous (null).
   */
  private noteReturns(fns: readonly ts.SignatureDeclaration[], returns: readonly ts.ReturnStatement[]): void {
    // The returns of each function, found from the returns up (the tree was walked once already).
    const byFn = new Map<ts.Node, ts.ReturnStatement[]>();
    for (const r of returns) {
      let f: ts.Node | undefined = r.parent;
      while (f && !isFunctionLike(f)) f = f.parent;
      if (f) byFn.set(f, [...(byFn.get(f) ?? []), r]);
    }
    for (const f of fns) {
      const name = functionName(f);
      const body = (f as { body?: ts.Node }).body;
      if (!name || !body) continue;
      const rets = byFn.get(f) ?? [];
      const ret = ts.isBlock(body) ? (rets.length === 1 ? rets[0].expression : undefined) : ts.isArrowFunction(f) ? f.body : undefined;
      const key = `${name}()`;
      this.consts.set(key, this.consts.has(key) ? null : ((ret as ts.Expression | undefined) ?? null));
    }
  }

  private span(n: ts.Node): { start: number; end: number } {
    return { start: n.getStart(this.sf), end: n.getEnd() };
  }

  private readImports(): void {
    let quoteSet = false;
    for (const st of this.sf.statements) {
      if (ts.isImportDeclaration(st) && ts.isStringLiteral(st.moduleSpecifier)) {
        this.imports.importInsertAt = st.getEnd();
        if (!quoteSet) {
          this.quote = this.text[st.moduleSpecifier.getStart(this.sf)] === '"' ? '"' : "'";
          quoteSet = true;
        }
        const m = moduleOfTs(st.moduleSpecifier.text);
        if (!m) {
          this.noteRelative(st.moduleSpecifier.text, st.importClause);
          continue;
        }
        this.noteModule(m, st);
        const clause = st.importClause;
        if (!clause || clause.isTypeOnly) continue;
        if (clause.name) this.addNs(clause.name.text, m.mod);
        const nb = clause.namedBindings;
        if (nb && ts.isNamespaceImport(nb)) this.addNs(nb.name.text, m.mod);
        else if (nb && ts.isNamedImports(nb)) {
          const names = new Map<string, string>();
          for (const el of nb.elements) {
            const exported = (el.propertyName ?? el.name).text;
            this.addNamed(el.name.text, m.mod, exported);
            names.set(exported, el.name.text);
          }
          if (m.mod !== '*' && m.mod !== 'cdk-nag' && nb.elements.length) {
            const last = nb.elements[nb.elements.length - 1];
            this.imports.handles.push({ mod: m.mod, kind: 'named', alias: '', namedInsertAt: last.getEnd(), names });
          }
          if (m.mod === '*' && nb.elements.length) {
            const last = nb.elements[nb.elements.length - 1];
            // `import { aws_s3 as s3, Stack } from 'aws-cdk-lib'` can take more names: core ones and aws_x namespaces.
            this.imports.handles.push({ mod: 'core', kind: 'named', alias: '', namedInsertAt: last.getEnd(), names });
          }
        }
      } else if (
        ts.isImportEqualsDeclaration(st) &&
        ts.isExternalModuleReference(st.moduleReference) &&
        ts.isStringLiteral(st.moduleReference.expression)
      ) {
        this.imports.importInsertAt = st.getEnd();
        const m = moduleOfTs(st.moduleReference.expression.text);
        if (!m) continue;
        this.noteModule(m, st);
        this.addNs(st.name.text, m.mod);
      } else if (ts.isVariableStatement(st)) {
        for (const d of st.declarationList.declarations) {
          const init = d.initializer;
          if (!init || !ts.isCallExpression(init) || !ts.isIdentifier(init.expression) || init.expression.text !== 'require') continue;
          const arg = init.arguments[0];
          if (!arg || !ts.isStringLiteral(arg)) continue;
          this.imports.importInsertAt = st.getEnd();
          const m = moduleOfTs(arg.text);
          if (!m) continue;
          this.noteModule(m, st);
          if (ts.isIdentifier(d.name)) this.addNs(d.name.text, m.mod);
          else if (ts.isObjectBindingPattern(d.name)) {
            for (const el of d.name.elements) {
              if (!ts.isIdentifier(el.name)) continue;
              const exported = el.propertyName && ts.isIdentifier(el.propertyName) ? el.propertyName.text : el.name.text;
              this.addNamed(el.name.text, m.mod, exported);
            }
          }
        }
      }
    }
  }

  /** `import { a as b } from './config'`, `import * as c from '../lib/c'`, `import d from './d'`: names the project's modules export. */
  private noteRelative(spec: string, clause: ts.ImportClause | undefined): void {
    if (!spec.startsWith('.') || !clause || clause.isTypeOnly) return;
    if (clause.name) this.rel.set(clause.name.text, { spec, name: 'default' });
    const nb = clause.namedBindings;
    if (nb && ts.isNamespaceImport(nb)) this.rel.set(nb.name.text, { spec, name: '*' });
    else if (nb)
      for (const el of nb.elements) if (!el.isTypeOnly) this.rel.set(el.name.text, { spec, name: (el.propertyName ?? el.name).text });
  }

  /**
   * A name (and property path) imported from a project module, evaluated there (foreign.ts); undefined
   * when the name is not such an import or the value is unknown.
   */
  private imported(head: string, path: string[], at: { start: number; end: number }): CdkValue | undefined {
    const r = this.rel.get(head);
    if (!r) return undefined;
    const names = r.name === '*' ? path : [r.name, ...path];
    if (!names.length) return undefined;
    return importedValue(this.uri, 'ts', r.spec, names[0], names.slice(1), at, tsSummary);
  }

  /** `helper(…)` or `ns.helper(…)` of a project module: its name there and the module's specifier. */
  private importedCallee(callee: ts.Expression): { spec: string; name: string } | undefined {
    if (ts.isIdentifier(callee)) {
      const r = this.rel.get(callee.text);
      return r && r.name !== '*' && this.lookup(callee.text) === undefined ? r : undefined;
    }
    if (ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression)) {
      const r = this.rel.get(callee.expression.text);
      return r?.name === '*' ? { spec: r.spec, name: callee.name.text } : undefined;
    }
    return undefined;
  }

  /**
   * A call of a project module's helper that wraps one of its parameters in `SecretValue.unsafePlainText`
   * (`createBasicAuthSecret('admin', 'pw', …)`): the literal the caller passes is written in clear text,
   * reported here, on the call.
   */
  private helperCall(e: ts.CallExpression): void {
    const target = this.importedCallee(e.expression);
    if (!target) return;
    const found = withModule(this.uri, target.spec, 'ts', (src) => ({ src, sinks: tsSummary(src).secretSinks(target.name) }));
    if (!found) return;
    for (const sink of found.sinks) {
      const arg = e.arguments[sink.param];
      if (!arg || ts.isSpreadElement(arg) || (sink.key !== undefined && NOT_SECRET_FIELD.test(normKey(sink.key)))) continue;
      const v = this.evalExpr(arg, 1);
      if (v.k !== 'lit' || typeof v.v !== 'string') continue;
      this.calls.push({
        k: 'call',
        fqn: sink.fqn,
        isNew: false,
        args: [v],
        ...this.callSpan(e),
        from: `${target.name} in ${shortName(this.uri, found.src)}`,
      });
    }
  }

  private noteModule(m: { mod: string; v1: boolean }, st: ts.Node): void {
    if (m.v1) this.imports.v1.push(this.span(st));
    else if (m.mod !== 'cdk-nag') this.imports.isCdk = true;
  }

  private addNs(local: string, mod: string): void {
    this.imports.ns.set(local, mod);
    const h: ModuleHandle = mod === '*' ? { mod: '*', kind: 'root', alias: local } : { mod, kind: 'ns', alias: local };
    this.imports.handles.push(h);
  }

  private addNamed(local: string, mod: string, exported: string): void {
    if (mod === '*') {
      const sub = moduleOfRootExport(exported);
      if (sub) {
        this.addNs(local, sub);
        return;
      }
      this.imports.named.set(local, { mod: 'core', name: exported });
      return;
    }
    this.imports.named.set(local, { mod, name: exported });
  }

  /**
   * A `const` array or object literal that is changed in place later (`actions.push(…)`, `props.x = …`) holds more than
   * its literal says: it becomes unknown (not empty, not complete). Other constants (constructs) keep their value.
   */
  private forgetMutated(names: readonly string[]): void {
    for (const name of names) {
      const init = this.consts.get(name);
      if (init && (ts.isArrayLiteralExpression(init) || ts.isObjectLiteralExpression(init))) this.consts.set(name, null);
    }
  }

  private noteConst(d: ts.VariableDeclaration): void {
    const list = d.parent;
    if (!ts.isVariableDeclarationList(list) || !(list.flags & ts.NodeFlags.Const)) return;
    if (ts.isIdentifier(d.name)) {
      const name = d.name.text;
      // A name declared twice (in different scopes) is ambiguous without scope analysis: unknown.
      this.consts.set(name, this.consts.has(name) ? null : (d.initializer ?? null));
    } else if (ts.isObjectBindingPattern(d.name) && d.initializer && ts.isIdentifier(d.initializer)) {
      // `const { Bucket } = s3;`
      const mod = this.imports.ns.get(d.initializer.text);
      if (!mod) return;
      for (const el of d.name.elements) {
        if (!ts.isIdentifier(el.name)) continue;
        const exported = el.propertyName && ts.isIdentifier(el.propertyName) ? el.propertyName.text : el.name.text;
        if (mod === '*') this.addNamed(el.name.text, '*', exported);
        else this.imports.named.set(el.name.text, { mod, name: exported });
      }
    }
  }

  /** `s3.BucketEncryption.KMS` → `aws-s3.BucketEncryption.KMS`, through every import form and same-file aliases. */
  resolvePath(e: ts.Expression, depth = 0): string | undefined {
    const names: string[] = [];
    let cur: ts.Expression = e;
    while (ts.isPropertyAccessExpression(cur)) {
      if (!ts.isIdentifier(cur.name) || !cur.name.text) return undefined;
      names.unshift(cur.name.text);
      cur = cur.expression;
    }
    while (ts.isParenthesizedExpression(cur) || ts.isAsExpression(cur) || ts.isNonNullExpression(cur)) cur = cur.expression;
    if (!ts.isIdentifier(cur)) return undefined;
    const head = cur.text;
    const named = this.imports.named.get(head);
    if (named) return [named.mod, [named.name, ...names].join('.')].join('.');
    const ns = this.imports.ns.get(head);
    if (ns) {
      if (!names.length) return undefined;
      if (ns === '*') {
        const sub = moduleOfRootExport(names[0]);
        if (sub) return names.length > 1 ? `${sub}.${names.slice(1).join('.')}` : undefined;
        return `core.${names.join('.')}`;
      }
      return `${ns}.${names.join('.')}`;
    }
    const c = this.lookup(head);
    if (c && depth < MAX_DEPTH) {
      const base = this.resolvePath(c, depth + 1);
      return base ? [base, ...names].join('.') : undefined;
    }
    return undefined;
  }

  private callSpan(e: ts.NewExpression | ts.CallExpression): Pick<CdkCall, 'start' | 'end' | 'calleeEnd' | 'closeParen' | 'complete'> {
    const { start, end } = this.span(e);
    const complete = e.arguments !== undefined && this.text[end - 1] === ')';
    const closeParen = complete ? end - 1 : e.arguments ? e.arguments.end : e.expression.getEnd();
    return { start, end, calleeEnd: e.expression.getEnd(), closeParen, complete };
  }

  private visitCall(e: ts.NewExpression | ts.CallExpression): void {
    const callee = e.expression;
    const fqn = this.resolvePath(callee);
    if (fqn) {
      const call = this.evalCall(e, fqn, 0);
      if (call.isNew) call.variable = this.boundName(e);
      this.calls.push(call);
      if (ts.isNewExpression(e) && call.args.length >= 2 && this.isScopeArg(e.arguments![0])) {
        const idArg = call.args[1];
        this.constructs.push({
          call,
          id: idArg.k === 'lit' && typeof idArg.v === 'string' ? idArg.v : undefined,
          logicalId: '',
          name: '',
          scope: this.exprText(e.arguments![0]),
          props: call.args[2],
          variable: call.variable,
        });
      }
      if (fqn === 'cdk-nag.NagSuppressions.addResourceSuppressionsByPath') {
        this.rawAcks.push({
          target: this.exprText((e.arguments ?? [])[0]),
          stackWide: false,
          children: call.args[3]?.k === 'lit' && call.args[3].v === true,
          list: call.args[2],
          paths: call.args[1],
          via: 'nag',
          start: call.start,
          end: call.end,
        });
      }
      if (fqn === 'cdk-nag.NagSuppressions.addResourceSuppressions' || fqn === 'cdk-nag.NagSuppressions.addStackSuppressions') {
        const stackWide = fqn.endsWith('addStackSuppressions');
        this.rawAcks.push({
          target: stackWide ? undefined : this.exprText((e.arguments ?? [])[0]),
          stackWide,
          children: !stackWide && call.args[2]?.k === 'lit' && call.args[2].v === true,
          list: call.args[1],
          via: 'nag',
          start: call.start,
          end: call.end,
        });
      }
      return;
    }
    if (ts.isCallExpression(e) && this.rel.size) this.helperCall(e);
    if (!ts.isCallExpression(e) || !ts.isPropertyAccessExpression(callee)) return;
    const method = callee.name.text;
    const recv = callee.expression;
    // Aspects.of(scope).add(aspect) and Validations.of(x).acknowledge({ id, reason })
    if (ts.isCallExpression(recv)) {
      const of = this.resolvePath(recv.expression);
      // A method on the result of a method (`api.root.addResource('x').addMethod(…)`): linked to that call by its offset.
      if (!of && METHODS_OF_INTEREST.has(method) && ts.isPropertyAccessExpression(recv.expression)) {
        this.pushMethodCall(e, method, '', this.span(recv).end);
        return;
      }
      if (of === 'core.Aspects.of' && method === 'add' && recv.arguments[0]) {
        this.aspects.push({ scope: this.exprText(recv.arguments[0]) ?? '?', aspect: this.evalExpr(e.arguments[0], 0), ...this.span(e) });
      } else if (of === 'core.Validations.of' && method === 'acknowledge' && recv.arguments[0]) {
        const target = this.exprText(recv.arguments[0]);
        for (const a of e.arguments) {
          this.rawAcks.push({
            target,
            stackWide: false,
            // cdk-nag 3 honours an acknowledgement on the construct and on every construct below it (NagPack.isAcknowledged).
            children: true,
            via: 'validations',
            list: { k: 'arr', items: [this.evalExpr(a, 0)], open: false, ...this.span(a) },
            ...this.span(e),
          });
        }
      }
      return;
    }
    if (!METHODS_OF_INTEREST.has(method)) return;
    const receiver = this.exprText(recv);
    if (!receiver) return;
    this.pushMethodCall(e, method, receiver, undefined);
  }

  private pushMethodCall(e: ts.CallExpression, method: string, receiver: string, receiverCall: number | undefined): void {
    const { closeParen, complete } = this.callSpan(e);
    const root = /^[A-Za-z_$][\w$]*/.exec(receiver)?.[0];
    const build = (): CdkMethodCall => ({
      receiver: this.boundReceiver(receiver, root),
      target: undefined,
      method,
      args: e.arguments.map((a) => this.evalExpr(a, 0)),
      ...this.span(e),
      variable: this.boundName(e),
      receiverCall,
      closeParen,
      complete,
    });
    // `policies.map((p) => role.addManagedPolicy(p))`: one call per element, each with the name bound to it.
    const loops = this.iterationsAround(e) ?? [];
    this.methodCalls.push(...perElement(loops, this.each, this.eachReads, root, build));
  }

  /** `b.addToResourcePolicy(…)` in `[bucketA, bucketB].forEach((b) => …)`: the receiver named by the bound element. */
  private boundReceiver(receiver: string, root: string | undefined): string {
    const el = root ? this.each.get(root) : undefined;
    if (!el) return receiver;
    this.memo.read(`${root}#each`, null);
    const text = this.exprText(el);
    return text ? text + receiver.slice(root!.length) : receiver;
  }

  private isScopeArg(a: ts.Expression): boolean {
    return a.kind === ts.SyntaxKind.ThisKeyword || ts.isIdentifier(a) || ts.isPropertyAccessExpression(a);
  }

  /** `this`, `app`, `this.bucket`: a receiver or scope written as a name, else undefined. */
  private exprText(e: ts.Expression | undefined): string | undefined {
    if (!e) return undefined;
    if (e.kind === ts.SyntaxKind.ThisKeyword) return 'this';
    if (ts.isIdentifier(e)) return e.text;
    if (ts.isPropertyAccessExpression(e)) {
      const left = this.exprText(e.expression);
      return left ? `${left}.${e.name.text}` : undefined;
    }
    if (ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isNonNullExpression(e)) return this.exprText(e.expression);
    return undefined;
  }

  /** The variable (or `this.x`) a construct is assigned to. */
  private boundName(e: ts.Expression): string | undefined {
    let n: ts.Node = e;
    while (n.parent && (ts.isParenthesizedExpression(n.parent) || ts.isAsExpression(n.parent) || ts.isNonNullExpression(n.parent)))
      n = n.parent;
    const p = n.parent;
    if (!p) return undefined;
    if (ts.isVariableDeclaration(p) && ts.isIdentifier(p.name)) return p.name.text;
    if (ts.isBinaryExpression(p) && p.operatorToken.kind === ts.SyntaxKind.EqualsToken && p.right === n) return this.exprText(p.left);
    if (ts.isPropertyDeclaration(p) && ts.isIdentifier(p.name)) return `this.${p.name.text}`;
    return undefined;
  }

  private evalCall(e: ts.NewExpression | ts.CallExpression, fqn: string, depth: number): CdkCall {
    const args = (e.arguments ?? []).map((a) => this.evalExpr(a, depth + 1));
    return { k: 'call', fqn, isNew: ts.isNewExpression(e), args, ...this.callSpan(e) };
  }

  evalExpr(e: ts.Expression | undefined, depth: number): CdkValue {
    if (!e) return { k: 'unknown', start: 0, end: 0 };
    const { start, end } = this.span(e);
    if (depth > MAX_DEPTH) return { k: 'unknown', start, end };
    switch (e.kind) {
      case ts.SyntaxKind.StringLiteral:
      case ts.SyntaxKind.NoSubstitutionTemplateLiteral:
        return { k: 'lit', v: (e as ts.StringLiteral).text, start, end };
      case ts.SyntaxKind.NumericLiteral:
        return { k: 'lit', v: Number((e as ts.NumericLiteral).text), start, end };
      case ts.SyntaxKind.TrueKeyword:
        return { k: 'lit', v: true, start, end };
      case ts.SyntaxKind.FalseKeyword:
        return { k: 'lit', v: false, start, end };
      case ts.SyntaxKind.NullKeyword:
        return { k: 'lit', v: null, start, end };
      default:
        break;
    }
    if (ts.isPrefixUnaryExpression(e) && e.operator === ts.SyntaxKind.MinusToken && ts.isNumericLiteral(e.operand)) {
      return { k: 'lit', v: -Number(e.operand.text), start, end };
    }
    if (
      ts.isParenthesizedExpression(e) ||
      ts.isAsExpression(e) ||
      ts.isNonNullExpression(e) ||
      ts.isSatisfiesExpression(e) ||
      ts.isTypeAssertionExpression(e)
    ) {
      return this.evalExpr(e.expression, depth + 1);
    }
    if (ts.isObjectLiteralExpression(e)) return this.evalObject(e, depth);
    if (ts.isArrayLiteralExpression(e)) {
      let open = false;
      const items: CdkValue[] = [];
      for (const el of e.elements) {
        if (ts.isSpreadElement(el)) {
          const inner = this.evalExpr(el.expression, depth + 1);
          if (inner.k === 'arr') {
            items.push(...inner.items);
            open ||= inner.open;
          } else open = true;
        } else if (el.kind !== ts.SyntaxKind.OmittedExpression) items.push(this.evalExpr(el, depth + 1));
      }
      return { k: 'arr', items, open, start, end };
    }
    if (ts.isIdentifier(e)) {
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
    if (ts.isPropertyAccessExpression(e)) {
      const path = this.resolvePath(e);
      if (path) return { k: 'ref', path, start, end };
      return this.importedPath(e, { start, end }) ?? { k: 'unknown', start, end, name: this.exprText(e) };
    }
    if (e.kind === ts.SyntaxKind.ThisKeyword) return { k: 'unknown', start, end, name: 'this' };
    if (ts.isNewExpression(e) || ts.isCallExpression(e)) {
      const fqn = this.resolvePath(e.expression);
      return fqn ? this.evalCall(e, fqn, depth) : { k: 'unknown', start, end };
    }
    return { k: 'unknown', start, end };
  }

  /** `cfg.db.encrypted` where `cfg` is imported from a project module (and not a constant here). */
  private importedPath(e: ts.PropertyAccessExpression, at: { start: number; end: number }): CdkValue | undefined {
    if (!this.rel.size) return undefined;
    const names: string[] = [];
    let cur: ts.Expression = e;
    while (ts.isPropertyAccessExpression(cur)) {
      names.unshift(cur.name.text);
      cur = cur.expression;
    }
    if (!ts.isIdentifier(cur) || this.lookup(cur.text) !== undefined) return undefined;
    return this.imported(cur.text, names, at);
  }

  private evalObject(e: ts.ObjectLiteralExpression, depth: number): CdkObject {
    const { start, end } = this.span(e);
    const entries: CdkEntry[] = [];
    // A literal the parser had to close itself is half-typed: treat it as open.
    let open = this.text[end - 1] !== '}';
    for (const p of e.properties) {
      if (ts.isPropertyAssignment(p)) {
        const key = ts.isIdentifier(p.name) || ts.isStringLiteral(p.name) || ts.isNumericLiteral(p.name) ? p.name.text : undefined;
        if (key === undefined) {
          open = true;
          continue;
        }
        const ps = this.span(p);
        entries.push({
          key,
          keyStart: p.name.getStart(this.sf),
          keyEnd: p.name.getEnd(),
          value: this.evalExpr(p.initializer, depth + 1),
          ...ps,
        });
      } else if (ts.isShorthandPropertyAssignment(p)) {
        const ps = this.span(p);
        entries.push({ key: p.name.text, keyStart: ps.start, keyEnd: ps.end, value: this.evalExpr(p.name, depth + 1), ...ps });
      } else if (ts.isSpreadAssignment(p)) {
        const inner = this.evalExpr(p.expression, depth + 1);
        if (inner.k === 'obj') {
          entries.push(...inner.entries);
          open ||= inner.open;
        } else open = true;
      }
    }
    const props = e.properties;
    return {
      k: 'obj',
      entries,
      open,
      style: 'ts-object',
      start,
      end,
      itemsStart: props.length ? props[0].getStart(this.sf) : undefined,
      itemsEnd: props.length ? props[props.length - 1].getEnd() : undefined,
    };
  }
}

/** A parameter of an exported helper that reaches `SecretValue.unsafePlainText` as it is. */
interface SecretSink {
  param: number;
  fqn: string;
  /** The object key the secret sits under (`password`), when it is one. */
  key?: string;
}

function isExported(n: ts.Node): boolean {
  return ts.canHaveModifiers(n) && (ts.getModifiers(n) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
}

type Exported = { local: string } | { spec: string; name: string } | { expr: ts.Expression };
type FunctionNode = ts.SignatureDeclaration & { body?: ts.Node };

/**
 * What a TypeScript module of the project offers the files that import it: its exported constants
 * (evaluated with its own imports and constants) and what its exported helpers do with their
 * parameters. Built once per version of its text (modules.ts), off the keystroke path.
 */
class TsModule implements ModuleExports {
  private readonly a: TsAnalyzer;
  private readonly exported = new Map<string, Exported>();
  private readonly fns = new Map<string, FunctionNode>();
  private readonly sinks = new Map<string, SecretSink[]>();
  private readonly reexports = new Set<string>();

  constructor(private readonly src: ModuleSource) {
    const sf = ts.createSourceFile(
      src.path,
      src.text,
      { languageVersion: ts.ScriptTarget.Latest, jsDocParsingMode: ts.JSDocParsingMode.ParseNone },
      true,
      scriptKindOf(src.path),
    );
    this.a = new TsAnalyzer(sf, src.text, src.path);
    this.a.scanModule();
    const topFns = new Map<string, FunctionNode>();
    for (const st of sf.statements) this.noteStatement(st, topFns);
    for (const [name, x] of this.exported) {
      const fn = 'local' in x ? topFns.get(x.local) : undefined;
      if (fn) this.fns.set(name, fn);
    }
  }

  private noteStatement(st: ts.Statement, topFns: Map<string, FunctionNode>): void {
    if (ts.isFunctionDeclaration(st) && st.name) {
      topFns.set(st.name.text, st);
      if (isExported(st)) this.exported.set(st.name.text, { local: st.name.text });
    } else if (ts.isVariableStatement(st)) {
      for (const d of st.declarationList.declarations) {
        if (!ts.isIdentifier(d.name)) continue;
        const init = d.initializer;
        if (init && (ts.isArrowFunction(init) || ts.isFunctionExpression(init))) topFns.set(d.name.text, init);
        if (isExported(st)) this.exported.set(d.name.text, { local: d.name.text });
      }
    } else if (ts.isExportDeclaration(st) && !st.isTypeOnly && st.exportClause && ts.isNamedExports(st.exportClause)) {
      // `export { a as b }`, and re-exports one level: `export { a } from './a'`.
      const spec = st.moduleSpecifier && ts.isStringLiteral(st.moduleSpecifier) ? st.moduleSpecifier.text : undefined;
      if (spec !== undefined && !spec.startsWith('.')) return;
      if (spec) this.reexports.add(spec);
      for (const el of st.exportClause.elements) {
        const orig = (el.propertyName ?? el.name).text;
        this.exported.set(el.name.text, spec ? { spec, name: orig } : { local: orig });
      }
    } else if (ts.isExportAssignment(st) && !st.isExportEquals) {
      this.exported.set('default', { expr: st.expression });
    }
  }

  value(name: string): CdkValue | undefined {
    const x = this.exported.get(name);
    if (!x || this.fns.has(name)) return undefined;
    if ('spec' in x) return importedValue(this.src.path, 'ts', x.spec, x.name, [], { start: 0, end: 0 }, tsSummary);
    const init = 'expr' in x ? x.expr : this.a.constInit(x.local);
    if (!init) return undefined;
    const v = this.a.evalExpr(init, 0);
    return v.k === 'unknown' ? undefined : v;
  }

  imports(): string[] {
    return [...new Set([...[...this.a.rel.values()].map((r) => r.spec), ...this.reexports])];
  }

  /** The parameters of an exported helper that it passes, as they are, to `SecretValue.unsafePlainText`. */
  secretSinks(name: string): SecretSink[] {
    const known = this.sinks.get(name);
    if (known) return known;
    const out: SecretSink[] = [];
    const fn = this.fns.get(name);
    const params = fn ? fn.parameters.map((p) => (ts.isIdentifier(p.name) ? p.name.text : '')) : [];
    const visit = (n: ts.Node): void => {
      const arg = ts.isCallExpression(n) ? n.arguments[0] : undefined;
      if (arg && ts.isIdentifier(arg) && params.includes(arg.text)) {
        const fqn = this.a.resolvePath((n as ts.CallExpression).expression);
        if (fqn && PLAINTEXT.has(fqn)) {
          const p = n.parent;
          const key = ts.isPropertyAssignment(p) && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name)) ? p.name.text : undefined;
          out.push({ param: params.indexOf(arg.text), fqn, key });
        }
      }
      ts.forEachChild(n, visit);
    };
    if (fn?.body) visit(fn.body);
    this.sinks.set(name, out);
    return out;
  }
}

/** The summary of a TypeScript module of the project. */
function tsSummary(src: ModuleSource): TsModule {
  return summaryOf(src, 'ts', (s) => new TsModule(s));
}
