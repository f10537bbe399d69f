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
  // The Python analyzer loads WebAssembly asynchronously; only pay for it when the scan has .py files.
  const ready = (workerData as { python?: boolean }).python ? loadPython() : Promise.resolve();
  port.on('message', (req: BatchRequest) => {
    void ready.then(() => {
      const results = req.files.map((f) => scanFile(f.abs, f.file, req.opts));
      port.postMessage({ id: req.id, results } satisfies BatchReply);
    });
  });
}

/** Loads the CDK Python analyzer; on failure Python files are left alone (kind `none`) and a warning says why. */
export async function loadPython(): Promise<void> {
  try {
    await initCdkPython();
  } catch (e) {
    process.emitWarning(
      `parapet: the CDK Python analyzer could not start (${e instanceof Error ? e.message : String(e)}); .py files are not analysed`,
    );
  }
}

// Unbundled (out/cli/worker.js) this file is the worker's entry; bundled, it runs as part of dist/cli.js.
// Batches wait for the Python grammar when the scan has Python files (a failure leaves them unanalysed).
if (isScanWorker()) serveBatches();
