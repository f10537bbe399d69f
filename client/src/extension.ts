import * as path from 'node:path';
import * as vscode from 'vscode';
import { LanguageClient, LanguageClientOptions, RevealOutputChannelOn, ServerOptions, TransportKind } from 'vscode-languageclient/node';
import { CLIENT_SIDE_COMMANDS, registerCommands, scanProgress } from './commands';
import { registerFixAllOnSave } from './fix-on-save';
import { FindingsStatus } from './status';

let client: LanguageClient | undefined;

/** Languages whose documents the server is offered; it decides by content which ones are Parapet's. */
export const LANGUAGES = ['yaml', 'json', 'jsonc', 'typescript', 'typescriptreact', 'python'] as const;
// Real files, unsaved buffers, and virtual workspaces (the server gets their text over LSP; nothing is read from disk).
const SCHEMES = ['file', 'untitled', 'vscode-vfs'] as const;

/** Starts the Parapet language server and wires the commands, the status bar and fix-all-on-save. */
export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const output = vscode.window.createOutputChannel('Parapet', { log: true });
  context.subscriptions.push(output);

  const serverModule = context.asAbsolutePath(path.join('dist', 'server.js'));
  const run = { module: serverModule, transport: TransportKind.stdio };
  const serverOptions: ServerOptions = { run, debug: { ...run, options: { execArgv: ['--nolazy', '--inspect=6019'] } } };

  const status = new FindingsStatus();
  context.subscriptions.push(status);

  const clientOptions: LanguageClientOptions = {
    documentSelector: LANGUAGES.flatMap((language) => SCHEMES.map((scheme) => ({ language, scheme }))),
    synchronize: {
      configurationSection: 'parapet',
      fileEvents: vscode.workspace.createFileSystemWatcher('**/*.{yaml,yml,json,template,ts,py}'),
    },
    outputChannel: output,
    // Quiet by default: the log is there when asked for, never pushed in front of the user.
    revealOutputChannelOn: RevealOutputChannelOn.Never,
    // The client renders rule docs itself (Markdown preview), so the server leaves that command out (docs/lsp.md).
    initializationOptions: { clientCommands: [...CLIENT_SIDE_COMMANDS.keys()] },
    middleware: {
      // If the server advertises a command the client renders itself (rule docs), render it here.
      executeCommand: async (command, args, next) => {
        const local = CLIENT_SIDE_COMMANDS.get(command);
        return local ? local(...(args as unknown[])) : next(command, args);
      },
      // Hovers link to the rule docs through a command: trust exactly that command, nothing else.
      provideHover: async (document, position, token, next) => {
        const hover = await next(document, position, token);
        for (const c of hover?.contents ?? []) {
          if (c instanceof vscode.MarkdownString) c.isTrusted = { enabledCommands: [...CLIENT_SIDE_COMMANDS.keys()] };
        }
        return hover;
      },
      // The server's scan progress goes into the scan's own cancellable notification rather than a second indicator.
      handleWorkDoneProgress: (token, params, next) => {
        if (!scanProgress(params)) next(token, params);
      },
    },
  };

  client = new LanguageClient('parapet', 'Parapet', serverOptions, clientOptions);
  try {
    await client.start();
    output.info(`Parapet server started from ${serverModule}`);
  } catch (e) {
    output.error(`Parapet server failed to start: ${e instanceof Error ? e.message : String(e)}`);
  }
  // After start, so a command the server already advertises is not registered twice (that would throw).
  const serverCommands = client.initializeResult?.capabilities.executeCommandProvider?.commands ?? [];
  registerCommands(context, () => client, status, output, new Set(serverCommands));
  registerFixAllOnSave(context, () => client);
}

/** Stops the server with the extension. */
export async function deactivate(): Promise<void> {
  if (client) await client.stop();
  client = undefined;
}
