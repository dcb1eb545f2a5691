// /api/2.0/fo/asset/host/ : list (paged by id_min, WARNING 1980), update (HOST_UPDATE_OUTPUT), purge (BATCH_RETURN).
import { ASSET_GROUPS, TAGS } from '../data/catalog';
import type { Host } from '../data/hosts';
import { ipToNumber } from '../data/hosts';
import { foError } from '../errors';
import { BOOL, checkParams, inRanges, parseIdRanges, parseIpRanges, type ParamSpec, type Range } from '../params';
import { hostGlossary, hostXml, type HostXmlOptions } from '../xml/hostList';
import { batchReturn, hostUpdateOutput } from '../xml/simpleReturn';
import { XML_DECL, cdata, doctype, el, requestEcho } from '../xml/writer';
import { isResponse, xml, type Ctx, type Handler, type SimResponse } from './types';

const DATE = { type: 'date' } as const;

/** Host list parameters (reference/qualys/params/qualys_api_params.reference.json). */
export const HOST_LIST_PARAMS: ParamSpec = {
  action: { required: true, values: ['list'] },
  echo_request: { values: BOOL },
  os_hostname: { values: BOOL },
  show_asset_id: { values: BOOL },
  details: { values: ['Basic', 'Basic/AGs', 'All', 'All/AGs', 'None'] },
  os_pattern: { type: 'regex' },
  truncation_limit: { type: 'int' },
  ips: { type: 'ips' },
  ipv6: {},
  ag_ids: { type: 'ids' },
  ag_titles: {},
  ids: { type: 'ids' },
  id_min: { type: 'int' },
  id_max: { type: 'int' },
  network_ids: { type: 'ids' },
  compliance_enabled: { values: BOOL },
  no_vm_scan_since: DATE,
  no_compliance_scan_since: DATE,
  vm_scan_since: DATE,
  compliance_scan_since: DATE,
  vm_processed_before: DATE,
  vm_processed_after: DATE,
  vm_scan_date_before: DATE,
  vm_scan_date_after: DATE,
  vm_auth_scan_date_before: DATE,
  vm_auth_scan_date_after: DATE,
  scap_scan_since: DATE,
  no_scap_scan_since: DATE,
  use_tags: { values: BOOL },
  tag_set_by: { values: ['id', 'name'] },
  tag_include_selector: { values: ['any', 'all'] },
  tag_exclude_selector: { values: ['any', 'all'] },
  tag_set_include: {},
  tag_set_exclude: {},
  show_tags: { values: BOOL },
  show_ars: { values: BOOL },
  ars_min: { type: 'int' },
  ars_max: { type: 'int' },
  show_ars_factors: { values: BOOL },
  show_trurisk: { values: BOOL },
  trurisk_min: { type: 'int' },
  trurisk_max: { type: 'int' },
  show_trurisk_factors: { values: BOOL },
  host_metadata: {},
  host_metadata_fields: {},
  show_cloud_tags: { values: BOOL },
  cloud_tag_fields: {},
};

const HOST_FILTERS: ParamSpec = {
  ids: { type: 'ids' },
  ips: { type: 'ips' },
  ag_ids: { type: 'ids' },
  ag_titles: {},
  network_id: { type: 'int' },
  network_name: {},
  tracking_method: { values: ['IP', 'DNS', 'NETBIOS', 'EC2', 'AGENT'] },
  host_dns: {},
  host_netbios: {},
};

const HOST_UPDATE_PARAMS: ParamSpec = {
  action: { required: true, values: ['update'] },
  echo_request: { values: BOOL },
  ...HOST_FILTERS,
  new_tracking_method: { values: ['IP', 'DNS', 'NETBIOS'] },
  new_owner: {},
  new_ud1: {},
  new_ud2: {},
  new_ud3: {},
  new_comment: {},
};

const HOST_PURGE_PARAMS: ParamSpec = {
  action: { required: true, values: ['purge'] },
  echo_request: { values: BOOL },
  ...HOST_FILTERS,
  data_scope: {},
  compliance_enabled: { values: BOOL },
  os_pattern: { type: 'regex' },
  no_vm_scan_since: DATE,
  no_compliance_scan_since: DATE,
};

