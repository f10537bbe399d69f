/**
 * The syntax-neutral tree every analysed document is turned into. YAML, JSON and (later) CDK
 * object literals all become these nodes, so rules never know which syntax they read.
 * Offsets are UTF-16 code-unit offsets into the document text, the unit LSP uses.
 */

export type Scalar = string | number | boolean | null;

interface NodeBase {
  /** Offset of the first character of the node (for a short-form YAML tag, of the tag). */
  start: number;
  /** Offset just past the last character of the node, trailing whitespace excluded. */
  end: number;
  parent?: Node;
}

export interface ScalarNode extends NodeBase {
  kind: 'scalar';
  value: Scalar;
  /** How the scalar was written, so fixes can keep the file's quoting. */
  style: 'plain' | 'single' | 'double' | 'block';
}

export interface PairNode {
  key: ScalarNode;
  /** Undefined for `Key:` with nothing after it. */
  value: Node | undefined;
  start: number;
  end: number;
}

export interface MapNode extends NodeBase {
  kind: 'map';
  pairs: PairNode[];
  /** `{ a: 1 }` in YAML, and every JSON object. */
  flow: boolean;
  /** The mapping may hold keys that are not shown (a CDK spread Parapet cannot follow): a missing key is unknown, not absent. */
  open?: boolean;
}

export interface SeqNode extends NodeBase {
  kind: 'seq';
  items: Node[];
  flow: boolean;
}

/** `!Ref X`, `{ "Fn::If": [...] }` and their kin, normalised to one shape. */
export interface IntrinsicNode extends NodeBase {
  kind: 'intrinsic';
  /** `Ref`, `Condition`, or the long name such as `Fn::GetAtt`. */
  name: string;
  arg: Node | undefined;
  /** True for the YAML short form (`!Sub`). */
  short: boolean;
}

export type Node = ScalarNode | MapNode | SeqNode | IntrinsicNode;

/** A JSON-like value a fix wants to write; intrinsics are written as `{ Ref: 'X' }` or `{ 'Fn::Sub': … }`. */
export type JsonValue = Scalar | JsonValue[] | { [key: string]: JsonValue };

/** Intrinsic function names accepted in short (`!Name`) and long (`Fn::Name`) form. */
export const INTRINSICS = [
  'Ref',
  'Condition',
  'Fn::Sub',
  'Fn::GetAtt',
  'Fn::If',
  'Fn::Join',
  'Fn::Select',
  'Fn::Split',
  'Fn::FindInMap',
  'Fn::Base64',
  'Fn::Cidr',
  'Fn::ImportValue',
  'Fn::GetAZs',
  'Fn::And',
  'Fn::Or',
  'Fn::Not',
  'Fn::Equals',
  'Fn::Transform',
  'Fn::Length',
  'Fn::ToJsonString',
  // The functions of a template's Rules section.
  'Fn::Contains',
  'Fn::EachMemberEquals',
  'Fn::EachMemberIn',
  'Fn::RefAll',
  'Fn::ValueOf',
  'Fn::ValueOfAll',
] as const;

/** `!GetAtt` → `Fn::GetAtt`; `!Ref` → `Ref`. */
export function longIntrinsicName(tag: string): string {
  const bare = tag.startsWith('!') ? tag.slice(1) : tag;
  return bare === 'Ref' || bare === 'Condition' ? bare : `Fn::${bare}`;
}

/** True for a key that, alone in a mapping, makes the mapping an intrinsic function call. */
export function isIntrinsicKey(key: string): boolean {
  return key === 'Ref' || (key.startsWith('Fn::') && !key.startsWith('Fn::ForEach'));
}

export function isMap(n: Node | undefined): n is MapNode {
  return n?.kind === 'map';
}
export function isSeq(n: Node | undefined): n is SeqNode {
  return n?.kind === 'seq';
}
export function isScalar(n: Node | undefined): n is ScalarNode {
  return n?.kind === 'scalar';
}
/** With a name, narrows only to that function, so the false branch still allows other intrinsics. */
export function isIntrinsic<N extends string>(n: Node | undefined, name?: N): n is IntrinsicNode & { name: N } {
  return n?.kind === 'intrinsic' && (name === undefined || n.name === name);
}

/** The pair with this key, or undefined. */
export function pairOf(map: MapNode | undefined, key: string): PairNode | undefined {
  if (!map) return undefined;
  for (const p of map.pairs) if (p.key.value === key) return p;
  return undefined;
}

/** The value under this key, or undefined. */
export function get(map: Node | undefined, key: string): Node | undefined {
  return isMap(map) ? pairOf(map, key)?.value : undefined;
}

/** Follows plain map keys; stops (undefined) at anything that is not a map. */
export function getPath(node: Node | undefined, path: readonly string[]): Node | undefined {
  let cur = node;
  for (const k of path) {
    cur = get(cur, k);
    if (!cur) return undefined;
  }
  return cur;
}

/** The value of a scalar node, or undefined for anything else. */
export function scalarValue(n: Node | undefined): Scalar | undefined {
  return isScalar(n) ? n.value : undefined;
}

/** A string scalar's text, or undefined. */
export function stringValue(n: Node | undefined): string | undefined {
  const v = scalarValue(n);
  return typeof v === 'string' ? v : undefined;
}

/** Items of a sequence; a single non-sequence value counts as a one-item list (IAM style). */
export function asList(n: Node | undefined): Node[] {
  if (!n) return [];
  return isSeq(n) ? n.items : [n];
}

/** Plain JS value of a node; intrinsics become `{ name: arg }`. For tests and messages, not for hot paths. */
export function toJs(n: Node | undefined): unknown {
  if (!n) return null;
  switch (n.kind) {
    case 'scalar':
      return n.value;
    case 'seq':
      return n.items.map(toJs);
    case 'map':
      return Object.fromEntries(n.pairs.map((p) => [String(p.key.value), toJs(p.value)]));
    case 'intrinsic':
      return { [n.name]: toJs(n.arg) };
  }
}

/** Visits every node depth-first, iteratively so deep documents cannot overflow the stack. */
export function walk(root: Node, visit: (n: Node) => void): void {
  const stack: Node[] = [root];
  while (stack.length) {
    const n = stack.pop()!;
    visit(n);
    switch (n.kind) {
      case 'map':
        for (let i = n.pairs.length - 1; i >= 0; i--) {
          const v = n.pairs[i].value;
          if (v) stack.push(v);
        }
        break;
      case 'seq':
        for (let i = n.items.length - 1; i >= 0; i--) stack.push(n.items[i]);
        break;
      case 'intrinsic':
        if (n.arg) stack.push(n.arg);
        break;
      default:
        break;
    }
  }
}
