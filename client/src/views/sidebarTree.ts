/**
 * The TreeDataProvider of one view, over typed nodes. It adds only what needs VS Code: progress on
 * the view while a load runs, one CancellationTokenSource per load (cancelled on refresh, on
 * collapse of the node, and on sign-out), and logging of the error rows a load produced.
 */
import * as vscode from 'vscode';
import type { Log } from '../log';
import { ErrorNode } from './nodes/errorNode';
import type { SidebarNode } from './nodes/sidebarNode';
import type { Pager } from './paging/pager';
import { abortSignalOf } from './cancellation';
import { toTreeItem } from './treeItem';

/** The root of a view: its top-level children, and cleanup when it is replaced. */
export interface ViewRoot {
  children(signal: AbortSignal): Promise<readonly SidebarNode[]>;
  dispose(): void;
}

const ROOT = 'root';
const treeOfNode = new WeakMap<SidebarNode, SidebarTree>();
/** Errors already written to the log: a re-render shows the same error row again, logged once. */
const loggedErrors = new WeakSet<object>();

/** The tree a node was shown in (for item commands, which get the node only). */
export function treeOf(node: SidebarNode): SidebarTree | undefined {
  return treeOfNode.get(node);
}
type LoadKey = SidebarNode | typeof ROOT;

export class SidebarTree implements vscode.TreeDataProvider<SidebarNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<SidebarNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  readonly view: vscode.TreeView<SidebarNode>;
  private root: Promise<ViewRoot | undefined> | undefined;
  private readonly loads = new Map<LoadKey, Set<vscode.CancellationTokenSource>>();
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(
    readonly viewId: string,
    /** Makes the root for the active account; undefined when signed out (the welcome shows). */
    private readonly makeRoot: () => Promise<ViewRoot | undefined>,
    private readonly log: Log,
  ) {
    this.view = vscode.window.createTreeView(viewId, { treeDataProvider: this, showCollapseAll: true });
    this.subscriptions.push(this.view, this.changed, this.view.onDidCollapseElement((e) => this.onCollapse(e.element)));
  }

  getTreeItem(node: SidebarNode): vscode.TreeItem {
    return toTreeItem(node);
  }

  /** A row without a tooltip gets it when hovered, read from its details (the API worker parses them). */
  async resolveTreeItem(item: vscode.TreeItem, node: SidebarNode, token: vscode.CancellationToken): Promise<vscode.TreeItem> {
    if (item.tooltip === undefined && node.tooltip) {
      try {
        const text = await node.tooltip();
        // Not trusted: Qualys data in a tooltip must never run a command link.
        if (!token.isCancellationRequested) item.tooltip = new vscode.MarkdownString(text, false);
      } catch (error) {
        this.log.warn(`${this.viewId}: tooltip failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    return item;
  }

  async getChildren(node?: SidebarNode): Promise<SidebarNode[]> {
    let children: readonly SidebarNode[];
    if (node) children = node.children ? await this.load(node, (signal) => node.children!(signal)) : [];
    else {
      this.root ??= this.makeRoot();
      const root = await this.root;
      children = root ? await this.load(ROOT, (signal) => root.children(signal)) : [];
    }
    for (const child of children) treeOfNode.set(child, this);
    return [...children];
  }

  /** Drops everything loaded (new account, filter, grouping or an explicit Refresh) and reloads. */
  refresh(): void {
    this.cancel();
    const old = this.root;
    this.root = undefined;
    void old?.then((root) => root?.dispose());
    this.changed.fire(undefined);
  }

  /** Loads the next page of a pager (Load more, Retry) and shows it under its owner. */
  async loadMore(owner: SidebarNode | undefined, pager: Pager<unknown>): Promise<void> {
    await this.load(owner ?? ROOT, (signal) => pager.loadNext(signal));
    if (pager.error && !loggedErrors.has(pager.error)) {
      loggedErrors.add(pager.error);
      this.log.apiError(`${this.viewId}: loading more`, pager.error);
    }
    this.changed.fire(owner);
  }

  /** The node selected in this view, for palette invocations of item commands. */
  selected(): SidebarNode | undefined {
    return this.view.selection[0];
  }

  dispose(): void {
    this.cancel();
    void this.root?.then((root) => root?.dispose());
    for (const s of this.subscriptions) s.dispose();
  }

  private async load<T>(key: LoadKey, run: (signal: AbortSignal) => Promise<T>): Promise<T> {
    const source = new vscode.CancellationTokenSource();
    const set = this.loads.get(key) ?? new Set();
    set.add(source);
    this.loads.set(key, set);
    const abort = abortSignalOf(source.token);
    try {
      const result = await vscode.window.withProgress({ location: { viewId: this.viewId } }, () => run(abort.signal));
      if (Array.isArray(result)) {
        for (const child of result as unknown[]) {
          if (child instanceof ErrorNode && !loggedErrors.has(child.error)) {
            loggedErrors.add(child.error);
            this.log.apiError(this.viewId, child.error);
          }
        }
      }
      return result;
    } finally {
      abort.dispose();
      set.delete(source);
      if (set.size === 0 && this.loads.get(key) === set) this.loads.delete(key);
      source.dispose();
    }
  }

  /** Collapsing a node cancels its load; it reloads when expanded again. */
  private onCollapse(node: SidebarNode): void {
    const running = this.loads.get(node);
    if (!running || running.size === 0) return;
    for (const source of running) source.cancel();
    this.changed.fire(node);
  }

  private cancel(): void {
    for (const set of this.loads.values()) for (const source of set) source.cancel();
    this.loads.clear();
  }
}
