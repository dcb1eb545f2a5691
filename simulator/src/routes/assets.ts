// /api/2.0/fo/asset/group/, /asset/ip/, /asset/excluded_ip/, /asset/vhost/: the list actions, read from
// the generated account. The asset group list pages by ID (1000 per page by default, WARNING 1980 with
// the next page's URL) like the host list. Actions that change data are not simulated.
import { ASSET_GROUP_INFO, EXCLUDED_IPS, VIRTUAL_HOSTS, ipSetItems, numberToIp } from '../data/assets';
import { ipToNumber } from '../data/hosts';
import { foError } from '../errors';
import { BOOL, checkParams, inRanges, parseIdRanges, parseIpRanges, type ParamSpec, type Range } from '../params';
import { DEFAULT_GROUP_ATTRIBUTES, GROUP_ATTRIBUTES, assetGroupXml, ipSetXml, virtualHostXml, type GroupAttribute } from '../xml/assetXml';
import { XML_DECL, cdata, doctype, el, requestEcho } from '../xml/writer';
import { xml, type Ctx, type Handler, type SimResponse } from './types';

/** Qualys' default page size of the asset group list. */
export const GROUP_PAGE_SIZE = 1000;

const GROUP_LIST_PARAMS: ParamSpec = {
  action: { required: true, values: ['list'] },
  echo_request: { values: BOOL },
  ids: { type: 'ids' },
  id_min: { type: 'int' },
  id_max: { type: 'int' },
  truncation_limit: { type: 'int' },
  network_ids: { type: 'ids' },
  unit_id: { type: 'int' },
  user_id: { type: 'int' },
  title: {},
  show_attributes: {},
  output_format: { values: ['xml', 'XML'] },
};

/** A list action only: changes are not simulated (1905 names the actions the simulator answers). */
function listOnly(ctx: Ctx, spec: ParamSpec): SimResponse | undefined {
  const action = ctx.params.get('action');
  if (action === undefined) return foError(ctx, 1903, 'Missing required parameter(s): action');
  if (action !== 'list') return foError(ctx, 1905, `parameter action has invalid value: ${action} (the simulator answers action=list only)`);
  const problem = checkParams(ctx.params, spec);
  return problem ? foError(ctx, problem.code, problem.text) : undefined;
}

function attributes(ctx: Ctx): ReadonlySet<GroupAttribute> | SimResponse {
  const raw = ctx.params.get('show_attributes');
  if (raw === undefined) return DEFAULT_GROUP_ATTRIBUTES;
  const names = raw.split(',').map((x) => x.trim().toUpperCase()).filter(Boolean);
  if (names.length === 1 && names[0] === 'NONE') return new Set();
  if (names.length === 1 && names[0] === 'ALL') return new Set(GROUP_ATTRIBUTES);
  const out = new Set<GroupAttribute>();
  for (const name of names) {
    if (name === 'ID') continue; // always there
    if (!(GROUP_ATTRIBUTES as readonly string[]).includes(name)) return foError(ctx, 1905, `parameter show_attributes has invalid value: ${name}`);
    out.add(name as GroupAttribute);
  }
  return out;
}

