/**
 * Extension entry point (the bundle dist/extension.js). Activation is lazy (see activationEvents in
 * package.json) and light: it registers the sidebar (views, commands, status bar) and forks the
 * language server, then returns. The language client (dist/client.js) loads right after, and the
 * Qualys API client (dist/api.js) on its first use; ARCHITECTURE.md says what may load at activation.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { LazyCommands } from './lazyCommands';
import { ServerProcesses } from './serverProcess';
import { registerQidHover, registerSidebar } from './sidebar';

/** The request file commands; their handlers come with the language client (requests/registerRequestFeatures.ts). */
const REQUEST_COMMANDS = [
  'qualys.sendRequest',
  'qualys.sendRequestAtCursor',
  'qualys.refreshCompletionValues',
  'qualys.runAllRequests',
  'qualys.history.open',
  'qualys.history.sendAgain',
  'qualys.history.compare',
  'qualys.history.clear',
  'qualys.history.refresh',
  'qualys.pasteCurl',
  'qualys.copyAsCurl',
  'qualys.selectEnvironment',
  'qualys.setEnvironmentSecret',
  'qualys.downloadAllPages',
];

let servers: ServerProcesses | undefined;
let languageClient: Promise<typeof import('./languageClient') | undefined> | undefined;

export function activate(context: vscode.ExtensionContext): void {
  // First: the demo sign-in removes its password from the environment before the server is forked.
  const accounts = registerSidebar(context);
  const processes = new ServerProcesses(context.asAbsolutePath(path.join('dist', 'server.js')));
  servers = processes;
  context.subscriptions.push(processes);
  processes.start();
  const commands = new LazyCommands(context, REQUEST_COMMANDS);
  // Not awaited: activate() returns while the client loads and the server starts; a failure is
  // reported instead of failing activation (the sidebar keeps working).
  languageClient = (async () => {
    await new Promise((resolve) => setImmediate(resolve));
    const module = await import('./languageClient');
    await module.startLanguageClient(context, processes, accounts, commands);
    registerQidHover();
    return module;
  })().catch((error: unknown) => {
    registerQidHover();
    commands.fail(error);
    const message = `The Qualys language server could not start: ${error instanceof Error ? error.message : String(error)}`;
    console.error(message);
    void vscode.window.showErrorMessage(message);
    return undefined;
  });
}

export async function deactivate(): Promise<void> {
  await (await languageClient)?.stopLanguageClient();
  languageClient = undefined;
  servers?.dispose();
  servers = undefined;
}
