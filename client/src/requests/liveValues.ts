/**
 * Fetches the account values request-file completion offers (the kinds of protocol/liveValues.ts)
 * with the API client's read-only operations. Qualys VM has no tag list API, so tags are the ones
 * the first page of hosts carries (show_tags=1); auth record IDs come from the per-type summary,
 * policies from the policy list, option profiles from their export, asset groups, appliances and
 * networks from their lists; scan references from the VM and compliance scan lists (Qualys lists the
 * last 30 days), report IDs from Report Share, report template IDs from the v1 template list, search
 * list IDs from the static and dynamic lists. Titles and names are derived kinds (LIVE_DERIVED):
 * computed from the ID kind's values, they cost no call. Each kind succeeds or fails on its own;
 * nothing here logs or imports `vscode`.
 */
import { listAppliances, listAssetGroups, liveValuesInWorker, listAuthRecordTypes, listHosts, listNetworks, listOptionProfiles, listPolicies, listReports, listReportTemplates, listScans, listSearchLists, type QualysClient, type Result } from '../api';
import type { LiveValue, LiveValueKind } from '../../../protocol';

/** Hosts read for their tags: one page. */
export const TAG_HOST_PAGE = 1000;
/** Policy list pages read at most (Qualys pages by 1000 by default). */
export const MAX_POLICY_PAGES = 5;
/** Asset group list pages read at most (Qualys pages by 1000 by default). */
export const MAX_GROUP_PAGES = 5;
/** An auth record ID range ("100-180") is listed value by value up to this size, else by its ends. */
const MAX_RANGE = 1000;

export type LiveFetcher = (client: QualysClient, signal: AbortSignal) => Promise<Result<LiveValue[]>>;

function byValue(values: Iterable<LiveValue>): LiveValue[] {
  const seen = new Map<string, LiveValue>();
  for (const value of values) if (!seen.has(value.value)) seen.set(value.value, value);
  return [...seen.values()];
}

export const fetchTags: LiveFetcher = async (client, signal) => {
  const tags: LiveValue[] = [];
  for await (const page of listHosts(client, { details: 'Basic', pageSize: TAG_HOST_PAGE, maxPages: 1, showTags: true, showCloudTags: false, signal })) {
    if (!page.ok) return page;
    for (const host of page.value.hosts) {
      for (const tag of host.tags) {
        if (tag.id) tags.push({ value: tag.id, ...(tag.name ? { name: tag.name, label: tag.name } : {}) });
        else if (tag.name) tags.push({ value: tag.name, name: tag.name, label: tag.name });
      }
    }
  }
  return { ok: true, value: byValue(tags).sort((a, b) => (a.name ?? a.value).localeCompare(b.name ?? b.value)) };
};

function expandIds(id: string): string[] {
  const range = /^(\d+)\s*-\s*(\d+)$/.exec(id.trim());
  if (!range) return [id.trim()];
  const from = Number(range[1]);
  const to = Number(range[2]);
  if (to < from || to - from > MAX_RANGE) return [range[1]!, range[2]!];
  return Array.from({ length: to - from + 1 }, (_, i) => String(from + i));
}

export const fetchAuthRecordIds: LiveFetcher = async (client, signal) => {
  const types = await listAuthRecordTypes(client, { signal });
  if (!types.ok) return types;
  const values = types.value.flatMap((summary) => summary.ids.flatMap(expandIds).map((value) => ({ value, label: `${summary.type} record`, group: summary.type })));
  return { ok: true, value: byValue(values) };
};

export const fetchPolicyIds: LiveFetcher = async (client, signal) => {
  const values: LiveValue[] = [];
  for await (const page of listPolicies(client, { details: 'Basic', maxPages: MAX_POLICY_PAGES, signal })) {
    if (!page.ok) return page;
    for (const policy of page.value.policies) values.push({ value: policy.id, ...(policy.title ? { label: policy.title } : {}) });
  }
  return { ok: true, value: byValue(values) };
};

export const fetchOptionProfileIds: LiveFetcher = async (client, signal) => {
  const profiles = await listOptionProfiles(client, { signal });
  if (!profiles.ok) return profiles;
  return { ok: true, value: byValue(profiles.value.map((p) => ({ value: p.id, label: p.title }))) };
};

export const fetchAssetGroupIds: LiveFetcher = async (client, signal) => {
  const values: LiveValue[] = [];
  for await (const page of listAssetGroups(client, { maxPages: MAX_GROUP_PAGES, signal })) {
    if (!page.ok) return page;
    for (const group of page.value.groups) values.push({ value: group.id, ...(group.title ? { label: group.title, name: group.title } : {}) });
  }
  return { ok: true, value: byValue(values) };
};

