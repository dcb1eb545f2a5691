/**
 * The Vulnerabilities view's root: the account's detections grouped by QID. Each "Load more" reads
 * the next page of hosts of the detection list (the view's filter as Qualys parameters); the API
 * worker groups the page, and only its groups arrive here, merged with the pages before and ordered
 * by severity, then by affected hosts. The counts say how many hosts were read, so a partial view is
 * never taken for the whole account. No `vscode` import.
 */
import type { Result } from '../../api';
import type { QidHostRow } from '../../api/parse/detectionList';
import type { DetectionLoader, KbLookup } from '../nodes/detectionNode';
import { ErrorNode } from '../nodes/errorNode';
import { LoadMoreNode } from '../nodes/loadMoreNode';
import { MessageNode } from '../nodes/messageNode';
import { QidGroupNode } from '../nodes/qidGroupNode';
import type { SidebarNode } from '../nodes/sidebarNode';
import { Pager, type Page, type PageOpener } from '../paging/pager';
import { unavailableText } from '../../knowledge/kbText';
import { QidGroups, type QidGroupRow } from './qidGroups';
import { isEmptyVulnFilter, vulnFilterKey, vulnFilterParams, type VulnFilter } from './vulnFilter';
import { noun } from '../../../../common/plural';

/** A page of groups, with how many hosts the page held. */
export interface GroupPage extends Page<QidGroupRow> {
  readonly hosts: number;
}

export interface VulnSource {
  /** Pages of the detection list grouped by QID, from a cursor (Qualys' id_min). */
  groups(params: Readonly<Record<string, string>>, cursor: string | undefined, signal: AbortSignal): AsyncIterator<Result<GroupPage>>;
  /** The hosts that have a QID, with their detection of it. */
  qidHosts(params: Readonly<Record<string, string>>, cursor: string | undefined, signal: AbortSignal): AsyncIterator<Result<Page<QidHostRow>>>;
  readonly details: DetectionLoader;
}

export interface VulnerabilitiesRootOptions {
  readonly accountId: string;
  readonly filter: VulnFilter;
}

export class VulnerabilitiesRoot {
  readonly pager: Pager<QidGroupRow>;
  readonly params: Readonly<Record<string, string>>;
  private readonly idPrefix: string;
  private hostsRead = 0;
  private groups: { readonly items: number; readonly merged: QidGroups } | undefined;
  private readonly nodes = new Map<string, { readonly key: string; readonly node: QidGroupNode }>();

  constructor(private readonly source: VulnSource, private readonly kb: KbLookup | undefined, readonly options: VulnerabilitiesRootOptions) {
    this.params = vulnFilterParams(options.filter);
    this.idPrefix = `${options.accountId}/vulns/${vulnFilterKey(options.filter)}`;
    const open: PageOpener<QidGroupRow> = (cursor, signal) => {
      const inner = source.groups(this.params, cursor, signal);
      return {
        next: async () => {
          const step = await inner.next();
          if (!step.done && step.value.ok) this.hostsRead += step.value.value.hosts;
          return step;
        },
        return: async () => (await inner.return?.()) ?? { done: true, value: undefined },
      };
    };
    this.pager = new Pager(open);
  }

  /** Hosts of the detection list read so far. */
  get hosts(): number {
    return this.hostsRead;
  }

  /** The groups of every page read, merged and ordered. */
  merged(): QidGroups {
    if (this.groups?.items !== this.pager.items.length) {
      const merged = new QidGroups();
      merged.addPage(this.pager.items, this.hostsRead);
      this.groups = { items: this.pager.items.length, merged };
    }
    return this.groups.merged;
  }

  async children(signal: AbortSignal): Promise<SidebarNode[]> {
    const pager = this.pager;
    if (pager.state === 'idle' && !signal.aborted) await pager.loadNext(signal);
    const groups = this.merged().sorted();
    const notes: SidebarNode[] = [];
    if (this.kb && groups.length) {
      const answer = await this.kb.lookup(groups.map((g) => g.qid));
      if (answer.unavailable) notes.push(new MessageNode(`${this.idPrefix}/kb-unavailable`, 'QIDs without titles: the KnowledgeBase cannot be read', unavailableText(answer.unavailable)));
    }
    const nodes: SidebarNode[] = groups.map((group) => this.node(group));
    const read = `${this.hostsRead.toLocaleString('en-US')} ${noun(this.hostsRead, 'host')} read`;
    if (pager.error) nodes.push(new ErrorNode(this.idPrefix, pager.error, pager as Pager<unknown>, undefined));
    else if (pager.state === 'more') nodes.push(new LoadMoreNode(this.idPrefix, pager as Pager<unknown>, undefined, 'QIDs', `${groups.length.toLocaleString('en-US')} ${noun(groups.length, 'QID')} on ${read}`));
    else if (pager.state === 'done' && groups.length === 0) nodes.push(new MessageNode(`${this.idPrefix}/empty`, isEmptyVulnFilter(this.options.filter) ? 'No detections in this account' : 'No detections match the filter'));
    else if (pager.state === 'done') nodes.push(new MessageNode(`${this.idPrefix}/all`, `All ${read}: ${groups.length.toLocaleString('en-US')} ${noun(groups.length, 'QID')}`));
    return [...nodes, ...notes];
  }

  /** A group's row; expanding it lists the QID's hosts with the view's filter. */
  private node(group: QidGroupRow): QidGroupNode {
    // A node is rebuilt when its counts or title change, and kept otherwise (its expanded hosts stay).
    const title = this.kb?.peek(group.qid)?.title ?? '';
    const key = `${group.qid}/${group.hosts}/${title}`;
    const old = this.nodes.get(group.qid);
    if (old?.key === key) return old.node;
    old?.node.dispose();
    const node = new QidGroupNode(this.idPrefix, group, this.kb, (qid) => (cursor, signal) => this.source.qidHosts({ ...this.params, qids: qid }, cursor, signal), this.source.details);
    this.nodes.set(group.qid, { key, node });
    return node;
  }

  dispose(): void {
    this.pager.dispose();
    for (const { node } of this.nodes.values()) node.dispose();
    this.nodes.clear();
  }
}
