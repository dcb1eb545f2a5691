/**
 * The three views (Hosts, Authentication Records, Compliance Posture) and their title-bar commands:
 * Refresh, Filter, Clear Filter, and the posture grouping toggle. Roots are rebuilt on account
 * change, filter change and settings change; everything below a root is in the pure view modules.
 */
import * as vscode from 'vscode';
import type { AccountManager } from '../accounts/accountManager';
import type { Log } from '../log';
import { AuthRoot } from './authRecords/authRoot';
import { promptHostFilter, promptPostureFilter } from './filterPrompts';
import { describeHostFilter, isEmptyFilter, localHostFilter, type HostFilter } from './hosts/hostFilter';
import { HostsRoot } from './hosts/hostsRoot';
import type { PostureGrouping } from './nodes/policyNode';
import type { PostureFilter } from './posture/postureModel';
import { PostureRoot } from './posture/postureRoot';
import { describePostureFilter } from './posture/postureText';
import { SidebarTree } from './sidebarTree';
import { readSettings, VIEW_SETTINGS } from './viewSettings';

export const VIEW_IDS = { hosts: 'qualys.hosts', authRecords: 'qualys.authRecords', posture: 'qualys.posture' } as const;

export interface SidebarViews {
  readonly trees: readonly SidebarTree[];
  refreshAll(): void;
}

export function registerViews(context: vscode.ExtensionContext, accounts: AccountManager, log: Log): SidebarViews {
  let hostFilter: HostFilter = {};
  let postureFilter: PostureFilter = {};
  let grouping: PostureGrouping = 'host';

  const hosts = new SidebarTree(
    VIEW_IDS.hosts,
    async () => {
      const client = await accounts.getActiveClient();
      const account = accounts.activeAccount();
      return client && account ? new HostsRoot(client, { accountId: account.id, pageSize: readSettings().hostsPageSize, filter: hostFilter }) : undefined;
    },
    log,
  );
  const auth = new SidebarTree(
    VIEW_IDS.authRecords,
    async () => {
      const client = await accounts.getActiveClient();
      const account = accounts.activeAccount();
      return client && account ? new AuthRoot(client, account.id) : undefined;
    },
    log,
  );
  const posture = new SidebarTree(
    VIEW_IDS.posture,
    async () => {
      const client = await accounts.getActiveClient();
      const account = accounts.activeAccount();
      if (!client || !account) return undefined;
      const settings = readSettings();
      return new PostureRoot(client, { accountId: account.id, source: settings.postureSource, hostsPerPage: settings.postureHostsPerPage, grouping, filter: postureFilter });
    },
    log,
  );
  const trees = [hosts, auth, posture];

  const describe = (): void => {
    const hostText = describeHostFilter(hostFilter);
    hosts.view.description = hostText ? `Filter: ${hostText}` : undefined;
    hosts.view.message = localHostFilter(hostFilter)
      ? 'The tracking method is matched page by page in the view: the host list API has no parameter for it.'
      : undefined;
    const postureText = describePostureFilter(postureFilter);
    const source = readSettings().postureSource === 'pcrs' ? 'PCRS' : undefined;
    posture.view.description = [grouping === 'control' ? 'by control (failing hosts)' : undefined, postureText ? `Filter: ${postureText}` : undefined, source].filter(Boolean).join(' · ') || undefined;
    void vscode.commands.executeCommand('setContext', 'qualys.hosts.filtered', !isEmptyFilter(hostFilter));
    void vscode.commands.executeCommand('setContext', 'qualys.posture.filtered', postureText !== undefined);
    void vscode.commands.executeCommand('setContext', 'qualys.posture.grouping', grouping);
  };
  const refreshAll = (): void => {
    describe();
    for (const tree of trees) tree.refresh();
  };
  describe();

  context.subscriptions.push(
    ...trees,
    accounts.onDidChangeActiveAccount(() => {
      // A new account starts unfiltered: filters name another account's tags and ranges.
      hostFilter = {};
      postureFilter = {};
      refreshAll();
    }),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (VIEW_SETTINGS.some((s) => e.affectsConfiguration(s))) refreshAll();
    }),
    vscode.commands.registerCommand('qualys.hosts.refresh', () => hosts.refresh()),
    vscode.commands.registerCommand('qualys.authRecords.refresh', () => auth.refresh()),
    vscode.commands.registerCommand('qualys.posture.refresh', () => posture.refresh()),
    vscode.commands.registerCommand('qualys.hosts.filter', async () => {
      const next = await promptHostFilter(hostFilter);
      if (!next) return;
      hostFilter = next;
      describe();
      hosts.refresh();
    }),
    vscode.commands.registerCommand('qualys.hosts.clearFilter', () => {
      hostFilter = {};
      describe();
      hosts.refresh();
    }),
    vscode.commands.registerCommand('qualys.posture.filter', async () => {
      const next = await promptPostureFilter(postureFilter);
      if (!next) return;
      postureFilter = next;
      describe();
      posture.refresh();
    }),
    vscode.commands.registerCommand('qualys.posture.clearFilter', () => {
      postureFilter = {};
      describe();
      posture.refresh();
    }),
    vscode.commands.registerCommand('qualys.posture.toggleGrouping', () => {
      grouping = grouping === 'host' ? 'control' : 'host';
      describe();
      posture.refresh();
    }),
  );
  return { trees, refreshAll };
}
