/**
 * Fuzz inputs: seed files (templates, policies, CDK sources) from the repository and the peer
 * corpus, mutated by a seeded generator, each with a `--fix` scenario (encoding, line endings,
 * file-system trouble). Input N of seed S is always the same bytes.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { rng } from '../../bench/generate';

export interface Seed {
  /** Path relative to its root, for messages. */
  name: string;
  ext: string;
  bytes: Buffer;
}

/** How the CLI meets the input on disk, and how its bytes are encoded. */
export type Scenario = 'plain' | 'crlf' | 'cr' | 'bom' | 'latin1' | 'readonly' | 'symlink-out' | 'symlink-in' | 'concurrent';

export interface Input {
  id: number;
  seed: string;
  ext: string;
  bytes: Buffer;
  mutations: string[];
  scenario: Scenario;
}

const EXTENSIONS = new Set(['.yaml', '.yml', '.json', '.template', '.ts', '.py']);

function collect(dir: string, root: string, out: Seed[]): void {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const p = path.join(dir, e.name);
    if (e.isDirectory() && e.name !== 'node_modules') collect(p, root, out);
    const ext = path.extname(e.name).toLowerCase();
    if (e.isFile() && EXTENSIONS.has(ext) && e.name !== 'manifest.json') {
      const bytes = fs.readFileSync(p);
      if (bytes.length <= 200_000) out.push({ name: path.relative(root, p), ext, bytes });
    }
  }
}

/** Seed files: the repository's examples and test fixtures, and the peer corpus when given. */
export function loadSeeds(repo: string, corpus: string | undefined): Seed[] {
  const seeds: Seed[] = [];
  collect(path.join(repo, 'examples'), repo, seeds);
  collect(path.join(repo, 'test', 'fixtures'), repo, seeds);
  if (corpus) collect(corpus, path.dirname(corpus), seeds);
  return seeds;
}

type R = () => number;
const int = (r: R, n: number): number => Math.floor(r() * n);
const pick = <T>(r: R, xs: readonly T[]): T => xs[int(r, xs.length)];

/** Tokens that break or bend YAML, JSON, TypeScript and Python in interesting ways. */
const TOKENS = [
  ':',
  ': ',
  '- ',
  '{',
  '}',
  '[',
  ']',
  '"',
  "'",
  '!Ref ',
  '!Sub ',
  '!GetAtt ',
  '!If ',
  '&a ',
  '*a',
  '<<: *a',
  '\t',
  '\r',
  '\r\n',
  '\n',
  '\u0000',
  '# ',
  '\\',
  '%YAML 1.1\n',
  '---\n',
  '...\n',
  '? ',
  '|',
  '>-',
  ',',
  ' ',
  'é',
  '\ufeff',
  'Fn::If',
  '${',
  '`',
  '/*',
  '*/',
  '//',
  '"""',
  '(',
  ')',
  ';',
  '=',
  'null',
  '~',
  'true',
  '1e400',
  '0x1F',
  '-.inf',
  '\u2028',
  '\ud83d\ude00',
  'Resources:\n',
  'Type: AWS::S3::Bucket\n',
  'Statement:\n',
  'new ',
  'import * as s3 from "aws-cdk-lib/aws-s3";\n',
];
/** Values a rule may meet where it expects something else. */
const VALUES = [
  '"*"',
  '*',
  'true',
  '"false"',
  '0',
  '-1',
  '[]',
  '{}',
  '""',
  '~',
  '!Ref AWS::NoValue',
  '[a, [b, [c]]]',
  'optional',
  'required',
];

function lineBounds(b: Buffer, r: R): [number, number] {
  const at = int(r, b.length + 1);
  let s = at;
  while (s > 0 && b[s - 1] !== 0x0a) s--;
  let e = at;
  while (e < b.length && b[e] !== 0x0a) e++;
  return [s, Math.min(e + 1, b.length)];
}

type Mutator = (b: Buffer, r: R, other: () => Buffer) => Buffer;

