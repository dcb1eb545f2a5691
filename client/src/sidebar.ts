/**
 * registerSidebar(context): everything of the "Qualys" activity bar container in one call from
 * extension.ts: the log, accounts (with the demo sign-in from the environment), the status bar,
 * the views (Hosts with their detections, Vulnerabilities, Authentication Records, Compliance Posture),
 * the row commands, the details documents, QID knowledge (hover, look-up), downloads and the option
 * profile commands.
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
import { registerVulnerabilities } from './views/registerVulnerabilities';
import type { KbLookup } from './views/nodes/detectionNode';
import { readSettings } from './views/viewSettings';
import { KnowledgeBases } from './knowledge/knowledgeBases';
import { registerKnowledge } from './knowledge/registerKnowledge';
import { downloadDeps } from './download/registerDownloads';

let manager: AccountManager | undefined;
let qidHover: (() => void) | undefined;

/** Registers the QID hover (extension.ts calls it once the language client's providers are registered). */
export function registerQidHover(): void {
  qidHover?.();
}

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
  // The KnowledgeBase of the active account, kept on disk in the extension's global storage.
  const knowledge = new KnowledgeBases(context.globalStorageUri.fsPath, accounts, async (client) => {
    const api = await import('./api');
    return (qids, options) => api.knowledgeBaseInWorker(client, qids, options);
  }, { maxBytes: readSettings().knowledgeBaseCacheBytes });
  const kb: KbLookup = {
    peek: (qid) => knowledge.peek()?.peek(qid),
    lookup: async (qids) => (await knowledge.active())?.lookup(qids) ?? { entries: new Map() },
  };
  qidHover = registerKnowledge(context, knowledge, details, log);
  const views = registerViews(context, accounts, log, kb);
  const vulnerabilities = registerVulnerabilities(context, accounts, log, kb, downloadDeps(accounts, log, context.subscriptions));
  registerItemCommands(context, [...views.trees, vulnerabilities], details, log);
  registerOptionProfileCommands(context, accounts, log);
  return accounts;
}
