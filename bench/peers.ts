import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** Peer versions compared in the benchmark, pinned so runs compare like with like. */
// @aws/cloudformation-validate: AWS's offline engine (the npm package named cfn-lint is an unrelated project).
export const PEERS = { 'yaml-language-server': '2.0.0', '@aws/cloudformation-validate': '1.9.0-beta' } as const;

/** Where peers are installed: outside the repository, so they never become project dependencies. */
export const PEER_DIR = process.env.PARAPET_BENCH_PEERS_DIR ?? path.join(os.homedir(), '.cache', 'parapet-bench');

function installed(name: string): string | undefined {
  const pkg = path.join(PEER_DIR, 'node_modules', name, 'package.json');
  return fs.existsSync(pkg) ? path.dirname(pkg) : undefined;
}

/**
 * Installs the peers into PEER_DIR with npm when missing (once; later runs reuse them). Set
 * PARAPET_BENCH_PEERS=0 to skip peers entirely. Returns what is available and why the rest is not.
 */
export function ensurePeers(): { yamlLanguageServer?: string; cfnValidate?: string; unavailable: string[] } {
  const unavailable: string[] = [];
  if (process.env.PARAPET_BENCH_PEERS === '0') return { unavailable: ['peers skipped (PARAPET_BENCH_PEERS=0)'] };
  const missing = Object.entries(PEERS)
    .filter(([n]) => !installed(n))
    .map(([n, v]) => `${n}@${v}`);
  if (missing.length) {
    fs.mkdirSync(PEER_DIR, { recursive: true });
    if (!fs.existsSync(path.join(PEER_DIR, 'package.json'))) fs.writeFileSync(path.join(PEER_DIR, 'package.json'), '{ "private": true }\n');
    process.stdout.write(`installing benchmark peers into ${PEER_DIR}: ${missing.join(', ')}\n`);
    const r = spawnSync('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', '--save-exact', ...missing], {
      cwd: PEER_DIR,
      encoding: 'utf8',
      timeout: 180_000,
    });
    if (r.status !== 0) unavailable.push(`npm install failed: ${(r.stderr || String(r.error)).split('\n')[0]}`);
  }
  const yls = installed('yaml-language-server');
  const cfn = installed('@aws/cloudformation-validate');
  if (!yls) unavailable.push('yaml-language-server not installed');
  if (!cfn) unavailable.push('@aws/cloudformation-validate not installed');
  return { yamlLanguageServer: yls, cfnValidate: cfn, unavailable };
}
