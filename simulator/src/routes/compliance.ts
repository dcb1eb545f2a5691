// /api/2.0/fo/compliance/policy/ (list), /api/2.0/fo/compliance/posture/info/ (list, paged by host id_min)
// and /api/2.0/fo/scan/compliance/ (list, fetch).
import { ASSET_GROUPS } from '../data/catalog';
import type { Control, Policy } from '../data/policies';
import { evidenceText } from '../data/evidence';
import { foError } from '../errors';
import { BOOL, checkParams, inRanges, parseIdRanges, parseIpRanges, type ParamSpec } from '../params';
import { infoXml, policyListXml, postureControlXml, postureHead, postureHostXml, type PostureOptions } from '../xml/complianceXml';
import { ipToNumber } from '../data/hosts';
import { XML_DECL, cdata, doctype, el, elc, requestEcho } from '../xml/writer';
import { xml, type Ctx, type Handler, type SimResponse } from './types';

const POLICY_PARAMS: ParamSpec = {
  action: { required: true, values: ['list'] },
  echo_request: { values: BOOL },
  details: { values: ['Basic', 'All', 'None'] },
  ids: { type: 'ids' },
  id_min: { type: 'int' },
  id_max: { type: 'int' },
  updated_after_datetime: { type: 'date' },
  created_after_datetime: { type: 'date' },
};

export const compliancePolicyRoute: Handler = (ctx) => {
  const problem = checkParams(ctx.params, POLICY_PARAMS);
  if (problem) return foError(ctx, problem.code, problem.text);
  const p = ctx.params;
  const ids = p.has('ids') ? parseIdRanges(p.get('ids') ?? '') : undefined;
  const idMin = p.has('id_min') ? Number(p.get('id_min')) : undefined;
  const idMax = p.has('id_max') ? Number(p.get('id_max')) : undefined;
  const updated = p.get('updated_after_datetime');
  const created = p.get('created_after_datetime');
  const store = ctx.state.policies;
  const list = store.policies.filter(
    (x) =>
      (!ids || inRanges(x.id, ids)) &&
      (idMin === undefined || x.id >= idMin) &&
      (idMax === undefined || x.id <= idMax) &&
      (!updated || x.lastModified.datetime >= updated) &&
      (!created || x.created.datetime >= created),
  );
  const echo = p.get('echo_request') === '1' ? requestEcho(ctx.now, ctx.user, `${ctx.base}/api/2.0/fo/compliance/policy/`, p) : '';
  return xml(policyListXml(ctx.base, ctx.now, list, p.get('details') ?? 'Basic', echo));
};

const POSTURE_PARAMS: ParamSpec = {
  action: { required: true, values: ['list'] },
  echo_request: { values: BOOL },
  policy_id: { type: 'int' },
  policy_ids: { type: 'ids' },
  control_ids: { type: 'ids' },
  output_format: { values: ['xml', 'csv', 'csv_no_metadata'] },
  details: { values: ['Basic', 'All', 'None', 'Light'] },
  hide_evidence: { values: BOOL },
  show_extended_evidence: { values: BOOL },
  include_dp_name: { values: BOOL },
  show_remediation_info: { values: BOOL },
  truncation_limit: { type: 'int' },
  id_min: { type: 'int' },
  ips: { type: 'ips' },
  host_ids: { type: 'ids' },
  asset_group_ids: { type: 'ids' },
  status: { values: ['Passed', 'Failed', 'Error'] },
  status_changes_since: { type: 'date' },
  evaluation_date: { type: 'date' },
  criticality_labels: {},
  criticality_values: {},
};

