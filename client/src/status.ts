import * as vscode from 'vscode';

const LANGS = new Set(['yaml', 'json', 'jsonc', 'typescript', 'typescriptreact', 'python']);

/** The diagnostics Parapet's server published for a document. */
export function parapetDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'parapet');
}

/** Status bar item: findings in the active file, and a spinner while a workspace scan runs. */
export class FindingsStatus implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('parapet.findings', vscode.StatusBarAlignment.Left, 50);
  private readonly subs: vscode.Disposable[] = [];
  private scanning = 0;

  constructor() {
    this.item.name = 'Parapet findings';
    this.item.command = 'workbench.actions.view.problems';
    this.subs.push(
      vscode.languages.onDidChangeDiagnostics(() => this.update()),
      vscode.window.onDidChangeActiveTextEditor(() => this.update()),
    );
    this.update();
  }

  /** Shows the spinner until the returned function is called. */
  beginScan(): () => void {
    this.scanning++;
    this.update();
    let done = false;
    return () => {
      if (done) return;
      done = true;
      this.scanning--;
      this.update();
    };
  }

  update(): void {
    if (this.scanning > 0) {
      this.item.text = '$(sync~spin) Parapet: scanning';
      this.item.tooltip = 'Parapet is scanning the workspace';
      this.item.show();
      return;
    }
    const doc = vscode.window.activeTextEditor?.document;
    if (!doc || !LANGS.has(doc.languageId)) {
      this.item.hide();
      return;
    }
    const diags = parapetDiagnostics(doc.uri);
    const errors = diags.filter((d) => d.severity === vscode.DiagnosticSeverity.Error).length;
    const warnings = diags.filter((d) => d.severity === vscode.DiagnosticSeverity.Warning).length;
    this.item.text = diags.length ? `$(shield) Parapet: ${diags.length}` : '$(shield) Parapet: 0';
    this.item.tooltip = diags.length
      ? `Parapet: ${diags.length} finding${diags.length === 1 ? '' : 's'} in this file (${errors} error, ${warnings} warning). Click for Problems.`
      : 'Parapet: no findings in this file';
    this.item.show();
  }

  dispose(): void {
    this.item.dispose();
    for (const s of this.subs) s.dispose();
  }
}
