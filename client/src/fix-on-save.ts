import * as vscode from 'vscode';

/** The code action kind the server offers for "fix everything Parapet can in this file". */
export const FIX_ALL_KIND = vscode.CodeActionKind.SourceFixAll.append('parapet');

/** The server's fix-all actions for a document (asked through VS Code, so the LSP wiring stays in one place). */
export async function fixAllActions(doc: vscode.TextDocument): Promise<vscode.CodeAction[]> {
  const whole = new vscode.Range(0, 0, doc.lineCount, 0);
  const actions = await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[] | undefined>(
    'vscode.executeCodeActionProvider', doc.uri, whole, FIX_ALL_KIND.value);
  return (actions ?? []).filter((a): a is vscode.CodeAction => 'kind' in a && !!a.kind && FIX_ALL_KIND.contains(a.kind));
}

/** Text edits of the fix-all actions that touch this document. */
async function fixAllEdits(doc: vscode.TextDocument): Promise<vscode.TextEdit[]> {
  const edits: vscode.TextEdit[] = [];
  for (const a of await fixAllActions(doc)) {
    for (const [uri, list] of a.edit?.entries() ?? []) {
      if (uri.toString() === doc.uri.toString()) edits.push(...list);
    }
    // One action is enough: the server's fix-all already iterates to a fixed point.
    if (edits.length) break;
  }
  return edits;
}

/**
 * `parapet.fixAllOnSave`: applies the fix-all edits as part of an explicit save. It never writes
 * settings; it reads the resource-scoped setting at each save.
 */
export function registerFixAllOnSave(context: vscode.ExtensionContext): void {
  context.subscriptions.push(vscode.workspace.onWillSaveTextDocument((e) => {
    if (e.reason === vscode.TextDocumentSaveReason.AfterDelay) return;
    const cfg = vscode.workspace.getConfiguration('parapet', e.document);
    if (!cfg.get<boolean>('enable', true) || !cfg.get<boolean>('fixAllOnSave', false)) return;
    e.waitUntil(fixAllEdits(e.document).catch(() => []));
  }));
}
