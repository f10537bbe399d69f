/**
 * `npm run crosscheck:cdk-nag`: synthesizes every CDK TypeScript fixture of this repository (never
 * user code) in a temporary folder with the repository's aws-cdk-lib and cdk-nag's AwsSolutions
 * pack, and prints where Parapet and cdk-nag disagree on the rules they share (a Parapet rule
 * whose `meta.equivalents.cdkNag` names an AwsSolutions rule). A dev-time script, not a test:
 * disagreements are explained in docs/cdk.md ("cdk-nag cross-check").
 *   node out/scripts/crosscheck-cdk-nag.js [--json] [--keep]
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseDocument } from '../core/document';
import { analyze } from '../core/engine';
import { rules } from '../rules';

const ROOT = path.resolve(__dirname, __dirname.includes(`${path.sep}out${path.sep}`) ? '../..' : '..');
const PREFIX = 'AwsSolutions-';

/** AwsSolutions rule ids (`S10`, `IAM5`, …), read from the installed pack. */
function awsSolutionsIds(): Set<string> {
  const file = path.join(ROOT, 'node_modules', 'cdk-nag', 'lib', 'packs', 'aws-solutions.js');
  const ids = new Set<string>();
  for (const m of fs.readFileSync(file, 'utf8').matchAll(/ruleSuffixOverride:\s*'([A-Za-z0-9]+)'/g)) ids.add(m[1]);
  return ids;
}

/** cdk-nag id (`AwsSolutions-S10`) → the Parapet rules that name it as an equivalent. */
function sharedRules(pack: Set<string>, cdkOnly: boolean): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const r of rules) {
    // A rule that does not serve CDK source (CloudFormation only) is counted apart: Parapet does not claim it there.
    if (r.meta.syntaxes.includes('cdk-ts') !== cdkOnly) continue;
    for (const eq of r.meta.equivalents?.cdkNag ?? []) {
      const suffix = eq.startsWith(PREFIX) ? eq.slice(PREFIX.length) : eq;
      if (!pack.has(suffix)) continue;
      const id = PREFIX + suffix;
      out.set(id, [...new Set([...(out.get(id) ?? []), r.meta.id])]);
    }
  }
  return out;
}

/** Every TypeScript fixture app of the repository. */
function fixtures(): string[] {
  const out: string[] = [];
  const visit = (dir: string): void => {
    if (!fs.existsSync(dir)) return;
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      // The cloud-assembly fixtures are whole apps with their own cdk.out (test/cloud-assembly), not one-stack fixtures.
      if (e.isDirectory()) {
        if (e.name !== 'cloud-assembly') visit(p);
      } else if (e.name.endsWith('.ts') && !e.name.endsWith('.d.ts') && /aws-cdk-lib/.test(fs.readFileSync(p, 'utf8'))) out.push(p);
    }
  };
  visit(path.join(ROOT, 'test', 'fixtures'));
  return out.sort();
}

/** The child process: loads each compiled fixture, synthesizes its stacks with AwsSolutionsChecks, reads the validation report. */
const RUNNER = `
const fs = require('fs');
const path = require('path');
const { App, Stack, Validations } = require('aws-cdk-lib');
const { AwsSolutionsChecks } = require('cdk-nag');
const jobs = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const results = [];
for (const job of jobs) {
  const outdir = path.join(path.dirname(job.js), 'cdk.out-' + job.n);
  const res = { n: job.n, violations: [], error: undefined };
  try {
    const mod = require(job.js);
    const app = new App({ outdir });
    let stacks = 0;
    for (const v of Object.values(mod)) {
      if (typeof v === 'function' && v.prototype instanceof Stack) { new v(app, 'Fixture' + (stacks ? stacks : '')); stacks++; }
    }
    if (!stacks) throw new Error('no Stack class exported');
    Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
    try { app.synth(); } catch (e) { if (!String(e).includes('Validation failed')) throw e; }
    const report = path.join(outdir, 'validation-report.json');
    if (fs.existsSync(report)) {
      for (const p of JSON.parse(fs.readFileSync(report, 'utf8')).pluginReports || []) {
        for (const v of p.violations || []) {
          for (const c of v.violatingConstructs || []) res.violations.push({ id: v.ruleName, path: c.constructPath });
        }
      }
    }
  } catch (e) {
    res.error = String(e && e.message || e).split('\\n')[0];
  }
  results.push(res);
}
process.stdout.write(JSON.stringify(results));
`;

interface Row {
  fixture: string;
  rule: string;
  parapet: boolean;
  cdkNag: string[];
}