/** Byte and line level mutations; each returns new bytes. */
const MUTATORS: Record<string, Mutator> = {
  flip: (b, r) => {
    if (!b.length) return b;
    const c = Buffer.from(b);
    c[int(r, c.length)] ^= 1 << int(r, 8);
    return c;
  },
  insert: (b, r) => {
    const at = int(r, b.length + 1);
    return Buffer.concat([b.subarray(0, at), Buffer.from(pick(r, TOKENS)), b.subarray(at)]);
  },
  delete: (b, r) => {
    const at = int(r, b.length + 1);
    return Buffer.concat([b.subarray(0, at), b.subarray(Math.min(b.length, at + 1 + int(r, 50)))]);
  },
  duplicate: (b, r) => {
    const s = int(r, b.length + 1);
    const piece = b.subarray(s, s + 1 + int(r, 200));
    const at = int(r, b.length + 1);
    return Buffer.concat([b.subarray(0, at), piece, b.subarray(at)]);
  },
  'delete-line': (b, r) => {
    const [s, e] = lineBounds(b, r);
    return Buffer.concat([b.subarray(0, s), b.subarray(e)]);
  },
  'duplicate-line': (b, r) => {
    const [s, e] = lineBounds(b, r);
    return Buffer.concat([b.subarray(0, e), b.subarray(s, e), b.subarray(e)]);
  },
  reindent: (b, r) => {
    const [s] = lineBounds(b, r);
    const n = int(r, 4) + 1;
    if (r() < 0.5) return Buffer.concat([b.subarray(0, s), Buffer.from(' '.repeat(n)), b.subarray(s)]);
    let e = s;
    while (e < b.length && e < s + n && b[e] === 0x20) e++;
    return Buffer.concat([b.subarray(0, s), b.subarray(e)]);
  },
  value: (b, r) => {
    const text = b.toString('latin1');
    const spots = [...text.matchAll(/: ([^\s#][^\n]*)/g)];
    if (!spots.length) return b;
    const m = pick(r, spots);
    const start = m.index + 2;
    return Buffer.concat([b.subarray(0, start), Buffer.from(pick(r, VALUES)), b.subarray(start + m[1].length)]);
  },
  splice: (b, r, other) => {
    const o = other();
    const s = int(r, o.length + 1);
    const piece = o.subarray(s, s + 1 + int(r, 400));
    const at = int(r, b.length + 1);
    return Buffer.concat([b.subarray(0, at), piece, b.subarray(at + int(r, 100))]);
  },
  truncate: (b, r) => b.subarray(0, int(r, b.length + 1)),
  nest: (b, r) => {
    const at = int(r, b.length + 1);
    const open = pick(r, ['[', '{', '(', '- ', '"']);
    return Buffer.concat([b.subarray(0, at), Buffer.from(open.repeat(50 + int(r, 2000))), b.subarray(at)]);
  },
  'long-line': (b, r) => {
    const at = int(r, b.length + 1);
    return Buffer.concat([
      b.subarray(0, at),
      Buffer.from(pick(r, ['a,', 'x ', '"', '{', '- a\n']).repeat(1000 + int(r, 20000))),
      b.subarray(at),
    ]);
  },
};
const MUTATOR_NAMES = Object.keys(MUTATORS);
/** Heavy mutations (big nesting, long lines) are rarer: they test the time budget, not the logic. */
const WEIGHTS: Record<string, number> = { nest: 0.3, 'long-line': 0.3, truncate: 0.5 };

function pickMutator(r: R): string {
  for (;;) {
    const name = pick(r, MUTATOR_NAMES);
    if (r() < (WEIGHTS[name] ?? 1)) return name;
  }
}

const SCENARIOS: [Scenario, number][] = [
  ['plain', 0.62],
  ['crlf', 0.1],
  ['cr', 0.04],
  ['bom', 0.06],
  ['latin1', 0.06],
  ['readonly', 0.03],
  ['symlink-out', 0.03],
  ['symlink-in', 0.03],
  ['concurrent', 0.03],
];

function pickScenario(r: R): Scenario {
  let x = r();
  for (const [s, p] of SCENARIOS) {
    x -= p;
    if (x < 0) return s;
  }
  return 'plain';
}

/** Line breaks rewritten (CRLF, lone CR), a BOM added, or a Latin-1 byte put into a comment. */
function encode(bytes: Buffer, scenario: Scenario, r: R, ext: string): Buffer {
  const lf = Buffer.from(bytes.toString('latin1').replace(/\r\n?/g, '\n'), 'latin1');
  switch (scenario) {
    case 'crlf':
      return Buffer.from(lf.toString('latin1').replace(/\n/g, '\r\n'), 'latin1');
    case 'cr':
      return Buffer.from(lf.toString('latin1').replace(/\n/g, '\r'), 'latin1');
    case 'bom':
      return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), bytes]);
    case 'latin1': {
      // `café` in Latin-1: in a comment at the end, or (JSON has no comments) anywhere.
      const cafe = [0x63, 0x61, 0x66, 0xe9];
      if (ext === '.json') {
        const at = int(r, bytes.length + 1);
        return Buffer.concat([bytes.subarray(0, at), Buffer.from(cafe), bytes.subarray(at)]);
      }
      const mark = ext === '.ts' ? [0x2f, 0x2f] : [0x23];
      return Buffer.concat([bytes, Buffer.from([0x0a, ...mark, 0x20, ...cafe, 0x0a])]);
    }
    default:
      return bytes;
  }
}

/** The `id`-th input of a run: a seed, 0–6 mutations (0 keeps real fixes reachable), and a scenario. */
export function makeInput(seeds: readonly Seed[], seed: number, id: number): Input {
  const r = rng(seed * 1_000_003 + id);
  const base = pick(r, seeds);
  let bytes = base.bytes;
  const mutations: string[] = [];
  const count = r() < 0.2 ? 0 : 1 + int(r, 6);
  for (let i = 0; i < count; i++) {
    const name = pickMutator(r);
    bytes = MUTATORS[name](bytes, r, () => pick(r, seeds).bytes);
    mutations.push(name);
  }
  const scenario = pickScenario(r);
  return { id, seed: base.name, ext: base.ext, bytes: encode(bytes, scenario, r, base.ext), mutations, scenario };
}
