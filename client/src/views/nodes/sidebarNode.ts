/**
 * The node interface every tree row implements. Nodes are plain classes (one kind per file in this
 * folder) that never import `vscode`; views/sidebarTree.ts adapts them to a TreeDataProvider.
 */
import type { Row } from './row';

/** A read-only document for "Open Details": a file name (without extension) and Markdown. */
export interface DetailsDocument {
  readonly name: string;
  readonly markdown: string;
}

export interface SidebarNode {
  readonly row: Row;
  /**
   * The node's children, for collapsible rows. Never rejects: a failed load is an error node with
   * Retry among the children. The signal ends the load (refresh, collapse).
   */
  children?(signal: AbortSignal): Promise<readonly SidebarNode[]>;
  /** The details document, for rows with `hasDetails` (read when opened: it may wait for the API worker). */
  details?(): DetailsDocument | Promise<DetailsDocument>;
  /** The tooltip of a row that shows none until hovered (read then from the row's details). */
  tooltip?(): Promise<string>;
}

/** A node that owns a pager: Load more and Retry reload it, then refresh this node. */
export interface PagedOwner {
  /** Undefined for a view's root. */
  readonly node: SidebarNode | undefined;
}
