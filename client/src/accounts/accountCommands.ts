/**
 * Account commands: Sign In (interactive), Sign In With (non-interactive, for tests and automation),
 * Sign Out, Switch Account, the status bar's account menu and Show Log. The demo sign-in from the
 * environment is in demoSignIn.ts; both keep the password in SecretStorage only.
 */
import * as vscode from 'vscode';
import type { Log } from '../log';
import type { AccountManager } from './accountManager';
import { whereText } from './accountStore';
import { signInInteractively } from './signInFlow';

/** Arguments of `qualys.signInWith`. */
export interface SignInWithArgs {
  readonly url: string;
  readonly username: string;
  readonly password: string;
  readonly gatewayUrl?: string;
  readonly label?: string;
  /** Check the credentials first (default true). */
  readonly verify?: boolean;
}

export type SignInWithAnswer = { readonly ok: true; readonly accountId: string } | { readonly ok: false; readonly message: string; readonly code?: string };

function isSignInWithArgs(value: unknown): value is SignInWithArgs {
  const v = value as Partial<SignInWithArgs> | undefined;
  return typeof v === 'object' && v !== null && typeof v.url === 'string' && typeof v.username === 'string' && typeof v.password === 'string';
}

export function registerAccountCommands(context: vscode.ExtensionContext, accounts: AccountManager, log: Log): void {
  const setSignedIn = (): void => void vscode.commands.executeCommand('setContext', 'qualys.signedIn', accounts.activeAccount() !== undefined);
  setSignedIn();

  const switchAccount = async (): Promise<void> => {
    const active = accounts.activeAccount();
    const items = [
      ...accounts.accounts().map((a) => ({ label: `${a.id === active?.id ? '$(check) ' : ''}${a.label}`, description: whereText(a.where), id: a.id })),
      { label: '$(add) Sign In to Another Account…', description: '', id: '' },
    ];
    const pick = await vscode.window.showQuickPick(items, { title: 'Switch Qualys Account' });
    if (!pick) return;
    if (pick.id === '') await signInInteractively(accounts, log);
    else await accounts.switchTo(pick.id);
  };

  const signOut = async (): Promise<void> => {
    const all = accounts.accounts();
    if (all.length === 0) {
      void vscode.window.showInformationMessage('No Qualys account is signed in.');
      return;
    }
    let id = accounts.activeAccount()?.id;
    if (all.length > 1 || id === undefined) {
      const pick = await vscode.window.showQuickPick(
        all.map((a) => ({ label: a.label, description: a.id === id ? 'active' : whereText(a.where), id: a.id })),
        { title: 'Sign Out of Which Qualys Account?' },
      );
      if (!pick) return;
      id = pick.id;
    }
    const account = all.find((a) => a.id === id);
    await accounts.signOut(id);
    log.info(`Signed out of ${account?.label ?? id}; its password was deleted from SecretStorage.`);
    void vscode.window.showInformationMessage(`Signed out of ${account?.label ?? 'the account'}.`);
  };

  context.subscriptions.push(
    accounts.onDidChangeActiveAccount(setSignedIn),
    vscode.commands.registerCommand('qualys.signIn', () => signInInteractively(accounts, log).then(() => undefined)),
    vscode.commands.registerCommand('qualys.signInWith', async (args: unknown): Promise<SignInWithAnswer> => {
      if (!isSignInWithArgs(args)) return { ok: false, message: 'qualys.signInWith takes { url, username, password } (gatewayUrl, label, verify optional).' };
      log.addSecret(args.password);
      const result = await accounts.signIn(
        { where: { url: args.url }, username: args.username, password: args.password, ...(args.gatewayUrl ? { gatewayUrl: args.gatewayUrl } : {}), ...(args.label ? { label: args.label } : {}) },
        { verify: args.verify !== false },
      );
      if (result.ok) {
        log.info(`Signed in as ${result.value.label} (qualys.signInWith).`);
        return { ok: true, accountId: result.value.id };
      }
      log.apiError('qualys.signInWith', result.error);
      return { ok: false, message: result.error.message, ...(result.error.code ? { code: result.error.code } : {}) };
    }),
    vscode.commands.registerCommand('qualys.signOut', signOut),
    vscode.commands.registerCommand('qualys.switchAccount', switchAccount),
    vscode.commands.registerCommand('qualys.showLog', () => log.show()),
    vscode.commands.registerCommand('qualys.accountMenu', async () => {
      const signedIn = accounts.activeAccount() !== undefined;
      const items = [
        { label: '$(sign-in) Sign In…', command: 'qualys.signIn' },
        ...(signedIn ? [{ label: '$(account) Switch Account…', command: 'qualys.switchAccount' }, { label: '$(sign-out) Sign Out…', command: 'qualys.signOut' }] : []),
        { label: '$(output) Show Log', command: 'qualys.showLog' },
      ];
      const pick = await vscode.window.showQuickPick(items, { title: accounts.activeAccount()?.label ?? 'Qualys' });
      if (pick) await vscode.commands.executeCommand(pick.command);
    }),
  );
}
