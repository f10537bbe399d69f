/**
 * The fuzz script's CLI target: a batch of inputs written to a temporary tree (read-only files,
 * links out of the tree and into it among them), one `dist/cli.js scan --fix` over it, then each
 * file compared byte for byte with what the in-process fix-all says it must hold. And the
 * concurrent-change case: an edit appended while the CLI runs must survive.
 */
import { isUtf8 } from 'node:buffer';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { rng } from '../../bench/generate';
import { hasBom } from '../../core/files';
import { EngineResult } from './engine-worker';
import { Input } from './inputs';

export interface CliCheck {
  id: number;
  crash?: string;
  hang?: boolean;
  /** The file on disk is not what it must be: a byte changed outside the fixes, or a write that should not have happened. */
  bytes?: string;
  /** A `not fixed` error the scenario does not explain (e.g. a conflict nobody caused). */
  unexpected?: string;
  /** The file was written (fixes applied). */
  written: boolean;
  /** The CLI refused to write, as the scenario demands (read-only, not UTF-8). */
  refused: boolean;
  /** One side stopped early (nesting too deep, time budget) and the other did not: the fixes cannot be compared. */
  incomparable: boolean;
}

interface Report {
  findings: { file: string }[];
  errors: { file: string; message: string }[];
}

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

/** Runs the bundled CLI; kills it after `deadlineMs` (then `code` is null). `during` runs once it started. */
export function runCli(cli: string, args: string[], cwd: string, deadlineMs: number, during?: () => void): Promise<Run> {
  return new Promise((resolve) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, [cli, ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), deadlineMs);
    during?.();
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, ms: performance.now() - t0 });
    });
  });
}

const nameOf = (input: Input): string => `i${input.id}${input.ext}`;

/** Where the CLI meets each input, and which file holds its bytes. */
function layout(input: Input, tree: string, outside: string): { shown: string; file: string } {
  const name = nameOf(input);
  switch (input.scenario) {
    case 'symlink-out': {
      const file = path.join(outside, name);
      fs.writeFileSync(file, input.bytes);
      fs.symlinkSync(file, path.join(tree, name));
      return { shown: name, file };
    }
    case 'symlink-in': {
      const file = path.join(tree, 'real', name);
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, input.bytes);
      fs.symlinkSync(path.join('real', name), path.join(tree, `i${input.id}-link${input.ext}`));
      return { shown: `real/${name}`, file };
    }
    default: {
      const file = path.join(tree, name);
      fs.writeFileSync(file, input.bytes);
      if (input.scenario === 'readonly') fs.chmodSync(file, 0o444);
      return { shown: name, file };
    }
  }
}

/** What the file must hold after `--fix`, and the refusal the CLI must report (if any). */
function expected(input: Input, engine: EngineResult | undefined): { bytes: Buffer; refusal?: RegExp } {
  const original = input.bytes;
  const fixed = engine?.fixedText;
  if (fixed === undefined || input.scenario === 'symlink-out') return { bytes: original };
  if (input.scenario === 'readonly') return { bytes: original, refusal: /^not fixed: the file is read-only$/ };
  const bom = hasBom(original);
  if (!isUtf8(bom ? original.subarray(3) : original)) return { bytes: original, refusal: /^not fixed: the file is not valid UTF-8/ };
  const body = Buffer.from(fixed, 'utf8');
  return { bytes: bom ? Buffer.concat([original.subarray(0, 3), body]) : body };
}

function firstDifference(a: Buffer, b: Buffer): string {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return `differs at byte ${i} (on disk ${a.length} bytes, expected ${b.length})`;
}

