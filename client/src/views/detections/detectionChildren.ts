/**
 * Paged detection rows under a node: a host's detections (Hosts view) or a QID's hosts
 * (Vulnerabilities view). Each page's QIDs are looked up in the KnowledgeBase before its rows are
 * made, so rows carry their titles; when the account cannot read the KnowledgeBase a last row says
 * so (with Qualys' CODE and TEXT) and rows show QIDs. No `vscode` import.
 */
import type { DetectionRow, QidHostRow } from '../../api/parse/detectionList';
import { unavailableText } from '../../knowledge/kbText';
import { DetectionNode, type DetectionLoader, type KbLookup } from '../nodes/detectionNode';
import { MessageNode } from '../nodes/messageNode';
import type { SidebarNode } from '../nodes/sidebarNode';
import { pagedChildren } from '../paging/pagedChildren';
import { Pager, type PageOpener } from '../paging/pager';

const STATUS_ORDER: Readonly<Record<string, number>> = { New: 0, 'Re-Opened': 1, Active: 2, Fixed: 3 };

/** Severity first (information gathered last), then status (new first, fixed last), then QID. */
export function detectionOrder(a: DetectionRow, b: DetectionRow): number {
  const rank = (d: DetectionRow) => (d.type === 'Info' ? -1 : (d.severity ?? 0));
  return rank(b) - rank(a) || (STATUS_ORDER[a.status ?? ''] ?? 4) - (STATUS_ORDER[b.status ?? ''] ?? 4) || Number(a.qid) - Number(b.qid);
}

async function withKnowledge<T>(pager: Pager<T>, kb: KbLookup | undefined, qidsOf: (item: T) => string, signal: AbortSignal, idPrefix: string): Promise<SidebarNode[]> {
  if (pager.state === 'idle' && !signal.aborted) await pager.loadNext(signal);
  if (!kb || pager.items.length === 0) return [];
  const answer = await kb.lookup(pager.items.map(qidsOf));
  return answer.unavailable ? [new MessageNode(`${idPrefix}/kb-unavailable`, 'QIDs without titles: the KnowledgeBase cannot be read', unavailableText(answer.unavailable))] : [];
}

export class HostDetections {
  readonly pager: Pager<DetectionRow>;

  constructor(private readonly idPrefix: string, open: PageOpener<DetectionRow>, private readonly kb: KbLookup | undefined, private readonly load: DetectionLoader, private readonly owner: SidebarNode) {
    this.pager = new Pager(open);
  }

  async children(signal: AbortSignal): Promise<SidebarNode[]> {
    const notes = await withKnowledge(this.pager, this.kb, (d) => d.qid, signal, this.idPrefix);
    const nodes = await pagedChildren(
      { pager: this.pager, owner: this.owner, idPrefix: `${this.idPrefix}/detections`, toNode: (d) => new DetectionNode(this.idPrefix, d, this.kb, this.load), what: 'detections', empty: 'No detections on this host', sort: detectionOrder },
      signal,
    );
    return [...nodes, ...notes];
  }

  dispose(): void {
    this.pager.dispose();
  }
}

export class QidHosts {
  readonly pager: Pager<QidHostRow>;

  constructor(private readonly idPrefix: string, open: PageOpener<QidHostRow>, private readonly kb: KbLookup | undefined, private readonly load: DetectionLoader, private readonly owner: SidebarNode) {
    this.pager = new Pager(open);
  }

  children(signal: AbortSignal): Promise<SidebarNode[]> {
    return pagedChildren(
      { pager: this.pager, owner: this.owner, idPrefix: `${this.idPrefix}/hosts`, toNode: (r) => new DetectionNode(this.idPrefix, r.detection, this.kb, this.load, r.host), what: 'hosts', empty: 'No host has this QID (with the view\'s filter)' },
      signal,
    );
  }

  dispose(): void {
    this.pager.dispose();
  }
}
