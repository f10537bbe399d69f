import * as os from 'node:os';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { FileResult, scanFile, ScanFileOptions } from './scan-file';
import { BatchReply, BatchRequest, loadPython, WORKER_ROLE } from './worker';

/** Below this many files, starting threads costs more than it saves. */
export const IN_PROCESS_LIMIT = 50;
/** Files of work it takes to pay for one more thread (its start-up and warm-up cost about 100 typical templates). */
const FILES_PER_WORKER = 100;
/** Batches posted to a worker ahead of its replies, so it never waits while the main thread is busy scanning. */
const QUEUE_DEPTH = 2;
const MAX_BATCH = 32;
const MIN_BATCH = 4;

/** The script a worker runs: the CLI bundle itself, or `worker.js` beside this file when unbundled. */
function workerScript(): string {
  return /[\\/]pool\.js$/.test(__filename) ? path.join(__dirname, 'worker.js') : __filename;
}

function cores(): number {
  return typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
}

/**
 * Worker threads to start beside the main thread, which scans too: `jobs - 1` when jobs is given
 * (`--jobs 1` = in-process), else one per core but the main thread's, at most one per
 * FILES_PER_WORKER files (rounded up), and none for scans below IN_PROCESS_LIMIT files.
 */
export function workerCount(files: number, jobs: number, cpus = cores()): number {
  if (jobs > 0) return Math.max(0, Math.min(jobs - 1, files - 1));
  if (files < IN_PROCESS_LIMIT) return 0;
  return Math.max(0, Math.min(cpus - 1, Math.ceil(files / FILES_PER_WORKER)));
}

/**
 * Cuts the file list into batches, in order: up to MAX_BATCH files while much remains (few
 * messages), then smaller ones (guided scheduling) so every thread finishes at about the same time.
 */
export function batchesOf<T>(files: readonly T[], threads: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < files.length;) {
    const size = Math.max(MIN_BATCH, Math.min(MAX_BATCH, Math.ceil((files.length - i) / (threads * 4))));
    out.push(files.slice(i, i + size));
    i += size;
  }
  return out;
}

/** Lets queued events (worker replies) run between two batches on the main thread. */
function yieldToEvents(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * Scans files in-process, or with worker threads beside the main thread, which takes batches
 * from the same queue (on 2 cores: the main thread and one worker, rather than two workers and an
 * idle main thread that already holds a warm engine). Results come back in the input order
 * whatever the thread timing, each file once, so output is deterministic. A batch a worker never
 * answers (it crashed or exited) is scanned in-process at the end. `script` replaces the worker
 * entry (tests start failing workers with it).
 */
export async function scanFiles(
  files: readonly { abs: string; file: string }[],
  opts: ScanFileOptions,
  jobs = 0,
  script = workerScript(),
): Promise<FileResult[]> {
  const workers = workerCount(files.length, jobs);
  const python = files.some((f) => f.abs.toLowerCase().endsWith('.py'));
  // CDK Python's grammar loads only for scans with .py files: here for the main thread, in each worker for itself.
  if (python) await loadPython();
  const scan = (f: { abs: string; file: string }): FileResult => scanFile(f.abs, f.file, opts);
  if (workers === 0) return files.map(scan);

  const batches: BatchRequest[] = batchesOf(files, workers + 1).map((b, id) => ({ id, files: b, opts }));
  const results: (FileResult[] | undefined)[] = new Array<FileResult[] | undefined>(batches.length);
  let next = 0;
  const take = (): BatchRequest | undefined => (next < batches.length ? batches[next++] : undefined);

  const runWorker = (): Promise<void> =>
    new Promise<void>((resolve) => {
      const worker = new Worker(script, { workerData: { role: WORKER_ROLE, python } });
      const inFlight = new Set<number>();
      let ended = false;
      const end = (): void => {
        if (ended) return;
        ended = true;
        resolve();
      };
      const feed = (): void => {
        if (ended) return;
        while (inFlight.size < QUEUE_DEPTH) {
          const batch = take();
          if (!batch) break;
          inFlight.add(batch.id);
          worker.postMessage(batch);
        }
        if (inFlight.size === 0) void worker.terminate().then(end, end);
      };
      worker.on('message', (reply: BatchReply) => {
        results[reply.id] = reply.results;
        inFlight.delete(reply.id);
        feed();
      });
      // Batches in flight on a failed thread stay unanswered and are scanned below.
      worker.on('error', (e) => {
        process.emitWarning(`parapet: a scan worker failed (${e.message}); continuing in-process`);
        end();
      });
      // A thread that exits without an error event (e.g. out of memory) is handled the same way.
      worker.on('exit', end);
      // Posted at once, not on 'online': that event would wait for the main thread's first batch, and the messages
      // wait in the worker's port until its script has loaded.
      feed();
    });

  const pool = Promise.all(Array.from({ length: workers }, runWorker));
  for (let batch = take(); batch; batch = take()) {
    results[batch.id] = batch.files.map(scan);
    await yieldToEvents();
  }
  await pool;
  return batches.flatMap((b, i) => results[i] ?? b.files.map(scan));
}
