/** A record type group (Windows, Unix, Oracle...): its records, paged. */
import { listAuthRecords, type AuthRecord, type QualysClient } from '../../api';
import { authTypeLabel } from '../authRecords/authText';
import { pagedChildren } from '../paging/pagedChildren';
import { mapPages, Pager } from '../paging/pager';
import { AuthRecordNode } from './authRecordNode';
import type { Row } from './row';
import type { SidebarNode } from './sidebarNode';
import { plural } from '../../../../common/plural';

export class AuthTypeNode implements SidebarNode {
  readonly row: Row;
  readonly pager: Pager<AuthRecord>;
  private readonly idPrefix: string;

  constructor(viewPrefix: string, client: QualysClient, readonly type: string, count: number) {
    this.idPrefix = `${viewPrefix}/type/${type}`;
    this.row = {
      id: this.idPrefix,
      kind: 'authType',
      label: authTypeLabel(type),
      description: plural(count, 'record'),
      tooltip: `**${authTypeLabel(type)}** authentication records (\`/api/2.0/fo/auth/${type}/\`)`,
      icon: { id: 'folder-library' },
      collapsible: 'collapsed',
    };
    this.pager = new Pager<AuthRecord>((cursor, signal) =>
      mapPages(listAuthRecords(client, type, { details: 'All', ...(cursor ? { params: { id_min: cursor } } : {}), signal }), (page) => page.records),
    );
  }

  children(signal: AbortSignal): Promise<SidebarNode[]> {
    return pagedChildren(
      { pager: this.pager, owner: this, idPrefix: this.idPrefix, toNode: (r) => new AuthRecordNode(this.idPrefix, r), what: 'records', empty: 'No records of this type' },
      signal,
    );
  }
}
