import { ExecuteCommandParams } from 'vscode-languageserver';
import { ServerContext } from './context';
import { ruleDocsUri } from './docs';
import { diffEdit, toLspEdits, versionedEdit } from './edits';
import { Commands } from './protocol';
import { Settings } from './settings';

/** Commands this server declares, minus those the client says it implements itself. */
export function serverCommands(clientCommands: readonly string[] | undefined): string[] {
  const own = new Set(clientCommands ?? []);
  return Object.values(Commands).filter((c) => !own.has(c));
}

/** `{ uri, ruleId? }` from `[uri]`, `[uri, ruleId]` or `[{ uri, ruleId }]`. */
function fixAllArgs(args: unknown[] | undefined): { uri: string; ruleId?: string } | undefined {
  const [a, b] = args ?? [];
  if (typeof a === 'string') return { uri: a, ruleId: typeof b === 'string' ? b : undefined };
  if (a && typeof a === 'object' && typeof (a as { uri?: unknown }).uri === 'string') {
    const o = a as { uri: string; ruleId?: unknown };
    return { uri: o.uri, ruleId: typeof o.ruleId === 'string' ? o.ruleId : undefined };
  }
  return undefined;
}

/** `workspace/executeCommand`: fix-all (applied through `workspace/applyEdit`) and show-docs. */
export async function executeCommand(
  ctx: ServerContext,
  params: ExecuteCommandParams,
  applies: (uri: string, s: Settings) => boolean,
): Promise<unknown> {
  switch (params.command) {
    case Commands.applyFixAll: {
      const args = fixAllArgs(params.arguments);
      const doc = args ? ctx.documents.get(args.uri) : undefined;
      if (!args || !doc) return { applied: 0 };
      const settings = await ctx.settings.get(doc.uri);
      const current = ctx.documents.get(doc.uri);
      if (!current || current.version !== doc.version || !applies(doc.uri, settings)) return { applied: 0 };
      const parsed = ctx.analyzer.parse(doc);
      const result = ctx.analyzer.fixAllOpen(doc, settings, args.ruleId);
      const edit = diffEdit(parsed.text, result.text);
      if (!edit) return { applied: 0 };
      const label = args.ruleId ? `Fix all ${args.ruleId} problems` : 'Fix all Parapet problems';
      const answer = await ctx.connection.workspace.applyEdit({
        label,
        edit: versionedEdit(doc.uri, doc.version, toLspEdits(parsed, [edit]), ctx.client.documentChanges),
      });
      return { applied: answer.applied ? result.applied : 0 };
    }
    case Commands.showRuleDocs: {
      const ruleId = params.arguments?.[0];
      if (typeof ruleId !== 'string') return null;
      const uri = ruleDocsUri(ctx.docsRoot, ruleId);
      if (ctx.client.showDocument) await ctx.connection.window.showDocument({ uri, takeFocus: true });
      return { uri };
    }
    default:
      return null;
  }
}
