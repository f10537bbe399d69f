/**
 * The language-neutral model of a CDK source file. The TypeScript and Python analyzers both build
 * it; the L1 normaliser, the L2 checker, the suppression reader and the fix writers read only it,
 * so one set of checks serves both languages. Offsets are UTF-16 offsets into the document text.
 */

export type CdkLang = 'ts' | 'py';

/** A value written in the source, evaluated as far as the file alone allows. */
export type CdkValue = (
  | { k: 'lit'; v: string | number | boolean | null; start: number; end: number }
  /** A reference resolved through the imports: an enum member or static property, e.g. `aws-s3.BucketEncryption.KMS`. */
  | { k: 'ref'; path: string; start: number; end: number }
  | CdkObject
  | { k: 'arr'; items: CdkValue[]; open: boolean; start: number; end: number }
  /** `new X(…)` (TypeScript) or a class call (Python), and static calls such as `SecretValue.unsafePlainText(…)`. */
  | CdkCall
  /** Anything the file alone does not decide: a parameter, a call result, a spread of something unknown. */
  | {
      k: 'unknown';
      start: number;
      end: number;
      /** The variable written there (`bucket`, `this.bucket`), when it is one. */ name?: string;
    }
) &
  Foreign;

/**
 * A value written in another module of the project (foreign.ts): `from` names where (`config.ts (dbConfig.encrypted)`),
 * and its spans are those of the name that imports it in this file. Fixes never edit it.
 */
export interface Foreign {
  from?: string;
}

export interface CdkEntry {
  /** The key as written (`enforceSSL`, `enforce_ssl`). */
  key: string;
  keyStart: number;
  keyEnd: number;
  value: CdkValue;
  /** The whole property (`key: value`, `key=value`). */
  start: number;
  end: number;
}

/** How an object was written, which decides how a fix inserts into it. */
export type ObjectStyle = 'ts-object' | 'py-kwargs' | 'py-dict';

export interface CdkObject extends Foreign {
  k: 'obj';
  entries: CdkEntry[];
  /** True when a spread (or computed key) Parapet cannot follow may add keys: "missing" is then unknown. */
  open: boolean;
  style: ObjectStyle;
  /** For `ts-object` and `py-dict`: the braces. For `py-kwargs`: the parentheses of the argument list. */
  start: number;
  end: number;
  /** First and last item (any item: positional arguments and spreads count), where insertions anchor. */
  itemsStart?: number;
  itemsEnd?: number;
}

export interface CdkCall extends Foreign {
  k: 'call';
  /** Resolved name: `aws-s3.Bucket`, `core.SecretValue.unsafePlainText` (Python names normalised to camelCase). */
  fqn: string;
  /** True for `new X(…)` and Python class calls. */
  isNew: boolean;
  /** Positional arguments. */
  args: CdkValue[];
  /** Python keyword arguments, as one object (struct classes and constructs take their props this way). */
  kw?: CdkObject;
  start: number;
  end: number;
  /** From the start of the expression to the end of the callee (`new s3.Bucket`), where "missing" findings point. */
  calleeEnd: number;
  /** Offset of the closing parenthesis, where a new argument is inserted. */
  closeParen: number;
  /** False for half-typed code (no closing parenthesis): no "missing property" findings then. */
  complete: boolean;
  /** Variable (or `this.x` / `self.x`) a `new` call is bound to (`const st = new iam.PolicyStatement()`): later calls on it change it. */
  variable?: string;
}

/** A construct instantiation (`new s3.Bucket(this, 'Logs', {…})`). */
export interface CdkConstruct {
  call: CdkCall;
  /** The construct id when it is a literal. */
  id: string | undefined;
  /** Unique within the file: the key of its resource in the CDK template (what `Ref`s and suppressions use). */
  logicalId: string;
  /**
   * What findings name: the construct id as written (`sample_bucket_id`, `MySQL_DB_easy`), also when
   * another construct in the file has the same id; `construct at line N` when the id is not a literal.
   */
  name: string;
  /** Text of the scope argument (`this`, `self`, `app`, `stack`). */
  scope: string | undefined;
  /** The props object, or undefined when there is none; `unknown` when it cannot be evaluated. */
  props: CdkValue | undefined;
  /** Variable (or `this.x` / `self.x`) the construct is bound to. */
  variable: string | undefined;
}

/** `receiver.method(args)` on a variable, e.g. `bucket.addToResourcePolicy(stmt)`. */
export interface CdkMethodCall {
  receiver: string;
  /** The construct bound to the receiver, when the file binds one. */
  target: CdkConstruct | undefined;
  /** camelCase method name. */
  method: string;
  args: CdkValue[];
  kw?: CdkObject;
  start: number;
  end: number;
  /** Variable (or `this.x` / `self.x`) the call's result is bound to (`const listener = lb.addListener(…)`). */
  variable?: string;
  /** End of the method call the receiver is, when it is one (`api.root.addResource('x').addMethod(…)`; both start at `api`); `receiver` is then empty. */
  receiverCall?: number;
  /** Offset of the closing parenthesis, where a new argument is inserted. */
  closeParen: number;
  /** False for half-typed calls (no closing parenthesis). */
  complete: boolean;
}

