/** The last row of a paged list while more pages exist: clicking it fetches the next page. */
import type { Pager } from '../paging/pager';
import type { Row } from './row';
import type { SidebarNode } from './sidebarNode';

export class LoadMoreNode implements SidebarNode {
  readonly row: Row;

  constructor(
    idPrefix: string,
    readonly pager: Pager<unknown>,
    readonly owner: SidebarNode | undefined,
    what: string,
    /** What the description says instead of "N <what> loaded" (e.g. a count of hosts read). */
    description?: string,
  ) {
    this.row = {
      id: `${idPrefix}/loadMore`,
      kind: 'loadMore',
      label: 'Load more…',
      description: description ?? `${pager.items.length} ${what} loaded`,
      icon: { id: 'ellipsis' },
      collapsible: 'none',
      action: 'qualys.loadMore',
    };
  }
}
