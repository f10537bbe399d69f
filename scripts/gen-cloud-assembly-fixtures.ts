/**
 * `npm run fixtures:cloud-assembly`: regenerates the cloud assemblies (`cdk.out`) of the fixture apps
 * in test/fixtures/cloud-assembly with the repository's own aws-cdk-lib (a dev dependency), from
 * source written for these tests (never third-party code).
 *
 * - `ts-app`: bin/app.ts is bundled with esbuild (source maps on, so the creation stacks name the
 *   .ts lines) and run with node, `CDK_OUTDIR` pointing at the fixture's cdk.out.
 * - `py-app` builds the same constructs, with the same ids, as `ts-app` (aws-cdk-lib for Python
 *   cannot be installed here), so its cdk.out is `ts-app`'s without creation stacks: a Python app's
 *   have no Python frames, and its findings are placed by construct ids alone.
 *
 * Paths of this checkout in the metadata become `/home/dev/<app>`: regenerating in another
 * checkout changes nothing, and the tests see frames from another machine, as from CI.
 *   node out/scripts/gen-cloud-assembly-fixtures.js
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, __dirname.includes(`${path.sep}out${path.sep}`) ? '../..' : '..');
const FIXTURES = path.join(ROOT, 'test', 'fixtures', 'cloud-assembly');

function run(cmd: string, args: string[], opts: { cwd: string; env?: NodeJS.ProcessEnv }): void {
  const r = spawnSync(cmd, args, { ...opts, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed:\n${r.stdout}\n${r.stderr}`);
}

/** Every file under a folder. */
function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? filesUnder(p) : [p];
  });
}

/** Synthesizes ts-app into `outDir`. */
function synth(outDir: string): void {
  const app = path.join(FIXTURES, 'ts-app');
  const build = fs.mkdtempSync(path.join(os.tmpdir(), 'parapet-fixture-'));
  try {
    const bundle = path.join(build, 'app.js');
    const esbuild = path.join(ROOT, 'node_modules', '.bin', 'esbuild');
    run(
      esbuild,
      [
        'bin/app.ts',
        '--bundle',
        '--platform=node',
        '--sourcemap',
        '--external:aws-cdk-lib',
        '--external:constructs',
        `--outfile=${bundle}`,
        '--log-level=warning',
      ],
      { cwd: app },
    );
    fs.rmSync(outDir, { recursive: true, force: true });
    const env = { ...process.env, CDK_OUTDIR: outDir, NODE_PATH: path.join(ROOT, 'node_modules') };
    run(process.execPath, ['--enable-source-maps', bundle], { cwd: app, env });
  } finally {
    fs.rmSync(build, { recursive: true, force: true });
  }
}

/** Rewrites this checkout's paths, and drops creation stacks when asked (the Python app). */
function normalise(outDir: string, appName: string, dropStacks: boolean): void {
  const from = path.join(FIXTURES, 'ts-app');
  for (const f of filesUnder(outDir)) {
    if (!f.endsWith('.json')) continue;
    // The app's own paths first, then the repository's (its node_modules stand for the app's).
    let text = fs.readFileSync(f, 'utf8').split(from).join(`/home/dev/${appName}`).split(ROOT).join(`/home/dev/${appName}`);
    if (dropStacks && f.endsWith('.metadata.json')) {
      const meta = JSON.parse(text) as Record<string, { type: string }[]>;
      for (const k of Object.keys(meta)) meta[k] = meta[k].filter((e) => e.type !== 'aws:cdk:creationStack');
      text = `${JSON.stringify(meta, null, 2)}\n`;
    }
    fs.writeFileSync(f, text);
  }
  // The CloudFormation validation report names this machine's paths and is not part of the assembly's contract.
  fs.rmSync(path.join(outDir, 'validation-report.json'), { force: true });
}

function main(): void {
  for (const [name, dropStacks] of [
    ['ts-app', false],
    ['py-app', true],
  ] as const) {
    const outDir = path.join(FIXTURES, name, 'cdk.out');
    synth(outDir);
    normalise(outDir, name, dropStacks);
    process.stdout.write(`${path.relative(ROOT, outDir)}: ${filesUnder(outDir).length} files\n`);
  }
}

if (require.main === module) main();