export const hostRoute: Handler = (ctx) => {
  const action = ctx.params.get('action');
  if (action === undefined) return foError(ctx, 1903, 'Missing required parameter(s): action');
  if (action === 'list') return hostList(ctx);
  if (action === 'update' || action === 'purge') {
    if (ctx.method !== 'POST') return foError(ctx, 1908, `Request method (GET or POST) is incompatible with specified parameter(s): action=${action}`);
    return action === 'update' ? hostUpdate(ctx) : hostPurge(ctx);
  }
  return foError(ctx, 1905, `parameter action has invalid value: ${action} (must be one of: list, update, purge)`);
};

/** A compiled host filter: cheap numeric checks first, then the ones that need the generated host. */
export interface HostFilter {
  idRanges?: Range[];
  idMin?: number;
  idMax?: number;
  ipRanges?: Range[];
  agIds?: Set<number>;
  osPattern?: RegExp;
  trackingMethod?: string;
  tags?: { include: Set<number>; includeAll: boolean; exclude: Set<number>; excludeAll: boolean };
}

export function compileFilter(ctx: Ctx): HostFilter | SimResponse {
  const p = ctx.params;
  const f: HostFilter = {};
  if (p.has('ids')) f.idRanges = parseIdRanges(p.get('ids') ?? '');
  if (p.has('id_min')) f.idMin = Number(p.get('id_min'));
  if (p.has('id_max')) f.idMax = Number(p.get('id_max'));
  if (p.has('ips')) f.ipRanges = parseIpRanges(p.get('ips') ?? '');
  if (p.has('ag_ids')) f.agIds = new Set((parseIdRanges(p.get('ag_ids') ?? '') ?? []).flatMap((r) => ASSET_GROUPS.filter((g) => g.id >= r.lo && g.id <= r.hi).map((g) => g.id)));
  if (p.has('ag_titles')) {
    const titles = (p.get('ag_titles') ?? '').split(',').map((t) => t.trim());
    f.agIds = new Set(ASSET_GROUPS.filter((g) => titles.includes(g.title)).map((g) => g.id));
  }
  if (p.has('os_pattern')) f.osPattern = new RegExp(p.get('os_pattern') ?? '');
  if (p.has('tracking_method')) f.trackingMethod = p.get('tracking_method');
  if (p.get('use_tags') === '1') {
    if (!p.has('tag_set_include') && !p.has('tag_set_exclude')) return foError(ctx, 1903, 'Missing required parameter(s): tag_set_include');
    const byName = p.get('tag_set_by') === 'name';
    const resolve = (list: string | undefined, name: string): Set<number> | SimResponse => {
      const out = new Set<number>();
      for (const raw of (list ?? '').split(',').map((x) => x.trim()).filter(Boolean)) {
        const tag = byName ? TAGS.find((t) => t.name === raw) : TAGS.find((t) => String(t.id) === raw);
        if (!tag && !byName && !/^\d+$/.test(raw)) return foError(ctx, 1905, `parameter ${name} has invalid value: ${raw} (not a tag ID; use tag_set_by=name for names)`);
        if (tag) out.add(tag.id);
        else if (!byName) out.add(Number(raw));
      }
      return out;
    };
    const include = resolve(p.get('tag_set_include'), 'tag_set_include');
    if (!(include instanceof Set)) return include;
    const exclude = resolve(p.get('tag_set_exclude'), 'tag_set_exclude');
    if (!(exclude instanceof Set)) return exclude;
    f.tags = { include, includeAll: p.get('tag_include_selector') === 'all', exclude, excludeAll: p.get('tag_exclude_selector') === 'all' };
  } else if (p.has('tag_set_include') || p.has('tag_set_exclude')) {
    return foError(ctx, 1907, 'The following combination of key=value pairs is not supported: use_tags=0 with tag_set_include/tag_set_exclude');
  }
  return f;
}

