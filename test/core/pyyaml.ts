import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { Node } from '../../core/nodes';
import { ROOT } from './parse-compare';

/**
 * PyYAML as a reference reader (cfn-lint's decoder builds on it, and CloudFormation reads YAML 1.1 the same way):
 * test/core/pyyaml-reference.py prints a typed tree per file, and `typedTree` prints ours in the same shape.
 */

/** `['s', text]`, `['n', number]`, `['b', bool]`, `['z']`, `['seq', items]`, `['map', [key, value][]]`, `['tag', name, arg]`. */
export type Typed = [string, ...unknown[]];

/** One file's reading: its typed tree, or PyYAML's error. */
export interface Reading {
  file: string;
  value?: Typed;
  error?: string;
}

const SCRIPT = path.join(ROOT, 'test', 'core', 'pyyaml-reference.py');

/** True when `python3` with PyYAML (Debian's `python3-yaml`) can run the reference script. */
export function havePyYaml(): boolean {
  const r = spawnSync('python3', ['-c', 'import yaml'], { encoding: 'utf8' });
  return r.status === 0;
}

/** PyYAML's readings of these files, in order. */
export function readWithPyYaml(files: readonly string[]): Reading[] {
  const r = spawnSync('python3', [SCRIPT], { input: files.join('\n'), encoding: 'utf8', maxBuffer: 1 << 30 });
  if (r.status !== 0) throw new Error(`pyyaml-reference.py failed: ${r.stderr}`);
  return r.stdout
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Reading);
}

/** Our tree in the reference's shape: a long-form intrinsic is the one-key mapping it was written as. */
export function typedTree(n: Node | undefined): Typed {
  if (!n) return ['z'];
  switch (n.kind) {
    case 'scalar':
      if (n.value === null) return ['z'];
      if (typeof n.value === 'boolean') return ['b', n.value];
      if (typeof n.value === 'number') return ['n', n.value];
      return ['s', n.value];
    case 'seq':
      return ['seq', n.items.map(typedTree)];
    case 'map':
      return ['map', n.pairs.map((p) => [typedTree(p.key), typedTree(p.value)])];
    case 'intrinsic':
      if (n.short) return ['tag', n.name, n.arg ? typedTree(n.arg) : ['s', '']];
      return ['map', [[['s', n.name], typedTree(n.arg)]]];
  }
}

/** First difference between our typed tree and the reference's (numbers compared as numbers), or undefined. */
export function typedDiff(ours: unknown, ref: unknown, at = '$'): string | undefined {
  if (Array.isArray(ours) && Array.isArray(ref) && ours[0] === 'n' && ref[0] === 'n') {
    const a = ours[1] as number;
    const b = Number(ref[1]);
    return Object.is(a, b) || (a === b && a === 0) || (Number.isNaN(a) && Number.isNaN(b)) ? undefined : `${at}: ${a} vs ${b}`;
  }
  if (Array.isArray(ours) && Array.isArray(ref)) {
    if (ours.length !== ref.length || (typeof ours[0] === 'string' && ours[0] !== ref[0]))
      return `${at}: ${JSON.stringify(ours).slice(0, 200)} vs ${JSON.stringify(ref).slice(0, 200)}`;
    for (let i = 0; i < ours.length; i++) {
      const d = typedDiff(ours[i], ref[i], `${at}/${i}`);
      if (d) return d;
    }
    return undefined;
  }
  return ours === ref ? undefined : `${at}: ${JSON.stringify(ours)} vs ${JSON.stringify(ref)}`;
}
