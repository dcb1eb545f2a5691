/**
 * The Hosts view's root: one pager over the host list with the view's filter, read by the API
 * worker (rows only; a host's details when opened). The page size is the setting
 * `qualys.hosts.pageSize` (small pages keep the first rows fast on large accounts). A host expands
 * to its detections (the host list detection, filtered to the host).
 */
import { detectionDetails, hostDetails, listHostDetectionRows, listHostRows, type HostRow, type QualysClient } from '../../api';
import type { KbLookup } from '../nodes/detectionNode';
import { HostNode, type HostDetectionSource, type HostLoader } from '../nodes/hostNode';
import type { SidebarNode } from '../nodes/sidebarNode';
import { pagedChildren } from '../paging/pagedChildren';
import { Pager } from '../paging/pager';
import { hostFilterKey, hostFilterParams, isEmptyFilter, localHostFilter, type HostFilter } from './hostFilter';

export interface HostsRootOptions {
  readonly accountId: string;
  readonly pageSize: number;
  readonly filter: HostFilter;
  /** The KnowledgeBase detection rows read titles from (absent: rows show QIDs). */
  readonly kb?: KbLookup;
}

/** How many pages one "Load more" may read when the tracking method filter empties them. */
const MAX_FILTERED_PAGES = 5;

export class HostsRoot {
  readonly pager: Pager<HostRow>;
  private readonly idPrefix: string;
  private readonly load: HostLoader;
  private readonly detections: HostDetectionSource;

  constructor(client: QualysClient, readonly options: HostsRootOptions) {
    const params = hostFilterParams(options.filter);
    const filter = localHostFilter(options.filter);
    this.idPrefix = `${options.accountId}/hosts/${hostFilterKey(options.filter)}`;
    this.load = (id) => hostDetails(client, id);
    this.detections = {
      open: (hostId) => (cursor, signal) => listHostDetectionRows(client, hostId, { ...(cursor ? { cursor } : {}), signal }),
      details: (d) => detectionDetails(client, { hostId: d.hostId, qid: d.qid, ...(d.uniqueId ? { uniqueId: d.uniqueId } : {}), ...(d.port ? { port: d.port } : {}) }),
      kb: options.kb,
    };
    this.pager = new Pager<HostRow>(
      (cursor, signal) => listHostRows(client, { pageSize: options.pageSize, params, ...(cursor ? { cursor } : {}), signal }),
      filter ? { filter, maxPagesPerLoad: MAX_FILTERED_PAGES } : {},
    );
  }

  children(signal: AbortSignal): Promise<SidebarNode[]> {
    return pagedChildren(
      {
        pager: this.pager,
        owner: undefined,
        idPrefix: this.idPrefix,
        toNode: (host) => new HostNode(this.idPrefix, host, this.load, this.detections),
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
