/**
 * Scans the materialized real-world set in-process with the CLI's own per-file path
 * (cli/scan-file.ts: parse, analyse, default settings), and records each finding with the trimmed
 * source line it points at, which is how judgements are matched.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { loadPython } from '../../cli/worker';
import { scanFile } from '../../cli/scan-file';
import { parseDocument } from '../../core/document';
import { WorkspaceFacts } from '../../core/rule';
import { workspaceFacts } from '../../core/workspace-facts';
import { loadSources, readManifest, setRoot, Source, sourceKey } from './common';

export type EvalSyntax = 'cfn-yaml' | 'cfn-json' | 'cdk-ts' | 'cdk-py' | 'policy';
/** Judgement pools: a rule's shares are measured per pool (CloudFormation YAML and JSON share one). */
export type Pool = 'cfn' | 'cdk-ts' | 'cdk-py' | 'policy';

export function poolOf(s: EvalSyntax): Pool {
  return s === 'cfn-yaml' || s === 'cfn-json' ? 'cfn' : s;
}

export interface EvalFinding {
  /** `<owner>+<name>/<path in repo>` */
  file: string;
  rule: string;
  resource: string | null;
  /** 1-based */
  line: number;
  text: string;
  severity: string;
  category: string;
  message: string;
}

export interface ScannedFile {
  file: string;
  syntax: EvalSyntax;
  findings: EvalFinding[];
  /** Parse errors (document problems of severity `error`), as `line:col message (code)`. */
  parseErrors: string[];
  /** Anything else the scan reported: rule failures, internal errors, warnings and notes. */
  otherErrors: string[];
  /** From a holdout source (never tuned on). */
  holdout?: boolean;
}

export interface ScanSummary {
  files: ScannedFile[];
  /** Sources listed but not materialized (run `npm run realworld:build`). */
  missing: string[];
  /** Files that were selected but are not analysed (not CloudFormation, a policy or CDK). */
  skipped: number;
  /** How many of `skipped` are from holdout sources. */
  skippedHoldout: number;
}

/** Kind of a YAML/JSON file as the scan's detection decides, with its parse errors. */
function detect(abs: string, text: string): { syntax: EvalSyntax | undefined; parseErrors: string[] } {
  const doc = parseDocument(pathToFileURL(abs).href, 1, text);
  const parseErrors = doc.problems
    .filter((p) => p.severity === 'error')
    .map((p) => {
      const pos = doc.lines.positionAt(p.start);
      return `${pos.line + 1}:${pos.character + 1} ${p.message} (${p.code})`;
    });
  if (doc.kind === 'cfn') return { syntax: doc.syntax === 'json' ? 'cfn-json' : 'cfn-yaml', parseErrors };
  if (doc.kind === 'policy') return { syntax: 'policy', parseErrors };
  if (doc.kind === 'cdk-ts' || doc.kind === 'cdk-py') return { syntax: doc.kind, parseErrors };
  return { syntax: undefined, parseErrors };
}

function readText(abs: string): string {
  const text = fs.readFileSync(abs, 'utf8');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** Scans one file of the set; undefined when the scan leaves it alone. */
export function scanOne(abs: string, id: string, workspace?: WorkspaceFacts): ScannedFile | undefined {
  const result = scanFile(abs, id, { fix: false, workspace });
  if (!result.analysed && !result.errors.length) return undefined;
  let text: string;
  try {
    text = readText(abs);
  } catch {
    // scanFile has already recorded why the file could not be read.
    text = '';
  }
  const { syntax, parseErrors } = detect(abs, text);
  const fallback: EvalSyntax = /\.py$/.test(abs)
    ? 'cdk-py'
    : /\.[cm]?[tj]sx?$/.test(abs)
      ? 'cdk-ts'
      : /^\s*[{[]/.test(text)
        ? 'cfn-json'
        : 'cfn-yaml';
  const lines = text.split(/\r\n|\r|\n/);
  const findings = result.findings.map((f): EvalFinding => ({
    file: id,
    rule: f.ruleId,
    resource: f.resource,
    line: f.range.start.line + 1,
    text: (lines[f.range.start.line] ?? '').trim(),
    severity: f.severity,
    category: f.category,
    message: f.message,
  }));
  const parseSet = new Set(parseErrors);
  const otherErrors = result.errors.map((e) => e.message).filter((m) => !parseSet.has(m));
  return { file: id, syntax: syntax ?? fallback, findings, parseErrors, otherErrors };
}

/**
 * Scans every materialized source (or those `keep` accepts); CDK Python's grammar is loaded first when the set has
 * .py files.
 */
export async function scanSet(root = setRoot(), keep: (s: Source) => boolean = () => true): Promise<ScanSummary> {
  const summary: ScanSummary = { files: [], missing: [], skipped: 0, skippedHoldout: 0 };
  const manifests = loadSources()
    .filter(keep)
    .map((s) => ({ src: s, manifest: readManifest(s.repo, root) }));
  if (manifests.some((m) => m.manifest?.files.some((f) => f.endsWith('.py')))) await loadPython();
  for (const { src, manifest } of manifests) {
    if (!manifest || manifest.commit !== src.commit) {
      summary.missing.push(`${src.repo}${manifest ? ' (built at another commit)' : ''}`);
      continue;
    }
    const key = sourceKey(src.repo);
    // One repository is one workspace, as `parapet scan` of its checkout would see it.
    const workspace = workspaceFacts(manifest.files.map((rel) => readText(path.join(root, key, rel))));
    for (const rel of manifest.files) {
      const scanned = scanOne(path.join(root, key, rel), `${key}/${rel}`, workspace);
      if (scanned) summary.files.push(src.holdout ? { ...scanned, holdout: true } : scanned);
      else {
        summary.skipped++;
        if (src.holdout) summary.skippedHoldout++;
      }
    }
  }
  return summary;
}
