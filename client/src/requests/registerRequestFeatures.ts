/**
 * The client half of request files, registered from extension.ts with one call: the Send Request
 * commands (the CodeLens's `qualys.sendRequest`, and "Send Request at Cursor"), the read-only
 * response documents, and the live values that feed completion ("Refresh Completion Values",
 * account changes, a timer). The logic lives in the vscode-free modules beside this one.
 */
import * as vscode from 'vscode';
import { State, type LanguageClient } from 'vscode-languageclient/node';
import { redactText } from '../api/errors';
import { AccountHostsNotification, ConvertCurlRequest, DOWNLOAD_ALL_PAGES_COMMAND, EnvironmentVariablesNotification, LiveValuesNotification, ResolveRequestRequest, SEND_REQUEST_COMMAND, type SendRequestArguments } from '../../../protocol';
import { AnswerStore } from './exchange/answers';
import { ENVIRONMENT_COMMANDS, Environments } from './environments/environments';
import { NO_ACCOUNTS, type AccountSource, type RequestLog } from './accountSource';
import { LiveValuesRefresher } from './liveValuesRefresher';
import { RESPONSE_SCHEME, ResponseDocuments } from './responseDocuments';
import { sendRequestAt, type SendTarget, type SendUi } from './sendFlow';
import { downloadRequestAt } from './downloadRequest';
import { join } from 'node:path';
import { HistoryStore } from '../history/historyStore';
import { HISTORY_COMMANDS, HistoryView } from '../history/historyView';
import { RequestTestExplorer, RUN_ALL_COMMAND } from '../runner/testExplorer';
import { bodyFileReader, folderOfUri, type BodyFileReader } from './bodyFile';

export const COMMANDS = {
  sendRequest: SEND_REQUEST_COMMAND,
  sendRequestAtCursor: 'qualys.sendRequestAtCursor',
  refreshCompletionValues: 'qualys.refreshCompletionValues',
  downloadAllPages: DOWNLOAD_ALL_PAGES_COMMAND,
  runAllRequests: RUN_ALL_COMMAND,
  pasteCurl: 'qualys.pasteCurl',
  copyAsCurl: 'qualys.copyAsCurl',
  selectEnvironment: ENVIRONMENT_COMMANDS.select,
  setEnvironmentSecret: ENVIRONMENT_COMMANDS.setSecret,
  signIn: 'qualys.signIn',
} as const;

/** The CodeLens's argument, as far as it is used here (the command may also run from a keybinding, with anything). */
type LensArguments = Pick<SendRequestArguments, 'uri' | 'range'> & Partial<Pick<SendRequestArguments, 'changesData'>>;

function isLensArguments(value: unknown): value is LensArguments {
  const v = value as Partial<LensArguments> | undefined;
  return typeof v?.uri === 'string' && typeof v.range?.start?.line === 'number' && typeof v.range.start.character === 'number';
}

function targetOf(args: unknown): SendTarget | undefined {
  if (isLensArguments(args)) return { uri: args.uri, position: args.range.start, ...(args.changesData !== undefined ? { changesData: args.changesData } : {}) };
  const editor = vscode.window.activeTextEditor;
  if (!editor) return undefined;
  const { line, character } = editor.selection.active;
  return { uri: editor.document.uri.toString(), position: { line, character } };
}

/** A log of our own until the extension hands over its shared one (client/src/log.ts of the sidebar). */
function outputLog(context: vscode.ExtensionContext): RequestLog {
  const channel = vscode.window.createOutputChannel('Qualys Requests', { log: true });
  context.subscriptions.push(channel);
  const clean = (text: string): string => redactText(text, []);
  return {
    info: (message) => channel.info(clean(message)),
    warn: (message) => channel.warn(clean(message)),
    apiError: (where, error) => {
      const parts = [`${where}: ${error.message}`, error.code ? `CODE ${error.code}` : '', error.text && error.text !== error.message ? `TEXT ${error.text}` : '', `kind ${error.kind}`];
      channel.error(clean(parts.filter(Boolean).join(' | ')));
    },
  };
}

/** Where the commands are registered: VS Code itself, or the stand-ins extension.ts registered at activation. */
export interface CommandRegistry {
  registerCommand(id: string, handler: (...args: unknown[]) => unknown): vscode.Disposable;
}