export const assetGroupRoute: Handler = (ctx) => {
  const refused = listOnly(ctx, GROUP_LIST_PARAMS);
  if (refused) return refused;
  const show = attributes(ctx);
  if (!(show instanceof Set)) return show as SimResponse;
  const p = ctx.params;
  const ids = p.has('ids') ? parseIdRanges(p.get('ids') ?? '') : undefined;
  const networks = p.has('network_ids') ? parseIdRanges(p.get('network_ids') ?? '') : undefined;
  const num = (name: string): number | undefined => (p.has(name) ? Number(p.get(name)) : undefined);
  const idMin = num('id_min');
  const idMax = num('id_max');
  const unitId = num('unit_id');
  const userId = num('user_id');
  const title = p.get('title');
  const limit = num('truncation_limit') ?? GROUP_PAGE_SIZE;
  const matching = ASSET_GROUP_INFO.filter(
    (g) =>
      (!ids || inRanges(g.id, ids)) &&
      (idMin === undefined || g.id >= idMin) &&
      (idMax === undefined || g.id <= idMax) &&
      (!networks || inRanges(g.networkId, networks)) &&
      (unitId === undefined || g.unitId === unitId) &&
      (userId === undefined || g.ownerId === userId) &&
      (title === undefined || g.title === title),
  );
  const page = limit > 0 ? matching.slice(0, limit) : matching;
  const next = limit > 0 && matching.length > limit ? matching[limit] : undefined;
  const echo = p.get('echo_request') === '1' ? requestEcho(ctx.now, ctx.user, `${ctx.base}/api/2.0/fo/asset/group/`, p) : '';
  let body = XML_DECL + doctype('ASSET_GROUP_LIST_OUTPUT', ctx.base, '/api/2.0/fo/asset/group/asset_group_list_output.dtd') + '<ASSET_GROUP_LIST_OUTPUT>\n' + echo;
  body += `  <RESPONSE>\n    ${el('DATETIME', ctx.now)}\n`;
  if (page.length > 0) {
    body += '    <ASSET_GROUP_LIST>\n';
    for (const g of page) {
      const members = ctx.state.groupMembers.of(g.id);
      body += assetGroupXml(g, { ipItems: show.has('IP_SET') ? ipSetItems(members.ips) : [], hostIds: members.hostIds }, show);
    }
    body += '    </ASSET_GROUP_LIST>\n';
  }
  if (next) {
    const query = new URLSearchParams();
    for (const [k, v] of p) if (k !== 'id_min') query.set(k, v);
    query.set('id_min', String(next.id));
    body += `    <WARNING>\n      <CODE>1980</CODE>\n      <TEXT>${limit} record limit exceeded. Use URL to get next batch of results.</TEXT>\n      <URL>${cdata(`${ctx.base}/api/2.0/fo/asset/group/?${query.toString()}`)}</URL>\n    </WARNING>\n`;
  }
  return xml(body + '  </RESPONSE>\n</ASSET_GROUP_LIST_OUTPUT>\n');
};

const IP_LIST_PARAMS: ParamSpec = {
  action: { required: true, values: ['list'] },
  echo_request: { values: BOOL },
  ips: { type: 'ips' },
  network_id: { type: 'int' },
  tracking_method: { values: ['IP', 'DNS', 'NETBIOS', 'EC2', 'AGENT'] },
  compliance_enabled: { values: BOOL },
  certview_enabled: { values: BOOL },
};

function ipListXml(ctx: Ctx, path: string, items: readonly string[]): string {
  const echo = ctx.params.get('echo_request') === '1' ? requestEcho(ctx.now, ctx.user, `${ctx.base}${path}`, ctx.params) : '';
  return XML_DECL + doctype('IP_LIST_OUTPUT', ctx.base, `${path}ip_list_output.dtd`) + '<IP_LIST_OUTPUT>\n' + echo + `  <RESPONSE>\n    ${el('DATETIME', ctx.now)}\n` + ipSetXml(items) + '  </RESPONSE>\n</IP_LIST_OUTPUT>\n';
}

/** The IP list: every host IP of the subscription (hosts are in VM and PC, none in CertView). */
export const ipRoute: Handler = (ctx) => {
  const refused = listOnly(ctx, IP_LIST_PARAMS);
  if (refused) return refused;
  const p = ctx.params;
  const store = ctx.state.hosts;
  const ranges = p.has('ips') ? parseIpRanges(p.get('ips') ?? '') : undefined;
  const tracking = p.get('tracking_method');
  const none = (p.has('network_id') && p.get('network_id') !== '0') || p.get('compliance_enabled') === '0' || p.get('certview_enabled') === '1';
  const numbers: number[] = [];
  if (!none) {
    for (let i = 0; i < store.count; i++) {
      const n = ipToNumber(store.ipAt(i))!;
      if (ranges && !inRanges(n, ranges)) continue;
      if (tracking && store.hostAt(i).trackingMethod !== tracking) continue;
      numbers.push(n);
    }
  }
  return xml(ipListXml(ctx, '/api/2.0/fo/asset/ip/', ipSetItems(numbers.sort((a, b) => a - b))));
};

