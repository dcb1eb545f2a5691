/**
 * The status bar item: the active account and platform, and the rate-limit budget left when it runs
 * low (below `qualys.statusBar.rateLimitWarningPercent` of X-RateLimit-Limit). Click: account menu.
 */
import * as vscode from 'vscode';
import type { RateLimitState } from '../api';
import { lowBudgetText } from './rateBudget';
import { readSettings } from '../views/viewSettings';
import type { AccountManager } from './accountManager';
import { whereText } from './accountStore';

export function registerStatusBar(context: vscode.ExtensionContext, accounts: AccountManager): void {
  const item = vscode.window.createStatusBarItem('qualys.account', vscode.StatusBarAlignment.Left, 50);
  item.name = 'Qualys Account';
  let rate: RateLimitState | undefined;

  const render = (): void => {
    const account = accounts.activeAccount();
    if (!account) {
      item.text = '$(account) Qualys: Sign In';
      item.tooltip = 'Sign in to a Qualys account';
      item.command = 'qualys.signIn';
      item.backgroundColor = undefined;
      item.show();
      return;
    }
    const low = lowBudgetText(rate, readSettings().rateLimitWarningPercent);
    item.text = `$(shield) ${account.username} · ${whereText(account.where)}${low ? ` $(warning) ${low}` : ''}`;
    const tooltip = new vscode.MarkdownString(undefined, true);
    tooltip.appendMarkdown(`**Qualys account:** `).appendText(account.label).appendMarkdown('\n\n**Platform:** ').appendText(whereText(account.where));
    if (rate?.limit !== undefined) tooltip.appendMarkdown(`\n\n**API calls left:** ${rate.remaining ?? '?'} of ${rate.limit}${rate.windowSec ? ` per ${rate.windowSec} s` : ''}`);
    tooltip.appendMarkdown('\n\nClick for the account commands.');
    item.tooltip = tooltip;
    item.command = 'qualys.accountMenu';
    item.backgroundColor = low ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    item.show();
  };

  context.subscriptions.push(
    item,
    accounts.onDidChangeActiveAccount(() => {
      rate = undefined;
      render();
    }),
    accounts.onDidChangeRateLimit((state) => {
      rate = state;
      render();
    }),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('qualys.statusBar')) render();
    }),
  );
  render();
}
