/**
 * The interactive "Qualys: Sign In": platform (the API client's PLATFORMS, a private cloud or any
 * URL, including http://127.0.0.1:PORT for the local simulator), user name, password; the
 * credentials are checked with one call, then saved (the password to SecretStorage only).
 */
import * as vscode from 'vscode';
import type { ApiError, PlatformChoice } from '../api';
import { PLATFORMS, resolveEndpoints } from '../api/platforms';
import type { Log } from '../log';
import { abortSignalOf } from '../views/cancellation';
import type { AccountManager, AccountInfo, SignInRequest } from './accountManager';

type WhereItem = vscode.QuickPickItem & { choice: 'platform' | 'private' | 'url'; platform?: string };

async function pickWhere(): Promise<{ where: PlatformChoice; askGateway: boolean } | undefined> {
  const items: WhereItem[] = [
    ...PLATFORMS.map((p): WhereItem => ({ choice: 'platform', platform: p.id, label: p.label, description: p.id, detail: `https://${p.apiHost}` })),
    { choice: 'private', label: 'Private Cloud Platform…', detail: 'Your private cloud base domain, e.g. qualys.example.com' },
    { choice: 'url', label: 'Custom API URL…', detail: 'Any API server URL; http://127.0.0.1:PORT for the local simulator (npm run simulator)' },
  ];
  const pick = await vscode.window.showQuickPick(items, { title: 'Qualys Sign In (1/3): platform', placeHolder: 'Where is your Qualys account?', ignoreFocusOut: true, matchOnDetail: true });
  if (!pick) return undefined;
  if (pick.choice === 'platform') return { where: { platform: pick.platform! }, askGateway: false };
  const isUrl = pick.choice === 'url';
  const value = await vscode.window.showInputBox({
    title: isUrl ? 'Qualys Sign In: API server URL' : 'Qualys Sign In: private cloud base domain',
    placeHolder: isUrl ? 'https://qualysapi.example.com or http://127.0.0.1:8080' : 'qualys.example.com',
    ignoreFocusOut: true,
    validateInput: (text) => {
      if (!text.trim()) return 'Required.';
      const resolved = resolveEndpoints(isUrl ? { url: text } : { privateCloud: text });
      return resolved.ok ? undefined : resolved.error.message;
    },
  });
  if (value === undefined) return undefined;
  const where: PlatformChoice = isUrl ? { url: value.trim() } : { privateCloud: value.trim() };
  const resolved = resolveEndpoints(where);
  return { where, askGateway: resolved.ok && resolved.value.gatewayBase === undefined };
}

function failureText(error: ApiError): string {
  return error.code ? `CODE ${error.code}: ${error.text ?? error.message}` : error.message;
}

/** Runs the whole flow; the saved account, or undefined when the user cancelled or it failed. */
export async function signInInteractively(accounts: AccountManager, log: Log): Promise<AccountInfo | undefined> {
  const place = await pickWhere();
  if (!place) return undefined;
  const username = await vscode.window.showInputBox({ title: 'Qualys Sign In (2/3): user name', ignoreFocusOut: true, validateInput: (v) => (v.trim() ? undefined : 'Required.') });
  if (username === undefined) return undefined;
  const password = await vscode.window.showInputBox({ title: 'Qualys Sign In (3/3): password', password: true, ignoreFocusOut: true, prompt: 'Kept in VS Code SecretStorage only', validateInput: (v) => (v ? undefined : 'Required.') });
  if (password === undefined) return undefined;
  log.addSecret(password);
  let gatewayUrl: string | undefined;
  if (place.askGateway) {
    gatewayUrl = await vscode.window.showInputBox({
      title: 'Qualys Sign In: gateway URL (optional)',
      prompt: 'The JWT gateway for PCRS; leave empty if you do not use PCRS.',
      ignoreFocusOut: true,
      validateInput: (v) => {
        if (!v.trim()) return undefined;
        const resolved = resolveEndpoints(place.where, v);
        return resolved.ok ? undefined : resolved.error.message;
      },
    });
    if (gatewayUrl === undefined) return undefined;
  }
  const request: SignInRequest = { where: place.where, username: username.trim(), password, ...(gatewayUrl?.trim() ? { gatewayUrl: gatewayUrl.trim() } : {}) };
  const result = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: 'Signing in to Qualys…', cancellable: true },
    async (_progress, token) => {
      const abort = abortSignalOf(token);
      try {
        return await accounts.signIn(request, { signal: abort.signal });
      } finally {
        abort.dispose();
      }
    },
  );
  if (result.ok) {
    log.info(`Signed in as ${result.value.label}.`);
    void vscode.window.showInformationMessage(`Signed in to Qualys as ${result.value.label}.`);
    return result.value;
  }
  log.apiError('Sign in', result.error);
  if (result.error.kind === 'cancelled') return undefined;
  if (result.error.kind === 'auth' || result.error.kind === 'config' || result.error.kind === 'account') {
    void vscode.window.showErrorMessage(`Qualys sign in failed: ${failureText(result.error)}`);
    return undefined;
  }
  // The place may be down or slow right now; the user may still want the account saved.
  const choice = await vscode.window.showErrorMessage(`Could not check the account: ${failureText(result.error)}`, 'Save Anyway', 'Show Log');
  if (choice === 'Show Log') log.show();
  if (choice !== 'Save Anyway') return undefined;
  const saved = await accounts.signIn(request, { verify: false });
  return saved.ok ? saved.value : undefined;
}
