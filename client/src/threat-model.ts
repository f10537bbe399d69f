import * as vscode from 'vscode';
import { LanguageClient } from 'vscode-languageclient/node';
import { parseDocument } from '../../core/document';
import { threatModelMarkdown, ThreatFinding } from '../../core/threat-model';
import type { ReportResult } from './commands';
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
 * Opens a threat-model worksheet for the active template beside it, built from the template's
 * structure (core's parser, no rules run here) and the findings the server already computed.
 */
export async function generateThreatModel(client: LanguageClient | undefined, output: vscode.LogOutputChannel): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (!editor) {
    void vscode.window.showInformationMessage('Parapet: open a template (or CDK file) first.');
    return;
  }
  const doc = editor.document;
  // The report carries each finding's category and resource, which place it under the right STRIDE threat.
  let findings = findingsOf(doc);
  if (client?.isRunning()) {
    try {
      const r = await client.sendRequest<ReportResult>('parapet/report', {});
      const here = (r.findings ?? []).filter((f) => f.uri === doc.uri.toString());
      if (here.length || !findings.length) {
        findings = here.map((f) => ({ ruleId: f.ruleId, message: f.message, severity: f.severity, category: f.category, resource: f.resource, range: f.range as ThreatFinding['range'] }));
      }
    } catch (e) {
      output.debug(`parapet/report not answered (${e instanceof Error ? e.message : String(e)}); using the diagnostics`);
    }
  }
  const parsed = parseDocument(doc.uri.toString(), doc.version, doc.getText(), doc.languageId);
  const markdown = threatModelMarkdown(parsed, findings, { title: doc.uri.path.split('/').pop() });
  const out = await vscode.workspace.openTextDocument({ language: 'markdown', content: markdown });
  await vscode.window.showTextDocument(out, { viewColumn: vscode.ViewColumn.Beside, preview: false });
}
