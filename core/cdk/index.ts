import { ParsedDocument, registerSourceParser } from '../document';
import { registerWriter } from '../fix/render';
import { DocumentProblem } from '../parse/problems';
import { LineIndex } from '../positions';
import { analysisOf, setAnalysis } from './check';
import { CdkFixWriter } from './edits';
import { CdkModel } from './model';
import { projectOf } from './project';
import { buildCdkTemplate } from './template';
import type { analyzeTs as AnalyzeTs } from './ts-analyzer';

// `typescript` costs ~50 MB and ~0.3 s to load: required on the first TypeScript document, never for YAML/JSON only.
let analyzeTsLazy: typeof AnalyzeTs | undefined;
function tsAnalyzer(): typeof AnalyzeTs {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- lazy: the TypeScript compiler loads only when a CDK TypeScript file is analysed
  analyzeTsLazy ??= (require('./ts-analyzer') as typeof import('./ts-analyzer')).analyzeTs;
  return analyzeTsLazy;
}

/**
 * Entry point of the CDK analyzers: registers the TypeScript (and, once initialised, Python)
 * source parsers and the CDK fix writer with the core. Imported once from rules/index.ts.
 */

/** Turns a model into a parsed document: the L1 template, the project's CDK version, v1 notes. */
export function cdkDocument(uri: string, version: number, text: string, model: CdkModel, syntax: 'typescript' | 'python'): ParsedDocument {
  const lines = new LineIndex(text);
  const tpl = buildCdkTemplate(model, (offset) => lines.positionAt(offset).line + 1);
  setAnalysis({ model, tpl, project: projectOf(uri) });
  const problems: DocumentProblem[] = model.imports.v1.map((s) => ({
    code: 'cdk-v1-unsupported',
    severity: 'info',
    start: s.start,
    end: s.end,
    message:
      'CDK v1 reached end of support on 2023-06-01. Parapet checks this file with the v2 (aws-cdk-lib) defaults; migrate to aws-cdk-lib.',
  }));
  return {
    uri,
    version,
    text,
    syntax,
    kind: syntax === 'typescript' ? 'cdk-ts' : 'cdk-py',
    root: tpl.template.root,
    template: tpl.template,
    lines,
    problems,
    usesShortTags: false,
    cdk: model,
    resourceNames: tpl.names,
  };
}

/** A CDK-looking file the parser could not read: a warning, no findings. */
export function failedDocument(uri: string, version: number, text: string, syntax: 'typescript' | 'python', e: unknown): ParsedDocument {
  const deep = e instanceof RangeError;
  return {
    uri,
    version,
    text,
    syntax,
    kind: syntax === 'typescript' ? 'cdk-ts' : 'cdk-py',
    root: undefined,
    template: undefined,
    lines: new LineIndex(text),
    usesShortTags: false,
    problems: [
      {
        code: deep ? 'too-deep' : 'parse-error',
        severity: 'warning',
        start: 0,
        end: 0,
        message: deep ? 'The file is nested too deeply to analyse.' : `The file could not be analysed: ${String(e).split('\n')[0]}`,
      },
    ],
  };
}

let registered = false;

/** Registers the CDK parsers and fix writer (idempotent). */
export function registerCdk(): void {
  if (registered) return;
  registered = true;
  registerSourceParser('typescript', (uri, version, text, previous) => {
    const prev =
      previous?.cdk && previous.uri === uri && previous.syntax === 'typescript' ? { model: previous.cdk, text: previous.text } : undefined;
    let model: CdkModel | undefined;
    try {
      model = tsAnalyzer()(uri, text, prev);
    } catch (e) {
      // The TypeScript parser recurses: absurdly deep nesting overflows its stack. Say so, never crash.
      return failedDocument(uri, version, text, 'typescript', e);
    }
    return model ? cdkDocument(uri, version, text, model, 'typescript') : undefined;
  });
  registerWriter((doc) => {
    const a = analysisOf(doc);
    return a ? new CdkFixWriter(doc, a.model, a.tpl) : undefined;
  });
}
