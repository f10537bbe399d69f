import { CodeAction, CodeActionKind, CodeActionParams, Command, Diagnostic, WorkspaceEdit } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { ParsedDocument } from '../../core/document';
import { AnalysisResult, autoFix, Finding } from '../../core/engine';
import { renderFix } from '../../core/fix/render';
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

/** Title suffix of a fix that needs the user's judgement (`FixSafety`): it is offered, never applied by fix-all. */
export const SUGGESTION_MARK = ' (suggestion: review the change)';

/**
 * Code actions for Parapet diagnostics, keyed on `code` and `data` only: per finding, its fixes
 * (the first safe one preferred, suggestions marked in the title), "suppress with a reason", "show documentation" and, when the rule has
 * several fixable findings, "fix all of this rule"; plus `source.fixAll.parapet` for the file.
 * A diagnostic computed for another version than the current one gets nothing: its edit would
 * land in the wrong place.
 */
export async function codeActions(
  ctx: ServerContext,
  params: CodeActionParams,
  applies: (uri: string, s: Settings) => boolean,
): Promise<CodeAction[]> {
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

function findingActions(
  ctx: ServerContext,
  doc: TextDocument,
  parsed: ParsedDocument,
  finding: Finding,
  diagnostic: Diagnostic,
): CodeAction[] {
  const out: CodeAction[] = [];
  const preferred = autoFix(finding);
  for (const fix of finding.fixes) {
    let edits;
    try {
      edits = renderFix(parsed, fix);
    } catch (e) {
      ctx.log.info(`fix "${fix.title}" could not be written: ${e instanceof Error ? e.message : String(e)}`);
      continue;
    }
    if (!edits.length) continue;
    // Editors apply a preferred fix on their own (VS Code's auto-fix): only a safe fix may be preferred.
    out.push({
      title: fix.safety === 'safe' ? fix.title : `${fix.title}${SUGGESTION_MARK}`,
      kind: CodeActionKind.QuickFix,
      diagnostics: [diagnostic],
      isPreferred: fix === preferred,
      edit: versionedEdit(doc.uri, doc.version, toLspEdits(parsed, edits), ctx.client.documentChanges),
    });
  }
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

/** `data` of a fix-all action whose edit is computed on `codeAction/resolve`. */
interface FixAllData {
  parapetFixAll: true;
  uri: string;
  version: number;
  ruleId?: string;
}

function isFixAllData(d: unknown): d is FixAllData {
  if (!d || typeof d !== 'object') return false;
  const o = d as Record<string, unknown>;
  return (
    o.parapetFixAll === true &&
    typeof o.uri === 'string' &&
    typeof o.version === 'number' &&
    (o.ruleId === undefined || typeof o.ruleId === 'string')
  );
}

/**
 * "Fix all <rule> problems in this file" (ruleId given, offered when the rule has at least two
 * findings with a safe fix) or `source.fixAll.parapet` (every rule). The edit comes from the core's
 * iterative `fixAll`, reduced to the span that changed. Clients that resolve code actions get the
 * action without its edit, which is computed on `codeAction/resolve`: fix-all re-parses the file
 * several times, too slow to do for every cursor move on a large template.
 */
function fixAllAction(
  ctx: ServerContext,
  doc: TextDocument,
  parsed: ParsedDocument,
  settings: Settings,
  ruleId: string | undefined,
  diagnostic: Diagnostic | undefined,
): CodeAction | undefined {
  const findings = ctx.analyzer.analyzeOpen(doc, settings).findings;
  // Fix-all applies safe fixes only, so only they count.
  const fixable = findings.filter((f) => autoFix(f) && (ruleId === undefined || f.ruleId === ruleId));
  if (fixable.length < (ruleId === undefined ? 1 : 2)) return undefined;
  const action: CodeAction = {
    title: ruleId === undefined ? 'Fix all Parapet problems in this file' : `Fix all ${ruleId} problems in this file`,
    kind: ruleId === undefined ? FIX_ALL_KIND : CodeActionKind.QuickFix,
    ...(diagnostic ? { diagnostics: [diagnostic] } : {}),
  };
  if (ctx.client.resolveEdit) {
    const data: FixAllData = { parapetFixAll: true, uri: doc.uri, version: doc.version, ...(ruleId !== undefined ? { ruleId } : {}) };
    return { ...action, data };
  }
  const edit = fixAllEdit(ctx, doc, parsed, settings, ruleId);
  return edit ? { ...action, edit } : undefined;
}

function fixAllEdit(
  ctx: ServerContext,
  doc: TextDocument,
  parsed: ParsedDocument,
  settings: Settings,
  ruleId: string | undefined,
): WorkspaceEdit | undefined {
  const { text } = ctx.analyzer.fixAllOpen(doc, settings, ruleId);
  const edit = diffEdit(parsed.text, text);
  return edit ? versionedEdit(doc.uri, doc.version, toLspEdits(parsed, [edit]), ctx.client.documentChanges) : undefined;
}

/** `codeAction/resolve`: fills in a fix-all action's edit, unless the document moved on (stale). */
export async function resolveCodeAction(
  ctx: ServerContext,
  action: CodeAction,
  applies: (uri: string, s: Settings) => boolean,
): Promise<CodeAction> {
  if (!isFixAllData(action.data)) return action;
  const { uri, version, ruleId } = action.data;
  const doc = ctx.documents.get(uri);
  if (!doc || doc.version !== version) return action;
  const settings = await ctx.settings.get(uri);
  const current = ctx.documents.get(uri);
  if (!current || current.version !== version || !applies(uri, settings)) return action;
  const edit = fixAllEdit(ctx, current, ctx.analyzer.parse(current), settings, ruleId);
  return edit ? { ...action, edit } : action;
}
