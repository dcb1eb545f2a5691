// /api/2.0/fo/scan/ : list (SCAN_LIST_OUTPUT), launch (SIMPLE_RETURN with ID and REFERENCE), cancel,
// pause, resume, delete (SIMPLE_RETURN) and fetch (the results as CSV or JSON).
import { PRIORITY_LABELS, type Scan, type ScanState } from '../data/scans';
import { detectionsOf } from '../data/detections';
import { foError } from '../errors';
import { BOOL, checkParams, inRanges, parseIpRanges, type ParamSpec } from '../params';
import { ipToNumber } from '../data/hosts';
import { simpleReturn } from '../xml/simpleReturn';
import { XML_DECL, doctype, el, elc, requestEcho } from '../xml/writer';
import { json, type Ctx, type Handler, type SimResponse } from './types';

const DATE = { type: 'date' } as const;
const STATES = ['Running', 'Paused', 'Canceled', 'Finished', 'Error', 'Queued', 'Loading'];

const LIST_PARAMS: ParamSpec = {
  action: { required: true, values: ['list'] },
  echo_request: { values: BOOL },
  scan_ref: {},
  scan_id: {},
  state: {},
  processed: { values: BOOL },
  type: {},
  target: {},
  user_login: {},
  launched_after_datetime: DATE,
  launched_before_datetime: DATE,
  scan_type: {},
  client_id: { type: 'int' },
  client_name: {},
  show_ags: { values: BOOL },
  show_op: { values: BOOL },
  show_status: { values: BOOL },
  show_last: { values: BOOL },
  ignore_target: { values: BOOL },
  pci_only: { values: BOOL },
};