export function registerRequestFeatures(
  context: vscode.ExtensionContext,
  languageClient: LanguageClient,
  accounts: AccountSource = NO_ACCOUNTS,
  log: RequestLog = outputLog(context),
  commands: CommandRegistry = vscode.commands,
): void {
  const responses = new ResponseDocuments();
  const answers = new AnswerStore();
  // Variable names for completion and hover after `{{` (never a secret's value); a server not running yet hears them on start.
  const environments = new Environments(context, (message) => log.warn(message), (params) => {
    languageClient.sendNotification(EnvironmentVariablesNotification.type, params).catch(() => undefined);
  });
  const resolve = async (uri: string, position: { line: number; character: number }) => (await languageClient.sendRequest(ResolveRequestRequest.type, { uri, position })) ?? null;
  const ui: SendUi = {
    resolve,
    resolveNamed: async (uri, name) => (await languageClient.sendRequest(ResolveRequestRequest.type, { uri, name })) ?? null,
    confirm: async ({ message, detail }) => (await vscode.window.showWarningMessage(message, { modal: true, detail }, 'Send')) === 'Send',
    signInNeeded: async (message) => {
      if ((await vscode.window.showInformationMessage(message, 'Sign In')) === 'Sign In') await vscode.commands.executeCommand(COMMANDS.signIn);
    },
    error: (message) => void vscode.window.showErrorMessage(message),
    withProgress: (title, work) =>
      Promise.resolve(
        vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, async (_progress, token) => {
          const controller = new AbortController();
          const subscription = token.onCancellationRequested(() => controller.abort());
          try {
            return await work(controller.signal);
          } finally {
            subscription.dispose();
          }
        }),
      ),
    show: (response, name) => responses.show(response, name),
  };

  // Completion values are fetched only while a request file (or a REST Client file) is open.
  const isRequestFile = (document: vscode.TextDocument): boolean => document.languageId === 'qualys-request' || document.languageId === 'http';
  const refresher = new LiveValuesRefresher({
    accounts,
    log,
    notify: (params) => languageClient.sendNotification(LiveValuesNotification.type, params),
    wanted: () => vscode.workspace.textDocuments.some(isRequestFile),
  });

  // The request history (per account, in the extension's storage) hears every send and run.
  const history = new HistoryView({
    store: new HistoryStore(join(context.globalStorageUri.fsPath, 'history')),
    accounts,
    log,
    showResponse: (text, format, name) => responses.show({ text, format }, name),
  });
  // A `< path` body is read inside the workspace folders only (with none open, the request file's folder).
  const bodyFiles = (uri: string): BodyFileReader => {
    const base = folderOfUri(uri);
    const folders = (vscode.workspace.workspaceFolders ?? []).filter((folder) => folder.uri.scheme === 'file').map((folder) => folder.uri.fsPath);
    return bodyFileReader({ base, roots: folders.length > 0 ? folders : base ? [base] : [] });
  };
  const tests = new RequestTestExplorer({ languageClient, accounts, log, sent: history.record, variables: environments.lookup, secrets: () => environments.secretValues(), bodyFiles });

  const send = async (args: unknown): Promise<void> => {
    const target = targetOf(args);
    if (!target) {
      void vscode.window.showErrorMessage('Open a request file and put the cursor in a request to send it.');
      return;
    }
    await sendRequestAt({ ui, accounts, log, answers, variables: environments.lookup, extraSecrets: () => environments.secretValues(), sent: history.record, bodyFiles }, target);
  };

  // The account's origins, so that curl commands to its own host convert to {{baseUrl}}.
  const pushAccountHosts = async (): Promise<void> => {
    const client = await accounts.getActiveClient();
    const params = client ? { api: client.endpoints.apiBase.origin, ...(client.endpoints.gatewayBase ? { gateway: client.endpoints.gatewayBase.origin } : {}) } : {};
    await languageClient.sendNotification(AccountHostsNotification.type, params);
  };

  const pasteCurl = async (): Promise<void> => {
    const text = await vscode.env.clipboard.readText();
    const result = await languageClient.sendRequest(ConvertCurlRequest.type, { text });
    if (!result.ok) {
      const word = text.slice(result.start, result.end);
      void vscode.window.showErrorMessage(`The clipboard's curl command cannot be converted: ${result.message}${word && !result.message.includes(`'${word}'`) ? ` (at '${word}')` : ''}`);
      return;
    }
    const editor = vscode.window.activeTextEditor;
    if (editor && isRequestFile(editor.document)) {
      const { document, selection } = editor;
      const before = document.getText(new vscode.Range(new vscode.Position(Math.max(0, selection.start.line - 1), 0), selection.start));
      const lead = selection.start.character > 0 ? '\n\n' : before.trim() === '' ? '' : '\n';
      await editor.edit((edit) => edit.replace(selection, `${lead}${result.request}\n`));
    } else {
      const document = await vscode.workspace.openTextDocument({ language: 'qualys-request', content: `${result.request}\n` });
      await vscode.window.showTextDocument(document);
    }
    if (result.dropped.length > 0) void vscode.window.setStatusBarMessage(`curl converted; left out: ${result.dropped.join(', ')}.`, 8000);
  };

  const copyAsCurl = async (args: unknown): Promise<void> => {
    const target = targetOf(args);
    if (!target) {
      void vscode.window.showErrorMessage('Open a request file and put the cursor in a request to copy it as curl.');
      return;
    }
    const { curlAt } = await import('./sendModules');
    const result = await curlAt({ resolve, accounts, answers, variables: environments.lookup }, target.uri, target.position);
    if (!result.ok) {
      void vscode.window.showErrorMessage(result.message);
      return;
    }
    await vscode.env.clipboard.writeText(result.command);
    void vscode.window.setStatusBarMessage(`Copied "${result.name}" as curl: credentials come from $QUALYS_USERNAME and $QUALYS_PASSWORD.`, 8000);
  };

  const downloads = {
    error: (message: string) => void vscode.window.showErrorMessage(message),
    run: (request: unknown, mutating: boolean) => Promise.resolve(vscode.commands.executeCommand('qualys.downloadPages', request, mutating)),
  };
  const download = async (args: unknown): Promise<void> => {
    const target = targetOf(args);
    if (!target) {
      void vscode.window.showErrorMessage('Open a request file and put the cursor in a list request to download all its pages.');
      return;
    }
    await downloadRequestAt(downloads, ui.resolve, target.uri, target.position);
  };

  const runAll = async (args: unknown): Promise<void> => {
    const uri = args instanceof vscode.Uri ? args : vscode.window.activeTextEditor?.document.uri;
    if (!uri) {
      void vscode.window.showErrorMessage('Open a request file to run its requests.');
      return;
    }
    await tests.runFile(uri);
  };

  context.subscriptions.push(
    responses,
    commands.registerCommand(COMMANDS.downloadAllPages, download),
    vscode.workspace.registerTextDocumentContentProvider(RESPONSE_SCHEME, responses),
    commands.registerCommand(COMMANDS.sendRequest, send),
    commands.registerCommand(COMMANDS.sendRequestAtCursor, () => send(undefined)),
    commands.registerCommand(COMMANDS.runAllRequests, runAll),
    commands.registerCommand(HISTORY_COMMANDS.open, (item) => history.open(item as never)),
    commands.registerCommand(HISTORY_COMMANDS.sendAgain, (item) => history.sendAgain(item as never)),
    commands.registerCommand(HISTORY_COMMANDS.compare, (item, selected) => history.compare(item as never, selected as never)),
    commands.registerCommand(HISTORY_COMMANDS.clear, () => history.clear()),
    commands.registerCommand(HISTORY_COMMANDS.refresh, () => history.refresh()),
    history,
    tests,
    commands.registerCommand(COMMANDS.pasteCurl, pasteCurl),
    commands.registerCommand(COMMANDS.copyAsCurl, copyAsCurl),
    commands.registerCommand(COMMANDS.selectEnvironment, () => environments.select()),
    commands.registerCommand(COMMANDS.setEnvironmentSecret, () => environments.setSecret()),
    environments,
    accounts.onDidChangeActiveAccount(() => void pushAccountHosts()),
    vscode.workspace.onDidCloseTextDocument((document) => answers.forget(document.uri.toString())),
    commands.registerCommand(COMMANDS.refreshCompletionValues, async () => {
      const report = await refresher.refresh();
      if (report.account === undefined) void vscode.window.showInformationMessage('Sign in to a Qualys account to complete tag names, policy, option profile and auth record IDs from it.');
      else if (report.failed.length > 0) void vscode.window.showWarningMessage(`Some completion values could not be refreshed (${report.failed.map((f) => f.kind).join(', ')}); the previous ones are kept. See the log.`);
      else void vscode.window.setStatusBarMessage(`Qualys completion values refreshed for ${report.account}.`, 5000);
    }),
    vscode.workspace.onDidOpenTextDocument((document) => {
      if (isRequestFile(document)) void refresher.documentOpened();
    }),
    languageClient.onDidChangeState((event) => {
      if (event.newState === State.Running) {
        void refresher.resend();
        void pushAccountHosts();
        environments.resend();
      }
    }),
    refresher,
  );
  refresher.start();
  void pushAccountHosts();
}
