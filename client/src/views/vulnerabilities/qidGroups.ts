/**
 * Account-wide detections grouped by QID, as the Vulnerabilities view shows them: each page of the
 * detection list (a page of hosts) arrives as the QIDs it holds with how many of its hosts have each
 * and in which status (the API worker groups a page; only the groups cross). A host is on one page
 * only, so the counts of pages add up. Ordered by severity, then by affected hosts. Pure.
 */
import type { DetectionStatus } from './vulnFilter';

/** One QID on one page (or, merged, over every page read). */
export interface QidGroupRow {
  readonly qid: string;
  readonly severity?: number;
  /** Confirmed, Potential or Info. */
  readonly type?: string;
  /** Hosts with a detection of this QID. */
  readonly hosts: number;
  readonly statuses: Readonly<Partial<Record<DetectionStatus, number>>>;
}

interface Group {
  qid: string;
  severity?: number;
  type?: string;
  hosts: number;
  statuses: Partial<Record<DetectionStatus, number>>;
}

export class QidGroups {
  private readonly groups = new Map<string, Group>();
  private ordered: QidGroupRow[] | undefined;
  /** Hosts read so far (over all pages). */
  hosts = 0;
  pages = 0;

  /** Merges one page's groups; `hosts` is how many hosts the page held. */
  addPage(rows: readonly QidGroupRow[], hosts: number): void {
    this.pages++;
    this.hosts += hosts;
    this.ordered = undefined;
    for (const row of rows) {
      let group = this.groups.get(row.qid);
      if (!group) {
        group = { qid: row.qid, hosts: 0, statuses: {} };
        this.groups.set(row.qid, group);
      }
      // Severity and type are the QID's: the first page that names them sets them.
      if (group.severity === undefined && row.severity !== undefined) group.severity = row.severity;
      if (group.type === undefined && row.type !== undefined) group.type = row.type;
      group.hosts += row.hosts;
      for (const [status, n] of Object.entries(row.statuses) as [DetectionStatus, number][]) group.statuses[status] = (group.statuses[status] ?? 0) + n;
    }
  }

  get size(): number {
    return this.groups.size;
  }

  /** Severity (5 first), then affected hosts (most first), then QID. */
  sorted(): readonly QidGroupRow[] {
    this.ordered ??= [...this.groups.values()]
      .map((g) => ({ ...g, statuses: { ...g.statuses } }))
      .sort((a, b) => (b.severity ?? 0) - (a.severity ?? 0) || b.hosts - a.hosts || Number(a.qid) - Number(b.qid));
    return this.ordered;
  }
}

/** Groups one page's detections by QID (the worker runs this on each page). */
export class PageGrouper {
  private readonly groups = new Map<string, Group>();
  private readonly seen = new Set<string>();

  /** One detection of one host; a QID counts once per host. */
  add(hostId: string, qid: string, severity: number | undefined, type: string | undefined, status: string | undefined): void {
    let group = this.groups.get(qid);
    if (!group) {
      group = { qid, hosts: 0, statuses: {}, ...(severity !== undefined ? { severity } : {}), ...(type !== undefined ? { type } : {}) };
      this.groups.set(qid, group);
    }
    const key = `${hostId}/${qid}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    group.hosts++;
    if (status) group.statuses[status as DetectionStatus] = (group.statuses[status as DetectionStatus] ?? 0) + 1;
  }

  rows(): QidGroupRow[] {
    return [...this.groups.values()];
  }
}
