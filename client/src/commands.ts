import * as vscode from 'vscode';
import { LanguageClient, WorkDoneProgressBegin, WorkDoneProgressEnd, WorkDoneProgressReport } from 'vscode-languageclient/node';
import { fixAllEdits } from './fix-on-save';
import { FindingsStatus, parapetDiagnostics } from './status';
import { generateThreatModel } from './threat-model';
import { mdCode, mdText } from '../../core/markdown';
import {
  Commands,
  ReportParams,
  ReportRequest,
  ReportResult as ServerReport,
  ScanWorkspaceParams,
  ScanWorkspaceRequest,
} from '../../server/src/protocol';

type ClientRef = () => LanguageClient | undefined;
type Handler = (...args: unknown[]) => unknown;

/** Rule ids are kebab-case; anything else is refused before it becomes a path. */
const RULE_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

let extensionUri: vscode.Uri | undefined;

/** Commands the client renders itself even when the server advertises them (the middleware routes them here). */
export const CLIENT_SIDE_COMMANDS = new Map<string, Handler>([[Commands.showRuleDocs, (...args) => showRuleDocs(args[0])]]);

/** Registers the palette commands, skipping ids the server already owns (the language client registered those). */
export function registerCommands(
  context: vscode.ExtensionContext,
  client: ClientRef,
  status: FindingsStatus,
  output: vscode.LogOutputChannel,
  serverOwned: ReadonlySet<string>,
): void {
  extensionUri = context.extensionUri;
  const all: [string, Handler][] = [
    ['parapet.scanWorkspace', () => scanWorkspace(client(), status, output)],
    [Commands.showRuleDocs, (...args) => showRuleDocs(args[0])],
    ['parapet.fixAll', () => fixAll(client(), output)],
    ['parapet.openReport', () => openReport(client(), output)],
    ['parapet.generateThreatModel', () => generateThreatModel(client(), output)],
    ['parapet.showOutput', () => output.show(true)],
  ];
  for (const [id, handler] of all) {
    if (!serverOwned.has(id)) context.subscriptions.push(vscode.commands.registerCommand(id, handler));
  }
}

type ScanProgress = WorkDoneProgressBegin | WorkDoneProgressReport | WorkDoneProgressEnd;
let activeScan: ((p: ScanProgress) => void) | undefined;

/** Routes the server's work-done progress into the running scan's notification; false when no scan runs. */
export function scanProgress(p: ScanProgress): boolean {
  if (!activeScan) return false;
  activeScan(p);
  return true;
}

/** Asks the server to scan every matching file; its diagnostics land in Problems. Cancellable. */
async function scanWorkspace(client: LanguageClient | undefined, status: FindingsStatus, output: vscode.LogOutputChannel): Promise<void> {
  if (!client?.isRunning()) {
    void vscode.window.showErrorMessage('Parapet: the language server is not running (see Output → Parapet).');
    return;
  }
  const folders = (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file');
  if (!folders.length) {
    void vscode.window.showInformationMessage('Parapet: open a folder on disk to scan it.');
    return;
  }
  const done = status.beginScan();
  try {
    const result = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: 'Parapet: scanning workspace', cancellable: true },
      async (progress, token) => {
        let last = 0;
        activeScan = (p) => {
          if (p.kind === 'end') return;
          const pct = p.percentage ?? last;
          progress.report({ message: p.message, increment: Math.max(0, pct - last) });
          last = pct;
        };
        try {
          const params: ScanWorkspaceParams = { folders: folders.map((f) => f.uri.toString()) };
          return await client.sendRequest<unknown>(ScanWorkspaceRequest, params, token);
        } finally {
          activeScan = undefined;
        }
      },
    );
    const r = (result ?? {}) as { files?: number; findings?: number | unknown[]; cancelled?: boolean };
    const count = Array.isArray(r.findings) ? r.findings.length : r.findings;
    output.info(`workspace scan: ${JSON.stringify({ files: r.files, findings: count, cancelled: r.cancelled })}`);
    if (r.cancelled) void vscode.window.showInformationMessage('Parapet: workspace scan cancelled.');
    else {
      void vscode.window.showInformationMessage(`Parapet: scanned ${r.files ?? '?'} files, ${count ?? '?'} findings (see Problems).`);
      await vscode.commands.executeCommand('workbench.actions.view.problems');
    }
  } catch (e) {
    const cancelled = e instanceof Error && /cancel/i.test(e.message);
    if (cancelled) void vscode.window.showInformationMessage('Parapet: workspace scan cancelled.');
    else void vscode.window.showErrorMessage(`Parapet: workspace scan failed: ${e instanceof Error ? e.message : String(e)}`);
    output.info(`workspace scan ended: ${e instanceof Error ? e.message : String(e)}`);
  } finally {
    done();
  }
}

