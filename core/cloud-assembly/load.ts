import * as fs from 'node:fs';
import { CdkApp } from './app';
import { CloudAssembly, readAssembly } from './assembly';
import { isInside, runAsync, runSync } from './io';

/** Why an app's assembly folder is not read, or its real path when it is. */
type Checked = { real: string } | { error: string } | undefined;

function check(app: CdkApp, realApp: string, realOut: string | undefined, st: fs.Stats | undefined): Checked {
  if (app.problem) return { error: app.problem };
  if (!realOut || !st) return undefined;
  if (!st.isDirectory()) return { error: `${app.outDir} is not a folder` };
  if (!isInside(realOut, realApp)) return { error: `${app.outDir} is a link to a folder outside the app folder: it is not read` };
  return { real: realOut };
}

function failed(app: CdkApp, error: string): CloudAssembly {
  return { dir: app.outDir, templates: [], fqns: new Map(), treeLogicalIds: new Map(), traces: new Map(), problems: [], error };
}

/**
 * Reads the app's cloud assembly (CLI, tests). Undefined when the app has none (never synthesized);
 * an assembly with `error` set when it cannot be read (a broken manifest, a link out of the app).
 */
export function loadAssemblySync(app: CdkApp): CloudAssembly | undefined {
  let realApp: string;
  let realOut: string | undefined;
  let st: fs.Stats | undefined;
  try {
    realApp = fs.realpathSync(app.dir);
    realOut = fs.realpathSync(app.outDir);
    st = fs.statSync(realOut);
  } catch {
    if (!app.problem) return undefined;
    realApp = app.dir;
  }
  const c = check(app, realApp, realOut, st);
  if (!c) return undefined;
  if ('error' in c) return failed(app, c.error);
  return runSync(readAssembly(app.outDir), c.real);
}

/** `loadAssemblySync` without blocking the event loop (the language server). */
export async function loadAssembly(app: CdkApp): Promise<CloudAssembly | undefined> {
  let realApp: string;
  let realOut: string | undefined;
  let st: fs.Stats | undefined;
  try {
    realApp = await fs.promises.realpath(app.dir);
    realOut = await fs.promises.realpath(app.outDir);
    st = await fs.promises.stat(realOut);
  } catch {
    if (!app.problem) return undefined;
    realApp = app.dir;
  }
  const c = check(app, realApp, realOut, st);
  if (!c) return undefined;
  if ('error' in c) return failed(app, c.error);
  return runAsync(readAssembly(app.outDir), c.real);
}
