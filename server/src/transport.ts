import { format } from 'node:util';
import {
  Connection,
  createConnection,
  LogMessageNotification,
  MessageType,
  ProposedFeatures,
  StreamMessageReader,
  StreamMessageWriter,
} from 'vscode-languageserver/node';
import { maskCredentials } from '../../core/secrets';

/**
 * The server's connection, from the command line (`--stdio`, `--node-ipc`, `--socket=<port>`).
 *
 * Over stdio the server owns the message reader: a header that breaks the Content-Length framing
 * leaves every later byte unreadable, and the library would keep the process alive and deaf. The
 * server logs it and exits with code 1 instead, so the client restarts it. A well-framed body that
 * is not JSON is skipped as before (the stream is still in step).
 */
export function serverConnection(argv: readonly string[] = process.argv.slice(2)): Connection {
  if (!argv.includes('--stdio')) return createConnection(ProposedFeatures.all);
  const reader = new StreamMessageReader(process.stdin);
  const connection = createConnection(ProposedFeatures.all, reader, new StreamMessageWriter(process.stdout));
  routeConsole(connection);
  let shutdown = false;
  connection.onShutdown(() => {
    shutdown = true;
  });
  // What the library does for its own stdio transport: the client closed the pipe, so the server ends.
  reader.onClose(() => process.exit(shutdown ? 0 : 1));
  reader.onError((error) => {
    if (error instanceof SyntaxError) return; // a body that is not JSON: that message is lost, the next one is read
    unreadable(connection, error);
  });
  return connection;
}

/** Logs (stderr and `window/logMessage`) why the stream cannot be read, then exits with code 1. */
function unreadable(connection: Connection, error: Error): void {
  const message = `cannot read a message from the client (${maskCredentials(error.message.split('\n')[0])}); exiting so the client restarts the server`;
  process.stderr.write(`parapet: ${message}\n`);
  const exit = (): never => process.exit(1);
  // The writer is still fine: tell the client too, then go (at the latest after a second).
  setTimeout(exit, 1000);
  connection.sendNotification(LogMessageNotification.type, { type: MessageType.Error, message }).then(exit, exit);
}

/** Anything a dependency prints goes to the client's log: over stdio, stdout is the protocol. */
function routeConsole(connection: Connection): void {
  const to =
    (log: (m: string) => void) =>
    (...args: unknown[]) =>
      log(format(...args));
  console.log = to((m) => connection.console.log(m));
  console.info = to((m) => connection.console.info(m));
  console.debug = to((m) => connection.console.log(m));
  console.warn = to((m) => connection.console.warn(m));
  console.error = to((m) => connection.console.error(m));
  console.trace = to((m) => connection.console.log(m));
}
