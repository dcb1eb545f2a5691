/**
 * A compliance policy. Grouped by host: its hosts with their pass ratio, paged (a policy may cover
 * thousands of hosts; each page is one call, nothing walks all hosts). Grouped by control: its
 * controls, each with the hosts failing it.
 */
import type { Policy } from '../../api';
import { pagedChildren } from '../paging/pagedChildren';
import { Pager } from '../paging/pager';
import type { PostureFilter, PostureHostEntry } from '../posture/postureModel';
import type { PostureSource } from '../posture/postureSource';
import { policyTooltip } from '../posture/postureText';
import { ControlGroupNode } from './controlGroupNode';
import { MessageNode } from './messageNode';
import { PostureHostNode } from './postureHostNode';
import type { Row } from './row';
import type { SidebarNode } from './sidebarNode';
import { plural } from '../../../../common/plural';

export type PostureGrouping = 'host' | 'control';

export class PolicyNode implements SidebarNode {
  readonly row: Row;
  readonly pager: Pager<PostureHostEntry> | undefined;
  private readonly idPrefix: string;
  private controlNodes: ControlGroupNode[] | undefined;

  constructor(
    viewPrefix: string,
    readonly policy: Policy,
    private readonly source: PostureSource,
    grouping: PostureGrouping,
    private readonly filter: PostureFilter,
  ) {
    this.idPrefix = `${viewPrefix}/policy/${policy.id}`;
    this.row = {
      id: this.idPrefix,
      kind: 'policy',
      label: policy.title ?? `Policy ${policy.id}`,
      description: [plural(policy.controls.length, 'control'), policy.status && policy.status !== 'active' ? policy.status : undefined].filter(Boolean).join(' · '),
      tooltip: policyTooltip(policy),
      icon: { id: 'law' },
      collapsible: 'collapsed',
      copyId: policy.id,
    };
    this.pager =
      grouping === 'host' ? new Pager<PostureHostEntry>(source.hosts(policy, filter), { maxPagesPerLoad: source.kind === 'pcrs' ? 5 : 1 }) : undefined;
  }

  children(signal: AbortSignal): Promise<SidebarNode[]> {
    if (this.pager) {
      return pagedChildren(
        {
          pager: this.pager,
          owner: this,
          idPrefix: `${this.idPrefix}/hosts`,
          toNode: (host) => new PostureHostNode(this.idPrefix, host, this.policy.title),
          what: 'hosts',
          empty: this.filter.status || this.filter.criticality?.length ? 'No host matches the filter' : 'No host evaluated for this policy',
        },
        signal,
      );
    }
    const wanted = this.filter.criticality;
    this.controlNodes ??= this.policy.controls
      .filter((c) => !wanted || wanted.length === 0 || wanted.includes((c.criticality?.label ?? '').toUpperCase()))
      .map((c) => new ControlGroupNode(this.idPrefix, this.policy, c, this.source));
    if (this.controlNodes.length === 0) return Promise.resolve([new MessageNode(`${this.idPrefix}/noControls`, 'No control matches the filter')]);
    return Promise.resolve(this.controlNodes);
  }

  dispose(): void {
    this.pager?.dispose();
    for (const node of this.controlNodes ?? []) node.pager.dispose();
  }
}
