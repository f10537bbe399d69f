/**
 * The synthesized templates of a CDK app are read and analysed in a worker thread (docs/lsp.md, "CDK:
 * the synthesized template"): a large `cdk.out` (tree.json up to 64 MB, hundreds of templates) takes
 * seconds of JSON parsing and rule runs that must never hold up the server's event loop. The worker
 * only reads `cdk.out` (core/cloud-assembly, bounded reads inside the app folder); nothing is executed.
 * Bundled, this module is part of dist/server.js, which the worker runs again with a role.
 */
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { analyseAssembly, AnalysedAssembly, CdkApp, loadAssemblySync } from '../../core/cloud-assembly';
import { AnalysisOptions } from '../../core/engine';
import { rules } from '../../rules';

/** Marks the worker, so the bundle serves one job instead of starting a server. */
const ROLE = 'parapet-synth-worker';

/** The engine options that travel to the worker (no functions). */
export type WorkerOptions = Pick<AnalysisOptions, 'severity' | 'profile' | 'timeBudgetMs'>;

interface Job {
  app: CdkApp;
  opts: WorkerOptions;
}

type Reply = { ok: true; analysed: AnalysedAssembly | undefined } | { ok: false; message: string };

/** True inside the synth worker thread. */
export function isSynthWorker(): boolean {
  return !isMainThread && (workerData as { role?: string } | null)?.role === ROLE;
}

/** What the main thread needs of the analysis: no template texts, no fixes (synthesized findings carry none). */
function slim(a: AnalysedAssembly): AnalysedAssembly {
  for (const t of a.assembly.templates) t.text = '';
  for (const f of a.findings) f.finding = { ...f.finding, fixes: [] };
  return a;
}

function serve(): void {
  const job = (workerData as { job: Job }).job;
  let reply: Reply;
  try {
    const asm = loadAssemblySync(job.app);
    reply = { ok: true, analysed: asm && slim(analyseAssembly(asm, rules, job.opts)) };
  } catch (e) {
    reply = { ok: false, message: e instanceof Error ? e.message : String(e) };
  }
  parentPort?.postMessage(reply);
}

/** A job that takes longer than this is stopped (the app's synthesized findings are then left out). */
const JOB_LIMIT_MS = 5 * 60_000;

/**
 * Reads and analyses the app's cloud assembly in a worker thread started for this job. Undefined
 * when the app has none; rejects when the worker fails or runs past its limit.
 */
export function analyseInWorker(app: CdkApp, opts: WorkerOptions): Promise<AnalysedAssembly | undefined> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(__filename, { workerData: { role: ROLE, job: { app, opts } satisfies Job } });
    let settled = false;
    const finish = (f: () => void): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      f();
      void worker.terminate();
    };
    const timer = setTimeout(() => finish(() => reject(new Error(`stopped after ${JOB_LIMIT_MS / 1000} s`))), JOB_LIMIT_MS);
    worker.on('message', (r: Reply) => finish(() => (r.ok ? resolve(r.analysed) : reject(new Error(r.message)))));
    worker.on('error', (e) => finish(() => reject(e)));
    worker.on('exit', (code) => finish(() => reject(new Error(`the worker exited with code ${code}`))));
  });
}

// Unbundled (out/server/src/synth-worker.js) this file is the worker's entry; bundled, it runs inside dist/server.js.
if (isSynthWorker()) serve();
