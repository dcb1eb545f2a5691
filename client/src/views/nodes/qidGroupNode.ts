/**
 * A QID in the Vulnerabilities view: its title (from the KnowledgeBase), severity, how many of the
 * hosts read have it and in which status. Expanding it lists those hosts (a detection list call
 * filtered to the QID); its details document is the KnowledgeBase entry.
 */
import type { QidHostRow } from '../../api/parse/detectionList';
import { kbDetailsMarkdown, kbHoverMarkdown, kbMissingMarkdown, severityText } from '../../knowledge/kbText';
import { severityIcon } from '../detections/detectionText';
import { QidHosts } from '../detections/detectionChildren';
import type { PageOpener } from '../paging/pager';
import type { QidGroupRow } from '../vulnerabilities/qidGroups';
import { DETECTION_STATUSES } from '../vulnerabilities/vulnFilter';
import type { DetectionLoader, KbLookup } from './detectionNode';
import { md, type Row } from './row';
import type { DetailsDocument, SidebarNode } from './sidebarNode';
import { noun } from '../../../../common/plural';

/** One formatter for every row: `Number.toLocaleString('en-US')` builds one per call (about 50 µs), 22 ms for a page of 440 QIDs. */
const COUNT = new Intl.NumberFormat('en-US');

export function statusSummary(group: QidGroupRow): string {
  return DETECTION_STATUSES.filter((s) => group.statuses[s]).map((s) => `${group.statuses[s]} ${s.toLowerCase()}`).join(', ');
}

export class QidGroupNode implements SidebarNode {
  readonly row: Row;
  private hosts: QidHosts | undefined;

  constructor(
    private readonly idPrefix: string,
    readonly group: QidGroupRow,
    private readonly kb: KbLookup | undefined,
    private readonly openHosts: (qid: string) => PageOpener<QidHostRow>,
    private readonly load: DetectionLoader,
  ) {
    const entry = kb?.peek(group.qid);
    const hosts = `${COUNT.format(group.hosts)} ${noun(group.hosts, 'host')}`;
    this.row = {
      id: `${idPrefix}/qid/${group.qid}`,
      kind: 'qidGroup',
      label: entry?.title ?? `QID ${group.qid}`,
      description: [entry?.title ? `QID ${group.qid}` : undefined, group.severity !== undefined ? `sev ${group.severity}` : undefined, group.type === 'Info' ? 'IG' : group.type === 'Potential' ? 'potential' : undefined, hosts].filter(Boolean).join(' · '),
      icon: severityIcon(group.severity, group.type),
      collapsible: 'collapsed',
      copyQid: group.qid,
      download: true,
      hasDetails: true,
    };
  }

  /** Read when hovered: the QID's entry and the counts (hundreds of rows need none until then). */
  async tooltip(): Promise<string> {
    const answer = this.kb ? await this.kb.lookup([this.group.qid]) : undefined;
    const entry = answer?.entries.get(this.group.qid);
    const hosts = `${COUNT.format(this.group.hosts)} ${noun(this.group.hosts, 'host')}`;
    return `${entry ? kbHoverMarkdown(entry) : `**QID ${md(this.group.qid)}** · ${md(severityText(this.group.severity))}`}\n\n---\n\n${md(hosts)} (of those read): ${md(statusSummary(this.group))}`;
  }

  children(signal: AbortSignal): Promise<readonly SidebarNode[]> {
    this.hosts ??= new QidHosts(`${this.idPrefix}/qid/${this.group.qid}`, this.openHosts(this.group.qid), this.kb, this.load, this);
    return this.hosts.children(signal);
  }

  async details(): Promise<DetailsDocument> {
    const answer = this.kb ? await this.kb.lookup([this.group.qid]) : undefined;
    const entry = answer?.entries.get(this.group.qid);
    const summary = `\n---\n\nIn this account (hosts read so far): ${md(statusSummary(this.group))}.\n`;
    const body = entry ? kbDetailsMarkdown(entry) : `# QID ${md(this.group.qid)}\n\n${kbMissingMarkdown(this.group.qid, answer ?? {}).split('\n\n').slice(1).join('\n\n')}\n`;
    return { name: `qid-${this.group.qid}`, markdown: body + summary };
  }

  dispose(): void {
    this.hosts?.dispose();
  }
}
