/**
 * The children of a paged node: the items loaded so far, then a Load more row while more exist, an
 * error row (CODE, TEXT, Retry) when the last load failed, or a message when there is nothing. A
 * load the extension cancelled is not a failure and shows no row.
 */
import { ErrorNode } from '../nodes/errorNode';
import { LoadMoreNode } from '../nodes/loadMoreNode';
import { MessageNode } from '../nodes/messageNode';
import type { SidebarNode } from '../nodes/sidebarNode';
import type { Pager } from './pager';

export interface PagedChildrenSpec<T> {
  readonly pager: Pager<T>;
  /** The node the children belong to (undefined = the view's root). */
  readonly owner: SidebarNode | undefined;
  /** Prefix of the Load more / error / message row ids, unique in the view. */
  readonly idPrefix: string;
  readonly toNode: (item: T) => SidebarNode;
  /** Plural noun for "200 hosts loaded". */
  readonly what: string;
  /** Shown when the listing is empty, e.g. "No hosts match the filter". */
  readonly empty: string;
  /** The order rows are shown in (default: as listed). */
  readonly sort?: (a: T, b: T) => number;
}

export async function pagedChildren<T>(spec: PagedChildrenSpec<T>, signal: AbortSignal): Promise<SidebarNode[]> {
  const { pager } = spec;
  if (pager.state === 'idle' && !signal.aborted) await pager.loadNext(signal);
  const items = spec.sort ? [...pager.items].sort(spec.sort) : pager.items;
  const nodes: SidebarNode[] = items.map(spec.toNode);
  const error = pager.error;
  if (error) nodes.push(new ErrorNode(spec.idPrefix, error, pager as Pager<unknown>, spec.owner));
  else if (pager.state === 'more') nodes.push(new LoadMoreNode(spec.idPrefix, pager as Pager<unknown>, spec.owner, spec.what));
  else if (pager.state === 'done' && nodes.length === 0) nodes.push(new MessageNode(`${spec.idPrefix}/empty`, spec.empty));
  // Still 'idle': the first load was cancelled by the extension (a refresh, sign-in, account switch
  // or collapse, which loads again or shows something else). Nothing is known yet, so no row says
  // anything: neither an error nor "no hosts".
  return nodes;
}
