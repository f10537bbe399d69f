/**
 * Policies written as a JSON string inside a template (`AssumeRolePolicyDocument: >` followed by
 * JSON, IoT `PolicyDocument: "{…}"`): CloudFormation accepts them, so the model reads them too.
 * The string is parsed on its own and each node's offsets are mapped back into the file by
 * aligning the string's characters with the source text (folded lines and escapes shift them), so
 * findings still point at the element. Fixes are not offered inside such strings.
 */
import { Node, ScalarNode, walk } from '../nodes';
import { parseJson } from '../parse/json';

const embeddedNodes = new WeakSet<Node>();

/** True for a node parsed out of a policy string: fixes cannot edit it in place. */
export function isEmbedded(n: Node): boolean {
  return embeddedNodes.has(n);
}

/** Parses a string scalar holding a JSON policy; undefined when it is not JSON. */
export function parseEmbeddedPolicy(scalar: ScalarNode, source: string): Node | undefined {
  const value = scalar.value;
  if (typeof value !== 'string' || !/^\s*\{/.test(value) || value.length > 1_000_000) return undefined;
  const { root, problems } = parseJson(value);
  if (!root || problems.length) return undefined;
  const map = align(value, source, scalar.start, scalar.end);
  walk(root, (n) => {
    n.start = map(n.start);
    n.end = Math.max(n.start, map(n.end - 1) + 1);
    embeddedNodes.add(n);
    if (n.kind === 'map') {
      for (const p of n.pairs) {
        p.key.start = map(p.key.start);
        p.key.end = Math.max(p.key.start, map(p.key.end - 1) + 1);
        p.start = p.key.start;
        p.end = p.value ? p.value.end : p.key.end;
        embeddedNodes.add(p.key);
      }
    }
  });
  // Pair ends were set before their values were visited (walk is top-down): fix them afterwards.
  walk(root, (n) => {
    if (n.kind === 'map') for (const p of n.pairs) p.end = p.value ? Math.max(p.key.end, p.value.end) : p.key.end;
  });
  return root;
}

/**
 * A map from offsets in `value` to offsets in `source[from, to)`: each character of the value is
 * matched to the next equal source character (a space or newline may match a line break plus
 * indentation), so JSON inside folded, literal, quoted or escaped scalars lands on the right text.
 */
function align(value: string, source: string, from: number, to: number): (i: number) => number {
  const offsets = new Int32Array(value.length + 1);
  let s = from;
  // Skip a block-scalar header (`>`, `|-`) or the opening quote.
  const head = /^(?:[>|][-+0-9]*[^\S\n]*(?:#[^\n]*)?\n|["'])/.exec(source.slice(s, Math.min(to, s + 64)));
  if (head) s += head[0].length;
  for (let i = 0; i < value.length; i++) {
    const ch = value[i];
    let j = s;
    const limit = Math.min(to, s + 256);
    while (j < limit && !same(ch, source[j])) j++;
    if (j < limit) {
      offsets[i] = j;
      s = j + 1;
    } else {
      offsets[i] = Math.min(s, to - 1);
    }
  }
  offsets[value.length] = s;
  return (i) => offsets[Math.max(0, Math.min(value.length, i))];
}

function same(a: string, b: string | undefined): boolean {
  if (a === b) return true;
  return (a === ' ' || a === '\n') && (b === '\n' || b === ' ');
}