/** The rule id from a command argument: an id, a diagnostic, or `{ ruleId }`. */
function ruleIdOf(arg: unknown): string | undefined {
  if (typeof arg === 'string') return arg;
  if (arg && typeof arg === 'object') {
    const o = arg as { ruleId?: unknown; code?: unknown };
    if (typeof o.ruleId === 'string') return o.ruleId;
    if (typeof o.code === 'string') return o.code;
    if (o.code && typeof o.code === 'object' && typeof (o.code as { value?: unknown }).value === 'string')
      return (o.code as { value: string }).value;
  }
  return undefined;
}

/** Renders `docs/rules/<id>.md` from the extension folder in the Markdown preview (no network). */
export async function showRuleDocs(arg?: unknown): Promise<void> {
  let id = ruleIdOf(arg);
  if (!id) {
    const editor = vscode.window.activeTextEditor;
    const here = editor ? parapetDiagnostics(editor.document.uri).filter((d) => d.range.contains(editor.selection.active)) : [];
    const ids = [...new Set(here.map((d) => ruleIdOf(d)).filter((x): x is string => !!x))];
    id = ids.length === 1 ? ids[0] : await pickRule(ids);
  }
  if (!id) return;
  if (!RULE_ID.test(id) || !extensionUri) {
    void vscode.window.showErrorMessage(`Parapet: no documentation for '${id}'.`);
    return;
  }
  const uri = vscode.Uri.joinPath(extensionUri, 'docs', 'rules', `${id}.md`);
  try {
    await vscode.workspace.fs.stat(uri);
  } catch {
    void vscode.window.showErrorMessage(`Parapet: no documentation for '${id}'.`);
    return;
  }
  await vscode.commands.executeCommand('markdown.showPreview', uri);
}

async function pickRule(preferred: string[]): Promise<string | undefined> {
  let ids = preferred;
  if (!ids.length && extensionUri) {
    const entries = await vscode.workspace.fs.readDirectory(vscode.Uri.joinPath(extensionUri, 'docs', 'rules')).then(
      (x) => x,
      () => [],
    );
    ids = entries
      .map(([n]) => n)
      .filter((n) => n.endsWith('.md') && n !== 'README.md')
      .map((n) => n.slice(0, -3))
      .sort();
  }
  return vscode.window.showQuickPick(ids, { placeHolder: 'Parapet rule' });
}

/** Applies every fix Parapet has for the active file (the server's `source.fixAll.parapet` action). */
async function fixAll(client: LanguageClient | undefined, output: vscode.LogOutputChannel): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (!editor) return;
  const doc = editor.document;
  const edits = await fixAllEdits(client, doc);
  let applied = false;
  if (edits.length) {
    const edit = new vscode.WorkspaceEdit();
    edit.set(doc.uri, edits);
    applied = await vscode.workspace.applyEdit(edit);
  }
  output.info(`fix all in ${doc.uri.toString()} v${doc.version}: ${edits.length} edit(s), applied: ${applied}`);
  if (!applied) void vscode.window.showInformationMessage('Parapet: nothing to fix automatically in this file.');
}

const reports = new Map<string, string>();
let reportProvider: vscode.Disposable | undefined;