const LAUNCH_PARAMS: ParamSpec = {
  ...Object.fromEntries(
    ['echo_request', 'scan_title', 'option_id', 'option_title', 'iscanner_id', 'iscanner_name', 'default_scanner', 'scanners_in_ag', 'scanners_in_tagset', 'scanners_in_network', 'target_from', 'asset_groups', 'asset_group_ids', 'exclude_ip_per_scan', 'tag_include_selector', 'tag_exclude_selector', 'tag_set_by', 'tag_set_include', 'tag_set_exclude', 'use_ip_nt_range_tags', 'use_ip_nt_range_tags_include', 'use_ip_nt_range_tags_exclude', 'ip_network_id', 'runtime_http_header', 'connector_name', 'ec2_endpoint', 'ec2_instance_ids', 'fqdn', 'scan_type', 'client_id', 'client_name'].map((k) => [k, {}]),
  ),
  action: { required: true, values: ['launch'] },
  priority: { values: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'] },
  ip: { type: 'ips' },
};

const MANAGE_PARAMS: ParamSpec = { action: { required: true }, echo_request: { values: BOOL }, scan_ref: { required: true } };
const FETCH_PARAMS: ParamSpec = {
  action: { required: true, values: ['fetch'] },
  echo_request: { values: BOOL },
  scan_ref: { required: true },
  ips: { type: 'ips' },
  mode: { values: ['brief', 'extended'] },
  output_format: { values: ['csv', 'json', 'csv_extended', 'json_extended'] },
  client_id: { type: 'int' },
  client_name: {},
};

export const vmScanRoute: Handler = (ctx) => {
  const action = ctx.params.get('action');
  if (action === undefined) return foError(ctx, 1903, 'Missing required parameter(s): action');
  if (action === 'list') return list(ctx);
  if (action === 'fetch') return fetchResults(ctx);
  if (!['launch', 'cancel', 'pause', 'resume', 'delete'].includes(action)) {
    return foError(ctx, 1905, `parameter action has invalid value: ${action} (must be one of: list, launch, cancel, pause, resume, delete, fetch)`);
  }
  if (ctx.method !== 'POST') return foError(ctx, 1908, `Request method (GET or POST) is incompatible with specified parameter(s): action=${action}`);
  return action === 'launch' ? launch(ctx) : manage(ctx, action);
};

function list(ctx: Ctx): SimResponse {
  const problem = checkParams(ctx.params, LIST_PARAMS);
  if (problem) return foError(ctx, problem.code, problem.text);
  const p = ctx.params;
  const states = p.has('state') ? new Set((p.get('state') ?? '').split(',').map((s) => s.trim().toLowerCase())) : undefined;
  for (const state of states ?? []) if (!STATES.some((s) => s.toLowerCase() === state)) return foError(ctx, 1905, `parameter state has invalid value: ${state}`);
  const after = p.get('launched_after_datetime');
  const before = p.get('launched_before_datetime');
  let scans = ctx.state.scans.list().filter(
    (s) =>
      (!p.has('scan_ref') || s.ref === p.get('scan_ref')) &&
      (!states || states.has(s.state.toLowerCase())) &&
      (!p.has('processed') || s.processed === (p.get('processed') === '1')) &&
      (!p.has('type') || s.type.toLowerCase() === (p.get('type') ?? '').toLowerCase()) &&
      (!p.has('user_login') || s.userLogin === p.get('user_login')) &&
      (!after || s.launched >= after) &&
      (!before || s.launched <= before),
  );
  if (p.get('show_last') === '1') scans = scans.slice(0, 1);
  const echo = p.get('echo_request') === '1' ? requestEcho(ctx.now, ctx.user, `${ctx.base}/api/2.0/fo/scan/`, p) : '';
  return { status: 200, kind: 'xml', body: scanListXml(ctx, scans, echo, { ags: p.get('show_ags') === '1', op: p.get('show_op') === '1', status: p.get('show_status') !== '0', target: p.get('ignore_target') !== '1' }) };
}

export function scanListXml(ctx: Ctx, scans: readonly Scan[], echo: string, show: { ags: boolean; op: boolean; status: boolean; target: boolean }): string {
  let s = XML_DECL + doctype('SCAN_LIST_OUTPUT', ctx.base, '/api/2.0/fo/scan/scan_list_output.dtd') + '<SCAN_LIST_OUTPUT>\n' + echo + `  <RESPONSE>\n    ${el('DATETIME', ctx.now)}\n`;
  if (scans.length > 0) s += '    <SCAN_LIST>\n';
  for (const sc of scans) {
    s += `      <SCAN>\n        ${el('REF', sc.ref)}\n        ${el('TYPE', sc.type)}\n        ${elc('TITLE', sc.title)}\n        ${el('USER_LOGIN', sc.userLogin)}\n`;
    s += `        ${el('LAUNCH_DATETIME', sc.launched)}\n        ${el('DURATION', sc.duration)}\n        ${el('PROCESSING_PRIORITY', `${sc.priority} - ${PRIORITY_LABELS[sc.priority]}`)}\n        ${el('PROCESSED', sc.processed ? 1 : 0)}\n`;
    if (show.status) s += `        <STATUS>\n          ${el('STATE', sc.state)}\n${sc.subState ? `          ${el('SUB_STATE', sc.subState)}\n` : ''}        </STATUS>\n`;
    if (show.target) s += `        ${elc('TARGET', sc.target)}\n`;
    if (show.ags && sc.assetGroups.length) s += `        <ASSET_GROUP_TITLE_LIST>\n${sc.assetGroups.map((t) => `          ${elc('ASSET_GROUP_TITLE', t)}\n`).join('')}        </ASSET_GROUP_TITLE_LIST>\n`;
    if (show.op) s += `        <OPTION_PROFILE>\n          ${elc('TITLE', sc.optionProfile)}\n          ${el('DEFAULT_FLAG', sc.optionProfile === 'Initial Options' ? 1 : 0)}\n        </OPTION_PROFILE>\n`;
    s += '      </SCAN>\n';
  }
  if (scans.length > 0) s += '    </SCAN_LIST>\n';
  return s + '  </RESPONSE>\n</SCAN_LIST_OUTPUT>\n';
}

function launch(ctx: Ctx): SimResponse {
  const problem = checkParams(ctx.params, LAUNCH_PARAMS);
  if (problem) return foError(ctx, problem.code, problem.text);
  const p = ctx.params;
  const target = p.get('ip') ?? p.get('asset_groups') ?? p.get('asset_group_ids') ?? p.get('fqdn') ?? p.get('tag_set_include');
  if (!target) return foError(ctx, 1903, 'Missing required parameter(s): ip, asset_groups, asset_group_ids, fqdn or tags');
  if (!p.has('option_id') && !p.has('option_title')) return foError(ctx, 1903, 'Missing required parameter(s): option_id or option_title');
  const scan = ctx.state.scans.launch({
    title: p.get('scan_title') ?? 'API scan',
    target,
    optionProfile: p.get('option_title') ?? `Option profile ${p.get('option_id') ?? ''}`,
    user: ctx.user,
    priority: Number(p.get('priority') ?? 0),
    nowMs: Date.parse(ctx.now),
  });
  return { status: 200, kind: 'xml', body: simpleReturn(ctx.base, ctx.now, { text: 'New vm scan launched', items: [{ key: 'ID', values: [scan.ref.split('.')[1]!] }, { key: 'REFERENCE', values: [scan.ref] }] }) };
}

const TRANSITIONS: Record<string, { from: readonly ScanState[]; to: ScanState | 'deleted'; text: string }> = {
  cancel: { from: ['Running', 'Queued', 'Loading', 'Paused', 'Submitted'], to: 'Canceled', text: 'Scan cancelled successfully' },
  pause: { from: ['Running', 'Queued', 'Loading'], to: 'Paused', text: 'Scan paused successfully' },
  resume: { from: ['Paused'], to: 'Running', text: 'Scan resumed successfully' },
  delete: { from: ['Finished', 'Canceled', 'Error', 'Paused'], to: 'deleted', text: 'Scan deleted successfully' },
};

function manage(ctx: Ctx, action: string): SimResponse {
  const problem = checkParams(ctx.params, MANAGE_PARAMS);
  if (problem) return foError(ctx, problem.code, problem.text);
  const ref = ctx.params.get('scan_ref') ?? '';
  const scan = ctx.state.scans.find(ref);
  if (!scan) return foError(ctx, 1905, `parameter scan_ref has invalid value: ${ref} (no such scan)`);
  const t = TRANSITIONS[action]!;
  if (!t.from.includes(scan.state)) return foError(ctx, 1905, `The scan ${ref} cannot be ${action === 'delete' ? 'deleted' : `${action}d`} in state ${scan.state}`);
  if (t.to === 'deleted') ctx.state.scans.remove(ref);
  else scan.state = t.to;
  return { status: 200, kind: 'xml', body: simpleReturn(ctx.base, ctx.now, { text: t.text, items: [{ key: 'REFERENCE', values: [ref] }] }) };
}

/** The results of a finished scan: the detections of the hosts in its target, as Qualys' CSV or JSON rows. */
function fetchResults(ctx: Ctx): SimResponse {
  const problem = checkParams(ctx.params, FETCH_PARAMS);
  if (problem) return foError(ctx, problem.code, problem.text);
  const p = ctx.params;
  const ref = p.get('scan_ref') ?? '';
  const scan = ctx.state.scans.find(ref);
  if (!scan) return foError(ctx, 1905, `parameter scan_ref has invalid value: ${ref} (no such scan)`);
  if (scan.state !== 'Finished') return foError(ctx, 1905, `The scan ${ref} has no results yet (state ${scan.state})`);
  const range = parseIpRanges(scan.target) ?? [];
  const only = p.has('ips') ? parseIpRanges(p.get('ips') ?? '') ?? [] : undefined;
  const extended = p.get('mode') === 'extended';
  const rows: Record<string, string | number>[] = [];
  const hosts = ctx.state.hosts;
  for (const r of range.slice(0, 1)) {
    const first = hosts.indexOfIp(numberToIp(r.lo));
    for (let i = Math.max(0, first); i >= 0 && i < hosts.count && rows.length < 5000; i++) {
      const ip = ipToNumber(hosts.ipAt(i)) ?? 0;
      if (ip > r.hi) break;
      if (only && !inRanges(ip, only)) continue;
      const host = hosts.hostAt(i);
      for (const d of detectionsOf(ctx.state.opts.seed, ctx.state.vulns, host)) {
        if (d.status === 'Fixed') continue;
        rows.push({ ip: host.ip, dns: host.dns.fqdn, netbios: host.netbios ?? '', qid: d.vuln.qid, result: d.results, ...(extended ? { protocol: d.vuln.port?.protocol ?? '', port: d.vuln.port?.port ?? '', ssl: d.vuln.port?.ssl ? 'yes' : 'no', fqdn: '' } : {}) });
      }
    }
  }
  const format = p.get('output_format') ?? 'csv';
  if (format.startsWith('json')) return json(rows);
  const columns = Object.keys(rows[0] ?? { ip: '', dns: '', netbios: '', qid: '', result: '' });
  const quote = (v: string | number) => `"${String(v).replace(/"/g, '""')}"`;
  const body = [columns.map((c) => quote(c.toUpperCase())).join(','), ...rows.map((row) => columns.map((c) => quote(row[c] ?? '')).join(','))].join('\n') + '\n';
  return { status: 200, kind: 'text', body };
}

function numberToIp(n: number): string {
  return [n >>> 24, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff].join('.');
}
