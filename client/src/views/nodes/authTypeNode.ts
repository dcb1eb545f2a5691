/** A record type group (Windows, Unix, Oracle...): its records, paged. */
import { authRecordDetails, listAuthRecordRows, type AuthRecordRow, type QualysClient } from '../../api';
import { authTypeLabel } from '../authRecords/authText';
import { pagedChildren } from '../paging/pagedChildren';
import { Pager } from '../paging/pager';
import { AuthRecordNode, type AuthRecordLoader } from './authRecordNode';
import type { Row } from './row';
import type { SidebarNode } from './sidebarNode';
import { plural } from '../../../../common/plural';

export class AuthTypeNode implements SidebarNode {
  readonly row: Row;
  readonly pager: Pager<AuthRecordRow>;
  private readonly idPrefix: string;
  private readonly load: AuthRecordLoader;

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
    this.load = (recordType, id) => authRecordDetails(client, recordType, id);
    this.pager = new Pager<AuthRecordRow>((cursor, signal) => listAuthRecordRows(client, type, { ...(cursor ? { cursor } : {}), signal }));
  }

  children(signal: AbortSignal): Promise<SidebarNode[]> {
    return pagedChildren(
      { pager: this.pager, owner: this, idPrefix: this.idPrefix, toNode: (r) => new AuthRecordNode(this.idPrefix, r, this.load), what: 'records', empty: 'No records of this type' },
      signal,
    );
  }
}
