/**
 * "Export Option Profile to Editor" (pick a profile of the active account, open its XML as an
 * untitled xml document where the language server takes over) and "Import Option Profile from
 * Editor" (refused while the language server reports errors, confirmed in a modal dialog, sent once
 * and never retried; Qualys' answer shown: the new profile's id, or CODE and TEXT).
 */
import * as vscode from 'vscode';
import type { QualysClient } from '../api';
import type { AccountManager } from '../accounts/accountManager';
import type { Log } from '../log';
import { abortSignalOf } from '../views/cancellation';
import { plural } from '../../../common/plural';

/** The API operations, loaded on first use (not at activation). */
const profiles = (): Promise<typeof import('./profileList')> => import('./profileList');
const api = (): Promise<typeof import('../api')> => import('../api');

async function activeClient(accounts: AccountManager): Promise<QualysClient | undefined> {
  const client = await accounts.getActiveClient();
  if (!client) {
    const choice = await vscode.window.showWarningMessage('Sign in to a Qualys account first.', 'Sign In');
    if (choice) await vscode.commands.executeCommand('qualys.signIn');
  }
  return client;
}

function cancellable<T>(title: string, run: (signal: AbortSignal) => Promise<T>): Thenable<T> {
  return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, async (_p, token) => {
    const abort = abortSignalOf(token);
    try {
      return await run(abort.signal);
    } finally {
      abort.dispose();
    }
  });
}

/** The language server's errors in a document (source 'qualys', severity Error). */
export function qualysErrors(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'qualys' && d.severity === vscode.DiagnosticSeverity.Error);
}

export function registerOptionProfileCommands(context: vscode.ExtensionContext, accounts: AccountManager, log: Log): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('qualys.optionProfile.export', async () => {
      const client = await activeClient(accounts);
      if (!client) return;
      const { listProfiles, exportProfile } = await profiles();
      const list = await cancellable('Listing option profiles…', (signal) => listProfiles(client, { signal }));
      if (!list.ok) {
        log.apiError('Export option profile: list', list.error);
        if (list.error.kind !== 'cancelled') void vscode.window.showErrorMessage(`Could not list option profiles: ${list.error.code ? `CODE ${list.error.code}: ` : ''}${list.error.text ?? list.error.message}`);
        return;
      }
      if (list.value.length === 0) {
        void vscode.window.showInformationMessage('This account has no option profiles to export.');
        return;
      }
      const pick = await vscode.window.showQuickPick(
        list.value.map((p) => ({ label: p.title, description: `ID ${p.id}${p.type ? ` · ${p.type}` : ''}`, id: p.id })),
        { title: 'Export Option Profile to Editor', matchOnDescription: true },
      );
      if (!pick) return;
      const xml = await cancellable(`Exporting ${pick.label}…`, (signal) => exportProfile(client, pick.id, { signal }));
      if (!xml.ok) {
        log.apiError('Export option profile', xml.error);
        if (xml.error.kind !== 'cancelled') void vscode.window.showErrorMessage(`Export failed: ${xml.error.code ? `CODE ${xml.error.code}: ` : ''}${xml.error.text ?? xml.error.message}`);
        return;
      }
      const document = await vscode.workspace.openTextDocument({ language: 'xml', content: xml.value });
      await vscode.window.showTextDocument(document);
    }),
    vscode.commands.registerCommand('qualys.optionProfile.import', async () => {
      const editor = vscode.window.activeTextEditor;
      if (!editor || !/<OPTION_PROFILES[\s>]/.test(editor.document.getText())) {
        void vscode.window.showWarningMessage('Open an option profile document (root element OPTION_PROFILES) in the editor first.');
        return;
      }
      const document = editor.document;
      const errors = qualysErrors(document.uri);
      if (errors.length) {
        const choice = await vscode.window.showErrorMessage(
          `The option profile has ${plural(errors.length, 'error')} (first, line ${errors[0]!.range.start.line + 1}: ${errors[0]!.message}). Fix ${errors.length === 1 ? 'it' : 'them'} before importing.`,
          'Show Problems',
        );
        if (choice) await vscode.commands.executeCommand('workbench.actions.view.problems');
        return;
      }
      const client = await activeClient(accounts);
      const account = accounts.activeAccount();
      if (!client || !account) return;
      const confirm = await vscode.window.showWarningMessage(
        `Import this option profile into ${account.label}?`,
        { modal: true, detail: 'Qualys creates new option profiles from the document. This changes the account and is not retried automatically.' },
        'Import',
      );
      if (confirm !== 'Import') return;
      const text = document.getText();
      const [{ importOptionProfiles }, { importOutcome }] = await Promise.all([api(), profiles()]);
      const result = await cancellable('Importing option profile…', (signal) => importOptionProfiles(client, text, { signal }));
      const outcome = importOutcome(result);
      if (!result.ok) log.apiError('Import option profile', result.error);
      else log.info(outcome.message);
      if (outcome.ok) void vscode.window.showInformationMessage(outcome.message);
      else void vscode.window.showErrorMessage(outcome.message, 'Show Log').then((c) => c && log.show());
    }),
  );
}