export const postureInfoRoute: Handler = (ctx) => {
  const problem = checkParams(ctx.params, POSTURE_PARAMS);
  if (problem) return foError(ctx, problem.code, problem.text);
  const p = ctx.params;
  if (p.has('policy_id') && p.has('policy_ids')) return foError(ctx, 1904, 'Please specify only one of these parameters: policy_id, policy_ids');
  if (!p.has('policy_id') && !p.has('policy_ids')) return foError(ctx, 1903, 'Missing required parameter(s): policy_id');
  if (p.has('policy_ids') && p.has('truncation_limit')) return foError(ctx, 1907, 'The following combination of key=value pairs is not supported: policy_ids with truncation_limit');
  if (p.get('hide_evidence') === '1' && p.get('show_extended_evidence') === '1') return foError(ctx, 1907, 'The following combination of key=value pairs is not supported: hide_evidence=1 with show_extended_evidence=1');
  if (p.has('criticality_labels') && p.has('criticality_values')) return foError(ctx, 1904, 'Please specify only one of these parameters: criticality_labels, criticality_values');
  if ((p.get('output_format') ?? 'xml') !== 'xml' && !p.has('policy_id')) return foError(ctx, 1907, 'The following combination of key=value pairs is not supported: csv output requires policy_id');
  const store = ctx.state.policies;
  const requested = p.has('policy_id') ? [Number(p.get('policy_id'))] : (parseIdRanges(p.get('policy_ids') ?? '') ?? []).flatMap((r) => store.policies.filter((x) => x.id >= r.lo && x.id <= r.hi).map((x) => x.id));
  if (requested.length > 10) return foError(ctx, 1905, `parameter policy_ids has invalid value: ${p.get('policy_ids') ?? ''} (at most 10 policies)`);
  const policies: Policy[] = [];
  for (const id of requested) {
    const policy = store.byId(id);
    if (!policy) return foError(ctx, 1905, `parameter policy_id has invalid value: ${id} (No such policy ID)`);
    policies.push(policy);
  }
  if (policies.length === 0) return foError(ctx, 1905, `parameter policy_ids has invalid value: ${p.get('policy_ids') ?? ''} (No such policy ID)`);
  return (p.get('output_format') ?? 'xml') === 'xml' ? postureXmlResponse(ctx, policies) : postureCsv(ctx, policies[0]);
};

interface Cell { policy: Policy; hostIndex: number; controls: Control[] }

/** Hosts covered by the policies and passing the host filters, from id_min on, with their selected controls. */
function* postureCells(ctx: Ctx, policies: Policy[]): Generator<Cell> {
  const p = ctx.params;
  const hosts = ctx.state.hosts;
  const store = ctx.state.policies;
  const hostIds = p.has('host_ids') ? parseIdRanges(p.get('host_ids') ?? '') : undefined;
  const ips = p.has('ips') ? parseIpRanges(p.get('ips') ?? '') : undefined;
  const ags = p.has('asset_group_ids') ? parseIdRanges(p.get('asset_group_ids') ?? '') : undefined;
  const controlIds = p.has('control_ids') ? parseIdRanges(p.get('control_ids') ?? '') : undefined;
  const labels = p.get('criticality_labels')?.split(',').map((x) => x.trim().toUpperCase());
  const values = p.get('criticality_values')?.split(',').map((x) => Number(x.trim()));
  const start = p.has('id_min') ? hosts.indexAtLeast(Number(p.get('id_min'))) : 0;
  for (const policy of policies) {
    const controls = policy.controls.filter(
      (c) => (!controlIds || inRanges(c.id, controlIds)) && (!labels || labels.includes(c.criticality.label)) && (!values || values.includes(c.criticality.value)),
    );
    if (controls.length === 0) continue;
    for (let i = start; i < hosts.count; i++) {
      if (!store.covers(policy, hosts, i)) continue;
      const id = hosts.idAt(i);
      if (hostIds && !inRanges(id, hostIds)) continue;
      if (ips && !inRanges(ipToNumber(hosts.ipAt(i)) ?? -1, ips)) continue;
      if (ags) {
        const h = hosts.hostAt(i);
        if (!h.assetGroupIds.some((g) => inRanges(g, ags) && ASSET_GROUPS.some((a) => a.id === g))) continue;
      }
      yield { policy, hostIndex: i, controls };
    }
  }
}

