// /api/{2,3,4,5}.0/fo/asset/host/vm/detection/ : the host list detection. Hosts are paged like the host
// list (truncation_limit, WARNING 1980 with a URL carrying id_min); a host without a matching detection
// is left out. Detections are generated per host as the page is written (data/detections.ts).
import { detectionsOf, type Detection } from '../data/detections';
import type { Host } from '../data/hosts';
import { foError } from '../errors';
import { BOOL, checkParams, inRanges, parseIdRanges, type ParamSpec, type Range } from '../params';
import { detectionHostXml, type DetectionXmlOptions } from '../xml/detectionXml';
import { XML_DECL, cdata, doctype, el, requestEcho } from '../xml/writer';
import { compileFilter, passes, startIndex } from './host';
import { isResponse, xml, type Ctx, type Handler, type SimResponse } from './types';

const DATE = { type: 'date' } as const;
const INT = { type: 'int' } as const;
const ARF = { values: ['0', '1', '2', '3', '4'] } as const;

/** Every parameter of server/data/catalog/detections.json; the simulator applies the ones marked in `filter`. */
const PARAMS: ParamSpec = {
  action: { required: true, values: ['list'] },
  echo_request: { values: BOOL },
  show_asset_id: { values: BOOL },
  show_results: { values: BOOL },
  show_reopened_info: { values: BOOL },
  show_igs: { values: BOOL },
  include_vuln_type: {},
  arf_kernel_filter: ARF,
  arf_service_filter: ARF,
  arf_config_filter: ARF,
  active_kernels_only: { values: ['0', '1', '2', '3'] },
  output_format: {},
  suppress_duplicated_data_from_csv: { values: BOOL },
  truncation_limit: INT,
  max_days_since_detection_updated: INT,
  detection_updated_since: DATE,
  detection_updated_before: DATE,
  detection_processed_before: DATE,
  detection_processed_after: DATE,
  detection_last_tested_since: DATE,
  detection_last_tested_since_days: INT,
  detection_last_tested_before: DATE,
  detection_last_tested_before_days: INT,
  include_ignored: { values: BOOL },
  include_disabled: { values: BOOL },
  ids: { type: 'ids' },
  id_min: INT,
  id_max: INT,
  ips: { type: 'ips' },
  ipv6: {},
  ag_ids: { type: 'ids' },
  ag_titles: {},
  network_ids: { type: 'ids' },
  vm_scan_since: DATE,
  no_vm_scan_since: DATE,
  max_days_since_last_vm_scan: INT,
  vm_processed_before: DATE,
  vm_processed_after: DATE,
  vm_scan_date_before: DATE,
  vm_scan_date_after: DATE,
  vm_auth_scan_date_before: DATE,
  vm_auth_scan_date_after: DATE,
  status: {},
  compliance_enabled: { values: BOOL },
  os_pattern: { type: 'regex' },
  qids: { type: 'ids' },
  severities: { type: 'ids' },
  filter_superseded_qids: { values: BOOL },
  include_search_list_titles: {},
  exclude_search_list_titles: {},
  include_search_list_ids: { type: 'ids' },
  exclude_search_list_ids: { type: 'ids' },
  use_tags: { values: BOOL },
  tag_set_by: { values: ['id', 'name'] },
  tag_include_selector: { values: ['any', 'all'] },
  tag_exclude_selector: { values: ['any', 'all'] },
  tag_set_include: {},
  tag_set_exclude: {},
  show_tags: { values: BOOL },
  show_qds: { values: BOOL },
  qds_min: INT,
  qds_max: INT,
  show_qds_factors: { values: BOOL },
  host_metadata: {},
  host_metadata_fields: {},
  show_cloud_tags: { values: BOOL },
  cloud_tag_fields: {},
  cve: {},
};

const STATUSES = ['New', 'Active', 'Re-Opened', 'Fixed'];

interface DetectionFilter {
  statuses: Set<string>;
  showIgs: boolean;
  vulnType?: string;
  qids?: Range[];
  severities?: Range[];
  includeIgnored: boolean;
  includeDisabled: boolean;
  qdsMin?: number;
  qdsMax?: number;
  updatedSince?: string;
  updatedBefore?: string;
  include?: Set<number>;
  exclude?: Set<number>;
  kernel?: string;
  /** cve: only detections of QIDs that list one of these CVEs (upper case). */
  cves?: Set<string>;
}

