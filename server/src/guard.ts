import { describeError, Logger } from './log';

/**
 * Wraps a handler so an exception is logged and answered with `fallback` instead of reaching the
 * connection: one failing feature must never stop the server from serving the others.
 */
export function guard<A extends unknown[], R>(
  log: Logger,
  name: string,
  fallback: R,
  handler: (...args: A) => R | Promise<R>,
): (...args: A) => Promise<R> {
  return async (...args: A) => {
    try {
      return await handler(...args);
    } catch (e) {
      log.error(`${name} failed: ${describeError(e)}`);
      return fallback;
    }
  };
}

/** Runs a fire-and-forget task (a notification handler, a timer) and logs its failure. */
export function runLogged(log: Logger, name: string, task: () => unknown): void {
  try {
    const r = task();
    if (r instanceof Promise) r.catch((e: unknown) => log.error(`${name} failed: ${describeError(e)}`));
  } catch (e) {
    log.error(`${name} failed: ${describeError(e)}`);
  }
}
