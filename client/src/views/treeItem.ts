/** Row (plain data) -> vscode.TreeItem. The only place rows meet the VS Code API. */
import * as vscode from 'vscode';
import { contextValueOf } from './nodes/row';
import type { SidebarNode } from './nodes/sidebarNode';

const TITLES: Readonly<Record<string, string>> = {
  'qualys.loadMore': 'Load More',
  'qualys.retry': 'Retry',
  'qualys.openDetails': 'Open Details',
  'qualys.signIn': 'Sign In',
};

export function toTreeItem(node: SidebarNode): vscode.TreeItem {
  const row = node.row;
  const state =
    row.collapsible === 'none'
      ? vscode.TreeItemCollapsibleState.None
      : row.collapsible === 'expanded'
        ? vscode.TreeItemCollapsibleState.Expanded
        : vscode.TreeItemCollapsibleState.Collapsed;
  const item = new vscode.TreeItem(row.label, state);
  item.id = row.id;
  item.contextValue = contextValueOf(row);
  if (row.description) item.description = row.description;
  if (row.tooltip) {
    // Not trusted: Qualys data in a tooltip must never run a command link.
    item.tooltip = new vscode.MarkdownString(row.tooltip, false);
  }
  if (row.icon) item.iconPath = new vscode.ThemeIcon(row.icon.id, row.icon.color ? new vscode.ThemeColor(row.icon.color) : undefined);
  if (row.action) item.command = { command: row.action, title: TITLES[row.action] ?? row.action, arguments: [node] };
  return item;
}