function listQids(ctx: Ctx, ids: string | undefined, titles: string | undefined): Set<number> | undefined {
  if (ids === undefined && titles === undefined) return undefined;
  const store = ctx.state.searchLists;
  const lists = [...store.all('static'), ...store.all('dynamic')];
  const ranges = ids !== undefined ? parseIdRanges(ids) ?? [] : [];
  const names = (titles ?? '').split(',').map((t) => t.trim()).filter(Boolean);
  const chosen = lists.filter((l) => inRanges(l.id, ranges) || names.includes(l.title));
  return new Set(chosen.flatMap((l) => store.qidsOf(l)));
}

function compileDetectionFilter(ctx: Ctx): DetectionFilter | SimResponse {
  const p = ctx.params;
  const statuses = new Set<string>();
  for (const raw of (p.get('status') ?? 'New,Active,Re-Opened').split(',')) {
    const status = STATUSES.find((s) => s.toLowerCase() === raw.trim().toLowerCase());
    if (!status) return foError(ctx, 1905, `parameter status has invalid value: ${raw.trim()} (must be one of: ${STATUSES.join(', ')})`);
    statuses.add(status);
  }
  const vulnType = p.get('include_vuln_type')?.toLowerCase();
  if (vulnType !== undefined && vulnType !== 'confirmed' && vulnType !== 'potential') return foError(ctx, 1905, `parameter include_vuln_type has invalid value: ${vulnType} (must be one of: confirmed, potential)`);
  const format = (p.get('output_format') ?? 'XML').toUpperCase();
  if (format !== 'XML') return foError(ctx, 1905, `parameter output_format has invalid value: ${p.get('output_format') ?? ''} (the simulator answers XML only)`);
  const num = (name: string) => (p.has(name) ? Number(p.get(name)) : undefined);
  return {
    statuses,
    showIgs: p.get('show_igs') === '1',
    ...(vulnType ? { vulnType } : {}),
    ...(p.has('qids') ? { qids: parseIdRanges(p.get('qids') ?? '') ?? [] } : {}),
    ...(p.has('severities') ? { severities: parseIdRanges(p.get('severities') ?? '') ?? [] } : {}),
    includeIgnored: p.get('include_ignored') === '1',
    includeDisabled: p.get('include_disabled') === '1',
    qdsMin: num('qds_min'),
    qdsMax: num('qds_max'),
    updatedSince: p.get('detection_updated_since'),
    updatedBefore: p.get('detection_updated_before'),
    include: listQids(ctx, p.get('include_search_list_ids'), p.get('include_search_list_titles')),
    exclude: listQids(ctx, p.get('exclude_search_list_ids'), p.get('exclude_search_list_titles')),
    kernel: p.get('arf_kernel_filter'),
    ...(p.has('cve') ? { cves: new Set((p.get('cve') ?? '').split(',').map((c) => c.trim().toUpperCase()).filter(Boolean)) } : {}),
  };
}

function keep(d: Detection, f: DetectionFilter): boolean {
  if (!f.statuses.has(d.status)) return false;
  if (d.type === 'Info' && !f.showIgs) return false;
  if (f.vulnType && d.type !== (f.vulnType === 'confirmed' ? 'Confirmed' : 'Potential')) return false;
  if (f.qids && !inRanges(d.vuln.qid, f.qids)) return false;
  if (f.severities && !inRanges(d.vuln.severity, f.severities)) return false;
  if (d.ignored && !f.includeIgnored) return false;
  if (d.disabled && !f.includeDisabled) return false;
  if (f.qdsMin !== undefined && d.qds < f.qdsMin) return false;
  if (f.qdsMax !== undefined && d.qds > f.qdsMax) return false;
  if (f.updatedSince && d.lastUpdate < f.updatedSince) return false;
  if (f.updatedBefore && d.lastUpdate >= f.updatedBefore) return false;
  if (f.include && !f.include.has(d.vuln.qid)) return false;
  if (f.exclude && f.exclude.has(d.vuln.qid)) return false;
  if (f.cves && !d.vuln.cves.some((c) => f.cves!.has(c))) return false;
  const kernel = d.affectRunningKernel;
  switch (f.kernel) {
    case '1': return kernel !== false;
    case '2': return kernel === false;
    case '3': return kernel === true;
    case '4': return kernel !== undefined;
    default: return true;
  }
}

