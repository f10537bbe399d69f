/**
 * Measures issue 11 item 3 on the real-world CDK full reads (bench/realworld/RESULTS-cdk.md, "With cdk.out"):
 * recall with the synthesized template vs the source alone, how closely synthesized findings map back
 * (prop line, construct, creation-stack line, stack), and cdk-nag's AwsSolutions findings against
 * Parapet's on the same synthesized resources. Dev-time only: it runs third-party apps' `cdk synth`,
 * which Parapet itself never does, in a scratch folder outside the repository.
 *
 *   node out/bench/realworld/synth.js --scratch <dir> --tool <dir> [--synth] [--json]
 *
 * `--tool` holds a node_modules with aws-cdk (the CLI), aws-cdk-lib, constructs, ts-node, typescript
 * and cdk-nag; `--synth` extracts each app of a full-read file from its mirror at the pinned commit
 * into `<scratch>`, links that node_modules and runs `cdk synth` with cdk-nag's AwsSolutions checks
 * added to the App (a `--require` preload). Python apps are listed but not synthesized when the
 * machine has no `aws_cdk` module.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  analyseAssembly,
  AnalysedAssembly,
  FileSites,
  findApp,
  loadAssemblySync,
  mapAssembly,
  mergeInto,
  runSync,
  SourceIndex,
  sitesOf,
  synthOf,
} from '../../core/cloud-assembly';
import { initCdkPython } from '../../core/cdk/py-init';
import { parseDocument } from '../../core/document';
import { analyze, Finding } from '../../core/engine';
import { rules } from '../../rules';
import { loadSources, mirrorsRoot, sourceKey } from './common';
import { catches, ExpectedItem, loadJudgements } from './judge';
import type { EvalFinding } from './scan';

interface App {
  key: string;
  commit: string;
  /** The app folder in the repository ('' for the root). */
  appPath: string;
  syntax: string;
  files: { rel: string; id: string; expected: ExpectedItem[] }[];
}

function option(argv: string[], name: string): string | undefined {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
}

function git(gitDir: string, args: string[]): string | undefined {
  const r = spawnSync('git', ['--git-dir', gitDir, ...args], { encoding: 'utf8', maxBuffer: 1 << 28 });
  return r.status === 0 ? r.stdout : undefined;
}

/** The apps (nearest cdk.json at the pinned commit) of the full-read CDK files. */
function appsOfFullReads(): App[] {
  const commits = new Map(loadSources().map((s) => [sourceKey(s.repo), s.commit]));
  const trees = new Map<string, Set<string>>();
  const apps = new Map<string, App>();
  for (const read of loadJudgements().fullReads) {
    const slash = read.file.indexOf('/');
    const key = read.file.slice(0, slash);
    const rel = read.file.slice(slash + 1);
    const commit = commits.get(key);
    if (!commit) continue;
    let dirs = trees.get(key);
    if (!dirs) {
      const list = git(path.join(mirrorsRoot(), key, 'repo'), ['ls-tree', '-r', '--name-only', commit]) ?? '';
      dirs = new Set(
        list
          .split('\n')
          .filter((f) => path.posix.basename(f) === 'cdk.json')
          .map((f) => path.posix.dirname(f)),
      );
      trees.set(key, dirs);
    }
    let dir = path.posix.dirname(rel);
    while (!dirs.has(dir) && dir !== '.') dir = path.posix.dirname(dir);
    if (!dirs.has(dir)) continue;
    const id = `${key}/${dir === '.' ? '' : dir}`;
    const app = apps.get(id) ?? { key, commit, appPath: dir === '.' ? '' : dir, syntax: read.syntax, files: [] };
    app.files.push({ rel, id: read.file, expected: read.expected });
    apps.set(id, app);
  }
  return [...apps.values()];
}

function appDir(scratch: string, app: App): string {
  return path.join(scratch, app.key, app.appPath);
}

