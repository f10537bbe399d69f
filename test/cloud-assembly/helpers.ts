import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  analyseAssembly,
  AnalysedAssembly,
  CloudAssembly,
  FileSites,
  findApp,
  loadAssemblySync,
  mapAssembly,
  Mapped,
  mergeInto,
  runSync,
  sitesOf,
  SourceIndex,
  SynthFinding,
} from '../../core/cloud-assembly';
import { parseDocument } from '../../core/document';
import { analyze, AnalysisResult } from '../../core/engine';
import { rules } from '../../rules';

/** The repository root (tests run compiled from out/test/cloud-assembly). */
export const ROOT = path.resolve(__dirname, '..', '..', '..');
export const FIXTURES = path.join(ROOT, 'test', 'fixtures', 'cloud-assembly');

/** Every file under a folder, relative to it. */
export function filesUnder(dir: string): string[] {
  return (fs.readdirSync(dir, { recursive: true }) as string[]).filter((f) => fs.statSync(path.join(dir, f)).isFile());
}

/**
 * A copy of a fixture app in a temporary folder, with the times a real synth leaves: the source an
 * hour older than the cloud assembly (git does not keep modification times).
 */
export function copyApp(name: 'ts-app' | 'py-app'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `parapet-${name}-`));
  fs.cpSync(path.join(FIXTURES, name), dir, { recursive: true });
  const now = Date.now() / 1000;
  for (const f of filesUnder(dir)) {
    const t = f.startsWith(`cdk.out${path.sep}`) ? now : now - 3600;
    fs.utimesSync(path.join(dir, f), t, t);
  }
  return dir;
}

/** Makes a source file newer than the synth, as saving it after `cdk synth` does. */
export function touchLater(file: string): void {
  const t = Date.now() / 1000 + 60;
  fs.utimesSync(file, t, t);
}

export interface LoadedApp {
  asm: CloudAssembly;
  analysed: AnalysedAssembly;
  index: SourceIndex;
  mapped: Mapped[];
  unmapped: SynthFinding[];
  /** The source files' analyses merged with the synthesized findings, by path relative to the app. */
  merged: Map<string, AnalysisResult>;
}

/** Reads the app's cdk.out, analyses it and maps it onto the given source files (paths relative to the app). */
export function loadApp(dir: string, sources: string[]): LoadedApp {
  const app = runSync(findApp(path.join(dir, sources[0])), '/');
  if (!app) throw new Error(`no cdk.json above ${sources[0]}`);
  const asm = loadAssemblySync(app);
  if (!asm) throw new Error('no cloud assembly');
  const analysed = analyseAssembly(asm, rules);
  const files: { rel: string; sites: FileSites; result: AnalysisResult }[] = [];
  for (const rel of sources) {
    const abs = path.join(dir, rel);
    const doc = parseDocument(pathToFileURL(abs).href, 1, fs.readFileSync(abs, 'utf8'));
    const result = analyze(doc, rules);
    const found = sitesOf(doc);
    if (!found) throw new Error(`${rel} is not CDK source`);
    files.push({ rel, result, sites: { uri: doc.uri, doc, ...found, mtimeMs: fs.statSync(abs).mtimeMs } });
  }
  const index = new SourceIndex(files.map((f) => f.sites));
  const { mapped, unmapped } = mapAssembly(analysed, index);
  const merged = new Map(files.map((f) => [f.rel, mergeInto(f.result, mapped, rules, index)]));
  return { asm, analysed, index, mapped, unmapped, merged };
}

/** 0-based line of the first line of `text` holding `snippet`. */
export function lineOf(text: string, snippet: string): number {
  const at = text.indexOf(snippet);
  if (at < 0) throw new Error(`snippet not found: ${snippet}`);
  return text.slice(0, at).split('\n').length - 1;
}
