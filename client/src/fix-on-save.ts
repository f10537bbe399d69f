import * as vscode from 'vscode';
import {
  CodeActionRequest,
  CodeActionResolveRequest,
  Command as LspCommand,
  LanguageClient,
  TextEdit as LspTextEdit,
} from 'vscode-languageclient/node';

/** The code action kind the server offers for "fix everything Parapet can in this file". */
export const FIX_ALL_KIND = vscode.CodeActionKind.SourceFixAll.append('parapet');

/**
 * The server's fix-all edits for a document, asked over LSP directly: the edits come back as
 * text edits for this document, resolved (`codeAction/resolve`) when the server sends them lazily.
 */
export async function fixAllEdits(client: LanguageClient | undefined, doc: vscode.TextDocument): Promise<vscode.TextEdit[]> {
  if (!client?.isRunning()) return [];
  const last = doc.lineAt(doc.lineCount - 1);
  const answer = await client.sendRequest(CodeActionRequest.type, {
    textDocument: { uri: client.code2ProtocolConverter.asUri(doc.uri) },
    range: { start: { line: 0, character: 0 }, end: { line: last.lineNumber, character: last.text.length } },
    context: { diagnostics: [], only: [FIX_ALL_KIND.value] },
  });
  const uri = client.code2ProtocolConverter.asUri(doc.uri);
  for (const a of answer ?? []) {
    if (LspCommand.is(a) || a.kind !== FIX_ALL_KIND.value) continue;
    // The server may send the action without its edit and compute it on codeAction/resolve.
    const action = a.edit || !a.data ? a : await client.sendRequest(CodeActionResolveRequest.type, a);
    const edit = action.edit;
    const lsp: LspTextEdit[] = [];
    for (const change of edit?.documentChanges ?? []) {
      if ('textDocument' in change && change.textDocument.uri === uri) {
        // A stale edit (another version) would land in the wrong place: refuse it.
        if (change.textDocument.version !== null && change.textDocument.version !== doc.version) return [];
        lsp.push(...change.edits.filter((e): e is LspTextEdit => 'range' in e && !('annotationId' in e && e.annotationId)));
      }
    }
    lsp.push(...(edit?.changes?.[uri] ?? []));
    if (lsp.length) return client.protocol2CodeConverter.asTextEdits(lsp);
  }
  return [];
}

/**
 * `parapet.fixAllOnSave`: applies the fix-all edits as part of an explicit save. It never writes
 * settings; it reads the resource-scoped setting at each save.
 */
export function registerFixAllOnSave(context: vscode.ExtensionContext, client: () => LanguageClient | undefined): void {
  context.subscriptions.push(
    vscode.workspace.onWillSaveTextDocument((e) => {
      if (e.reason === vscode.TextDocumentSaveReason.AfterDelay) return;
      const cfg = vscode.workspace.getConfiguration('parapet', e.document);
      if (!cfg.get<boolean>('enable', true) || !cfg.get<boolean>('fixAllOnSave', false)) return;
      e.waitUntil(fixAllEdits(client(), e.document).catch(() => []));
    }),
  );
}