/** Context values an app's README says to pass (`cdk synth -c stage=Dev`), for the apps that refuse to synthesize without them. */
const CONTEXT: Record<string, string[]> = {
  'opensearch-project+opensearch-ci/': [
    'stage=Dev',
    'useSsl=false',
    'authType=default',
    'serverAccessType=ipv4',
    'restrictServerAccessTo=10.0.0.0/8',
  ],
  'opensearch-project+opensearch-cluster-cdk/': [
    'serverAccessType=ipv4',
    'restrictServerAccessTo=10.0.0.0/8',
    'distVersion=2.11.0',
    'securityDisabled=true',
    'minDistribution=false',
    'distributionUrl=https://artifacts.opensearch.org/releases/bundle/opensearch/2.11.0/opensearch-2.11.0-linux-x64.tar.gz',
    'cpuArch=x64',
  ],
};

/** Adds cdk-nag's AwsSolutions checks to every App before it synthesizes; a failed validation still leaves the assembly. */
const PRELOAD = `
const cdk = require(process.env.PARAPET_CDK_LIB);
const { AwsSolutionsChecks } = require(process.env.PARAPET_CDK_NAG);
const synth = cdk.App.prototype.synth;
cdk.App.prototype.synth = function (...args) {
  if (!this.__parapetNag) { this.__parapetNag = true; cdk.Validations.of(this).addPlugins(new AwsSolutionsChecks(this)); }
  try { return synth.apply(this, args); } catch (e) { if (!/Validation failed/.test(String(e))) throw e; }
};
`;

/** The TypeScript file cdk.json's `app` command runs (`bin/app.ts`; a compiled `bin/app.js` is taken as its `.ts`). */
function entryOf(dir: string): string | undefined {
  let app: unknown;
  try {
    app = (JSON.parse(fs.readFileSync(path.join(dir, 'cdk.json'), 'utf8')) as { app?: unknown }).app;
  } catch {
    return undefined;
  }
  if (typeof app !== 'string') return undefined;
  for (const token of app.split(/\s+/).reverse()) {
    const ts = token.replace(/\.js$/, '.ts');
    if (/\.ts$/.test(ts) && fs.existsSync(path.join(dir, ts))) return ts;
    // `ts-node src`: the folder's index.ts.
    if (!token.startsWith('-') && fs.existsSync(path.join(dir, token, 'index.ts'))) return path.join(token, 'index.ts');
  }
  return undefined;
}

/** Writes the app folder at the pinned commit under `into`; blobs the mirror lacks (large binaries) are left out. */
function extract(gitDir: string, app: App, into: string): boolean {
  // The folder above the app too: apps build Lambda code from a sibling folder (`../api`).
  const top = app.appPath.includes('/') ? path.posix.dirname(app.appPath) : app.appPath;
  const list = git(gitDir, ['ls-tree', '-r', '-z', app.commit, ...(top ? ['--', top] : [])]);
  if (list === undefined) return false;
  const blobs = list
    .split('\0')
    .map((e) => /^(\d+) blob ([0-9a-f]+)\t(.*)$/s.exec(e))
    .filter((m): m is RegExpExecArray => !!m && m[1] !== '120000');
  const r = spawnSync('git', ['--git-dir', gitDir, 'cat-file', '--batch'], {
    input: blobs.map((m) => m[2]).join('\n') + '\n',
    maxBuffer: 1 << 30,
  });
  const out = r.stdout;
  let at = 0;
  for (const m of blobs) {
    const nl = out.indexOf(10, at);
    const head = out.subarray(at, nl).toString('utf8');
    at = nl + 1;
    const size = /^[0-9a-f]+ blob (\d+)$/.exec(head);
    if (!size) continue; // `<sha> missing`
    const file = path.join(into, m[3]);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, out.subarray(at, at + Number(size[1])), { mode: m[1] === '100755' ? 0o755 : 0o644 });
    at += Number(size[1]) + 1;
  }
  return true;
}

interface SynthStatus {
  ok: boolean;
  message: string;
}

