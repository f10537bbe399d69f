/**
 * Finding a CDK app's cloud assembly: the nearest folder above a source file with a `cdk.json` is
 * the app; its assembly is `cdk.out`, or the folder `cdk.json` names in `output` when that lies
 * inside the app folder.
 */
import * as path from 'node:path';
import { ReadSteps } from './io';

/** cdk.json is a small settings file; a larger one is not read. */
const CDK_JSON_LIMIT = 1024 * 1024;
/** How far up a source file the app folder is looked for. */
const MAX_LEVELS = 30;

export interface CdkApp {
  /** The folder holding cdk.json. */
  dir: string;
  /** The cloud assembly folder (`<dir>/cdk.out` unless cdk.json says otherwise). */
  outDir: string;
  /** Why the assembly folder cannot be used, when it cannot. */
  problem?: string;
}

/** The output folder cdk.json names, if it is a relative path inside the app folder. */
function outputOf(dir: string, text: string): { outDir: string; problem?: string } {
  let output: unknown;
  try {
    output = (JSON.parse(text) as { output?: unknown }).output;
  } catch {
    return { outDir: path.join(dir, 'cdk.out') };
  }
  if (typeof output !== 'string' || !output) return { outDir: path.join(dir, 'cdk.out') };
  const outDir = path.resolve(dir, output);
  const rel = path.relative(dir, outDir);
  if (!rel || rel.startsWith('..') || path.isAbsolute(rel))
    return { outDir, problem: `cdk.json names an output folder outside the app folder (${output}): it is not read` };
  return { outDir };
}

/** Steps that find the app of a source file: the nearest cdk.json above it, at most `until` (a folder) high. */
export function* findApp(file: string, until?: string): ReadSteps<CdkApp | undefined> {
  let dir = path.dirname(path.resolve(file));
  const stop = until ? path.resolve(until) : undefined;
  for (let i = 0; i < MAX_LEVELS; i++) {
    const reply = yield { file: path.join(dir, 'cdk.json'), limit: CDK_JSON_LIMIT };
    if (reply.ok) return { dir, ...outputOf(dir, reply.text) };
    const up = path.dirname(dir);
    if (up === dir || dir === stop) return undefined;
    dir = up;
  }
  return undefined;
}