const EXCLUDED_PARAMS: ParamSpec = {
  action: { required: true, values: ['list'] },
  echo_request: { values: BOOL },
  ips: { type: 'ips' },
  network_id: { type: 'int' },
  ag_ids: { type: 'ids' },
  ag_titles: {},
  use_tags: { values: BOOL },
  tag_set_by: { values: ['id', 'name'] },
  tag_include_selector: { values: ['any', 'all'] },
  tag_exclude_selector: { values: ['any', 'all'] },
  tag_set_include: {},
  tag_set_exclude: {},
};

/** Intersects excluded IP items with numeric ranges, keeping the items' shape where they lie inside. */
function clip(items: readonly string[], keep: readonly Range[]): string[] {
  const out: string[] = [];
  for (const item of items) {
    const [a, b] = item.split('-');
    const lo = ipToNumber(a!)!;
    const hi = b === undefined ? lo : ipToNumber(b)!;
    for (const r of keep) {
      const from = Math.max(lo, r.lo);
      const to = Math.min(hi, r.hi);
      if (from <= to) out.push(from === to ? numberToIp(from) : `${numberToIp(from)}-${numberToIp(to)}`);
    }
  }
  return out;
}

export const excludedIpRoute: Handler = (ctx) => {
  const refused = listOnly(ctx, EXCLUDED_PARAMS);
  if (refused) return refused;
  const p = ctx.params;
  let items: string[] = [...EXCLUDED_IPS];
  if (p.has('network_id') && p.get('network_id') !== '0') items = [];
  if (p.has('ips')) items = clip(items, parseIpRanges(p.get('ips') ?? '') ?? []);
  const groupIds = p.has('ag_ids')
    ? ASSET_GROUP_INFO.filter((g) => inRanges(g.id, parseIdRanges(p.get('ag_ids') ?? '') ?? [])).map((g) => g.id)
    : p.has('ag_titles')
      ? ASSET_GROUP_INFO.filter((g) => (p.get('ag_titles') ?? '').split(',').map((t) => t.trim()).includes(g.title)).map((g) => g.id)
      : undefined;
  if (groupIds) {
    const ranges = groupIds.flatMap((id) => ctx.state.groupMembers.of(id).ips.map((n) => ({ lo: n, hi: n })));
    items = clip(items, ranges);
  }
  return xml(ipListXml(ctx, '/api/2.0/fo/asset/excluded_ip/', items));
};

export const virtualHostRoute: Handler = (ctx) => {
  const refused = listOnly(ctx, { action: { required: true, values: ['list'] }, echo_request: { values: BOOL } });
  if (refused) return refused;
  const echo = ctx.params.get('echo_request') === '1' ? requestEcho(ctx.now, ctx.user, `${ctx.base}/api/2.0/fo/asset/vhost/`, ctx.params) : '';
  let body = XML_DECL + doctype('VIRTUAL_HOST_LIST_OUTPUT', ctx.base, '/api/2.0/fo/asset/vhost/vhost_list_output.dtd') + '<VIRTUAL_HOST_LIST_OUTPUT>\n' + echo;
  body += `  <RESPONSE>\n    ${el('DATETIME', ctx.now)}\n    <VIRTUAL_HOST_LIST>\n${VIRTUAL_HOSTS.map(virtualHostXml).join('')}    </VIRTUAL_HOST_LIST>\n`;
  return xml(body + '  </RESPONSE>\n</VIRTUAL_HOST_LIST_OUTPUT>\n');
};
