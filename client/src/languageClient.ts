/**
 * The language client and the request file features: the bundle dist/client.js, which extension.ts
 * loads right after activate() has returned (vscode-languageclient alone takes longer to load than
 * the activation budget). The server process is already running by then: it was forked at
 * activation (serverProcess.ts), and the client talks to it over Node IPC as it would to a server
 * it had forked itself; a restart after a crash forks a new one.
 */
import * as readline from 'node:readline';
import type { Readable } from 'node:stream';
import { workspace, type ExtensionContext } from 'vscode';
import { IPCMessageReader, IPCMessageWriter, LanguageClient, type LanguageClientOptions } from 'vscode-languageclient/node';
import { OpenFromDiskFeature } from './diskOpen';
import type { AccountSource } from './requests/accountSource';
import { registerRequestFeatures, type CommandRegistry } from './requests/registerRequestFeatures';
import type { ServerProcesses } from './serverProcess';

let client: LanguageClient | undefined;

/** Each line the server writes to stdout/stderr goes to the client's output channel, as the client does for a server it forks. */
function pipeLines(stream: Readable | null, write: (line: string) => void): void {
  if (stream) readline.createInterface({ input: stream, crlfDelay: Infinity, terminal: false, historySize: 0 }).on('line', write);
}

/**
 * Starts the language client on the server process forked at activation, then registers the request
 * file features (as activate() used to after `await client.start()`). Rejects when the client cannot start.
 */
export async function startLanguageClient(context: ExtensionContext, servers: ServerProcesses, accounts: AccountSource | undefined, commands: CommandRegistry): Promise<void> {
  // Large saved documents are read by the server from disk instead of sent (diskOpen.ts).
  const diskOpen = new OpenFromDiskFeature(() => languageClient, () => workspace.textDocuments);
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
    middleware: diskOpen.middleware,
  };
  const languageClient = new LanguageClient(
    'qualys',
    'Qualys Language Server',
    () => {
      const server = servers.next();
      // Read here, as the client does when it forks: this creates the "Qualys Language Server" channel.
      const channel = languageClient.outputChannel;
      pipeLines(server.stdout, (line) => channel.info(line));
      pipeLines(server.stderr, (line) => channel.error(line));
      server.on('exit', (code, signal) => {
        if (code === 0) languageClient.info('Server process exited successfully', undefined, false);
        else if (code !== null) languageClient.error(`Server process exited with code ${code}.`, undefined, false);
        if (signal !== null) languageClient.error(`Server process exited with signal ${signal}.`, undefined, false);
      });
      return Promise.resolve({ reader: new IPCMessageReader(server), writer: new IPCMessageWriter(server) });
    },
    clientOptions,
  );
  languageClient.registerFeature(diskOpen);
  client = languageClient;
  context.subscriptions.push(languageClient);
  await languageClient.start();
  registerRequestFeatures(context, languageClient, accounts, undefined, commands);
}

export async function stopLanguageClient(): Promise<void> {
  const running = client;
  client = undefined;
  await running?.stop();
}