function synthApp(scratch: string, tool: string, app: App, python: boolean): SynthStatus {
  const dir = appDir(scratch, app);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(path.join(scratch, app.key), { recursive: true });
  if (!extract(path.join(mirrorsRoot(), app.key, 'repo'), app, path.join(scratch, app.key)))
    return { ok: false, message: 'not in the mirror' };
  if (app.syntax === 'cdk-py' && !python) return { ok: false, message: 'Python app: no aws_cdk module on this machine (pip unreachable)' };
  // NodejsFunction wants a lock file; the mirror leaves large blobs (lock files) out.
  if (!['package-lock.json', 'yarn.lock', 'pnpm-lock.yaml'].some((f) => fs.existsSync(path.join(dir, f))))
    fs.writeFileSync(path.join(dir, 'package-lock.json'), '{"lockfileVersion": 3, "packages": {}}\n');
  // Apps that read their settings from .env ship an example of it.
  if (fs.existsSync(path.join(dir, '.env.example')) && !fs.existsSync(path.join(dir, '.env')))
    fs.copyFileSync(path.join(dir, '.env.example'), path.join(dir, '.env'));
  if (!fs.existsSync(path.join(dir, 'node_modules'))) fs.symlinkSync(path.join(tool, 'node_modules'), path.join(dir, 'node_modules'));
  const preload = path.join(scratch, 'nag-preload.js');
  fs.writeFileSync(preload, PRELOAD);
  const cli = path.join(tool, 'node_modules', 'aws-cdk', 'bin', 'cdk');
  const entry = entryOf(dir);
  if (!entry) return { ok: false, message: 'no TypeScript entry point in cdk.json' };
  // The app's own command may compile first (tsc) or fetch a runner (npx tsx): run its entry with ts-node instead.
  const r = spawnSync(
    process.execPath,
    [
      cli,
      'synth',
      '--quiet',
      '--no-notices',
      '--ci',
      '--app',
      `ts-node --prefer-ts-exts ${entry}`,
      ...(CONTEXT[`${app.key}/${app.appPath}`] ?? []).flatMap((c) => ['-c', c]),
    ],
    {
      cwd: dir,
      encoding: 'utf8',
      timeout: 600_000,
      maxBuffer: 1 << 28,
      env: {
        ...process.env,
        NODE_OPTIONS: `--require ${preload}`,
        PARAPET_CDK_LIB: path.join(tool, 'node_modules', 'aws-cdk-lib'),
        PARAPET_CDK_NAG: path.join(tool, 'node_modules', 'cdk-nag'),
        TS_NODE_TRANSPILE_ONLY: 'true',
        CDK_DEFAULT_ACCOUNT: '123456789012',
        CDK_DEFAULT_REGION: 'us-east-1',
        AWS_REGION: 'us-east-1',
        CDK_DISABLE_CLI_TELEMETRY: 'true',
        PATH: `${path.join(tool, 'node_modules', '.bin')}:${process.env.PATH ?? ''}`,
      },
    },
  );
  const ok = fs.existsSync(path.join(dir, 'cdk.out', 'manifest.json'));
  const err = `${r.stderr ?? ''}`
    .split('\n')
    .filter((l) => /error|Error|Cannot/.test(l))
    .slice(0, 2)
    .join(' | ');
  return {
    ok,
    message: ok ? (r.status === 0 ? 'synthesized' : `assembly written, exit ${r.status}`) : err.slice(0, 300) || `exit ${r.status}`,
  };
}

const SOURCE = /\.(?:tsx?|py)$/i;
// The folders the language server leaves out (server/src/synth-sources.ts).
const SKIP = new Set(['node_modules', 'cdk.out', '.git', '__pycache__', '.venv', 'venv', 'dist', 'build', 'coverage']);

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory() && !SKIP.has(e.name) && !e.name.startsWith('.') && !e.name.startsWith('asset.')) walk(p);
      else if (e.isFile() && SOURCE.test(e.name) && !e.name.endsWith('.d.ts')) out.push(p);
    }
  };
  walk(dir);
  return out;
}

