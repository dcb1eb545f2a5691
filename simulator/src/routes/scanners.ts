// /api/2.0/fo/appliance/ and /api/2.0/fo/network/: the list actions. Appliances serve the asset groups
// that name them (data/assets.ts), and a network lists the appliances assigned to it.
import { APPLIANCES, ASSET_GROUP_INFO, NETWORKS } from '../data/assets';
import { foError } from '../errors';
import { BOOL, checkParams, inRanges, parseIdRanges, type ParamSpec } from '../params';
import { applianceXml, networkXml } from '../xml/assetXml';
import { XML_DECL, doctype, el, requestEcho } from '../xml/writer';
import { xml, type Ctx, type Handler, type SimResponse } from './types';

const APPLIANCE_LIST_PARAMS: ParamSpec = {
  action: { required: true, values: ['list'] },
  echo_request: { values: BOOL },
  output_mode: { values: ['brief', 'full'] },
  scan_detail: { values: BOOL },
  show_tags: { values: BOOL },
  include_cloud_info: { values: BOOL },
  include_license_info: { values: BOOL },
  busy: { values: BOOL },
  scan_ref: {},
  name: {},
  ids: { type: 'ids' },
  type: { values: ['physical', 'virtual', 'offline'] },
  platform_provider: {},
  network_id: { type: 'int' },
};

function listOnly(ctx: Ctx, spec: ParamSpec): SimResponse | undefined {
  const action = ctx.params.get('action');
  if (action === undefined) return foError(ctx, 1903, 'Missing required parameter(s): action');
  if (action !== 'list') return foError(ctx, 1905, `parameter action has invalid value: ${action} (the simulator answers action=list only)`);
  const problem = checkParams(ctx.params, spec);
  return problem ? foError(ctx, problem.code, problem.text) : undefined;
}

function echoOf(ctx: Ctx, path: string): string {
  return ctx.params.get('echo_request') === '1' ? requestEcho(ctx.now, ctx.user, `${ctx.base}${path}`, ctx.params) : '';
}

export const applianceRoute: Handler = (ctx) => {
  const refused = listOnly(ctx, APPLIANCE_LIST_PARAMS);
  if (refused) return refused;
  const p = ctx.params;
  const ids = p.has('ids') ? parseIdRanges(p.get('ids') ?? '') : undefined;
  const type = p.get('type');
  const busy = p.get('busy');
  const list = APPLIANCES.filter(
    (a) =>
      (!ids || inRanges(a.id, ids)) &&
      (!p.has('name') || a.name === p.get('name')) &&
      (type === undefined || (type === 'offline' ? a.status === 'Offline' : a.type === type)) &&
      (busy === undefined || (busy === '1') === (a.runningScan !== undefined)) &&
      (!p.has('scan_ref') || a.runningScan?.ref === p.get('scan_ref')) &&
      (!p.has('network_id') || String(a.networkId) === p.get('network_id')),
  );
  const options = { full: p.get('output_mode') === 'full', scanDetail: p.get('scan_detail') === '1', showTags: p.get('show_tags') === '1' };
  let body = XML_DECL + doctype('APPLIANCE_LIST_OUTPUT', ctx.base, '/api/2.0/fo/appliance/appliance_list_output.dtd') + '<APPLIANCE_LIST_OUTPUT>\n' + echoOf(ctx, '/api/2.0/fo/appliance/');
  body += `  <RESPONSE>\n    ${el('DATETIME', ctx.now)}\n`;
  if (list.length > 0) {
    body += '    <APPLIANCE_LIST>\n';
    for (const a of list) body += applianceXml(a, { ...options, groups: ASSET_GROUP_INFO.filter((g) => g.applianceIds.includes(a.id)) });
    body += '    </APPLIANCE_LIST>\n';
  }
  return xml(body + '  </RESPONSE>\n</APPLIANCE_LIST_OUTPUT>\n');
};

export const networkRoute: Handler = (ctx) => {
  const refused = listOnly(ctx, { action: { required: true, values: ['list'] }, echo_request: { values: BOOL }, ids: { type: 'ids' } });
  if (refused) return refused;
  const ids = ctx.params.has('ids') ? parseIdRanges(ctx.params.get('ids') ?? '') : undefined;
  const list = NETWORKS.filter((n) => !ids || inRanges(n.id, ids));
  let body = XML_DECL + doctype('NETWORK_LIST_OUTPUT', ctx.base, '/api/2.0/fo/network/network_list_output.dtd') + '<NETWORK_LIST_OUTPUT>\n' + echoOf(ctx, '/api/2.0/fo/network/');
  body += `  <RESPONSE>\n    ${el('DATETIME', ctx.now)}\n`;
  if (list.length > 0) body += `    <NETWORK_LIST>\n${list.map((n) => networkXml(n, APPLIANCES.filter((a) => a.networkId === n.id))).join('')}    </NETWORK_LIST>\n`;
  return xml(body + '  </RESPONSE>\n</NETWORK_LIST_OUTPUT>\n');
};
