/**
 * The client half of request files, registered from extension.ts with one call: the Send Request
 * commands (the CodeLens's `qualys.sendRequest`, and "Send Request at Cursor"), the read-only
 * response documents, and the live values that feed completion ("Refresh Completion Values",
 * account changes, a timer). The logic lives in the vscode-free modules beside this one.
 */
import * as vscode from 'vscode';
import { State, type LanguageClient } from 'vscode-languageclient/node';
import { redactText } from '../api/errors';
import { DOWNLOAD_ALL_PAGES_COMMAND, LiveValuesNotification, ResolveRequestRequest, SEND_REQUEST_COMMAND, type SendRequestArguments } from '../../../protocol';
import { NO_ACCOUNTS, type AccountSource, type RequestLog } from './accountSource';
import { LiveValuesRefresher } from './liveValuesRefresher';
import { RESPONSE_SCHEME, ResponseDocuments } from './responseDocuments';
import { sendRequestAt, type SendTarget, type SendUi } from './sendFlow';
import { downloadRequestAt } from './downloadRequest';

export const COMMANDS = {
  sendRequest: SEND_REQUEST_COMMAND,
  sendRequestAtCursor: 'qualys.sendRequestAtCursor',
  refreshCompletionValues: 'qualys.refreshCompletionValues',
  downloadAllPages: DOWNLOAD_ALL_PAGES_COMMAND,
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
  const ui: SendUi = {
    resolve: async (uri, position) => (await languageClient.sendRequest(ResolveRequestRequest.type, { uri, position })) ?? null,
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

  const send = async (args: unknown): Promise<void> => {
    const target = targetOf(args);
    if (!target) {
      void vscode.window.showErrorMessage('Open a request file and put the cursor in a request to send it.');
      return;
    }
    await sendRequestAt({ ui, accounts, log }, target);
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

  context.subscriptions.push(
    responses,
    commands.registerCommand(COMMANDS.downloadAllPages, download),
    vscode.workspace.registerTextDocumentContentProvider(RESPONSE_SCHEME, responses),
    commands.registerCommand(COMMANDS.sendRequest, send),
    commands.registerCommand(COMMANDS.sendRequestAtCursor, () => send(undefined)),
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
      if (event.newState === State.Running) void refresher.resend();
    }),
    refresher,
  );
  refresher.start();
}
