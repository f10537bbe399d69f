import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { isExcluded } from './glob';
import { describeError, Logger } from './log';
import { Settings, SettingsStore } from './settings';
import { fsPathOf } from './workspace';

/** Folders that never hold the user's own templates. */
export const SKIPPED_FOLDERS: ReadonlySet<string> = new Set(['node_modules', '.git', 'cdk.out', '.aws-sam']);
/** File endings a scan reads; the content then decides whether a file is Parapet's. */
export const CANDIDATE_EXTENSIONS: readonly string[] = ['.yaml', '.yml', '.json', '.template', '.ts', '.py'];

export interface Candidate {
  file: string;
  rel: string;
  settings: Settings;
}

/** Walks one workspace folder (no symlinks followed), pruning skipped folders and `exclude` globs. */
export async function collectCandidates(
  ctx: { settings: SettingsStore; log: Logger },
  folderUri: string,
  out: Candidate[],
  stopped: () => boolean,
): Promise<void> {
  const root = fsPathOf(folderUri);
  if (!root) return;
  const settings = await ctx.settings.get(folderUri);
  if (!settings.enable) return;
  const stack = [root];
  while (stack.length) {
    if (stopped()) return;
    const dir = stack.pop()!;
    let entries;
    try {
      entries = await fs.readdir(dir, { withFileTypes: true });
    } catch (e) {
      ctx.log.info(`scan: cannot read a folder: ${describeError(e)}`);
      continue;
    }
    for (const e of entries) {
      const full = path.join(dir, e.name);
      const rel = path.relative(root, full).split(path.sep).join('/');
      if (e.isDirectory()) {
        if (!SKIPPED_FOLDERS.has(e.name) && !isExcluded(settings.exclude, rel, full)) stack.push(full);
      } else if (e.isFile() && CANDIDATE_EXTENSIONS.includes(path.extname(e.name).toLowerCase())) {
        if (!isExcluded(settings.exclude, rel, full)) out.push({ file: full, rel, settings });
      }
    }
  }
}
