import * as vscode from 'vscode';
import { LanguageClient } from 'vscode-languageclient/node';
import { parseDocument } from '../../core/document';
import { threatModelMarkdown, ThreatFinding } from '../../core/threat-model';
import { parapetDiagnostics } from './status';

/** Parapet's diagnostics on a document, as the skeleton's findings (the server already computed them). */
function findingsOf(doc: vscode.TextDocument): ThreatFinding[] {
  return parapetDiagnostics(doc.uri).map((d) => {
    const data = ((d as { data?: unknown }).data ?? {}) as { category?: unknown; resource?: unknown };
    const code = typeof d.code === 'object' ? d.code.value : d.code;
    const sev = ['error', 'warning', 'info', 'hint'][d.severity] ?? 'warning';
    return {
      ruleId: String(code ?? 'parapet'),
      message: d.message,
      severity: sev,
      category: typeof data.category === 'string' ? data.category : undefined,
      resource: typeof data.resource === 'string' ? data.resource : undefined,
      range: { start: { line: d.range.start.line, character: d.range.start.character }, end: { line: d.range.end.line, character: d.range.end.character } },
    };
  });
}

/**
 * Opens a threat-model worksheet for the active template beside it. The server's
 * `parapet/threatModel` answers when it has it (it also understands CDK); otherwise the skeleton is
 * built here from the template's structure and the diagnostics the server already published.
 */
export async function generateThreatModel(client: LanguageClient | undefined, output: vscode.LogOutputChannel): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (!editor) {
    void vscode.window.showInformationMessage('Parapet: open a template (or CDK file) first.');
    return;
  }
  const doc = editor.document;
  let markdown: string | undefined;
  if (client?.isRunning()) {
    try {
      const r = await client.sendRequest<unknown>('parapet/threatModel', { textDocument: { uri: doc.uri.toString() } });
      if (typeof r === 'string') markdown = r;
      else if (typeof (r as { markdown?: unknown })?.markdown === 'string') markdown = (r as { markdown: string }).markdown;
    } catch (e) {
      output.debug(`parapet/threatModel not answered (${e instanceof Error ? e.message : String(e)}); building the skeleton in the client`);
    }
  }
  if (markdown === undefined) {
    const parsed = parseDocument(doc.uri.toString(), doc.version, doc.getText(), doc.languageId);
    markdown = threatModelMarkdown(parsed, findingsOf(doc), { title: doc.uri.path.split('/').pop() });
  }
  const out = await vscode.workspace.openTextDocument({ language: 'markdown', content: markdown });
  await vscode.window.showTextDocument(out, { viewColumn: vscode.ViewColumn.Beside, preview: false });
}
