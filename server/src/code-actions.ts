import { CodeAction, CodeActionKind, CodeActionParams, Command, Diagnostic } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { ParsedDocument } from '../../core/document';
import { AnalysisResult, Finding } from '../../core/engine';
import { renderFix } from '../../core/fix/apply';
import { ServerContext } from './context';
import { findingFor, isFindingData, SOURCE } from './diagnostics';
import { diffEdit, toLspEdits, versionedEdit } from './edits';
import { Commands, FIX_ALL_KIND } from './protocol';
import { Settings } from './settings';
import { suppressEdits } from './suppress-edit';
import { titleOf } from './validation';

/** Whether the client asked for this kind of action (`only` absent means every kind). */
function wants(only: readonly string[] | undefined, kind: string): boolean {
  return !only || only.some((o) => kind === o || kind.startsWith(`${o}.`));
}

/**
 * Code actions for Parapet diagnostics, keyed on `code` and `data` only: per finding, its fixes
 * (the first preferred), "suppress with a reason", "show documentation" and, when the rule has
 * several fixable findings, "fix all of this rule"; plus `source.fixAll.parapet` for the file.
 * A diagnostic computed for another version than the current one gets nothing: its edit would
 * land in the wrong place.
 */
export async function codeActions(ctx: ServerContext, params: CodeActionParams, applies: (uri: string, s: Settings) => boolean): Promise<CodeAction[]> {
  const doc = ctx.documents.get(params.textDocument.uri);
  if (!doc) return [];
  const settings = await ctx.settings.get(doc.uri);
  const current = ctx.documents.get(doc.uri);
  if (!current || current.version !== doc.version || !applies(doc.uri, settings)) return [];
  const only = params.context.only;
  const actions: CodeAction[] = [];
  let result: AnalysisResult | undefined;
  const analysis = (): AnalysisResult => (result ??= ctx.analyzer.analyzeOpen(doc, settings));

  if (wants(only, CodeActionKind.QuickFix)) {
    const seenRules = new Set<string>();
    for (const diagnostic of params.context.diagnostics) {
      if (diagnostic.source !== SOURCE || !isFindingData(diagnostic.data)) continue;
      const data = diagnostic.data;
      if (data.version !== doc.version || diagnostic.code !== data.ruleId) continue; // stale: refuse
      const finding = findingFor(analysis(), data);
      if (!finding) continue;
      actions.push(...findingActions(ctx, doc, analysis().doc, finding, diagnostic));
      if (!seenRules.has(finding.ruleId)) {
        seenRules.add(finding.ruleId);
        const ruleFixAll = fixAllAction(ctx, doc, analysis().doc, settings, finding.ruleId, diagnostic);
        if (ruleFixAll) actions.push(ruleFixAll);
      }
    }
  }
  if (only && wants(only, FIX_ALL_KIND)) {
    const all = fixAllAction(ctx, doc, analysis().doc, settings, undefined, undefined);
    if (all) actions.push(all);
  }
  return actions;
}

function findingActions(ctx: ServerContext, doc: TextDocument, parsed: ParsedDocument, finding: Finding, diagnostic: Diagnostic): CodeAction[] {
  const out: CodeAction[] = [];
  finding.fixes.forEach((fix, i) => {
    let edits;
    try {
      edits = renderFix(parsed, fix);
    } catch (e) {
      ctx.log.info(`fix "${fix.title}" could not be written: ${e instanceof Error ? e.message : String(e)}`);
      return;
    }
    if (!edits.length) return;
    out.push({
      title: fix.title,
      kind: CodeActionKind.QuickFix,
      diagnostics: [diagnostic],
      isPreferred: i === 0,
      edit: versionedEdit(doc.uri, doc.version, toLspEdits(parsed, edits), ctx.client.documentChanges),
    });
  });
  const suppress = suppressEdits(parsed, finding);
  if (suppress?.length) {
    out.push({
      title: `Suppress ${finding.ruleId} with a reason`,
      kind: CodeActionKind.QuickFix,
      diagnostics: [diagnostic],
      edit: versionedEdit(doc.uri, doc.version, toLspEdits(parsed, suppress), ctx.client.documentChanges),
    });
  }
  out.push({
    title: `Show documentation for ${finding.ruleId}`,
    kind: CodeActionKind.QuickFix,
    diagnostics: [diagnostic],
    command: Command.create(`Show documentation for ${titleOf(finding.ruleId)}`, Commands.showRuleDocs, finding.ruleId),
  });
  return out;
}

/**
 * "Fix all <rule> problems in this file" (ruleId given, offered when the rule has at least two
 * fixable findings) or `source.fixAll.parapet` (every rule). The edit comes from the core's
 * iterative `fixAll`, reduced to the span that changed.
 */
function fixAllAction(ctx: ServerContext, doc: TextDocument, parsed: ParsedDocument, settings: Settings, ruleId: string | undefined, diagnostic: Diagnostic | undefined): CodeAction | undefined {
  const findings = ctx.analyzer.analyzeOpen(doc, settings).findings;
  const fixable = findings.filter((f) => f.fixes.length > 0 && (ruleId === undefined || f.ruleId === ruleId));
  if (fixable.length < (ruleId === undefined ? 1 : 2)) return undefined;
  const { text } = ctx.analyzer.fixAllOpen(doc, settings, ruleId);
  const edit = diffEdit(parsed.text, text);
  if (!edit) return undefined;
  return {
    title: ruleId === undefined ? 'Fix all Parapet problems in this file' : `Fix all ${ruleId} problems in this file`,
    kind: ruleId === undefined ? FIX_ALL_KIND : CodeActionKind.QuickFix,
    ...(diagnostic ? { diagnostics: [diagnostic] } : {}),
    edit: versionedEdit(doc.uri, doc.version, toLspEdits(parsed, [edit]), ctx.client.documentChanges),
  };
}