function postureXmlResponse(ctx: Ctx, policies: Policy[]): SimResponse {
  const p = ctx.params;
  const details = (p.get('details') ?? 'Basic') as PostureOptions['details'];
  const o: PostureOptions = { details, evidence: p.get('hide_evidence') !== '1', remediation: p.get('show_remediation_info') === '1' };
  const limit = p.has('truncation_limit') ? Number(p.get('truncation_limit')) : p.has('policy_id') ? 5000 : 0;
  const status = p.get('status');
  const changedSince = p.get('status_changes_since');
  const store = ctx.state.policies;
  const hosts = ctx.state.hosts;
  const echo = p.get('echo_request') === '1' ? requestEcho(ctx.now, ctx.user, `${ctx.base}/api/2.0/fo/compliance/posture/info/`, p) : '';

  function* chunks(): Generator<string> {
    yield postureHead(ctx.base, ctx.now, echo);
    let records = 0;
    let nextHostId: number | undefined;
    const seenHosts = new Map<number, { passed: number; total: number }>();
    const seenControls = new Map<number, { policy: Policy; control: Control }>();
    let open = false;
    for (const cell of postureCells(ctx, policies)) {
      const host = hosts.hostAt(cell.hostIndex);
      const postures = cell.controls.map((c) => ({ c, post: store.posture(cell.policy, host.id, c) }));
      const shown = postures.filter(({ post }) => (!status || post.status === status) && (!changedSince || post.postureModifiedDate >= changedSince));
      if (shown.length === 0) continue;
      if (limit > 0 && records > 0 && records + shown.length > limit) {
        nextHostId = host.id;
        break;
      }
      if (!open) {
        yield '    <INFO_LIST>\n';
        open = true;
      }
      let s = '';
      for (const { c, post } of shown) {
        s += infoXml(host, c, post, o);
        seenControls.set(c.id, { policy: cell.policy, control: c });
      }
      const agg = seenHosts.get(host.id) ?? { passed: 0, total: 0 };
      agg.passed += postures.filter((x) => x.post.status === 'Passed').length;
      agg.total += postures.length;
      seenHosts.set(host.id, agg);
      records += shown.length;
      yield s;
    }
    let tail = open ? '    </INFO_LIST>\n' : '';
    if (nextHostId !== undefined) {
      const next = new URLSearchParams();
      for (const [k, v] of p) if (k !== 'id_min') next.set(k, v);
      next.set('id_min', String(nextHostId));
      tail += `    <WARNING>\n      <CODE>1980</CODE>\n      <TEXT>${limit} record limit exceeded. Use URL to get next batch of results.</TEXT>\n      <URL>${cdata(`${ctx.base}/api/2.0/fo/compliance/posture/info/?${next.toString()}`)}</URL>\n    </WARNING>\n`;
    }
    if (details !== 'None' && seenHosts.size > 0) {
      tail += '    <GLOSSARY>\n      <HOST_LIST>\n';
      for (const [id, agg] of seenHosts) tail += postureHostXml(hosts.hostAt(hosts.indexOfId(id)), agg.passed, agg.total);
      tail += '      </HOST_LIST>\n      <CONTROL_LIST>\n';
      for (const { policy, control } of [...seenControls.values()].sort((a, b) => a.control.id - b.control.id)) tail += postureControlXml(store, policy, control, details === 'All');
      tail += '      </CONTROL_LIST>\n    </GLOSSARY>\n';
    }
    yield tail + '  </RESPONSE>\n</POSTURE_INFO_LIST_OUTPUT>\n';
  }
  return xml(chunks);
}

const CSV_HEAD = ['ID', 'IP', 'OS', 'DNS Name', 'NetBios', 'Tracking Method', 'Control ID', 'Control Statement', 'Criticality Label', 'Criticality Value', 'Technology ID', 'Technology Name', 'Posture', 'Previous Status', 'First Fail Date', 'Last Fail Date', 'First Pass Date', 'Last Pass Date', 'Evaluation Date', 'Qualys Host ID', 'Posture Evidence', 'Reference'];

/** CSV as in seed 000 ("Reference" column last; N/A when a control has no reference). */
function postureCsv(ctx: Ctx, policy: Policy): SimResponse {
  const q = (v: string | number) => `"${String(v).replace(/"/g, '""')}"`;
  const usDate = (iso: string) => (iso ? `${iso.slice(5, 7)}/${iso.slice(8, 10)}/${iso.slice(0, 4)} ${iso.slice(11, 19)}` : 'N/A');
  const store = ctx.state.policies;
  const hosts = ctx.state.hosts;
  function* chunks(): Generator<string> {
    if (ctx.params.get('output_format') === 'csv') yield `----BEGIN_RESPONSE_BODY_CSV\n"POLICY ID","DATETIME"\n${q(policy.id)},${q(usDate(ctx.now))}\n\n`;
    yield CSV_HEAD.map(q).join(',') + '\n';
    for (const cell of postureCells(ctx, [policy])) {
      const h = hosts.hostAt(cell.hostIndex);
      let s = '';
      for (const c of cell.controls) {
        const post = store.posture(policy, h.id, c);
        const ref = store.reference(policy, c) || 'N/A';
        s += [h.id, h.ip, h.os.name, h.dns.fqdn, h.netbios ?? '', h.trackingMethod, c.id, c.statement, c.criticality.label, c.criticality.value, h.os.technology.id, h.os.technology.name, post.status, post.previousStatus, usDate(post.firstFailDate), usDate(post.lastFailDate), usDate(post.firstPassDate), usDate(post.lastPassDate), usDate(post.lastEvaluatedDate), h.qgHostId ?? '', evidenceText(c, post), ref].map(q).join(',') + '\n';
      }
      yield s;
    }
    if (ctx.params.get('output_format') === 'csv') yield '----END_RESPONSE_BODY_CSV\n';
  }
  return { status: 200, kind: 'text', body: chunks, headers: { 'Content-Type': 'text/csv; charset=utf-8' } };
}

const SCAN_PARAMS: ParamSpec = {
  action: { required: true, values: ['list', 'fetch'] },
  echo_request: { values: BOOL },
  scan_ref: {},
  state: {},
  launched_after_datetime: { type: 'date' },
  launched_before_datetime: { type: 'date' },
  output_format: { values: ['xml', 'json'] },
};