/** Whether host i passes the filter; `host` generates the full record only when a check needs it. */
export function passes(ctx: Ctx, f: HostFilter, i: number, hostCache: { h?: Host }): boolean {
  const store = ctx.state.hosts;
  if (store.isPurged(i)) return false;
  const id = store.idAt(i);
  if (f.idMin !== undefined && id < f.idMin) return false;
  if (f.idMax !== undefined && id > f.idMax) return false;
  if (f.idRanges && !inRanges(id, f.idRanges)) return false;
  if (f.ipRanges && !inRanges(ipToNumber(store.ipAt(i)) ?? -1, f.ipRanges)) return false;
  if (!f.agIds && !f.osPattern && !f.trackingMethod && !f.tags) return true;
  const h = (hostCache.h ??= store.hostAt(i));
  if (f.agIds && !h.assetGroupIds.some((g) => f.agIds?.has(g))) return false;
  if (f.osPattern && !f.osPattern.test(h.os.name)) return false;
  if (f.trackingMethod && h.trackingMethod !== f.trackingMethod) return false;
  if (f.tags) {
    const ids = new Set(h.tags.map((t) => t.id));
    const { include, includeAll, exclude, excludeAll } = f.tags;
    if (include.size > 0) {
      const hit = [...include].filter((t) => ids.has(t)).length;
      if (includeAll ? hit < include.size : hit === 0) return false;
    }
    if (exclude.size > 0) {
      const hit = [...exclude].filter((t) => ids.has(t)).length;
      if (excludeAll ? hit === exclude.size : hit > 0) return false;
    }
  }
  return true;
}

export function startIndex(ctx: Ctx, f: HostFilter): number {
  let start = f.idMin !== undefined ? ctx.state.hosts.indexAtLeast(f.idMin) : 0;
  if (f.idRanges && f.idRanges.length > 0) start = Math.max(start, ctx.state.hosts.indexAtLeast(Math.min(...f.idRanges.map((r) => r.lo))));
  return start;
}

function hostList(ctx: Ctx): SimResponse {
  const problem = checkParams(ctx.params, HOST_LIST_PARAMS);
  if (problem) return foError(ctx, problem.code, problem.text);
  const filter = compileFilter(ctx);
  if (isResponse(filter)) return filter;
  const f = filter;
  const p = ctx.params;
  const details = (p.get('details') ?? 'Basic') as HostXmlOptions['details'] | 'None';
  const limitParam = p.get('truncation_limit');
  const limit = limitParam !== undefined ? Number(limitParam) : ctx.state.opts.pageSize;
  const store = ctx.state.hosts;
  const metadata = p.has('host_metadata') ? new Set((p.get('host_metadata') ?? '').toLowerCase().split(',').map((x) => x.trim())) : undefined;
  const opts: HostXmlOptions = {
    details: details === 'None' ? 'Basic' : details,
    showTags: p.get('show_tags') === '1',
    showAssetId: p.get('show_asset_id') === '1',
    showArs: p.get('show_ars') === '1',
    metadata,
    showCloudTags: p.get('show_cloud_tags') === '1',
  };
  const echo = p.get('echo_request') === '1' ? requestEcho(ctx.now, ctx.user, `${ctx.base}/api/2.0/fo/asset/host/`, p) : '';
  const start = startIndex(ctx, f);
  const idMaxIndex = f.idMax !== undefined ? Math.min(store.count, store.indexAtLeast(f.idMax + 1)) : store.count;

  // Generated lazily so a page (or an untruncated 100,000-host answer) is written host by host.
  function* chunks(): Generator<string> {
    yield XML_DECL + doctype('HOST_LIST_OUTPUT', ctx.base, '/api/2.0/fo/asset/host/host_list_output.dtd') + '<HOST_LIST_OUTPUT>\n' + echo + `  <RESPONSE>\n    ${el('DATETIME', ctx.now)}\n`;
    let written = 0;
    let nextId: number | undefined;
    let batch = '';
    const groupsSeen = new Set<number>();
    for (let i = start; i < idMaxIndex; i++) {
      const cache: { h?: Host } = {};
      if (!passes(ctx, f, i, cache)) continue;
      if (limit > 0 && written === limit) {
        nextId = store.idAt(i);
        break;
      }
      if (written === 0) batch += details === 'None' ? '    <ID_SET>\n' : '    <HOST_LIST>\n';
      if (details === 'None') batch += `      ${el('ID', store.idAt(i))}\n`;
      else {
        const h = cache.h ?? store.hostAt(i);
        batch += hostXml(h, opts);
        if (details.endsWith('/AGs')) for (const g of h.assetGroupIds) groupsSeen.add(g);
      }
      written++;
      if (batch.length > 64 * 1024) {
        yield batch;
        batch = '';
      }
    }
    if (written > 0) batch += details === 'None' ? '    </ID_SET>\n' : '    </HOST_LIST>\n';
    if (nextId !== undefined) {
      const next = new URLSearchParams();
      for (const [k, v] of p) if (k !== 'id_min') next.set(k, v);
      next.set('id_min', String(nextId));
      batch += `    <WARNING>\n      <CODE>1980</CODE>\n      <TEXT>${limit} record limit exceeded. Use URL to get next batch of results.</TEXT>\n      <URL>${cdata(`${ctx.base}/api/2.0/fo/asset/host/?${next.toString()}`)}</URL>\n    </WARNING>\n`;
    }
    if (written > 0) batch += hostGlossary(details.startsWith('All'), ASSET_GROUPS.filter((g) => groupsSeen.has(g.id)));
    yield batch + '  </RESPONSE>\n</HOST_LIST_OUTPUT>\n';
  }
  return xml(chunks);
}

