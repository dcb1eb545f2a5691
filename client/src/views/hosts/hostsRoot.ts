/**
 * The Hosts view's root: one pager over the host list with the view's filter. The page size is the
 * setting `qualys.hosts.pageSize` (small pages keep the first rows fast on large accounts).
 */
import { listHosts, type Host, type QualysClient } from '../../api';
import { HostNode } from '../nodes/hostNode';
import type { SidebarNode } from '../nodes/sidebarNode';
import { pagedChildren } from '../paging/pagedChildren';
import { mapPages, Pager } from '../paging/pager';
import { hostFilterKey, hostFilterParams, isEmptyFilter, localHostFilter, type HostFilter } from './hostFilter';

export interface HostsRootOptions {
  readonly accountId: string;
  readonly pageSize: number;
  readonly filter: HostFilter;
}

/** How many pages one "Load more" may read when the tracking method filter empties them. */
const MAX_FILTERED_PAGES = 5;

export class HostsRoot {
  readonly pager: Pager<Host>;
  private readonly idPrefix: string;

  constructor(client: QualysClient, readonly options: HostsRootOptions) {
    const params = hostFilterParams(options.filter);
    const filter = localHostFilter(options.filter);
    this.idPrefix = `${options.accountId}/hosts/${hostFilterKey(options.filter)}`;
    this.pager = new Pager<Host>(
      (cursor, signal) =>
        mapPages(listHosts(client, { pageSize: options.pageSize, params: cursor ? { ...params, id_min: cursor } : params, signal }), (page) => page.hosts),
      filter ? { filter, maxPagesPerLoad: MAX_FILTERED_PAGES } : {},
    );
  }

  children(signal: AbortSignal): Promise<SidebarNode[]> {
    return pagedChildren(
      {
        pager: this.pager,
        owner: undefined,
        idPrefix: this.idPrefix,
        toNode: (host) => new HostNode(this.idPrefix, host),
        what: 'hosts',
        empty: isEmptyFilter(this.options.filter) ? 'No hosts in this account' : 'No hosts match the filter',
      },
      signal,
    );
  }

  dispose(): void {
    this.pager.dispose();
  }
}