export const fetchScanRefs: LiveFetcher = async (client, signal) => {
  const values: LiveValue[] = [];
  for (const kind of ['vm', 'compliance'] as const) {
    const scans = await listScans(client, kind, { signal });
    if (!scans.ok) return scans;
    for (const scan of scans.value) {
      const label = [scan.title, scan.state].filter(Boolean).join(', ');
      values.push({ value: scan.ref, ...(label ? { label } : {}), group: kind });
    }
  }
  return { ok: true, value: byValue(values) };
};

export const fetchApplianceIds: LiveFetcher = async (client, signal) => {
  const appliances = await listAppliances(client, { signal });
  if (!appliances.ok) return appliances;
  const values = appliances.value.map((a) => ({ value: a.id, ...(a.name ? { name: a.name, label: [a.name, a.status].filter(Boolean).join(', ') } : {}) }));
  return { ok: true, value: byValue(values) };
};

export const fetchNetworkIds: LiveFetcher = async (client, signal) => {
  const networks = await listNetworks(client, { signal });
  if (!networks.ok) return networks;
  return { ok: true, value: byValue(networks.value.map((n) => ({ value: n.id, ...(n.name ? { name: n.name, label: n.name } : {}) }))) };
};

export const fetchReportIds: LiveFetcher = async (client, signal) => {
  const reports = await listReports(client, { signal });
  if (!reports.ok) return reports;
  return { ok: true, value: byValue(reports.value.map((r) => ({ value: r.id, ...(r.title ? { label: [r.title, r.state].filter(Boolean).join(', ') } : {}) }))) };
};

/** The template endpoint (`/api/2.0/fo/report/template/<group>/`) of each template type that has one. */
const TEMPLATE_GROUPS: Readonly<Record<string, string>> = { scan: 'scan', pci: 'pciscan', patch: 'patch', map: 'map' };

export const fetchReportTemplateIds: LiveFetcher = async (client, signal) => {
  const templates = await listReportTemplates(client, { signal });
  if (!templates.ok) return templates;
  return {
    ok: true,
    value: byValue(
      templates.value.map((t) => {
        const type = t.templateType?.toLowerCase();
        const group = type ? (TEMPLATE_GROUPS[type] ?? type) : undefined;
        const label = [t.title, t.templateType].filter(Boolean).join(', ');
        return { value: t.id, ...(label ? { label } : {}), ...(group ? { group } : {}) };
      }),
    ),
  };
};

export const fetchSearchListIds: LiveFetcher = async (client, signal) => {
  const values: LiveValue[] = [];
  for (const kind of ['static', 'dynamic'] as const) {
    const lists = await listSearchLists(client, kind, { signal });
    if (!lists.ok) return lists;
    for (const list of lists.value) values.push({ value: list.id, label: `${list.title ?? list.id} (${kind})`, group: kind });
  }
  return { ok: true, value: byValue(values) };
};

/** Every kind with its fetcher, in the order they are refreshed. */
export const LIVE_FETCHERS: ReadonlyArray<readonly [LiveValueKind, LiveFetcher]> = [
  ['tags', fetchTags],
  ['authRecordIds', fetchAuthRecordIds],
  ['policyIds', fetchPolicyIds],
  ['optionProfileIds', fetchOptionProfileIds],
  ['assetGroupIds', fetchAssetGroupIds],
  ['applianceIds', fetchApplianceIds],
  ['networkIds', fetchNetworkIds],
  // Scans, reports, report templates, search lists (issue 9).
  ['scanRefs', fetchScanRefs],
  ['reportIds', fetchReportIds],
  ['reportTemplateIds', fetchReportTemplateIds],
  ['searchListIds', fetchSearchListIds],
];

/**
 * The same kinds, each fetched and read in the API worker (client/src/worker/calls.ts runs the
 * fetcher above there): a page of 1,000 hosts or an option profile export is never parsed on the
 * extension host's thread; only the values cross. What the extension's refresher uses.
 */
export const LIVE_FETCHERS_IN_WORKER: ReadonlyArray<readonly [LiveValueKind, LiveFetcher]> = LIVE_FETCHERS.map(([kind]) => [kind, (client, signal) => liveValuesInWorker(client, kind, signal)] as const);

/** The title or name as the value (what title/name parameters take), the ID beside it. */
export function byTitle(values: readonly LiveValue[]): LiveValue[] {
  return byValue(values.flatMap((v) => {
    const title = v.name ?? v.label;
    return title ? [{ value: title, label: `ID ${v.value}`, name: title }] : [];
  }));
}

/** Kinds computed from another kind's values when it arrives: [derived kind, source kind, derivation]. */
export const LIVE_DERIVED: ReadonlyArray<readonly [LiveValueKind, LiveValueKind, (values: readonly LiveValue[]) => LiveValue[]]> = [
  ['optionProfileTitles', 'optionProfileIds', byTitle],
  ['assetGroupTitles', 'assetGroupIds', byTitle],
  ['applianceNames', 'applianceIds', byTitle],
];
