/**
 * The three views (Hosts, Authentication Records, Compliance Posture) and their title-bar commands:
 * Refresh, Filter, Clear Filter, and the posture grouping toggle. Roots are rebuilt on account
 * change, filter change and settings change; everything below a root is in the pure view modules.
 */
import * as vscode from 'vscode';
import type { AccountManager } from '../accounts/accountManager';
import type { Log } from '../log';
import { promptHostFilter, promptPostureFilter } from './filterPrompts';
import { describeHostFilter, isEmptyFilter, localHostFilter, type HostFilter } from './hosts/hostFilter';
import type { PostureGrouping } from './nodes/policyNode';
import type { PostureFilter } from './posture/postureModel';
import { describePostureFilter } from './posture/postureText';
import type { KbLookup } from './nodes/detectionNode';
import { MessageNode } from './nodes/messageNode';
import { SidebarTree, type ViewRoot } from './sidebarTree';
import { readSettings, VIEW_SETTINGS } from './viewSettings';

/**
 * The root shown when an account is active but its password is not in this machine's SecretStorage
 * (e.g. global state synced from another machine): a row saying so, never an empty tree.
 */
export function missingPasswordRoot(label: string): ViewRoot {
  const row = new MessageNode('missing-password', `Sign in again: the password of ${label} is not stored on this machine`, undefined, 'qualys.signIn');
  return { children: () => Promise.resolve([row]), dispose: () => undefined };
}

/** The roots (and the API client under them) load on first expansion, not at activation. */
const roots = {
  hosts: () => import('./hosts/hostsRoot'),
  auth: () => import('./authRecords/authRoot'),
  posture: () => import('./posture/postureRoot'),
};

export const VIEW_IDS = { hosts: 'qualys.hosts', authRecords: 'qualys.authRecords', posture: 'qualys.posture' } as const;

export interface SidebarViews {
  readonly trees: readonly SidebarTree[];
  refreshAll(): void;
}

export function registerViews(context: vscode.ExtensionContext, accounts: AccountManager, log: Log, kb?: KbLookup): SidebarViews {
  let hostFilter: HostFilter = {};
  let postureFilter: PostureFilter = {};
  let grouping: PostureGrouping = 'host';

  const hosts = new SidebarTree(
    VIEW_IDS.hosts,
    async () => {
      const client = await accounts.getActiveClient();
      const account = accounts.activeAccount();
      if (!account) return undefined;
      return client ? new (await roots.hosts()).HostsRoot(client, { accountId: account.id, pageSize: readSettings().hostsPageSize, filter: hostFilter, ...(kb ? { kb } : {}) }) : missingPasswordRoot(account.label);
    },
    log,
  );
  const auth = new SidebarTree(
    VIEW_IDS.authRecords,
    async () => {
      const client = await accounts.getActiveClient();
      const account = accounts.activeAccount();
      if (!account) return undefined;
      return client ? new (await roots.auth()).AuthRoot(client, account.id) : missingPasswordRoot(account.label);
    },
    log,
  );
  const posture = new SidebarTree(
    VIEW_IDS.posture,
    async () => {
      const client = await accounts.getActiveClient();
      const account = accounts.activeAccount();
      if (!account) return undefined;
      if (!client) return missingPasswordRoot(account.label);
      const settings = readSettings();
      return new (await roots.posture()).PostureRoot(client, { accountId: account.id, source: settings.postureSource, hostsPerPage: settings.postureHostsPerPage, grouping, filter: postureFilter });
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
