/**
 * The VS Code side of "Download all pages": the format pick, the save dialog (in the workspace by
 * default), the resume question, the cancellable progress notification and the closing message
 * (Open the file, or Resume). Used by the request file CodeLens and by the views' commands.
 */
import * as vscode from 'vscode';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { QualysClient, RateLimitState } from '../api';
import type { DownloadJob } from '../worker/protocol';
import { readState, type DownloadFormat } from './downloadFile';
import { bytesText, type DownloadDeps, type DownloadProgress, type DownloadUi } from './downloadFlow';
import { noun, plural } from '../../../common/plural';

function defaultUri(suggested: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  return folder ? vscode.Uri.joinPath(folder, suggested) : vscode.Uri.file(join(homedir(), suggested));
}

export function downloadUi(): DownloadUi {
  return {
    pickFormat: async (csv) => {
      if (!csv) return 'jsonl';
      const picked = await vscode.window.showQuickPick(
        [
          { label: 'JSON Lines', description: '.jsonl', detail: 'One JSON object a line: every field, nested lists kept', format: 'jsonl' as DownloadFormat },
          { label: 'CSV', description: '.csv', detail: 'One row a detection, with its host\'s columns (for spreadsheets)', format: 'csv' as DownloadFormat },
        ],
        { title: 'Download all pages as' },
      );
      return picked?.format;
    },
    pickFile: async (suggested, format) => {
      const uri = await vscode.window.showSaveDialog({
        title: 'Download all pages to',
        defaultUri: defaultUri(suggested),
        filters: format === 'csv' ? { CSV: ['csv'] } : { 'JSON Lines': ['jsonl', 'ndjson'] },
      });
      if (!uri) return undefined;
      if (uri.scheme !== 'file') {
        void vscode.window.showErrorMessage('Downloads are written to a local file (the API worker writes it as pages arrive).');
        return undefined;
      }
      return uri.fsPath;
    },
    askResume: async (file, progress: DownloadProgress) => {
      const choice = await vscode.window.showWarningMessage(
        `${file} holds an unfinished download (${plural(progress.pages, 'page')}, ${progress.records.toLocaleString('en-US')} ${noun(progress.records, 'record')}, ${bytesText(progress.bytes)}).`,
        { modal: true, detail: 'Resume continues after its last complete page; Start Over empties the file.' },
        'Resume',
        'Start Over',
      );
      return choice === 'Resume' ? 'resume' : choice === 'Start Over' ? 'restart' : undefined;
    },
    withProgress: (title, work) =>
      Promise.resolve(
        vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, async (progress, token) => {
          const controller = new AbortController();
          const subscription = token.onCancellationRequested(() => controller.abort());
          try {
            return await work((message) => progress.report({ message }), controller.signal);
          } finally {
            subscription.dispose();
          }
        }),
      ),
    signInNeeded: async (message) => {
      if ((await vscode.window.showInformationMessage(message, 'Sign In')) === 'Sign In') await vscode.commands.executeCommand('qualys.signIn');
    },
    done: (message, file) => {
      void vscode.window.showInformationMessage(message, 'Open', 'Reveal').then(async (choice) => {
        if (choice === 'Open') await vscode.window.showTextDocument(vscode.Uri.file(file), { preview: true });
        else if (choice === 'Reveal') await vscode.commands.executeCommand('revealFileInOS', vscode.Uri.file(file));
      });
    },
    failed: async (message, canResume) => {
      const choice = canResume ? await vscode.window.showWarningMessage(message, 'Resume') : (void vscode.window.showErrorMessage(message), undefined);
      return choice === 'Resume' ? 'resume' : undefined;
    },
    error: (message) => void vscode.window.showErrorMessage(message),
  };
}


/** What the download flow needs from the extension: the active account's client and rate state, the log. */
export interface DownloadAccounts {
  getActiveClient(): Promise<QualysClient | undefined>;
  onDidChangeRateLimit?(listener: (state: RateLimitState) => void): { dispose(): unknown };
}

/** The flow's dependencies: the VS Code UI, the worker's runner, the resume state read from disk. */
export function downloadDeps(accounts: DownloadAccounts, log: DownloadDeps['log'], subscriptions: { dispose(): unknown }[]): DownloadDeps {
  let rate: RateLimitState | undefined;
  const subscription = accounts.onDidChangeRateLimit?.((state) => (rate = state));
  if (subscription) subscriptions.push(subscription);
  return {
    ui: downloadUi(),
    getClient: () => accounts.getActiveClient(),
    rateLimit: () => rate,
    runner: async (client, spec, onProgress, signal) => {
      const { downloadInWorker } = await import('../api');
      const job: DownloadJob = { method: spec.method, path: spec.path, params: spec.params, kind: spec.kind, format: spec.format, file: spec.file, resume: spec.resume };
      return downloadInWorker(client, job, onProgress, signal);
    },
    unfinished: (file) => {
      const state = readState(file);
      return state ? { pages: state.pages, records: state.records, bytes: state.bytes } : undefined;
    },
    ...(log ? { log } : {}),
  };
}
