import * as fs from 'node:fs';
import * as path from 'node:path';
import { Node } from '../../core/nodes';

/** Shared by the parser comparison tests: a fast path must give exactly the reference path's tree. */

export const ROOT = path.resolve(__dirname, '..', '..', '..');

/** First difference between two trees: kinds, offsets, values (and their types), styles, flags, names, parents, own fields; undefined when equal. */
export function treeDiff(a: Node | undefined, b: Node | undefined, p = '$', parent: Node | undefined = undefined): string | undefined {
  if (!a || !b) return a === b ? undefined : `${p}: one side missing`;
  if (a.kind !== b.kind || a.start !== b.start || a.end !== b.end)
    return `${p}: ${a.kind}[${a.start},${a.end}] vs ${b.kind}[${b.start},${b.end}]`;
  if (a.parent !== parent) return `${p}: parent pointer`;
  const fields = (n: object): string =>
    Object.keys(n)
      .filter((k) => k !== 'parent')
      .sort()
      .join();
  if (fields(a) !== fields(b)) return `${p}: fields ${fields(a)} vs ${fields(b)}`;
  switch (a.kind) {
    case 'scalar':
      return b.kind === 'scalar' && Object.is(a.value, b.value) && a.style === b.style
        ? undefined
        : `${p}: scalar ${JSON.stringify(a.value)}/${a.style} vs ${JSON.stringify(b.kind === 'scalar' ? b.value : '?')}/${b.kind === 'scalar' ? b.style : '?'}`;
    case 'seq':
      if (b.kind !== 'seq' || a.flow !== b.flow || a.items.length !== b.items.length) return `${p}: seq shape`;
      for (let i = 0; i < a.items.length; i++) {
        const d = treeDiff(a.items[i], b.items[i], `${p}[${i}]`, a);
        if (d) return d;
      }
      return undefined;
    case 'map':
      if (b.kind !== 'map' || a.flow !== b.flow || a.pairs.length !== b.pairs.length) return `${p}: map shape`;
      for (let i = 0; i < a.pairs.length; i++) {
        const x = a.pairs[i];
        const y = b.pairs[i];
        if (x.start !== y.start || x.end !== y.end || Object.keys(x).join() !== Object.keys(y).join())
          return `${p}.pair${i}: [${x.start},${x.end}] vs [${y.start},${y.end}]`;
        const d = treeDiff(x.key, y.key, `${p}.key${i}`, a) ?? treeDiff(x.value, y.value, `${p}.${String(x.key.value)}`, a);
        if (d) return d;
      }
      return undefined;
    case 'intrinsic':
      return b.kind === 'intrinsic' && a.name === b.name && a.short === b.short
        ? treeDiff(a.arg, b.arg, `${p}!${a.name}`, a)
        : `${p}: intrinsic ${a.name} vs ${b.kind === 'intrinsic' ? b.name : '?'}`;
  }
}

/** Files whose names match `re` under test/fixtures, examples and ../shared/corpus. */
export function sampleFiles(re: RegExp): string[] {
  const under = (dir: string): string[] => {
    if (!fs.existsSync(dir)) return [];
    return (fs.readdirSync(dir, { recursive: true }) as string[])
      .filter((f) => re.test(f))
      .map((f) => path.join(dir, f))
      .filter((f) => fs.statSync(f).isFile());
  };
  return [
    ...under(path.join(ROOT, 'test', 'fixtures')),
    ...under(path.join(ROOT, 'examples')),
    ...under(path.join(ROOT, '..', 'shared', 'corpus')),
  ];
}

/** A random edit with a piece of `alphabet`: insert (half the time), delete or replace, anywhere in the text. */
export function randomEdit(text: string, r: () => number, alphabet: readonly string[]): string {
  const at = Math.floor(r() * (text.length + 1));
  const op = r();
  const ch = alphabet[Math.floor(r() * alphabet.length)];
  return op < 0.5
    ? text.slice(0, at) + ch + text.slice(at)
    : op < 0.8
      ? text.slice(0, at) + text.slice(at + 1)
      : text.slice(0, at) + ch + text.slice(at + 1);
}
