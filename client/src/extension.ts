/**
 * Extension entry point: starts the language server over IPC and registers the client-side
 * features. Activation is lazy (see activationEvents in package.json).
 */
import * as path from 'node:path';
import type { ExtensionContext } from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { registerRequestFeatures } from './requests/registerRequestFeatures';
import { registerSidebar } from './sidebar';

let client: LanguageClient | undefined;

export async function activate(context: ExtensionContext): Promise<void> {
  const accounts = registerSidebar(context);
  const serverModule = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      // Option profiles and QPS request bodies are plain XML; the server decides by the root element.
      { scheme: 'file', language: 'xml' },
      { scheme: 'untitled', language: 'xml' },
      { scheme: 'file', language: 'qualys-request' },
      { scheme: 'untitled', language: 'qualys-request' },
      // REST Client files: only Qualys URLs in them are checked.
      { scheme: 'file', language: 'http' },
    ],
    synchronize: { configurationSection: 'qualys' },
  };
  client = new LanguageClient('qualys', 'Qualys Language Server', serverOptions, clientOptions);
  context.subscriptions.push(client);
  await client.start();
  registerRequestFeatures(context, client, accounts);
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