export const detectionRoute: Handler = (ctx) => {
  const problem = checkParams(ctx.params, PARAMS);
  if (problem) return foError(ctx, problem.code, problem.text);
  const compiledHosts = compileFilter(ctx);
  if (isResponse(compiledHosts)) return compiledHosts;
  const compiledDetections = compileDetectionFilter(ctx);
  if (isResponse(compiledDetections)) return compiledDetections;
  const hostFilter = compiledHosts;
  const filter = compiledDetections;
  const p = ctx.params;
  const state = ctx.state;
  const store = state.hosts;
  const limitParam = p.get('truncation_limit');
  const limit = limitParam !== undefined ? Number(limitParam) : state.opts.pageSize;
  const scanSince = p.get('vm_scan_since');
  const noScanSince = p.get('no_vm_scan_since');
  const opts: DetectionXmlOptions = {
    showAssetId: p.get('show_asset_id') === '1',
    showResults: p.get('show_results') !== '0',
    showReopenedInfo: p.get('show_reopened_info') === '1',
    showTags: p.get('show_tags') === '1',
    showQds: p.get('show_qds') === '1',
    showQdsFactors: p.get('show_qds_factors') === '1',
    showKernel: p.has('arf_kernel_filter') || p.has('active_kernels_only'),
    ...(p.has('host_metadata') ? { metadata: new Set((p.get('host_metadata') ?? '').toLowerCase().split(',').map((x) => x.trim())) } : {}),
  };
  const resource = `${ctx.base}${ctx.path}/`;
  const echo = p.get('echo_request') === '1' ? requestEcho(ctx.now, ctx.user, resource, p) : '';
  const start = startIndex(ctx, hostFilter);
  const end = hostFilter.idMax !== undefined ? Math.min(store.count, store.indexAtLeast(hostFilter.idMax + 1)) : store.count;

  function* chunks(): Generator<string> {
    yield XML_DECL + doctype('HOST_LIST_VM_DETECTION_OUTPUT', ctx.base, '/api/2.0/fo/asset/host/vm/detection/host_list_vm_detection_output.dtd') + '<HOST_LIST_VM_DETECTION_OUTPUT>\n' + echo + `  <RESPONSE>\n    ${el('DATETIME', ctx.now)}\n`;
    let written = 0;
    let nextId: number | undefined;
    let batch = '';
    for (let i = start; i < end; i++) {
      const cache: { h?: Host } = {};
      if (!passes(ctx, hostFilter, i, cache)) continue;
      const host = cache.h ?? store.hostAt(i);
      if (scanSince && host.lastVulnScan < scanSince) continue;
      if (noScanSince && host.lastVulnScan >= noScanSince) continue;
      const detections = detectionsOf(state.opts.seed, state.vulns, host).filter((d) => keep(d, filter));
      if (detections.length === 0) continue;
      if (limit > 0 && written === limit) {
        nextId = host.id;
        break;
      }
      if (written === 0) batch += '    <HOST_LIST>\n';
      batch += detectionHostXml(host, detections, opts);
      written++;
      if (batch.length > 64 * 1024) {
        yield batch;
        batch = '';
      }
    }
    if (written > 0) batch += '    </HOST_LIST>\n';
    if (nextId !== undefined) {
      const next = new URLSearchParams();
      for (const [k, v] of p) if (k !== 'id_min') next.set(k, v);
      next.set('id_min', String(nextId));
      batch += `    <WARNING>\n      <CODE>1980</CODE>\n      <TEXT>${limit} record limit exceeded. Use URL to get next batch of results.</TEXT>\n      <URL>${cdata(`${resource}?${next.toString()}`)}</URL>\n    </WARNING>\n`;
    }
    yield batch + '  </RESPONSE>\n</HOST_LIST_VM_DETECTION_OUTPUT>\n';
  }
  return xml(chunks);
};
