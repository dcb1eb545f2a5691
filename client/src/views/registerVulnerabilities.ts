/**
 * The Vulnerabilities view and its commands: Refresh, Filter, Clear Filter, Download (every page of
 * the detection list with the view's filter), and Download Detections of one QID. The root is rebuilt
 * on account, filter and settings change; everything below it is in views/vulnerabilities/.
 */
import * as vscode from 'vscode';
import type { AccountManager } from '../accounts/accountManager';
import { runDownload, type DownloadDeps, type DownloadRequest } from '../download/downloadFlow';
import type { Log } from '../log';
import { promptVulnFilter } from './filterPrompts';
import type { KbLookup } from './nodes/detectionNode';
import type { SidebarNode } from './nodes/sidebarNode';
import { missingPasswordRoot } from './registerViews';
import { SidebarTree } from './sidebarTree';
import { readSettings, VIEW_SETTINGS } from './viewSettings';
import { describeVulnFilter, isEmptyVulnFilter, vulnFilterParams, type VulnFilter } from './vulnerabilities/vulnFilter';

export const VULNERABILITIES_VIEW = 'qualys.vulnerabilities';
const DETECTION_PATH = '/api/2.0/fo/asset/host/vm/detection/';

/** Hosts per page of a download (Qualys' own default truncation). */
const DOWNLOAD_PAGE = '1000';

export function registerVulnerabilities(context: vscode.ExtensionContext, accounts: AccountManager, log: Log, kb: KbLookup, downloads: DownloadDeps): SidebarTree {
  let filter: VulnFilter = {};
  const tree = new SidebarTree(
    VULNERABILITIES_VIEW,
    async () => {
      const client = await accounts.getActiveClient();
      const account = accounts.activeAccount();
      if (!account) return undefined;
      if (!client) return missingPasswordRoot(account.label);
      const [{ VulnerabilitiesRoot }, { vulnSource }] = await Promise.all([import('./vulnerabilities/vulnerabilitiesRoot'), import('./vulnerabilities/vulnSource')]);
      return new VulnerabilitiesRoot(vulnSource(client, readSettings().vulnerabilitiesHostsPerPage), kb, { accountId: account.id, filter });
    },
    log,
  );

  const describe = (): void => {
    const text = describeVulnFilter(filter);
    tree.view.description = text ? `Filter: ${text}` : undefined;
    void vscode.commands.executeCommand('setContext', 'qualys.vulnerabilities.filtered', !isEmptyVulnFilter(filter));
  };
  describe();

  const download = async (qid: string | undefined): Promise<void> => {
    const params = { action: 'list', truncation_limit: DOWNLOAD_PAGE, show_igs: '1', ...vulnFilterParams(filter), ...(qid ? { qids: qid } : {}) };
    const what = qid ? `detections of QID ${qid}` : `detections${describeVulnFilter(filter) ? ` (${describeVulnFilter(filter)})` : ''}`;
    await runDownload(downloads, { name: what, method: 'GET', path: DETECTION_PATH, params, kind: 'detections' }, false);
  };

  context.subscriptions.push(
    tree,
    accounts.onDidChangeActiveAccount(() => {
      filter = {};
      describe();
      tree.refresh();
    }),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (VIEW_SETTINGS.some((s) => e.affectsConfiguration(s))) tree.refresh();
    }),
    vscode.commands.registerCommand('qualys.vulnerabilities.refresh', () => tree.refresh()),
    vscode.commands.registerCommand('qualys.vulnerabilities.filter', async () => {
      const next = await promptVulnFilter(filter);
      if (!next) return;
      filter = next;
      describe();
      tree.refresh();
    }),
    vscode.commands.registerCommand('qualys.vulnerabilities.clearFilter', () => {
      filter = {};
      describe();
      tree.refresh();
    }),
    vscode.commands.registerCommand('qualys.vulnerabilities.download', () => download(undefined)),
    vscode.commands.registerCommand('qualys.downloadDetections', (node?: SidebarNode) => download((node ?? tree.selected())?.row.copyQid)),
    // The request file CodeLens's download (requests/downloadRequest.ts) runs the same flow.
    vscode.commands.registerCommand('qualys.downloadPages', async (request?: DownloadRequest, mutating?: boolean) => {
      if (request && typeof request.path === 'string') await runDownload(downloads, request, mutating !== false);
    }),
  );
  return tree;
}
