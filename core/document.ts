import { Node } from './nodes';
import { LineIndex } from './positions';
import { reparseIncrementally } from './parse/incremental';
import { parseJson } from './parse/json';
import { DocumentProblem } from './parse/problems';
import { parseYaml } from './parse/yaml';
import type { ParsedDocument, Syntax } from './parsed-document';
import { buildTemplate, looksLikeTemplate } from './template';

export type { ParsedDocument, Syntax } from './parsed-document';

/** Parses a source file (CDK TypeScript or Python) into a document, or returns undefined when it is not CDK. */
export type SourceParser = (uri: string, version: number, text: string, previous: ParsedDocument | undefined) => ParsedDocument | undefined;
const sourceParsers = new Map<Syntax, SourceParser>();

/** Lets the CDK analyzers take TypeScript and Python documents. */
export function registerSourceParser(syntax: 'typescript' | 'python', parser: SourceParser): void {
  sourceParsers.set(syntax, parser);
}

/** True once an analyzer has registered a parser for this source syntax (tests skip a syntax that has none yet). */
export function hasSourceParser(syntax: 'typescript' | 'python'): boolean {
  return sourceParsers.has(syntax);
}

/** Larger files are refused with a diagnostic: real templates stay far below (CloudFormation's own limit is 1 MB). */
export const MAX_DOCUMENT_BYTES = 5 * 1024 * 1024;