/** Resolves the hosts an update or purge names (ids | ips [+dns/netbios/tracking] | ag_ids | ag_titles). */
function selectHosts(ctx: Ctx): number[] | SimResponse {
  const p = ctx.params;
  if (!p.has('ids') && !p.has('ips') && !p.has('ag_ids') && !p.has('ag_titles')) {
    return foError(ctx, 1922, 'Please specify at least one of the following parameters: ids, ips, ag_ids, ag_titles');
  }
  const filter = compileFilter(ctx);
  if (isResponse(filter)) return filter;
  const f = filter;
  const out: number[] = [];
  const store = ctx.state.hosts;
  const dns = p.get('host_dns');
  const netbios = p.get('host_netbios');
  for (let i = startIndex(ctx, f); i < store.count; i++) {
    const cache: { h?: Host } = {};
    if (!passes(ctx, f, i, cache)) continue;
    if (dns || netbios) {
      const h = cache.h ?? store.hostAt(i);
      if (dns && h.dns.fqdn !== dns && h.dns.hostname !== dns) continue;
      if (netbios && h.netbios !== netbios) continue;
    }
    out.push(i);
  }
  return out;
}

function hostUpdate(ctx: Ctx): SimResponse {
  const problem = checkParams(ctx.params, HOST_UPDATE_PARAMS);
  if (problem) return foError(ctx, problem.code, problem.text);
  const p = ctx.params;
  for (const k of ['new_ud1', 'new_ud2', 'new_ud3'] as const) {
    const v = p.get(k);
    if (v !== undefined && v.length > 128) return foError(ctx, 1905, `parameter ${k} has invalid value: ${v.slice(0, 20)}... (more than 128 characters)`);
  }
  const selected = selectHosts(ctx);
  if (!Array.isArray(selected)) return selected;
  if (selected.length === 0) return xml(hostUpdateOutput(ctx.base, ctx.now, { code: 1905, text: 'No hosts found matching the given host filters' }), 400);
  for (const i of selected) {
    ctx.state.hosts.update(i, {
      trackingMethod: p.get('new_tracking_method'),
      owner: p.get('new_owner'),
      ud: [p.get('new_ud1'), p.get('new_ud2'), p.get('new_ud3')],
      comments: p.get('new_comment'),
    });
  }
  return xml(hostUpdateOutput(ctx.base, ctx.now, { text: 'Assets successfully updated' }));
}

function hostPurge(ctx: Ctx): SimResponse {
  const problem = checkParams(ctx.params, HOST_PURGE_PARAMS);
  if (problem) return foError(ctx, problem.code, problem.text);
  const selected = selectHosts(ctx);
  if (!Array.isArray(selected)) return selected;
  if (selected.length === 0) return xml(batchReturn(ctx.base, ctx.now, [{ code: 1905, text: 'No hosts found matching the given host filters', ids: [] }], '/api/2.0/fo/asset/host/dtd/purge/output.dtd'));
  const ids = selected.map((i) => ctx.state.hosts.idAt(i));
  for (const i of selected) ctx.state.hosts.purge(i);
  return xml(batchReturn(ctx.base, ctx.now, [{ text: 'Hosts Queued for Purging', ids }], '/api/2.0/fo/asset/host/dtd/purge/output.dtd'));
}