interface Eval {
  rule: string;
  resource: string | null;
  text: string;
  precision?: string;
}

/** `catches` reads the rule, the resource and the line text only. */
function caught(item: ExpectedItem, e: Eval): boolean {
  return catches(item, e as unknown as EvalFinding);
}

/** A synthesized finding that says again what a source finding says: the same rule on the same line or the same construct. */
function repeats(source: Finding, synth: Finding, text: string): boolean {
  if (source.ruleId !== synth.ruleId) return false;
  const line = (o: number): number => text.slice(0, o).split('\n').length;
  return line(source.start) === line(synth.start) || (source.resource !== undefined && source.resource === synth.resource);
}

function evalOf(f: Finding, text: string): Eval {
  const lines = text.split('\n');
  return { rule: f.ruleId, resource: f.resource ?? null, text: (lines[f.range.start.line] ?? '').trim(), precision: synthOf(f)?.precision };
}

interface AppResult {
  app: string;
  syntax: string;
  status: string;
  templates: number;
  /** Per expected item: caught by the source alone, with cdk.out. */
  items: { file: string; category: string; what: string; source: boolean; merged: boolean }[];
  /** Synthesized findings added to full-read files (not already reported by the source), with how closely they map. */
  added: (Eval & { file: string; expected: boolean })[];
  /** Over every source file of the app: synthesized findings mapped, by precision, and unmapped. */
  precision: Record<string, number>;
  /** Every mapped synthesized finding: rule, resource, the property it names, and how closely it was placed. */
  mapped: { rule: string; path: string | undefined; type: string | undefined; property: string; precision: string; at: string }[];
  unmapped: number;
  /** Synthesized findings added to a full-read file that repeat a source finding there (same rule, same line or construct): must be 0. */
  duplicates: number;
  nag: NagCompare;
}

interface NagCompare {
  both: string[];
  nagOnly: string[];
  parapetOnly: string[];
}

/** AwsSolutions rule ids (`S10`, `IAM5`, …) of the installed pack, as scripts/crosscheck-cdk-nag.ts reads them. */
function awsSolutionsIds(tool: string): Set<string> {
  const file = path.join(tool, 'node_modules', 'cdk-nag', 'lib', 'packs', 'aws-solutions.js');
  return new Set([...fs.readFileSync(file, 'utf8').matchAll(/ruleSuffixOverride:\s*'([A-Za-z0-9]+)'/g)].map((m) => m[1]));
}

/** AwsSolutions id (`AwsSolutions-S10`) → the Parapet rules naming it as an equivalent (other packs' ids are left out). */
function equivalents(tool: string): Map<string, string[]> {
  const pack = awsSolutionsIds(tool);
  const out = new Map<string, string[]>();
  for (const r of rules) {
    for (const eq of r.meta.equivalents?.cdkNag ?? []) {
      const suffix = eq.startsWith('AwsSolutions-') ? eq.slice('AwsSolutions-'.length) : eq;
      if (!pack.has(suffix)) continue;
      const id = `AwsSolutions-${suffix}`;
      out.set(id, [...new Set([...(out.get(id) ?? []), r.meta.id])]);
    }
  }
  return out;
}

