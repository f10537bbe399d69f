import { Connection } from 'vscode-languageserver/node';

/** Server log: errors always reach the client's output; everything else only when tracing is on. */
export interface Logger {
  error(message: string): void;
  /** Routine events; sent as `$/logTrace`, which the connection drops unless the client turned tracing on. */
  info(message: string): void;
}

/** A logger over the connection's console (errors) and tracer (the rest). */
export function connectionLogger(connection: Connection): Logger {
  return {
    error: (message) => connection.console.error(message),
    info: (message) => connection.tracer.log(message),
  };
}

/** Message and first stack frame of an error, never the document text. */
export function describeError(e: unknown): string {
  if (e instanceof Error) {
    const frame = e.stack
      ?.split('\n')
      .find((l) => l.trim().startsWith('at '))
      ?.trim();
    return frame ? `${e.message} (${frame})` : e.message;
  }
  return String(e);
}
