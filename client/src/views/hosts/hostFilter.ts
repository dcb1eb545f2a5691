/**
 * The Hosts view's filter and how it maps to the host list API's own parameters (seed 000 and the
 * parameter reference): IPs -> `ips`, OS -> `os_pattern`, tags -> `use_tags=1` with
 * `tag_set_by=name`, `tag_set_include` and `tag_include_selector`. The host list API has no
 * tracking method parameter (it exists only on update and purge), so that one is applied to each
 * page as it arrives; the view says so.
 */
import type { HostRow, Params } from '../../api';

export const TRACKING_METHODS = ['IP', 'DNS', 'NETBIOS', 'EC2', 'AGENT'] as const;

export interface HostFilter {
  /** IPs and ranges, comma separated: '10.0.0.1,10.0.0.10-10.0.0.20'. */
  readonly ips?: string;
  /** A PCRE pattern on the OS (Qualys matches it server side). */
  readonly osPattern?: string;
  /** Tag names. */
  readonly tags?: readonly string[];
  /** any (default) or all of the tags. */
  readonly tagSelector?: 'any' | 'all';
  readonly trackingMethod?: string;
}

export function isEmptyFilter(filter: HostFilter): boolean {
  return !filter.ips && !filter.osPattern && !(filter.tags && filter.tags.length) && !filter.trackingMethod;
}

/** The host list parameters for a filter. */
export function hostFilterParams(filter: HostFilter): Params {
  const params: Record<string, string> = {};
  if (filter.ips) params.ips = filter.ips.replace(/\s+/g, '');
  if (filter.osPattern) params.os_pattern = filter.osPattern;
  if (filter.tags && filter.tags.length) {
    params.use_tags = '1';
    params.tag_set_by = 'name';
    params.tag_include_selector = filter.tagSelector ?? 'any';
    params.tag_set_include = filter.tags.join(',');
  }
  return params;
}

/** The part of the filter applied to each page in the view (no API parameter exists for it). */
export function localHostFilter(filter: HostFilter): ((host: Pick<HostRow, 'trackingMethod'>) => boolean) | undefined {
  const method = filter.trackingMethod?.toUpperCase();
  return method ? (host) => (host.trackingMethod ?? '').toUpperCase() === method : undefined;
}

/** One line for the view's description, e.g. "IPs 10.0.0.1-10.0.0.9 · OS /Windows/ · tags PCI". */
export function describeHostFilter(filter: HostFilter): string | undefined {
  const parts: string[] = [];
  if (filter.ips) parts.push(`IPs ${filter.ips}`);
  if (filter.osPattern) parts.push(`OS /${filter.osPattern}/`);
  if (filter.tags && filter.tags.length) parts.push(`${filter.tagSelector === 'all' ? 'all tags' : 'tags'} ${filter.tags.join(', ')}`);
  if (filter.trackingMethod) parts.push(`tracking ${filter.trackingMethod}`);
  return parts.length ? parts.join(' · ') : undefined;
}

/** A stable key for row ids (same filter, same ids). */
export function hostFilterKey(filter: HostFilter): string {
  return isEmptyFilter(filter) ? 'all' : encodeURIComponent(describeHostFilter(filter) ?? '');
}

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

/** Checks an IP list as typed: a message for the input box, or undefined when valid. */
export function checkIpList(text: string): string | undefined {
  const items = text.split(',').map((s) => s.trim()).filter(Boolean);
  if (items.length === 0) return 'Enter an IP address or a range (10.0.0.1-10.0.0.50), comma separated.';
  for (const item of items) {
    const [from, to, extra] = item.split('-').map((s) => s.trim());
    if (extra !== undefined || !IPV4.test(from ?? '') || (to !== undefined && !IPV4.test(to))) {
      return `'${item}' is not an IPv4 address or range (e.g. 10.0.0.1-10.0.0.50).`;
    }
  }
  return undefined;
}

/** Checks an OS pattern as typed (Qualys refuses an empty one; JavaScript syntax approximates PCRE). */
export function checkOsPattern(text: string): string | undefined {
  if (text === '') return 'Qualys does not accept an empty pattern; use ^$ to match hosts without an OS.';
  try {
    new RegExp(text);
    return undefined;
  } catch (error) {
    return `Not a valid pattern: ${error instanceof Error ? error.message : String(error)}`;
  }
}

/** Parses "PCI, Production" into tag names. */
export function parseTagList(text: string): string[] {
  return text.split(',').map((s) => s.trim()).filter(Boolean);
}