/** Checks one input's file and errors after the CLI ran over its batch. */
function check(input: Input, engine: EngineResult | undefined, where: { shown: string; file: string }, rep: Report | undefined): CliCheck {
  const out: CliCheck = { id: input.id, written: false, refused: false, incomparable: false };
  const errors = rep?.errors.filter((e) => e.file === where.shown).map((e) => e.message) ?? [];
  const stoppedHere = errors.some((m) => /\((too-deep|time-budget|timeout)\)$|Analysis stopped after/.test(m));
  const stoppedThere = (engine?.problems ?? []).some((c) => /too-deep|time/.test(c));
  out.incomparable = stoppedHere !== stoppedThere;
  const crash = errors.find((m) => /internal error|^rule \S+ failed/.test(m));
  if (crash) out.crash = crash;
  const want = expected(input, engine);
  const onDisk = fs.readFileSync(where.file);
  out.written = !onDisk.equals(input.bytes);
  if (!onDisk.equals(want.bytes) && !out.incomparable) out.bytes = firstDifference(onDisk, want.bytes);
  const notFixed = errors.filter((m) => m.startsWith('not fixed:'));
  if (want.refusal) {
    out.refused = notFixed.some((m) => want.refusal!.test(m));
    if (!out.refused) out.unexpected = `expected a refusal ${String(want.refusal)}, got ${JSON.stringify(notFixed)}`;
  } else if (notFixed.length) {
    out.unexpected = notFixed.join('; ');
  }
  if (
    input.scenario === 'symlink-out' &&
    !(rep?.errors ?? []).some((e) => e.file === nameOf(input) && /outside the scanned folders/.test(e.message))
  )
    out.unexpected = 'a link out of the tree was not reported as skipped';
  return out;
}

/**
 * One CLI run over a batch; a run that exceeds the deadline is a hang of the batch, and each of its
 * inputs is then run alone to find which one.
 */
export async function cliBatch(
  cli: string,
  dir: string,
  inputs: readonly Input[],
  engine: ReadonlyMap<number, EngineResult>,
  deadlineMs: number,
): Promise<CliCheck[]> {
  fs.rmSync(dir, { recursive: true, force: true });
  const tree = path.join(dir, 'tree');
  const outside = path.join(dir, 'outside');
  fs.mkdirSync(tree, { recursive: true });
  fs.mkdirSync(outside, { recursive: true });
  const places = inputs.map((i) => layout(i, tree, outside));
  const run = await runCli(
    cli,
    ['scan', '.', '--fix', '--format', 'json', '--fail-on', 'never', '--jobs', '1'],
    tree,
    deadlineMs * inputs.length,
  );
  if (run.code === null && inputs.length > 1) {
    const alone: CliCheck[] = [];
    // Alone, each input gets three times the deadline: a busy machine is not a hang.
    for (const i of inputs) alone.push(...(await cliBatch(cli, dir, [i], engine, deadlineMs * 3)));
    return alone;
  }
  let rep: Report | undefined;
  try {
    rep = JSON.parse(run.stdout) as Report;
  } catch {
    rep = undefined;
  }
  return inputs.map((input, k) => {
    const c = check(input, engine.get(input.id), places[k], rep);
    if (run.code === null) c.hang = true;
    else if (run.code !== 0 && run.code !== 2) c.crash ??= `exit code ${run.code}: ${run.stderr.slice(0, 300)}`;
    else if (!rep) c.crash ??= `no JSON report: ${run.stderr.slice(0, 300)}`;
    return c;
  });
}

export interface ConcurrentCheck {
  id: number;
  /** The edit made while the CLI ran is gone. */
  lost: boolean;
  /** The CLI saw the change and refused to write. */
  conflict: boolean;
  hang: boolean;
}

/** Appends a user's edit at a random moment while `--fix` runs over the input; the edit must survive. */
export async function concurrentChange(cli: string, dir: string, input: Input, deadlineMs: number): Promise<ConcurrentCheck> {
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, nameOf(input));
  fs.writeFileSync(file, input.bytes);
  const marker = Buffer.from(`\n# parapet-fuzz: a user's edit ${input.id}\n`);
  const delay = Math.floor(rng(input.id)() * 400);
  let timer: NodeJS.Timeout | undefined;
  let edited = false;
  const run = await runCli(
    cli,
    ['scan', nameOf(input), '--fix', '--format', 'json', '--fail-on', 'never', '--jobs', '1'],
    dir,
    deadlineMs,
    () => {
      timer = setTimeout(() => {
        fs.appendFileSync(file, marker);
        edited = true;
      }, delay);
    },
  );
  clearTimeout(timer);
  // When the CLI ended before the edit was due, there was no race to lose.
  const lost = edited && !fs.readFileSync(file).includes(marker);
  return { id: input.id, lost, conflict: /changed while it was being scanned/.test(run.stdout), hang: run.code === null };
}
