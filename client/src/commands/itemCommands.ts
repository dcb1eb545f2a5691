/**
 * Commands on tree rows: Load more, Retry, Open Details, Copy ID, Copy IP, Copy QID. From a row they get the
 * node; from the palette they act on the row selected in the Qualys view that last had a selection.
 */
import * as vscode from 'vscode';
import type { Log } from '../log';
import type { DetailsProvider } from '../views/detailsProvider';
import { ErrorNode } from '../views/nodes/errorNode';
import { LoadMoreNode } from '../views/nodes/loadMoreNode';
import type { SidebarNode } from '../views/nodes/sidebarNode';
import { treeOf, type SidebarTree } from '../views/sidebarTree';

export function registerItemCommands(context: vscode.ExtensionContext, trees: readonly SidebarTree[], details: DetailsProvider, log: Log): void {
  let lastSelected: SidebarTree | undefined;
  for (const tree of trees) context.subscriptions.push(tree.view.onDidChangeSelection((e) => {
    if (e.selection.length) lastSelected = tree;
  }));

  const target = (node: SidebarNode | undefined): SidebarNode | undefined => {
    const chosen = node ?? lastSelected?.selected();
    if (!chosen) void vscode.window.showInformationMessage('Select a row in a Qualys view first.');
    return chosen;
  };

  const reload = async (node: SidebarNode | undefined): Promise<void> => {
    const chosen = target(node);
    if (!(chosen instanceof LoadMoreNode || chosen instanceof ErrorNode)) {
      if (chosen) void vscode.window.showInformationMessage('Select a "Load more" or error row.');
      return;
    }
    if (chosen instanceof ErrorNode && !chosen.retryable) {
      void vscode.window.showInformationMessage('This listing stopped for good and cannot go on from here; Refresh the view to start it again.');
      return;
    }
    const tree = treeOf(chosen);
    if (tree) await tree.loadMore(chosen.owner, chosen.pager);
  };

  const copy = async (node: SidebarNode | undefined, what: 'copyId' | 'copyIp' | 'copyQid'): Promise<void> => {
    const chosen = target(node);
    const value = chosen?.row[what];
    if (!chosen) return;
    if (value === undefined) {
      void vscode.window.showInformationMessage(`This row has no ${what === 'copyId' ? 'ID' : what === 'copyIp' ? 'IP' : 'QID'} to copy.`);
      return;
    }
    await vscode.env.clipboard.writeText(value);
    vscode.window.setStatusBarMessage(`Copied ${value}`, 3000);
  };

  context.subscriptions.push(
    vscode.commands.registerCommand('qualys.loadMore', reload),
    vscode.commands.registerCommand('qualys.retry', reload),
    vscode.commands.registerCommand('qualys.openDetails', async (node?: SidebarNode) => {
      const chosen = target(node);
      if (!chosen) return;
      if (!chosen.details) {
        void vscode.window.showInformationMessage('This row has no details document.');
        return;
      }
      try {
        await details.open(await chosen.details());
      } catch (error) {
        log.warn(`Open details failed: ${error instanceof Error ? error.message : String(error)}`);
        void vscode.window.showErrorMessage('Could not open the details document; see "Qualys: Show Log".');
      }
    }),
    vscode.commands.registerCommand('qualys.copyId', (node?: SidebarNode) => copy(node, 'copyId')),
    vscode.commands.registerCommand('qualys.copyIp', (node?: SidebarNode) => copy(node, 'copyIp')),
    vscode.commands.registerCommand('qualys.copyQid', (node?: SidebarNode) => copy(node, 'copyQid')),
  );
}
