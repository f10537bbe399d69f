import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { hasSourceParser, parseDocument, ParsedDocument } from '../../core/document';
import { Rule, RuleContext, RuleSyntax } from '../../core/rule';

/** The repository root, from `out/test/rules/` or `test/rules/`. */
export const ROOT = path.resolve(__dirname, __dirname.includes(`${path.sep}out${path.sep}`) ? '../../..' : '../..');
export const FIXTURES = path.join(ROOT, 'test', 'fixtures', 'rules');

/** Fixture file suffix per syntax (docs/architecture.md, "Fixtures"). */
export const FIXTURE_SUFFIX: Record<RuleSyntax, string> = {
  'cfn-yaml': 'yaml',
  'cfn-json': 'json',
  'policy-json': 'policy.json',
  'policy-yaml': 'policy.yaml',
  'cdk-ts': 'ts',
  'cdk-py': 'py',
};

/** The bad or good fixture path of a rule for one syntax. */
export function fixturePath(ruleId: string, syntax: RuleSyntax, kind: 'bad' | 'good'): string {
  return path.join(FIXTURES, ruleId, `${kind}.${FIXTURE_SUFFIX[syntax]}`);
}

/** False for a CDK syntax whose analyzer has not registered its parser yet: its fixtures cannot be read. */
export function syntaxReady(syntax: RuleSyntax): boolean {
  if (syntax === 'cdk-ts') return hasSourceParser('typescript');
  if (syntax === 'cdk-py') return hasSourceParser('python');
  return true;
}

/**
 * `it` that asks `syntaxReady` when the test runs, not when the file loads: CDK Python registers its
 * parser only once `initCdkPython()` (awaited in a `before` hook) has loaded tree-sitter's wasm.
 */
export function itWhenReady(syntax: RuleSyntax): (title: string, fn: () => void) => Mocha.Test {
  return (title, fn) =>
    it(title, function () {
      if (!syntaxReady(syntax)) this.skip();
      fn();
    });
}

/** Parses a file the way the server and the CLI do: by its name and content. */
export function parseFile(file: string, text = fs.readFileSync(file, 'utf8')): ParsedDocument {
  return parseDocument(pathToFileURL(file).href, 1, text);
}

/** Re-parses edited text as the same document, one version later. */
export function reparse(doc: ParsedDocument, text: string): ParsedDocument {
  return parseDocument(doc.uri, doc.version + 1, text);
}

/** Analysis options that run every rule and every finding: tests of a rule's behaviour use them, whatever its profile. */
export const STRICT = { profile: 'strict' } as const;

/**
 * The rule with every fix it reports marked safe, so fix-all exercises the writers on suggestions
 * too (tests only: the catalogue's own declarations decide what fix-all applies for users).
 */
export function everyFixSafe(rule: Rule): Rule {
  const wrap = (ctx: RuleContext): RuleContext => ({
    ...ctx,
    report: (r) => {
      const fixes =
        r.fix === undefined ? undefined : (Array.isArray(r.fix) ? r.fix : [r.fix]).map((f) => ({ ...f, safety: 'safe' as const }));
      ctx.report({ ...r, fix: fixes });
    },
  });
  return {
    meta: rule.meta,
    ...(rule.template ? { template: (t, ctx) => rule.template!(t, wrap(ctx)) } : {}),
    ...(rule.source ? { source: (ctx) => rule.source!(wrap(ctx)) } : {}),
    ...(rule.document ? { document: (ctx) => rule.document!(wrap(ctx)) } : {}),
  } as Rule;
}
