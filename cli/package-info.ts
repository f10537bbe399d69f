import * as path from 'node:path';
import { readRegularFileSync } from '../core/files';

interface PackageJson {
  name?: string;
  version?: string;
  homepage?: string;
  repository?: string | { url?: string };
}

let cached: PackageJson | undefined;

/** Parapet's own package.json, found by walking up from this file (works from `dist/` and `out/cli/`). */
export function packageInfo(): PackageJson {
  if (cached) return cached;
  let dir = __dirname;
  for (let i = 0; i < 5; i++) {
    try {
      const read = readRegularFileSync(path.join(dir, 'package.json'), 1024 * 1024);
      const pkg = read.ok ? (JSON.parse(read.bytes.toString('utf8')) as PackageJson) : undefined;
      if (pkg?.name === 'parapet') return (cached = pkg);
    } catch {
      // not here: keep walking up
    }
    dir = path.dirname(dir);
  }
  return (cached = { name: 'parapet', version: '0.0.0' });
}

/** Parapet's version, from package.json. */
export function version(): string {
  return packageInfo().version ?? '0.0.0';
}

/** The https base of the project's repository, when package.json names one on GitHub. */
export function repositoryUrl(): string | undefined {
  const pkg = packageInfo();
  const raw = typeof pkg.repository === 'string' ? pkg.repository : pkg.repository?.url;
  const m = raw ? /github\.com[/:]([^/]+\/[^/.]+)/.exec(raw) : null;
  return m ? `https://github.com/${m[1]}` : undefined;
}
