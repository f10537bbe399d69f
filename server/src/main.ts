/**
 * Entry of the Parapet language server, bundled to `dist/server.js`. Any LSP client starts it with
 * `node dist/server.js --stdio` (or `--node-ipc`, `--socket=<port>`); `createConnection` reads
 * the transport from the command line (server/src/transport.ts).
 */
// First: V8 memory settings (server/src/memory.ts), before anything allocates.
import './memory';
import { initCdkPython } from '../../core/cdk/py-init';
import { describeError } from './log';
import { startServer } from './server';
import { isSynthWorker } from './synth-worker';
import { serverConnection } from './transport';

// The same bundle runs as the synth worker (server/src/synth-worker.ts serves its one job): no server there.
if (!isSynthWorker()) serve();

function serve(): void {
  // Over stdio, a message that breaks the framing ends the server with code 1 (server/src/transport.ts).
  const connection = serverConnection();

  // Last resort: a stray rejection or exception is logged, and the server keeps serving.
  process.on('unhandledRejection', (e) => connection.console.error(`unhandled rejection: ${describeError(e)}`));
  process.on('uncaughtException', (e) => connection.console.error(`uncaught exception: ${describeError(e)}`));

  // CDK Python needs its tree-sitter wasm loaded first (~0.1 s); requests wait in the stream meanwhile.
  // If it fails, the server still serves everything else and Python files are left alone.
  void initCdkPython().then(
    () => startServer(connection),
    (e: unknown) => {
      startServer(connection);
      connection.console.error(`CDK Python analysis unavailable: ${describeError(e)}`);
    },
  );
}
