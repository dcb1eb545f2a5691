/**
 * The "Request History" view in the Qualys sidebar: the active account's sent requests, newest
 * first, each with its status, Qualys CODE, time, size and when. Click reopens the answer (read-only
 * `qualys-history:` documents read from disk), "Send Again" sends the stored request (asking first
 * when it changes data), "Compare Answers" opens two answers side by side (vscode.diff). The only
 * `vscode` file of the history.
 */
import * as vscode from 'vscode';
import type { AccountLike, AccountSource, RequestLog } from '../requests/accountSource';
import type { SentListener } from '../requests/sendFlow';
import { describe, historyRecord, isFailure } from './historyRecord';
import type { HistoryEntry, HistoryStore } from './historyStore';

export const HISTORY_SCHEME = 'qualys-history';
export const HISTORY_COMMANDS = {
  open: 'qualys.history.open',
  sendAgain: 'qualys.history.sendAgain',
  compare: 'qualys.history.compare',
  clear: 'qualys.history.clear',
  refresh: 'qualys.history.refresh',
} as const;

/** The key an account's history is kept under. */
export function accountKey(account: AccountLike): string {
  return account.id ?? account.label;
}

function escape(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, '\\$&');
}

function extension(entry: HistoryEntry): string {
  return { text: 'txt', xml: 'xml', json: 'jsonc' }[entry.format];
}

class HistoryItem extends vscode.TreeItem {
  constructor(
    readonly entry: HistoryEntry,
    readonly key: string,
  ) {
    super(entry.name, vscode.TreeItemCollapsibleState.None);
    this.id = `${key}/${entry.id}`;
    this.description = describe(entry);
    const bad = isFailure(entry);
    this.iconPath = new vscode.ThemeIcon(bad ? 'error' : 'pass', new vscode.ThemeColor(bad ? 'testing.iconFailed' : 'testing.iconPassed'));
    this.contextValue = `qualys.historyEntry${entry.request ? ':resend' : ''}`;
    const lines = [
      `**${escape(entry.name)}**`,
      '',
      `${escape(entry.endpoint)}${entry.action ? ` (action=${escape(entry.action)})` : ''}${entry.mutating ? ' _(changes data)_' : ''}`,
      '',
      escape(describe(entry)),
      ...(entry.text ? ['', `Qualys TEXT: ${escape(entry.text)}`] : []),
      ...(entry.error ? ['', escape(entry.error.message)] : []),
      '',
      `${escape(entry.account)}, ${escape(new Date(entry.sentAt).toLocaleString())}, ${entry.origin === 'run' ? 'Run All Requests' : entry.origin === 'again' ? 'Send Again' : 'Send Request'}`,
      ...(entry.request ? [] : ['', '_The request carried a secret of its own and is not kept: send it again from its file._']),
    ];
    // Untrusted: Qualys text never runs a command link.
    this.tooltip = new vscode.MarkdownString(lines.join('\n'));
    this.command = { command: HISTORY_COMMANDS.open, title: 'Open Answer', arguments: [this] };
  }

