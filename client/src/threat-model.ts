import * as vscode from 'vscode';
import { LanguageClient } from 'vscode-languageclient/node';
import { ThreatModelParams, ThreatModelRequest, ThreatModelResult } from '../../server/src/protocol';

/**
 * Opens a threat-model worksheet for the active template or CDK file beside it. The server builds it
 * from the parse and findings it already holds (`parapet/threatModel`); the client only shows it.
 */
export async function generateThreatModel(client: LanguageClient | undefined, output: vscode.LogOutputChannel): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (!editor) {
    void vscode.window.showInformationMessage('Parapet: open a template (or CDK file) first.');
    return;
  }
  if (!client?.isRunning()) {
    void vscode.window.showWarningMessage('Parapet: the language server is not running.');
    return;
  }
  const doc = editor.document;
  let result: ThreatModelResult | null = null;
  try {
    const params: ThreatModelParams = { uri: doc.uri.toString() };
    result = await client.sendRequest<ThreatModelResult | null>(ThreatModelRequest, params);
  } catch (e) {
    output.error(`${ThreatModelRequest} failed: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (!result) {
    void vscode.window.showInformationMessage(
      'Parapet: this file is not a CloudFormation template, policy or CDK source Parapet analyses.',
    );
    return;
  }
  const out = await vscode.workspace.openTextDocument({ language: 'markdown', content: result.markdown });
  await vscode.window.showTextDocument(out, { viewColumn: vscode.ViewColumn.Beside, preview: false });
}