/** Opens the workspace findings report (from the server's `parapet/report`) as a read-only Markdown preview. */
async function openReport(client: LanguageClient | undefined, output: vscode.LogOutputChannel): Promise<void> {
  if (!client?.isRunning()) {
    void vscode.window.showErrorMessage('Parapet: the language server is not running (see Output → Parapet).');
    return;
  }
  const folders = (vscode.workspace.workspaceFolders ?? []).map((f) => f.uri.toString());
  let markdown: string;
  try {
    const params: ReportParams = { folders };
    const r = await client.sendRequest<unknown>(ReportRequest, params);
    markdown = typeof r === 'string' ? r : reportMarkdown(r as ReportResult);
  } catch (e) {
    output.error(`${ReportRequest} failed: ${e instanceof Error ? e.message : String(e)}`);
    void vscode.window.showErrorMessage(`Parapet: the report could not be made: ${e instanceof Error ? e.message : String(e)}`);
    return;
  }
  reportProvider ??= vscode.workspace.registerTextDocumentContentProvider('parapet-report', {
    provideTextDocumentContent: (u) => reports.get(u.path) ?? '',
  });
  // A fresh name per report: the content provider's documents are cached by URI.
  const uri = vscode.Uri.from({ scheme: 'parapet-report', path: `/Parapet report ${new Date().toLocaleTimeString()}.md` });
  reports.set(uri.path, markdown);
  await vscode.commands.executeCommand('markdown.showPreview', uri);
}

/**
 * The server's `parapet/report` answer (server/src/protocol.ts), read defensively: every field may be
 * missing when an older or foreign server answers.
 */
export type ReportResult = Partial<Omit<ServerReport, 'findings' | 'problems'>> & {
  findings?: (Pick<ServerReport['findings'][number], 'ruleId' | 'severity' | 'uri' | 'range' | 'message'> &
    Partial<ServerReport['findings'][number]>)[];
  problems?: ServerReport['problems'];
};

const SEVERITY_ORDER = ['error', 'warning', 'info', 'hint'];

/** Markdown for the findings report: totals, then one table per file, errors first. */
export function reportMarkdown(r: ReportResult): string {
  const findings = r.findings ?? [];
  const problems = r.problems ?? [];
  const out = ['# Parapet findings report', ''];
  const count = (s: string): number => findings.filter((f) => f.severity === s).length;
  out.push(
    `${r.files ?? 0} files analysed · ${findings.length} findings (${SEVERITY_ORDER.map((s) => `${count(s)} ${s}`).join(', ')}) · ${problems.length} file problems`,
    '',
  );
  const byCategory = new Map<string, number>();
  for (const f of findings) byCategory.set(f.category ?? 'other', (byCategory.get(f.category ?? 'other') ?? 0) + 1);
  if (byCategory.size) {
    out.push('| category | findings |', '|---|---|');
    for (const [c, n] of [...byCategory].sort((a, b) => b[1] - a[1])) out.push(`| ${mdText(c)} | ${n} |`);
    out.push('');
  }
  const rel = (uri: string): string => vscode.workspace.asRelativePath(vscode.Uri.parse(uri));
  const files = [...new Set([...findings.map((f) => f.uri), ...problems.map((p) => p.uri)])].sort();
  // File names, ids and messages quote the workspace: escaped, so the preview shows them and loads nothing.
  const cell = (t: string): string => mdText(t);
  for (const uri of files) {
    out.push(`## ${mdText(rel(uri))}`, '', '| line | severity | rule | resource | message | fix |', '|---|---|---|---|---|---|');
    const here = findings
      .filter((f) => f.uri === uri)
      .sort((a, b) => SEVERITY_ORDER.indexOf(a.severity) - SEVERITY_ORDER.indexOf(b.severity) || a.range.start.line - b.range.start.line);
    for (const f of here) {
      // Plain line numbers: the preview refuses file: links, and the Problems panel already navigates.
      out.push(
        `| ${f.range.start.line + 1} | ${cell(f.severity)} | ${mdCode(f.ruleId)} | ${cell(f.resource ?? '')} | ${cell(f.message)} | ${f.fixable ? 'yes' : ''} |`,
      );
    }
    for (const p of problems.filter((x) => x.uri === uri)) {
      out.push(`| ${p.range.start.line + 1} | ${cell(p.severity)} | ${cell(p.code)} | | ${cell(p.message)} | |`);
    }
    out.push('');
  }
  if (!files.length) out.push('_No findings. Run **Parapet: Scan Workspace** to include files that are not open._', '');
  return out.join('\n');
}
