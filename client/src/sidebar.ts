/**
 * registerSidebar(context): everything of the "Qualys" activity bar container in one call from
 * extension.ts: the log, accounts (with the demo sign-in from the environment), the status bar,
 * the three views, the row commands, the details documents and the option profile commands.
 * Returns the AccountManager for the features that build on it (Send Request, live completion).
 */
import * as vscode from 'vscode';
import { AccountManager } from './accounts/accountManager';
import { registerAccountCommands } from './accounts/accountCommands';
import { signInFromEnvironment } from './accounts/demoSignIn';
import { registerStatusBar } from './accounts/statusBar';
import { registerItemCommands } from './commands/itemCommands';
import { Log } from './log';
import { registerOptionProfileCommands } from './optionProfiles/optionProfileCommands';
import { DETAILS_SCHEME, DetailsProvider } from './views/detailsProvider';
import { registerViews } from './views/registerViews';

let manager: AccountManager | undefined;

/** The extension's AccountManager, once registerSidebar has run. */
export function accountManager(): AccountManager | undefined {
  return manager;
}

/**
 * Registers the sidebar. Never throws: extension.ts calls it before starting the language client,
 * and a failure here must not keep the language server from starting; it is reported instead.
 */
export function registerSidebar(context: vscode.ExtensionContext): AccountManager | undefined {
  try {
    return register(context);
  } catch (error) {
    const message = `The Qualys sidebar could not start: ${error instanceof Error ? error.message : String(error)}`;
    console.error(message);
    void Promise.resolve(vscode.window?.showErrorMessage?.(message)).catch(() => undefined);
    return undefined;
  }
}

function register(context: vscode.ExtensionContext): AccountManager {
  const log = new Log();
  const accounts = new AccountManager(context.globalState, context.secrets);
  manager = accounts;
  const details = new DetailsProvider();
  context.subscriptions.push(log, accounts, details, vscode.workspace.registerTextDocumentContentProvider(DETAILS_SCHEME, details));
  // Read (and removed from the environment) before anything else starts a child process.
  // The demo script may name the URL and user in user settings (never the password) instead.
  const demoSettings = vscode.workspace.getConfiguration('qualys.account');
  const fallback = { url: demoSettings.get<string>('apiUrl') ?? '', username: demoSettings.get<string>('username') ?? '' };
  void signInFromEnvironment(accounts, log, process.env, fallback).catch((error: unknown) => log.warn(`Demo sign-in failed: ${error instanceof Error ? error.message : String(error)}`));
  registerAccountCommands(context, accounts, log);
  registerStatusBar(context, accounts);
  const views = registerViews(context, accounts, log);
  registerItemCommands(context, views.trees, details, log);
  registerOptionProfileCommands(context, accounts, log);
  return accounts;
}
