/**
 * A minimal LSP client for protocol tests: starts the built `dist/server.js --stdio` as a child
 * process and talks JSON-RPC to it through vscode-languageserver's own message connection. With
 * `transport: 'ipc'` the server is forked as the extension forks it (client/src/serverProcess.ts:
 * Node IPC, messages by structured clone), which is what the benchmarks measure.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { ServerProcesses } from '../../client/src/serverProcess';
import {
  createMessageConnection,
  IPCMessageReader,
  IPCMessageWriter,
  StreamMessageReader,
  StreamMessageWriter,
  type MessageConnection,
} from 'vscode-languageserver/node';
import type { PublishDiagnosticsParams } from 'vscode-languageserver';

export interface TestServer {
  readonly connection: MessageConnection;
  readonly process: ChildProcess;
  /**
   * Resolves once the server has asked for its settings and handled the answer (it then validates
   * every open document again): documents opened after it are validated once.
   */
  readonly configured: Promise<void>;
  /** The server's answer to `initialize`. */
  readonly initializeResult: { capabilities: { experimental?: Record<string, unknown> } };
  /** Resolves with the next diagnostics published for `uri` (optionally for a given version). */
  nextDiagnostics(uri: string, version?: number): Promise<PublishDiagnosticsParams>;
  stop(): Promise<void>;
}

export const serverPath = join(__dirname, '..', '..', 'dist', 'server.js');

export interface StartOptions {
  /** stdio (default): `dist/server.js --stdio`; ipc: forked as the extension forks it. */
  readonly transport?: 'stdio' | 'ipc';
  /** Another build of the server (a benchmark's "before"); default dist/server.js. */
  readonly path?: string;
  /** Client capabilities' `experimental` part (the open from disk, protocol/diskOpen.ts). */
  readonly experimental?: Record<string, unknown>;
}

export async function startServer(settings: unknown = {}, options: StartOptions = {}): Promise<TestServer> {
  let child: ChildProcess;
  let connection: MessageConnection;
  if (options.transport === 'ipc') {
    child = new ServerProcesses(options.path ?? serverPath).next();
    // Forked with piped output: pass it on, as the extension passes it to its output channel.
    child.stdout?.pipe(process.stderr);
    child.stderr?.pipe(process.stderr);
    connection = createMessageConnection(new IPCMessageReader(child), new IPCMessageWriter(child));
  } else {
    child = spawn(process.execPath, [options.path ?? serverPath, '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
    connection = createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
  }
  const waiters: Array<{ uri: string; version?: number; resolve: (p: PublishDiagnosticsParams) => void }> = [];
  connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
    const index = waiters.findIndex((w) => w.uri === params.uri && (w.version === undefined || w.version === params.version));
    if (index >= 0) waiters.splice(index, 1)[0]!.resolve(params);
  });
  let asked!: () => void;
  const settingsAsked = new Promise<void>((resolve) => (asked = resolve));
  connection.onRequest('workspace/configuration', () => {
    asked();
    return [settings];
  });
  connection.onRequest('client/registerCapability', () => null);
  connection.onNotification('window/logMessage', () => undefined);
  connection.listen();
  const initializeResult: TestServer['initializeResult'] = await connection.sendRequest('initialize', {
    processId: process.pid,
    rootUri: null,
    capabilities: { workspace: { configuration: true }, ...(options.experimental ? { experimental: options.experimental } : {}) },
  });
  await connection.sendNotification('initialized', {});
  // A request after the settings were answered is handled after them (one thread, in order).
  const configured = settingsAsked.then(async () => {
    await connection.sendRequest('textDocument/hover', { textDocument: { uri: 'file:///not-open' }, position: { line: 0, character: 0 } });
  });
  return {
    connection,
    process: child,
    configured,
    initializeResult,
    nextDiagnostics: (uri, version) =>
      new Promise((resolve) => {
        waiters.push(version === undefined ? { uri, resolve } : { uri, version, resolve });
      }),
    stop: async () => {
      await connection.sendRequest('shutdown');
      await connection.sendNotification('exit');
      connection.dispose();
      if (child.exitCode === null) {
        await new Promise((resolve) => child.once('exit', resolve));
      }
    },
  };
}
