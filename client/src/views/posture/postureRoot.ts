/** The Compliance Posture view's root: the account's policies (with their controls), paged. */
import { listPolicyRows, type Policy, type QualysClient } from '../../api';
import { PolicyNode, type PostureGrouping } from '../nodes/policyNode';
import type { SidebarNode } from '../nodes/sidebarNode';
import { pagedChildren } from '../paging/pagedChildren';
import { Pager } from '../paging/pager';
import type { PostureFilter } from './postureModel';
import { createPostureSource, type PostureSourceKind } from './postureSource';

export interface PostureRootOptions {
  readonly accountId: string;
  readonly source: PostureSourceKind;
  /** Hosts per page under a policy. */
  readonly hostsPerPage: number;
  readonly grouping: PostureGrouping;
  readonly filter: PostureFilter;
}

export class PostureRoot {
  readonly pager: Pager<Policy>;
  private readonly idPrefix: string;
  private readonly nodes = new Map<string, PolicyNode>();
  private readonly source;

  constructor(client: QualysClient, readonly options: PostureRootOptions) {
    // Ids carry the grouping and filter: the same policy shows other children under another one.
    const filterKey = encodeURIComponent([options.filter.status ?? '', ...(options.filter.criticality ?? [])].join(','));
    this.idPrefix = `${options.accountId}/posture/${options.source}/${options.grouping}/${filterKey}`;
    this.source = createPostureSource(options.source, client, options.hostsPerPage);
    this.pager = new Pager<Policy>((cursor, signal) => listPolicyRows(client, { ...(cursor ? { cursor } : {}), signal }));
  }

  children(signal: AbortSignal): Promise<SidebarNode[]> {
    return pagedChildren(
      {
        pager: this.pager,
        owner: undefined,
        idPrefix: this.idPrefix,
        toNode: (policy) => {
          let node = this.nodes.get(policy.id);
          if (!node) this.nodes.set(policy.id, (node = new PolicyNode(this.idPrefix, policy, this.source, this.options.grouping, this.options.filter)));
          return node;
        },
        what: 'policies',
        empty: 'No compliance policies in this account',
      },
      signal,
    );
  }

  dispose(): void {
    this.pager.dispose();
    for (const node of this.nodes.values()) node.dispose();
  }
}