/** cdk-nag's violations (validation-report.json) against Parapet's findings in the same templates, per construct. */
function compareNag(dir: string, analysed: AnalysedAssembly, tool: string): NagCompare {
  const out: NagCompare = { both: [], nagOnly: [], parapetOnly: [] };
  const report = path.join(dir, 'cdk.out', 'validation-report.json');
  if (!fs.existsSync(report)) return out;
  const eq = equivalents(tool);
  const shared = new Set([...eq.values()].flat());
  const nag = new Set<string>();
  type Report = { pluginReports?: { violations?: { ruleName: string; violatingConstructs?: { constructPath: string }[] }[] }[] };
  for (const p of (JSON.parse(fs.readFileSync(report, 'utf8')) as Report).pluginReports ?? []) {
    for (const v of p.violations ?? []) {
      const id = v.ruleName.replace(/\[.*$/, '');
      if (!eq.has(id)) continue;
      for (const c of v.violatingConstructs ?? []) nag.add(`${id} ${c.constructPath.replace(/^\//, '')}`);
    }
  }
  const mine = new Map<string, string>();
  for (const sf of analysed.findings) {
    if (!shared.has(sf.finding.ruleId) || !sf.constructPath) continue;
    mine.set(`${sf.finding.ruleId} ${sf.constructPath}`, sf.finding.ruleId);
  }
  const hitByNag = new Set<string>();
  for (const n of nag) {
    const [id, at] = n.split(' ');
    const match = (eq.get(id) ?? []).map((r) => `${r} ${at}`).filter((k) => mine.has(k));
    if (match.length) {
      out.both.push(`${id} = ${match.join(', ')}`);
      for (const k of match) hitByNag.add(k);
    } else out.nagOnly.push(n);
  }
  for (const k of mine.keys()) if (!hitByNag.has(k)) out.parapetOnly.push(k);
  return out;
}

function measure(scratch: string, tool: string, app: App, status: string): AppResult {
  const dir = appDir(scratch, app);
  const res: AppResult = {
    app: `${app.key}/${app.appPath}`,
    syntax: app.syntax,
    status,
    templates: 0,
    items: [],
    added: [],
    precision: {},
    mapped: [],
    unmapped: 0,
    duplicates: 0,
    nag: { both: [], nagOnly: [], parapetOnly: [] },
  };
  // An app never synthesized here still has its source measured: written from the mirror, without a synth.
  if (!fs.existsSync(dir)) extract(path.join(mirrorsRoot(), app.key, 'repo'), app, path.join(scratch, app.key));
  const cdkApp = fs.existsSync(path.join(dir, 'cdk.out')) ? runSync(findApp(path.join(dir, 'cdk.json')), '/') : undefined;
  const asm = cdkApp && loadAssemblySync(cdkApp);
  const analysed = asm && !asm.error ? analyseAssembly(asm, rules) : undefined;
  res.templates = asm?.templates.length ?? 0;
  const parsed = new Map<string, { sites: FileSites; text: string }>();
  for (const file of fs.existsSync(dir) ? sourceFiles(dir) : []) {
    const text = fs.readFileSync(file, 'utf8');
    const doc = parseDocument(pathToFileURL(file).href, 1, text);
    const found = doc.kind === 'cdk-ts' || doc.kind === 'cdk-py' ? sitesOf(doc) : undefined;
    if (found) parsed.set(file, { sites: { uri: doc.uri, doc, ...found, mtimeMs: fs.statSync(file).mtimeMs }, text });
  }
  const index = new SourceIndex([...parsed.values()].map((p) => p.sites));
  const mapped = analysed ? mapAssembly(analysed, index) : { mapped: [], unmapped: [] };
  res.unmapped = mapped.unmapped.length;
  for (const m of mapped.mapped) {
    res.precision[m.target.precision] = (res.precision[m.target.precision] ?? 0) + 1;
    const text = index.files.get(m.target.uri)?.doc.text ?? '';
    res.mapped.push({
      rule: m.sf.finding.ruleId,
      path: m.sf.constructPath,
      type: m.sf.resourceType,
      property: m.sf.propertyPath.join('.'),
      precision: m.target.precision,
      at: text.slice(m.target.start, m.target.end).split('\n')[0].slice(0, 80),
    });
  }
  for (const f of app.files) {
    const abs = path.join(scratch, app.key, f.rel);
    const p = parsed.get(abs);
    const text = p?.text ?? (fs.existsSync(abs) ? fs.readFileSync(abs, 'utf8') : '');
    const doc = p?.sites.doc ?? parseDocument(pathToFileURL(abs).href, 1, text);
    const source = analyze(doc, rules);
    const merged = analysed ? mergeInto(source, mapped.mapped, rules, index) : source;
    const before = source.findings.map((x) => evalOf(x, text));
    const after = merged.findings.map((x) => evalOf(x, text));
    for (const item of f.expected) {
      res.items.push({
        file: f.id,
        category: item.category,
        what: item.what,
        source: before.some((e) => caught(item, e)),
        merged: after.some((e) => caught(item, e)),
      });
    }
    for (const e of after.filter((x) => x.precision)) res.added.push({ ...e, file: f.id, expected: f.expected.some((i) => caught(i, e)) });
    res.duplicates += merged.findings.filter((x) => synthOf(x) && source.findings.some((s) => repeats(s, x, text))).length;
  }
  if (analysed) res.nag = compareNag(dir, analysed, tool);
  return res;
}

function pct(n: number, d: number): string {
  return d ? `${n} (${Math.round((100 * n) / d)}%)` : '0';
}

function table(results: AppResult[]): string {
  const lines = [
    '| app | syntax | synth | templates | items | source only | with cdk.out | synthesized findings mapped (property / construct / line / stack) | unmapped | duplicates | cdk-nag shared: both / nag only / Parapet only |',
    '|---|---|---|---:|---:|---:|---:|---|---:|---:|---|',
  ];
  for (const r of results) {
    const n = r.items.length;
    const s = r.items.filter((i) => i.source).length;
    const m = r.items.filter((i) => i.merged).length;
    const p = r.precision;
    const prec = r.templates ? `${p.property ?? 0} / ${p.construct ?? 0} / ${p.line ?? 0} / ${p.stack ?? 0}` : '';
    const nag = r.templates ? `${r.nag.both.length} / ${r.nag.nagOnly.length} / ${r.nag.parapetOnly.length}` : '';
    lines.push(
      `| ${r.app} | ${r.syntax} | ${r.status} | ${r.templates} | ${n} | ${pct(s, n)} | ${pct(m, n)} | ${prec} | ${r.templates ? r.unmapped : ''} | ${r.templates ? r.duplicates : ''} | ${nag} |`,
    );
  }
  return lines.join('\n');
}

async function main(argv: string[]): Promise<number> {
  const scratch = option(argv, '--scratch');
  const tool = option(argv, '--tool');
  if (!scratch || !tool) {
    process.stderr.write('usage: synth.js --scratch <dir outside the repository> --tool <dir with node_modules> [--synth] [--json]\n');
    return 2;
  }
  await initCdkPython();
  const python = spawnSync('python3', ['-c', 'import aws_cdk']).status === 0;
  const apps = appsOfFullReads();
  const statusFile = path.join(scratch, 'synth-status.json');
  const statuses: Record<string, SynthStatus> = fs.existsSync(statusFile)
    ? (JSON.parse(fs.readFileSync(statusFile, 'utf8')) as Record<string, SynthStatus>)
    : {};
  const only = option(argv, '--only');
  if (argv.includes('--synth')) {
    fs.mkdirSync(scratch, { recursive: true });
    for (const app of apps) {
      const id = `${app.key}/${app.appPath}`;
      if (only && !id.includes(only)) continue;
      process.stderr.write(`synth ${id}… `);
      statuses[id] = synthApp(scratch, tool, app, python);
      process.stderr.write(`${statuses[id].message}\n`);
      fs.writeFileSync(statusFile, JSON.stringify(statuses, null, 2));
    }
  }
  const results = apps.map((app) => {
    const id = `${app.key}/${app.appPath}`;
    return measure(scratch, tool, app, statuses[id]?.ok ? 'yes' : `no: ${statuses[id]?.message ?? 'not run'}`);
  });
  if (argv.includes('--json')) process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
  else process.stdout.write(`${table(results)}\n`);
  return 0;
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => (process.exitCode = code),
    (e: unknown) => {
      process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
      process.exitCode = 1;
    },
  );
}
