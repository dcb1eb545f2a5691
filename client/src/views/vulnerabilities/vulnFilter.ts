/**
 * The Vulnerabilities view's filter and the host list detection parameters it maps to (catalog
 * detections.json): severities -> `severities`, statuses -> `status`, QIDs -> `qids`, asset tags ->
 * `use_tags=1`, `tag_set_by=name`, `tag_set_include`, `tag_include_selector`, detection date ->
 * `detection_updated_since`. Everything is filtered by Qualys, nothing in the view. Pure.
 */
export const DETECTION_STATUSES = ['New', 'Active', 'Re-Opened', 'Fixed'] as const;
export type DetectionStatus = (typeof DETECTION_STATUSES)[number];

export interface VulnFilter {
  /** 1-5. */
  readonly severities?: readonly number[];
  /** Qualys' default (no filter) is New, Active and Re-Opened. */
  readonly statuses?: readonly DetectionStatus[];
  /** QIDs and ranges as Qualys takes them: '38170,90000-91000'. */
  readonly qids?: string;
  readonly tags?: readonly string[];
  readonly tagSelector?: 'any' | 'all';
  /** Detections changed on or after this date (YYYY-MM-DD). */
  readonly updatedSince?: string;
}

export function isEmptyVulnFilter(filter: VulnFilter): boolean {
  return !filter.severities?.length && !filter.statuses?.length && !filter.qids && !filter.tags?.length && !filter.updatedSince;
}

/** Every status unless the filter names some: the view shows fixed detections too. */
export function statusesOf(filter: VulnFilter): readonly DetectionStatus[] {
  return filter.statuses?.length ? filter.statuses : DETECTION_STATUSES;
}

/** The detection list parameters of a filter (without paging and output options). */
export function vulnFilterParams(filter: VulnFilter): Record<string, string> {
  const params: Record<string, string> = { status: statusesOf(filter).join(',') };
  if (filter.severities?.length) params.severities = [...filter.severities].sort().join(',');
  if (filter.qids) params.qids = filter.qids.replace(/\s+/g, '');
  if (filter.tags?.length) {
    params.use_tags = '1';
    params.tag_set_by = 'name';
    params.tag_include_selector = filter.tagSelector ?? 'any';
    params.tag_set_include = filter.tags.join(',');
  }
  if (filter.updatedSince) params.detection_updated_since = filter.updatedSince;
  return params;
}

export function describeVulnFilter(filter: VulnFilter): string | undefined {
  const parts: string[] = [];
  if (filter.severities?.length) parts.push(`severity ${[...filter.severities].sort().join(',')}`);
  if (filter.statuses?.length) parts.push(filter.statuses.join(', '));
  if (filter.qids) parts.push(`QID ${filter.qids}`);
  if (filter.tags?.length) parts.push(`${filter.tagSelector === 'all' ? 'all tags' : 'tags'} ${filter.tags.join(', ')}`);
  if (filter.updatedSince) parts.push(`changed since ${filter.updatedSince}`);
  return parts.length ? parts.join(' · ') : undefined;
}

export function vulnFilterKey(filter: VulnFilter): string {
  return isEmptyVulnFilter(filter) ? 'all' : encodeURIComponent(describeVulnFilter(filter) ?? '');
}

/** QIDs and ranges as typed: a message for the input box, or undefined when Qualys would take it. */
export function checkQidList(text: string): string | undefined {
  const items = text.split(',').map((s) => s.trim()).filter(Boolean);
  if (items.length === 0) return 'Enter a QID or a range (38170-38180), comma separated.';
  for (const item of items) {
    const m = /^(\d{1,9})(?:\s*-\s*(\d{1,9}))?$/.exec(item);
    if (!m || (m[2] !== undefined && Number(m[2]) < Number(m[1]))) return `'${item}' is not a QID or an ascending range of QIDs.`;
  }
  return undefined;
}

/** A date as Qualys takes it (YYYY-MM-DD), not in the future. */
export function checkDate(text: string, today = new Date()): string | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return 'A date as YYYY-MM-DD, e.g. 2026-01-31.';
  const time = Date.parse(`${text}T00:00:00Z`);
  if (!Number.isFinite(time) || new Date(time).toISOString().slice(0, 10) !== text) return `${text} is not a calendar date.`;
  if (time > today.getTime()) return 'The date is in the future: no detection changed since then.';
  return undefined;
}