/** Compliance scans: a few fixed scans, each over the hosts of one policy. Shape constructed (see docs/simulator.md). */
export const complianceScanRoute: Handler = (ctx) => {
  const problem = checkParams(ctx.params, SCAN_PARAMS);
  if (problem) return foError(ctx, problem.code, problem.text);
  const store = ctx.state.policies;
  const scans = store.policies.slice(0, 3).map((pol, k) => ({ ref: `compliance/${1611000000 + k * 1111}.${70000 + k}`, policy: pol, launched: pol.lastEvaluated }));
  const p = ctx.params;
  if (p.get('action') === 'list') {
    let s = XML_DECL + doctype('SCAN_LIST_OUTPUT', ctx.base, '/api/2.0/fo/scan/scan_list_output.dtd') + `<SCAN_LIST_OUTPUT>\n  <RESPONSE>\n    ${el('DATETIME', ctx.now)}\n    <SCAN_LIST>\n`;
    for (const sc of scans) {
      s += `      <SCAN>\n        ${el('REF', sc.ref)}\n        ${el('TYPE', 'Compliance')}\n        ${elc('TITLE', `Compliance scan - ${sc.policy.title}`)}\n        ${el('USER_LOGIN', ctx.user)}\n        ${el('LAUNCH_DATETIME', sc.launched)}\n        ${el('DURATION', '00:14:08')}\n        ${el('PROCESSED', 1)}\n        <STATUS>\n          ${el('STATE', 'Finished')}\n        </STATUS>\n        ${elc('TARGET', `${ctx.state.hosts.ipAt(0)}-${ctx.state.hosts.ipAt(Math.min(ctx.state.hosts.count, 50) - 1)}`)}\n      </SCAN>\n`;
    }
    return xml(s + '    </SCAN_LIST>\n  </RESPONSE>\n</SCAN_LIST_OUTPUT>\n');
  }
  const ref = p.get('scan_ref');
  if (!ref) return foError(ctx, 1903, 'Missing required parameter(s): scan_ref');
  const scan = scans.find((sc) => sc.ref === ref);
  if (!scan) return foError(ctx, 1905, `parameter scan_ref has invalid value: ${ref} (No such scan)`);
  let s = XML_DECL + doctype('COMPLIANCE_SCAN_RESULT_OUTPUT', ctx.base, '/api/2.0/fo/scan/compliance/compliance_scan_result_output.dtd') + `<COMPLIANCE_SCAN_RESULT_OUTPUT>\n  <RESPONSE>\n    ${el('DATETIME', ctx.now)}\n    <COMPLIANCE_SCAN>\n      <HEADER>\n`;
  s += `        <KEY value="USERNAME">${ctx.user}</KEY>\n        <KEY value="COMPANY">${cdata('Example Corp')}</KEY>\n        <KEY value="DATE">${scan.launched}</KEY>\n        <KEY value="TITLE">${cdata(`Compliance scan - ${scan.policy.title}`)}</KEY>\n        <KEY value="REFERENCE">${scan.ref}</KEY>\n        <KEY value="SCAN_HOST">127.0.0.1 (Scanner 12.0.27-1, Vulnerability Signatures 2.6.1-2)</KEY>\n        <KEY value="STATUS">FINISHED</KEY>\n`;
  s += `        <ASSET_GROUPS>\n          <ASSET_GROUP>\n            ${el('ASSET_GROUP_TITLE', ASSET_GROUPS[1].title)}\n          </ASSET_GROUP>\n        </ASSET_GROUPS>\n        <OPTION_PROFILE>\n          ${el('OPTION_PROFILE_TITLE', 'Profile-Instance-Data-Collection-OS-based-Auth')}\n        </OPTION_PROFILE>\n      </HEADER>\n`;
  s += '      <AUTH_SCAN_ISSUES>\n';
  const hosts = ctx.state.hosts;
  let shown = 0;
  for (let i = 0; i < hosts.count && shown < 5; i++) {
    if (!store.covers(scan.policy, hosts, i)) continue;
    shown++;
    s += `        <AUTH_SCAN_FAILURE>\n          ${el('IP', hosts.ipAt(i))}\n          ${elc('DNS', hosts.hostAt(i).dns.fqdn)}\n          ${elc('REASON', 'Login failed: insufficient privileges for the scan account')}\n        </AUTH_SCAN_FAILURE>\n`;
  }
  s += '      </AUTH_SCAN_ISSUES>\n    </COMPLIANCE_SCAN>\n  </RESPONSE>\n</COMPLIANCE_SCAN_RESULT_OUTPUT>\n';
  return xml(s);
};
