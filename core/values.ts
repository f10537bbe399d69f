import { asList, isIntrinsic, isMap, isScalar, MapNode, Node, pairOf, Scalar, stringValue } from './nodes';
import { conditionAtDefaults, defaultInThisPass } from './choices';
import { Template } from './template';

/**
 * What a property can be, as far as the template says. Rules reason over every outcome: they
 * flag a bad value that is written (or possible through a parameter or an `Fn::If` branch), flag
 * a missing property, and say nothing about what they cannot know.
 */
export type Outcome =
  | { kind: 'value'; value: Scalar; node: Node; /** The `!Ref` that led here, when via a parameter. */ via?: Node }
  | {
      kind: 'missing';
      /** The deepest mapping that exists, where a fix would insert; absent under `AWS::NoValue`. */ map?: MapNode;
      path: string[];
    }
  | { kind: 'node'; node: Node }
  | { kind: 'unknown'; node: Node };

const PSEUDO = /^AWS::/;

/** The outcomes of one value node: parameters through Default/AllowedValues, `Fn::If` through both branches. */
export function resolveNode(tpl: Template | undefined, node: Node, depth = 0): Outcome[] {
  if (depth > 20) return [{ kind: 'unknown', node }];
  if (isScalar(node)) return [{ kind: 'value', value: node.value, node }];
  if (isIntrinsic(node, 'Ref')) {
    const target = stringValue(node.arg);
    if (target === 'AWS::NoValue') return [{ kind: 'missing', path: [] }];
    if (!target || PSEUDO.test(target) || !tpl) return [{ kind: 'unknown', node }];
    const param = tpl.parameters.get(target);
    if (!param) return [{ kind: 'unknown', node }];
    // A choice with a default is read at its default, except in the engine's every-choice pass (core/choices.ts).
    const def = defaultInThisPass(param);
    if (def && isScalar(def)) return [{ kind: 'value', value: def.value, node: def, via: node }];
    if (param.allowedValues && param.allowedValues.length) {
      return param.allowedValues.map((v): Outcome =>
        isScalar(v) ? { kind: 'value', value: v.value, node: v, via: node } : { kind: 'unknown', node },
      );
    }
    if (param.default && isScalar(param.default)) return [{ kind: 'value', value: param.default.value, node: param.default, via: node }];
    return [{ kind: 'unknown', node }];
  }
  if (isIntrinsic(node, 'Fn::If')) {
    const branches = ifBranches(node);
    if (!branches) return [{ kind: 'unknown', node }];
    return branches.flatMap((b) => resolveNode(tpl, b, depth + 1));
  }
  if (node.kind === 'intrinsic') return [{ kind: 'unknown', node }];
  return [{ kind: 'node', node }];
}

/**
 * The value branches of an `Fn::If`, or undefined when it is malformed: both, or only the one its condition
 * picks when the engine reads the template at its parameters' defaults and the condition is decided there.
 */
export function ifBranches(node: Node): Node[] | undefined {
  if (!isIntrinsic(node, 'Fn::If') || node.arg?.kind !== 'seq' || node.arg.items.length !== 3) return undefined;
  const name = stringValue(node.arg.items[0]);
  const at = name === undefined ? undefined : conditionAtDefaults(name);
  if (at !== undefined) return [node.arg.items[at ? 1 : 2]];
  return [node.arg.items[1], node.arg.items[2]];
}

/** Follows a key path from a node, branching through `Fn::If` and stopping at unknowns. */
export function resolvePath(tpl: Template | undefined, from: Node | undefined, path: readonly string[]): Outcome[] {
  if (!from) return [{ kind: 'missing', path: [...path] }];
  return step(tpl, from, path, 0, 0);
}

function step(tpl: Template | undefined, node: Node, path: readonly string[], i: number, depth: number): Outcome[] {
  if (i === path.length) return resolveNode(tpl, node, depth);
  if (depth > 20) return [{ kind: 'unknown', node }];
  if (isMap(node)) {
    const pair = pairOf(node, path[i]);
    if (!pair || !pair.value) return node.open ? [{ kind: 'unknown', node }] : [{ kind: 'missing', map: node, path: path.slice(i) }];
    return step(tpl, pair.value, path, i + 1, depth);
  }
  if (isIntrinsic(node, 'Fn::If')) {
    const branches = ifBranches(node);
    if (!branches) return [{ kind: 'unknown', node }];
    return branches.flatMap((b) => step(tpl, b, path, i, depth + 1));
  }
  if (isIntrinsic(node, 'Ref') && stringValue(node.arg) === 'AWS::NoValue') return [{ kind: 'missing', path: path.slice(i) }];
  return [{ kind: 'unknown', node }];
}

/** CloudFormation's reading of a boolean: `true`, `"true"` and `"True"` alike. */
export function asBool(v: Scalar): boolean | undefined {
  if (typeof v === 'boolean') return v;
  if (typeof v === 'string') {
    const l = v.toLowerCase();
    if (l === 'true') return true;
    if (l === 'false') return false;
  }
  return undefined;
}

/** The logical id a value points at through `Ref`, `Fn::GetAtt` or a bare `${Id}` in `Fn::Sub`. */
export function referencedId(node: Node | undefined): string | undefined {
  if (!node) return undefined;
  if (isIntrinsic(node, 'Ref')) return stringValue(node.arg);
  if (isIntrinsic(node, 'Fn::GetAtt')) {
    const arg = node.arg;
    const first = arg?.kind === 'seq' ? stringValue(arg.items[0]) : stringValue(arg);
    return first?.split('.')[0];
  }
  if (isIntrinsic(node, 'Fn::Sub')) {
    const s = node.arg?.kind === 'seq' ? stringValue(node.arg.items[0]) : stringValue(node.arg);
    const m = s ? /^\$\{([A-Za-z0-9]+)(\.[A-Za-z]+)?\}/.exec(s) : null;
    return m?.[1];
  }
  return undefined;
}

/** Every logical id that appears in a value (Ref, GetAtt, `${X}` in Sub), for relation checks. */
export function referencedIds(node: Node | undefined): Set<string> {
  const out = new Set<string>();
  const visit = (n: Node | undefined): void => {
    if (!n) return;
    const direct = referencedId(n);
    if (direct) out.add(direct);
    if (isIntrinsic(n, 'Fn::Sub')) {
      const s = n.arg?.kind === 'seq' ? stringValue(n.arg.items[0]) : stringValue(n.arg);
      for (const m of (s ?? '').matchAll(/\$\{([A-Za-z0-9]+)(?:\.[A-Za-z.]+)?\}/g)) out.add(m[1]);
    }
    if (n.kind === 'map') n.pairs.forEach((p) => visit(p.value));
    else if (n.kind === 'seq') n.items.forEach(visit);
    else if (n.kind === 'intrinsic') asList(n.arg).forEach(visit);
  };
  visit(node);
  return out;
}
