import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

const folder = (): vscode.Uri => vscode.workspace.workspaceFolders![0].uri;
const file = (rel: string): vscode.Uri => vscode.Uri.joinPath(folder(), ...rel.split('/'));
const parapet = (uri: vscode.Uri): vscode.Diagnostic[] => vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'parapet');
const codeOf = (d: vscode.Diagnostic): string => String(typeof d.code === 'object' ? d.code.value : d.code);

/** Resolves when the condition holds after a diagnostics change, or fails at the deadline. */
function diagnosticsWhere(what: string, ok: () => boolean, timeoutMs = 30_000): Promise<void> {
  if (ok()) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      sub.dispose();
      reject(new Error(`timed out waiting for ${what}`));
    }, timeoutMs);
    const sub = vscode.languages.onDidChangeDiagnostics(() => {
      if (!ok()) return;
      clearTimeout(timer);
      sub.dispose();
      resolve();
    });
  });
}

/** The same checks as the code-server test, through the VS Code API, on the bundled workspace (edits are reverted, never saved). */
describe('Parapet in desktop VS Code (@vscode/test-electron)', () => {
  let web: vscode.TextDocument;

  before(async () => {
    web = await vscode.workspace.openTextDocument(file('templates/web.yaml'));
    await vscode.window.showTextDocument(web);
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('activates and publishes findings with rule ids', async () => {
    await diagnosticsWhere('web.yaml findings', () => parapet(web.uri).some((d) => codeOf(d) === 'ec2-imdsv2-required'));
    const ext = vscode.extensions.getExtension('parapet.parapet');
    assert.ok(ext?.isActive, 'the extension is active');
    assert.ok(parapet(web.uri).some((d) => codeOf(d) === 'iam-no-user'));
  });

  it('applies the quick fix and the finding disappears', async () => {
    const d = parapet(web.uri).find((x) => codeOf(x) === 'ec2-imdsv2-required')!;
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', web.uri, d.range);
    const fix = actions.find((a) => a.title.includes('IMDSv2') && a.edit);
    assert.ok(fix, actions.map((a) => a.title).join(', '));
    assert.ok(
      actions.some((a) => a.title.startsWith('Suppress ec2-imdsv2-required')),
      'suppress is offered',
    );
    assert.ok(await vscode.workspace.applyEdit(fix.edit!));
    assert.match(web.getText(), /HttpTokens: required/);
    await diagnosticsWhere('the finding to go', () => !parapet(web.uri).some((x) => codeOf(x) === 'ec2-imdsv2-required'));
  });

  it('suppress with reason inserts the comment', async () => {
    const d = parapet(web.uri).find((x) => codeOf(x) === 'iam-no-user')!;
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', web.uri, d.range);
    const suppress = actions.find((a) => a.title === 'Suppress iam-no-user with a reason');
    assert.ok(suppress?.edit);
    assert.ok(await vscode.workspace.applyEdit(suppress.edit));
    assert.match(web.getText(), /# parapet-ignore iam-no-user: /);
  });

  it('a snippet expands', async () => {
    const doc = await vscode.workspace.openTextDocument({
      language: 'yaml',
      content: "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  ",
    });
    const editor = await vscode.window.showTextDocument(doc);
    editor.selection = new vscode.Selection(2, 2, 2, 2);
    await vscode.commands.executeCommand('editor.action.insertSnippet', {
      langId: 'yaml',
      name: 'Parapet: EC2 launch template requiring IMDSv2',
    });
    assert.match(doc.getText(), /HttpTokens: required/);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('the workspace scan fills diagnostics for unopened files', async () => {
    const unopened = file('templates/unopened.yaml');
    await vscode.commands.executeCommand('parapet.scanWorkspace');
    await diagnosticsWhere('unopened.yaml findings', () => parapet(unopened).some((d) => codeOf(d) === 'ec2-imdsv2-required'));
  });
});
