/**
 * Entry of the Parapet language server, bundled to `dist/server.js`. Any LSP client starts it with
 * `node dist/server.js --stdio` (or `--node-ipc`, `--socket=<port>`); `createConnection` reads
 * the transport from the command line.
 */
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { describeError } from './log';
import { startServer } from './server';

const connection = createConnection(ProposedFeatures.all);

// Last resort: a stray rejection or exception is logged, and the server keeps serving.
process.on('unhandledRejection', (e) => connection.console.error(`unhandled rejection: ${describeError(e)}`));
process.on('uncaughtException', (e) => connection.console.error(`uncaught exception: ${describeError(e)}`));

startServer(connection);