  get uri(): vscode.Uri {
    const name = this.entry.name.replace(/[^\w.-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60) || 'answer';
    return vscode.Uri.from({ scheme: HISTORY_SCHEME, path: `/${encodeURIComponent(this.key)}/${this.entry.id}/${name}.${extension(this.entry)}` });
  }
}

export interface HistoryViewDeps {
  readonly store: HistoryStore;
  readonly accounts: AccountSource;
  readonly log: RequestLog;
  /** Shows an answer the way Send Request does (responseDocuments.ts). */
  readonly showResponse: (text: string, format: HistoryEntry['format'], name: string) => Promise<void>;
}

export class HistoryView implements vscode.TreeDataProvider<HistoryItem>, vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<HistoryItem | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  readonly view: vscode.TreeView<HistoryItem>;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly deps: HistoryViewDeps) {
    this.view = vscode.window.createTreeView('qualys.history', { treeDataProvider: this, canSelectMany: true, showCollapseAll: false });
    const subscription = deps.accounts.onDidChangeActiveAccount(() => this.refresh());
    this.disposables.push(this.view, this.changed, { dispose: () => void subscription.dispose() }, vscode.workspace.registerTextDocumentContentProvider(HISTORY_SCHEME, this));
  }

  refresh(): void {
    this.changed.fire(undefined);
  }

  getTreeItem(item: HistoryItem): vscode.TreeItem {
    return item;
  }

  async getChildren(parent?: HistoryItem): Promise<HistoryItem[]> {
    if (parent) return [];
    const account = this.deps.accounts.activeAccount();
    if (!account) return [];
    const key = accountKey(account);
    const entries = await this.deps.store.list(key);
    this.view.message = entries.length === 0 ? `No request sent from ${account.label} yet: Send Request and Run All Requests are recorded here.` : undefined;
    return entries.map((entry) => new HistoryItem(entry, key));
  }

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const [, key, id] = uri.path.split('/');
    const text = key && id ? await this.deps.store.answer(decodeURIComponent(key), id) : undefined;
    return text ?? 'This answer is no longer in the history.';
  }

  /** Answers are rendered (a large one in the API worker) and stored one after another, in the order sent. */
  private recording: Promise<void> = Promise.resolve();

  /** Records a sent request (Send Request, Run All, Send Again) and refreshes the view. */
  readonly record: SentListener = ({ plan, outcome, sentAt, client, account, source, origin, secrets, rendered, checks }) => {
    const rendering = historyRecord(plan, outcome, { account: account.label, sentAt, origin: origin ?? 'send', ...(source.uri ? { source } : {}), ...(secrets ? { secrets } : {}), ...(rendered ? { rendered } : {}), ...(checks ? { checks } : {}) }, client);
    this.recording = this.recording
      .then(async () => {
        const { entry, answer } = await rendering;
        await this.deps.store.record(accountKey(account), entry, answer);
      })
      .then(
        () => this.refresh(),
        (error: unknown) => this.deps.log.warn(`Request history: the answer could not be stored (${error instanceof Error ? error.message : String(error)}).`),
      );
  };

  async open(item: HistoryItem | undefined): Promise<void> {
    const target = item ?? this.view.selection[0];
    if (!target) return;
    const document = await vscode.workspace.openTextDocument(target.uri);
    // Beside the request file being edited, as Send Request shows answers; else where the user is.
    await vscode.window.showTextDocument(document, { preview: true, viewColumn: vscode.window.activeTextEditor ? vscode.ViewColumn.Beside : vscode.ViewColumn.Active });
  }

  async compare(item: HistoryItem | undefined, others: readonly HistoryItem[] | undefined): Promise<void> {
    let pair = (others && others.length >= 2 ? others : this.view.selection).slice(0, 2);
    if (pair.length < 2) {
      const first = item ?? pair[0];
      if (!first) return;
      const candidates = (await this.getChildren()).filter((other) => other.entry.id !== first.entry.id);
      const picked = await vscode.window.showQuickPick(
        candidates.map((candidate) => ({ label: candidate.entry.name, description: describe(candidate.entry), candidate })),
        { title: `Compare "${first.entry.name}" with`, matchOnDescription: true },
      );
      if (!picked) return;
      pair = [first, picked.candidate];
    }
    // Older on the left, newer on the right.
    const [left, right] = [...pair].sort((a, b) => a.entry.sentAt.localeCompare(b.entry.sentAt));
    await vscode.commands.executeCommand('vscode.diff', left!.uri, right!.uri, `${left!.entry.name} (${describe(left!.entry)}) ↔ ${right!.entry.name} (${describe(right!.entry)})`);
  }

  async sendAgain(item: HistoryItem | undefined): Promise<void> {
    const target = item ?? this.view.selection[0];
    if (!target) return;
    const request = target.entry.request;
    if (!request) {
      void vscode.window.showInformationMessage(`"${target.entry.name}" was not kept for Send Again (it carried a secret of its own, or was over 256 KB): send it again from its request file.`);
      return;
    }
    const client = await this.deps.accounts.getActiveClient();
    const account = this.deps.accounts.activeAccount();
    if (!client || !account || accountKey(account) !== target.key) {
      void vscode.window.showErrorMessage('Sign in to the account this request was sent from to send it again.');
      return;
    }
    if (target.entry.mutating) {
      const choice = await vscode.window.showWarningMessage(
        `Send "${target.entry.name}" again? It changes data in ${account.label}.`,
        { modal: true, detail: `${target.entry.endpoint}${target.entry.action ? ` with action=${target.entry.action}` : ''} is sent once and never retried automatically.` },
        'Send',
      );
      if (choice !== 'Send') return;
    }
    const { sendAgain } = await import('./sendAgain');
    const result = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Sending ${target.entry.name} again`, cancellable: true }, async (_progress, token) => {
      const controller = new AbortController();
      const subscription = token.onCancellationRequested(() => controller.abort());
      try {
        return await sendAgain(target.entry, client, account, controller.signal);
      } finally {
        subscription.dispose();
      }
    });
    if (!result) return;
    // Recorded as shown: the answer is rendered once (with the account's secrets masked, as the history masks them).
    this.record({ ...result.sent, source: target.entry.source ?? { uri: '', line: 0 }, origin: 'again', rendered: Promise.resolve(result.rendered) });
    await this.deps.showResponse(result.rendered.text, result.rendered.format, target.entry.name);
  }

  async clear(): Promise<void> {
    const account = this.deps.accounts.activeAccount();
    if (!account) return;
    const choice = await vscode.window.showWarningMessage(`Clear the request history of ${account.label}?`, { modal: true }, 'Clear');
    if (choice !== 'Clear') return;
    await this.deps.store.clear(accountKey(account));
    this.refresh();
  }

  dispose(): void {
    for (const disposable of this.disposables) disposable.dispose();
  }
}