const TEMPLATE_HINT = /(^|["'\s{,])(AWSTemplateFormatVersion|Resources)["']?\s*:/m;
const POLICY_HINT = /(^|["'\s{,])Statement["']?\s*:/m;

/** Picks the syntax from the LSP language id, else the file name, else the first character. */
export function syntaxOf(uri: string, text: string, languageId?: string): Syntax | undefined {
  switch (languageId) {
    case 'yaml':
    case 'cloudformation':
      return 'yaml';
    case 'json':
    case 'jsonc':
      return 'json';
    case 'typescript':
    case 'typescriptreact':
    case 'javascript':
    case 'javascriptreact':
      return 'typescript';
    case 'python':
      return 'python';
    default:
      break;
  }
  const path = uri.toLowerCase();
  if (/\.(ya?ml)$/.test(path)) return 'yaml';
  if (/\.json$/.test(path)) return 'json';
  if (/\.(tsx?|jsx?|mts|cts|mjs|cjs)$/.test(path)) return 'typescript';
  if (/\.py$/.test(path)) return 'python';
  if (/\.(template|cfn|txt)$/.test(path)) return /^\s*[{[]/.test(text) ? 'json' : 'yaml';
  return undefined;
}

/** True when the text holds NUL bytes: a binary file, whatever its name says. */
export function looksBinary(text: string): boolean {
  return text.slice(0, 8192).includes('\u0000');
}

function emptyDoc(uri: string, version: number, text: string, syntax: Syntax, problems: DocumentProblem[] = []): ParsedDocument {
  return {
    uri,
    version,
    text,
    syntax,
    kind: 'none',
    root: undefined,
    template: undefined,
    lines: new LineIndex(text),
    problems,
    usesShortTags: false,
  };
}

/**
 * Detects and parses a document. Files that are not CloudFormation, a policy or CDK come back
 * with kind `none` and no problems: Parapet leaves other files alone, silently.
 */
export function parseDocument(uri: string, version: number, text: string, languageId?: string, previous?: ParsedDocument): ParsedDocument {
  const syntax = syntaxOf(uri, text, languageId);
  if (!syntax) return emptyDoc(uri, version, '', 'yaml');
  if (syntax === 'typescript' || syntax === 'python') {
    const parser = sourceParsers.get(syntax);
    if (!parser || looksBinary(text) || text.length > MAX_DOCUMENT_BYTES) return emptyDoc(uri, version, text, syntax);
    return parser(uri, version, text, previous) ?? emptyDoc(uri, version, text, syntax);
  }
  // A binary file named like a template (`template.yaml`) is worth a word; other binaries are left alone.
  const namedTemplate = /\.(ya?ml|json)$/i.test(uri);
  if (!(namedTemplate && looksBinary(text)) && !TEMPLATE_HINT.test(text.slice(0, 200_000)) && !POLICY_HINT.test(text.slice(0, 200_000))) {
    return emptyDoc(uri, version, text, syntax);
  }
  if (looksBinary(text)) {
    return emptyDoc(uri, version, text, syntax, [
      { code: 'binary', severity: 'warning', start: 0, end: 0, message: 'This file holds binary data; Parapet does not analyse it.' },
    ]);
  }
  if (text.length > MAX_DOCUMENT_BYTES) {
    return emptyDoc(uri, version, text, syntax, [
      {
        code: 'too-large',
        severity: 'warning',
        start: 0,
        end: 0,
        message: `This file is larger than ${MAX_DOCUMENT_BYTES / 1024 / 1024} MB; Parapet does not analyse it (CloudFormation accepts at most 1 MB).`,
      },
    ]);
  }
  let root: Node | undefined;
  let problems: DocumentProblem[];
  let usesShortTags = false;
  try {
    if (syntax === 'json') ({ root, problems } = parseJson(text));
    else ({ root, problems, usesShortTags } = parseYaml(text));
  } catch (e) {
    const deep = e instanceof RangeError;
    return emptyDoc(uri, version, text, syntax, [
      {
        code: deep ? 'too-deep' : 'parse-error',
        severity: 'error',
        start: 0,
        end: 0,
        message: deep ? 'The document is nested too deeply to parse.' : `The document could not be parsed: ${String(e).split('\n')[0]}`,
      },
    ]);
  }
  const doc: ParsedDocument = {
    uri,
    version,
    text,
    syntax,
    kind: 'none',
    root,
    template: undefined,
    lines: new LineIndex(text),
    problems,
    usesShortTags,
  };
  if (looksLikeTemplate(root)) {
    doc.kind = 'cfn';
    doc.template = buildTemplate(root);
  } else if (looksLikePolicy(root)) {
    doc.kind = 'policy';
  } else if (problems.some((p) => p.severity === 'error') && TEMPLATE_HINT.test(text.slice(0, 200_000))) {
    // A template so broken it has no usable tree yet (none, or `Type` lost to the error): still the user's
    // template, so show the parse error; rules wait for a template that parses.
    doc.kind = 'cfn';
  } else {
    doc.problems = [];
  }
  return doc;
}

function looksLikePolicy(root: Node | undefined): boolean {
  if (root?.kind !== 'map') return false;
  return root.pairs.some((p) => p.key.value === 'Statement') && !root.pairs.some((p) => p.key.value === 'Resources');
}

/** True when `text` would take the same detection path as `prev` did: same syntax, still a template candidate. */
function incrementalCandidate(prev: ParsedDocument, uri: string, text: string, languageId: string | undefined): boolean {
  if (prev.kind !== 'cfn' || (prev.syntax !== 'yaml' && prev.syntax !== 'json')) return false;
  if (text.length > MAX_DOCUMENT_BYTES || syntaxOf(uri, text, languageId) !== prev.syntax || looksBinary(text)) return false;
  const head = text.slice(0, 200_000);
  return TEMPLATE_HINT.test(head) || POLICY_HINT.test(head);
}

/**
 * Keeps one parse per (uri, version). A new version of a CloudFormation template whose edit lies
 * inside one resource is re-parsed incrementally from the previous one (core/parse/incremental.ts).
 * With a `capacity`, only that many most recently used documents keep their parse: a tree costs
 * ~110 KB per 300-line template, and the others are parsed again (in full) when next asked for.
 */
export class DocumentCache {
  private readonly docs = new Map<string, ParsedDocument>();

  constructor(private readonly capacity = Infinity) {}

  get(uri: string, version: number, text: string, languageId?: string): ParsedDocument {
    const hit = this.docs.get(uri);
    if (hit && hit.version === version && hit.text === text) {
      this.touch(uri, hit);
      return hit;
    }
    const doc =
      (hit && incrementalCandidate(hit, uri, text, languageId) && reparseIncrementally(hit, version, text)) ||
      parseDocument(uri, version, text, languageId, hit);
    this.touch(uri, doc);
    return doc;
  }

  /** Marks the entry most recently used (a Map iterates in insertion order) and drops the least recent over capacity. */
  private touch(uri: string, doc: ParsedDocument): void {
    if (this.capacity === Infinity) {
      this.docs.set(uri, doc);
      return;
    }
    this.docs.delete(uri);
    this.docs.set(uri, doc);
    for (const oldest of this.docs.keys()) {
      if (this.docs.size <= this.capacity) break;
      this.docs.delete(oldest);
    }
  }

  peek(uri: string): ParsedDocument | undefined {
    return this.docs.get(uri);
  }

  delete(uri: string): void {
    this.docs.delete(uri);
  }
}
