/**
 * `parapet scan` on a CDK app with a `cdk.out`: the synthesized templates (never scanned as files of
 * their own) are analysed with the CloudFormation engine and their findings placed on the scanned
 * CDK source files (core/cloud-assembly), merged with the source findings without duplicates.
 * Nothing is executed; `cdk.out` is only read. Runs on the main thread after the per-file scan.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  analyseAssembly,
  CdkApp,
  CloudAssembly,
  FileSites,
  findApp,
  loadAssemblySync,
  mapAssembly,
  mergeInto,
  runSync,
  SourceIndex,
  sitesOf,
  synthOf,
  SynthFinding,
} from '../core/cloud-assembly';
import { MAX_DOCUMENT_BYTES, parseDocument } from '../core/document';
import { analyze, AnalysisOptions } from '../core/engine';
import { decodeText, readRegularFileSync } from '../core/files';
import { rules } from '../rules';
import { findingKey } from './fingerprint';
import { FileResult, OutFinding } from './scan-file';
import { displayPath, ScanError } from './walk';

/** CDK source a synthesized finding can be placed in. */
const SOURCE = /\.(?:tsx?|py)$/i;

interface AppFiles {
  app: CdkApp;
  files: { abs: string; result: FileResult }[];
}

/** The scanned CDK source files grouped by their app (the nearest cdk.json above them). */
function appsOf(files: readonly { abs: string }[], results: readonly FileResult[]): AppFiles[] {
  const byDir = new Map<string, CdkApp | undefined>();
  const apps = new Map<string, AppFiles>();
  files.forEach((f, i) => {
    if (!SOURCE.test(f.abs) || f.abs.endsWith('.d.ts')) return;
    const dir = path.dirname(f.abs);
    if (!byDir.has(dir)) byDir.set(dir, runSync(findApp(f.abs), path.parse(dir).root));
    const app = byDir.get(dir);
    if (!app) return;
    const entry = apps.get(app.dir) ?? { app, files: [] };
    entry.files.push({ abs: f.abs, result: results[i] });
    apps.set(app.dir, entry);
  });
  return [...apps.values()];
}

/** A scanned source file parsed again (after `--fix`, as it is on disk now) with its construct sites. */
function indexFile(abs: string): FileSites | undefined {
  const read = readRegularFileSync(abs, MAX_DOCUMENT_BYTES);
  if (!read.ok) return undefined;
  const doc = parseDocument(pathToFileURL(abs).href, 1, decodeText(read.bytes));
  const found = doc.kind === 'cdk-ts' || doc.kind === 'cdk-py' ? sitesOf(doc) : undefined;
  if (!found) return undefined;
  let mtimeMs: number | undefined;
  try {
    mtimeMs = fs.statSync(abs).mtimeMs;
  } catch {
    mtimeMs = undefined;
  }
  return { uri: doc.uri, doc, ...found, mtimeMs };
}

function toOut(
  file: string,
  f: { ruleId: string; category: OutFinding['category']; severity: OutFinding['severity'] },
): Omit<OutFinding, 'range' | 'resource' | 'message'> {
  return { ruleId: f.ruleId, category: f.category, severity: f.severity, file };
}

/** A finding no scanned construct creates: reported where the template has it, saying so. */
function unmappedOut(sf: SynthFinding, appDir: string, cwd: string): OutFinding {
  const rel = path.relative(appDir, sf.template.file).split(path.sep).join('/');
  return {
    ...toOut(displayPath(sf.template.file, cwd), sf.finding),
    range: sf.finding.range,
    resource: sf.finding.resource ?? null,
    message: `${sf.finding.message} (${rel}: no construct in the scanned source creates it)`,
  };
}

function problemsOf(asm: CloudAssembly, cwd: string): ScanError[] {
  const file = displayPath(asm.dir, cwd);
  const out: ScanError[] = [];
  if (asm.error)
    out.push({ file, message: `the cloud assembly cannot be read: ${asm.error}; findings from the synthesized templates are left out` });
  for (const p of asm.problems) out.push({ file, message: `cloud assembly: ${p}` });
  return out;
}

/** Places one app's synthesized findings in its scanned files (their results gain findings); unmapped ones get results of their own. */
function synthOne(a: AppFiles, opts: AnalysisOptions, cwd: string): { extra: FileResult[]; errors: ScanError[] } {
  const extra: FileResult[] = [];
  const asm = loadAssemblySync(a.app);
  if (!asm) return { extra, errors: [] };
  const errors = problemsOf(asm, cwd);
  if (asm.error) return { extra, errors };
  const analysed = analyseAssembly(asm, rules, opts);
  for (const p of analysed.problems) errors.push({ file: displayPath(asm.dir, cwd), message: `cloud assembly: ${p}` });
  const indexed = new Map<string, { sites: FileSites; result: FileResult }>();
  for (const f of a.files) {
    const sites = indexFile(f.abs);
    if (sites) indexed.set(sites.uri, { sites, result: f.result });
  }
  const index = new SourceIndex([...indexed.values()].map((v) => v.sites));
  const { mapped, unmapped } = mapAssembly(analysed, index);
  for (const { sites, result } of indexed.values()) {
    const merged = mergeInto(analyze(sites.doc, rules, opts), mapped, rules, index);
    for (const f of merged.findings) {
      const synth = synthOf(f);
      if (!synth) continue;
      result.findings.push({
        ...toOut(result.file, f),
        range: f.range,
        resource: f.resource ?? null,
        message: f.message,
        key: findingKey(f.ruleId, result.file, f.resource ?? null, sites.doc.lines.lineText(f.range.start.line)),
        related: synth.locations.map((l) => ({ file: displayPath(fileURLToPath(l.uri), cwd), range: l.range, message: l.message })),
      });
    }
  }
  for (const sf of unmapped) {
    const out = unmappedOut(sf, a.app.dir, cwd);
    let r = extra.find((x) => x.file === out.file);
    if (!r) extra.push((r = { file: out.file, analysed: false, findings: [], errors: [], fixed: 0, notFixed: false }));
    r.findings.push(out);
  }
  return { extra, errors };
}

/**
 * The synth pass of a scan: for every app among the scanned CDK files that has a cloud assembly,
 * its synthesized findings are added to the files' results (and, for findings no scanned construct
 * creates, results for the templates). Returns the extra results and the errors to report.
 */
export function synthPass(
  files: readonly { abs: string }[],
  results: readonly FileResult[],
  opts: AnalysisOptions,
  cwd: string,
): { results: FileResult[]; errors: ScanError[] } {
  const extra: FileResult[] = [];
  const errors: ScanError[] = [];
  for (const a of appsOf(files, results)) {
    try {
      const one = synthOne(a, opts, cwd);
      extra.push(...one.extra);
      errors.push(...one.errors);
    } catch (e) {
      // A crash here must not lose the scan's own findings.
      errors.push({
        file: displayPath(a.app.outDir, cwd),
        message: `internal error reading the cloud assembly: ${e instanceof Error ? e.message : String(e)}`,
      });
    }
  }
  return { results: extra, errors };
}