/** `Aspects.of(scope).add(aspect)`. */
export interface CdkAspect {
  scope: string;
  aspect: CdkValue;
  start: number;
  end: number;
}

/** A cdk-nag acknowledgement: `NagSuppressions.add…Suppressions` or `Validations.of(x).acknowledge`. */
export interface NagAck {
  /** Construct variable the acknowledgement names; undefined for stack-wide ones. */
  target: string | undefined;
  stackWide: boolean;
  /** `applyToChildren`: the acknowledgement covers the resources the construct creates (its role's DefaultPolicy, …) too. */
  children?: boolean;
  id: string;
  reason: string;
  /** `validations`: `Validations.of(x).acknowledge` (cdk-nag 3); `nag`: cdk-nag's `NagSuppressions`. */
  via: 'validations' | 'nag';
  /** `addResourceSuppressionsByPath` on the file's own stack: the resource key the path names (`Fn/ServiceRole/DefaultPolicy`). */
  path?: string;
  start: number;
  end: number;
}

/** How the file imports one module: enough for a fix to write `s3.BucketEncryption.KMS` in the file's own idiom. */
export interface ModuleHandle {
  /** `aws-s3`, or `core` for the root package. */
  mod: string;
  /** `ns`: `s3.X`; `root`: `cdk.aws_s3.X` (or `cdk.X` for core); `named`: only named imports, extendable. */
  kind: 'ns' | 'root' | 'named';
  alias: string;
  /** For `named`: the import's name list, where a new name is inserted. */
  namedInsertAt?: number;
  /** For `named`: what is imported already (exported names). */
  names?: Map<string, string>;
}

export interface CdkImports {
  /** local name → module key (`aws-s3`), or `*` for the root package. */
  ns: Map<string, string>;
  /** local name → module key and exported name. */
  named: Map<string, { mod: string; name: string }>;
  /** Handles per module, best first, for fixes. */
  handles: ModuleHandle[];
  /** Offset just after the last import statement, where a new import goes. */
  importInsertAt: number;
  /** Spans of CDK v1 (`@aws-cdk/*`, `aws_cdk.core`) imports. */
  v1: { start: number; end: number }[];
  /** True when the file imports the CDK at all. */
  isCdk: boolean;
  /** The versions of the project modules the file imports (foreign.ts): memoized evaluations are stale when it changes. */
  modules?: string;
}

/** A function or method the file defines (`function grant(fn)`, `def _grant(self, fn)`): its parameters, for binding them to what callers pass. */
export interface CdkFunction {
  /** Its name, or undefined for an anonymous function (a callback). */
  name: string | undefined;
  /** Parameter names in order (`''` for a destructured one; Python's leading `self`/`cls` left out). */
  params: string[];
  start: number;
  end: number;
}

/** A call of a function by its name (`grant(fn)`, `this.grant(fn)`, `self._grant(fn)`): the argument texts (undefined: not a name). */
export interface CdkLocalCall {
  name: string;
  args: (string | undefined)[];
  /** Python keyword arguments by parameter name. */
  kw?: Map<string, string | undefined>;
}

/** The whole model of one file. */
export interface CdkModel {
  lang: CdkLang;
  imports: CdkImports;
  constructs: CdkConstruct[];
  /** Every resolved call or instantiation, constructs included, in source order. */
  calls: CdkCall[];
  methodCalls: CdkMethodCall[];
  aspects: CdkAspect[];
  acks: NagAck[];
  /** Functions the file defines and the calls of them by name: a method call on a parameter reaches the construct every caller passes. */
  functions?: CdkFunction[];
  localCalls?: CdkLocalCall[];
  /** The file's quote for new strings. */
  quote: "'" | '"';
  /** Parser state kept for incremental re-parse (a TypeScript SourceFile or a tree-sitter Tree). */
  state?: { consumed: boolean; handle: unknown; dispose?: () => void };
}

/** Normalised key for comparing props across languages: `enforceSSL` and `enforce_ssl` both become `enforcessl`. */
export function normKey(key: string): string {
  return key.replace(/_/g, '').toLowerCase();
}

/** The object form of a value: an object literal, or a struct-class call with keyword arguments (Python). */
export function asObject(v: CdkValue | undefined): CdkObject | undefined {
  if (!v) return undefined;
  if (v.k === 'obj') return v;
  if (v.k === 'call' && v.kw && v.args.length === 0) return v.kw;
  return undefined;
}

/** The entry of an object under a (normalised) key. */
export function entryOf(obj: CdkObject | undefined, key: string): CdkEntry | undefined {
  if (!obj) return undefined;
  const n = normKey(key);
  for (let i = obj.entries.length - 1; i >= 0; i--) if (normKey(obj.entries[i].key) === n) return obj.entries[i];
  return undefined;
}
