import * as v8 from 'node:v8';

/**
 * V8 tuning for the CLI, set first thing (cli/main.ts imports this before anything else; the flag is
 * process-wide, so worker threads get it too).
 *
 * A scan lasts about a second. V8 hands a function to its optimizing compiler after a small budget
 * of interpreted work, and with the catalogue's code nearly everything qualifies: scanning 1,000
 * templates took 0.9 s of main-thread time and as much again in V8's compiler threads, and every
 * worker thread compiles it all again, so on 2 cores a second scanning thread gained nothing.
 * Four times the budget leaves the compiler only the really hot functions (same scan: compiler
 * threads ~0.35 s; pooled wall clock 1.25 → 0.98 s, in-process the same). The server runs for
 * hours and keeps V8's default.
 */
export const CLI_V8_FLAGS: readonly string[] = ['--interrupt-budget=270336'];

for (const flag of CLI_V8_FLAGS) v8.setFlagsFromString(flag);
