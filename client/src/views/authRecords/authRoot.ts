/** The Authentication Records view's root: the account's record types, each a group of records. */
import { listAuthRecordTypeRows, type AuthRecordTypeSummary, type QualysClient } from '../../api';
import { AuthTypeNode } from '../nodes/authTypeNode';
import type { SidebarNode } from '../nodes/sidebarNode';
import { pagedChildren } from '../paging/pagedChildren';
import { Pager } from '../paging/pager';
import { compareAuthTypes, countIds } from './authText';

export class AuthRoot {
  /** The type summary is one call; a one-page pager gives it the same error and retry rows. */
  readonly pager: Pager<AuthRecordTypeSummary>;
  private readonly idPrefix: string;
  private readonly nodes = new Map<string, AuthTypeNode>();

  constructor(private readonly client: QualysClient, accountId: string) {
    this.idPrefix = `${accountId}/auth`;
    this.pager = new Pager<AuthRecordTypeSummary>((_cursor, signal) =>
      (async function* () {
        for await (const page of listAuthRecordTypeRows(client, { signal })) {
          yield page.ok ? { ok: true as const, value: { items: [...page.value.items].sort((a, b) => compareAuthTypes(a.type, b.type)) } } : page;
        }
      })(),
    );
  }

  children(signal: AbortSignal): Promise<SidebarNode[]> {
    return pagedChildren(
      {
        pager: this.pager,
        owner: undefined,
        idPrefix: this.idPrefix,
        // Group nodes are kept, so their loaded records survive a re-render of the root.
        toNode: (summary) => {
          let node = this.nodes.get(summary.type);
          if (!node) this.nodes.set(summary.type, (node = new AuthTypeNode(this.idPrefix, this.client, summary.type, countIds(summary.ids))));
          return node;
        },
        what: 'types',
        empty: 'No authentication records in this account',
      },
      signal,
    );
  }

  dispose(): void {
    this.pager.dispose();
    for (const node of this.nodes.values()) node.pager.dispose();
  }
}
