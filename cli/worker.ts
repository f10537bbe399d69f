import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { initCdkPython } from '../core/cdk/py-init';
import { FileResult, scanFile, ScanFileOptions } from './scan-file';

/** Marks a worker started by the CLI's pool, so the bundle knows to serve batches instead of running `main`. */
export const WORKER_ROLE = 'parapet-scan-worker';

export interface BatchRequest {
  id: number;
  files: { abs: string; file: string }[];
  opts: ScanFileOptions;
}

export interface BatchReply {
  id: number;
  results: FileResult[];
}

/** True inside a worker thread started by the scan pool. */
export function isScanWorker(): boolean {
  return !isMainThread && (workerData as { role?: string } | null)?.role === WORKER_ROLE;
}

/** Serves batches from the pool until the thread is terminated. */
export function serveBatches(): void {
  const port = parentPort;
  if (!port) return;
  port.on('message', (req: BatchRequest) => {
    const results = req.files.map((f) => scanFile(f.abs, f.file, req.opts));
    port.postMessage({ id: req.id, results } satisfies BatchReply);
  });
}

// Unbundled (out/cli/worker.js) this file is the worker's entry; bundled, cli/main.ts makes the same call.
// Batches wait in the port's queue while the Python grammar loads (a failure leaves Python files unanalysed).
if (isScanWorker()) void initCdkPython().catch(() => undefined).then(serveBatches);
