import * as os from 'node:os';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { FileResult, scanFile, ScanFileOptions } from './scan-file';
import { BatchReply, BatchRequest, loadPython, WORKER_ROLE } from './worker';

/** Below this many files, starting threads costs more than it saves. */
export const IN_PROCESS_LIMIT = 50;

/** The script a worker runs: the CLI bundle itself, or `worker.js` beside this file when unbundled. */
function workerScript(): string {
  return /[\\/]pool\.js$/.test(__filename) ? path.join(__dirname, 'worker.js') : __filename;
}

/** Picks the thread count: `jobs` when given, else one per core for large scans and none for small ones. */
export function workerCount(files: number, jobs: number): number {
  if (jobs > 0) return jobs <= 1 ? 0 : Math.min(jobs, files);
  if (files < IN_PROCESS_LIMIT) return 0;
  const cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
  return Math.max(1, Math.min(cores, Math.ceil(files / 8)));
}

/**
 * Scans files, in-process or over a pool of worker threads each running the engine on batches.
 * Results come back in the input order whatever the thread timing, so output is deterministic.
 */
export async function scanFiles(files: readonly { abs: string; file: string }[], opts: ScanFileOptions, jobs = 0): Promise<FileResult[]> {
  const threads = workerCount(files.length, jobs);
  const python = files.some((f) => f.abs.toLowerCase().endsWith('.py'));
  if (threads === 0) {
    if (python) await loadPython();
    return files.map((f) => scanFile(f.abs, f.file, opts));
  }

  // Small batches keep both cores busy to the end; large enough to amortise the message cost.
  const size = Math.max(1, Math.min(32, Math.ceil(files.length / (threads * 8))));
  const batches: BatchRequest[] = [];
  for (let i = 0; i < files.length; i += size) batches.push({ id: batches.length, files: files.slice(i, i + size), opts });
  const results: FileResult[][] = new Array<FileResult[]>(batches.length);
  let next = 0;

  const runWorker = (): Promise<void> => new Promise<void>((resolve) => {
    const worker = new Worker(workerScript(), { workerData: { role: WORKER_ROLE, python } });
    let current: BatchRequest | undefined;
    const feed = (): void => {
      current = next < batches.length ? batches[next++] : undefined;
      if (current) worker.postMessage(current);
      else void worker.terminate().then(() => resolve());
    };
    worker.on('message', (reply: BatchReply) => {
      results[reply.id] = reply.results;
      feed();
    });
    worker.on('error', (e) => {
      // The batch in flight is scanned again below, in-process, so a crashed thread loses no file.
      process.emitWarning(`parapet: a scan worker failed (${e.message}); continuing in-process`);
      current = undefined;
      resolve();
    });
    // A thread that exits without an error event (e.g. out of memory) leaves its batch to the loop below.
    worker.on('exit', () => resolve());
    worker.on('online', feed);
  });

  await Promise.all(Array.from({ length: threads }, runWorker));
  // Batches a failed worker did not finish are scanned here.
  if (python && results.some((r) => !r)) await loadPython();
  for (let i = 0; i < batches.length; i++) {
    if (!results[i]) results[i] = batches[i].files.map((f) => scanFile(f.abs, f.file, opts));
  }
  return results.flat();
}
