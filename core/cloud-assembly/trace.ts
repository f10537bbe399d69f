/**
 * Creation stacks in a cloud assembly's metadata (`aws:cdk:creationStack` entries, or the `trace` of
 * an `aws:cdk:logicalId` entry when the app ran with `--debug` / `CDK_DEBUG`): the frames of user
 * code that created a construct, innermost first. Library frames (aws-cdk-lib, node_modules, Node's
 * internals) and the placeholders aws-cdk-lib writes for them (`...new Bucket2 in aws-cdk-lib...`)
 * are left out.
 */
import { fileURLToPath } from 'node:url';

/** One user-code frame: the file as the synth saw it (absolute on the machine that ran it), 1-based line and column. */
export interface Frame {
  file: string;
  line: number;
  column: number;
}

// `name (file:line:col)`, `at name (file:line:col)` or a bare `file:line:col`.
const FRAME = /(?:^|\(|\s)((?:file:\/\/)?(?:[A-Za-z]:)?[^():]+):(\d+):(\d+)\)?\s*$/;
const SOURCE = /\.(?:[cm]?[tj]sx?|py)$/i;

/** The user-code frames of a creation stack, innermost first. */
export function framesOf(lines: readonly unknown[]): Frame[] {
  const out: Frame[] = [];
  for (const l of lines) {
    if (typeof l !== 'string' || l.startsWith('...')) continue;
    const m = FRAME.exec(l);
    if (!m) continue;
    let file = m[1].trim();
    if (file.startsWith('file://')) {
      try {
        file = fileURLToPath(file);
      } catch {
        continue;
      }
    }
    if (!SOURCE.test(file) || /[\\/]node_modules[\\/]/.test(file) || file.startsWith('node:') || file.startsWith('internal/')) continue;
    out.push({ file, line: Number(m[2]), column: Number(m[3]) });
  }
  return out;
}