function main(argv: string[]): number {
  const pack = awsSolutionsIds();
  const shared = sharedRules(pack, true);
  const sharedIds = new Set([...shared.values()].flat());
  const cfnOnly = sharedRules(pack, false);
  const files = fixtures();
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'parapet-crosscheck-'));
  try {
    // Compile each fixture to CommonJS with esbuild (a dev dependency); imports resolve through NODE_PATH.
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- esbuild is a dev dependency, loaded only by this script
    const esbuild = require('esbuild') as typeof import('esbuild');
    const jobs = files.map((file, n) => {
      const js = path.join(tmp, `fixture-${n}.js`);
      const out = esbuild.transformSync(fs.readFileSync(file, 'utf8'), { loader: 'ts', format: 'cjs', target: 'node20', sourcefile: file });
      fs.writeFileSync(js, out.code);
      return { n, js };
    });
    fs.writeFileSync(path.join(tmp, 'jobs.json'), JSON.stringify(jobs));
    fs.writeFileSync(path.join(tmp, 'runner.js'), RUNNER);
    const run = spawnSync(process.execPath, [path.join(tmp, 'runner.js'), path.join(tmp, 'jobs.json')], {
      cwd: tmp,
      encoding: 'utf8',
      maxBuffer: 256 * 1024 * 1024,
      env: { ...process.env, NODE_PATH: path.join(ROOT, 'node_modules') },
    });
    if (run.status !== 0) {
      process.stderr.write(`crosscheck: the synth runner failed:\n${run.stderr}\n`);
      return 2;
    }
    const results = JSON.parse(run.stdout) as { n: number; violations: { id: string; path: string }[]; error?: string }[];
    const rows: Row[] = [];
    const errors: string[] = [];
    /** cdk-nag findings whose Parapet equivalent reads CloudFormation only: not a disagreement on CDK source. */
    const outOfScope = new Map<string, number>();
    for (const r of results) {
      const file = files[r.n];
      const rel = path.relative(ROOT, file);
      if (r.error) {
        errors.push(`${rel}: ${r.error}`);
        continue;
      }
      const doc = parseDocument(pathToFileURL(file).href, 1, fs.readFileSync(file, 'utf8'));
      const mine = new Set(
        analyze(doc, rules)
          .findings.map((f) => f.ruleId)
          .filter((id) => sharedIds.has(id)),
      );
      const nagIds = new Set<string>();
      for (const v of r.violations) {
        // cdk-nag 3 names each finding of a multi-finding rule `AwsSolutions-IAM5[Action::s3:*]`: the rule is the part before `[`.
        const base = v.id.replace(/\[.*$/, '');
        if (shared.has(base)) nagIds.add(base);
        for (const rule of cfnOnly.get(base) ?? []) outOfScope.set(`${rule} (${base})`, (outOfScope.get(`${rule} (${base})`) ?? 0) + 1);
      }
      // One cdk-nag rule may stand for several Parapet rules (EC26: volumes and block devices): it agrees when any of them fires.
      for (const id of nagIds) {
        const eq = shared.get(id)!;
        const hit = eq.filter((rule) => mine.has(rule));
        rows.push({ fixture: rel, rule: hit.length ? hit.join(', ') : eq.join(' / '), parapet: hit.length > 0, cdkNag: [id] });
      }
      for (const rule of mine) {
        const covered = [...nagIds].some((id) => shared.get(id)!.includes(rule));
        if (!covered) rows.push({ fixture: rel, rule, parapet: true, cdkNag: [] });
      }
    }
    const both = rows.filter((r) => r.parapet && r.cdkNag.length);
    const onlyParapet = rows.filter((r) => r.parapet && !r.cdkNag.length);
    const onlyNag = rows.filter((r) => !r.parapet && r.cdkNag.length);
    if (argv.includes('--json')) {
      process.stdout.write(
        `${JSON.stringify({ fixtures: files.length, errors, both, onlyParapet, onlyNag, outOfScope: Object.fromEntries(outOfScope) }, null, 2)}\n`,
      );
    } else {
      const lines = [
        `cdk-nag ${readVersion('cdk-nag')} AwsSolutions (${pack.size} rules) vs Parapet on ${files.length} CDK TypeScript fixtures (aws-cdk-lib ${readVersion('aws-cdk-lib')})`,
        `shared rules (Parapet rules on CDK source with an AwsSolutions equivalent): ${[...sharedIds].sort().join(', ')}`,
        '',
        `findings on shared rules (per fixture and cdk-nag rule, or Parapet rule): ${rows.length}; both: ${both.length}; Parapet only: ${onlyParapet.length}; cdk-nag only: ${onlyNag.length}; agreement ${rows.length ? Math.round((100 * both.length) / rows.length) : 100}%`,
      ];
      if (outOfScope.size)
        lines.push(
          '',
          'cdk-nag findings whose Parapet equivalent reads CloudFormation only (not compared):',
          ...[...outOfScope].map(([k, n]) => `  ${k}: ${n}`),
        );
      if (errors.length) lines.push('', `synth failed (${errors.length}):`, ...errors.map((e) => `  ${e}`));
      if (onlyParapet.length) lines.push('', 'Parapet only:', ...onlyParapet.map((r) => `  ${r.fixture}: ${r.rule}`));
      if (onlyNag.length) lines.push('', 'cdk-nag only:', ...onlyNag.map((r) => `  ${r.fixture}: ${r.rule} (${r.cdkNag.join(', ')})`));
      process.stdout.write(`${lines.join('\n')}\n`);
    }
    return 0;
  } finally {
    if (!argv.includes('--keep')) fs.rmSync(tmp, { recursive: true, force: true });
    else process.stderr.write(`kept ${tmp}\n`);
  }
}

function readVersion(pkg: string): string {
  try {
    return (JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules', pkg, 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return '?';
  }
}

if (require.main === module) process.exitCode = main(process.argv.slice(2));
