// /api/2.0/fo/auth/ (ids of every record type) and /api/2.0/fo/auth/{type}/ list, create, update, delete.
// Passwords are accepted and dropped: the simulator never stores or echoes a credential.
import { AUTH_TYPES, type AuthRecord, type AuthType } from '../data/authRecords';
import { TAGS } from '../data/catalog';
import { foError } from '../errors';
import { BOOL, checkParams, inRanges, parseIdRanges, parseIpRanges, type ParamSpec } from '../params';
import { authListXml, authTypesXml } from '../xml/authXml';
import { batchReturn } from '../xml/simpleReturn';
import { requestEcho } from '../xml/writer';
import { xml, type Ctx, type Handler, type SimResponse } from './types';

const LIST_PARAMS: ParamSpec = {
  action: { required: true, values: ['list'] },
  echo_request: { values: BOOL },
  title: {},
  comments: {},
  details: { values: ['Basic', 'All', 'None'] },
  ids: { type: 'ids' },
  id_min: { type: 'int' },
  id_max: { type: 'int' },
};

/** Apache (and the other app-server types) add status / is_system_created filters (seed 001). */
const APP_SERVER_LIST: ParamSpec = { ...LIST_PARAMS, status: { values: BOOL }, is_system_created: { values: BOOL } };

const COMMON_CHANGE: ParamSpec = {
  action: { required: true, values: ['create', 'update', 'delete'] },
  echo_request: { values: BOOL },
  ids: { type: 'ids' },
  title: {},
  comments: {},
  ips: { type: 'ips' },
  add_ips: { type: 'ips' },
  remove_ips: { type: 'ips' },
  network_id: { type: 'int' },
};

const VAULT: ParamSpec = {
  login_type: { values: ['basic', 'vault'] },
  vault_type: {},
  vault_id: { type: 'int' },
  secret_name: {},
  folder: {},
  file: {},
  system_name: {},
};

const TAG_PARAMS: ParamSpec = {
  asset_type: { values: ['ips', 'asset_tags', 'ip_range_tag_rule'] },
  tag_set_by: { values: ['id', 'name'] },
  tags_include: {},
  tags_exclude: {},
  tag_include_selector: { values: ['any', 'all'] },
  tag_exclude_selector: { values: ['any', 'all'] },
};

const CHANGE_PARAMS: Record<AuthType, ParamSpec> = {
  windows: { ...COMMON_CHANGE, ...VAULT, ...TAG_PARAMS, username: {}, password: {}, windows_domain: {}, windows_ad_domain: {}, windows_ad_trust: {}, ntlm: { values: BOOL }, ntlmv2: { values: BOOL }, kerberos: { values: BOOL }, use_agentless_tracking: { values: BOOL }, minimum_smb_version: {}, require_smb_signing: { values: BOOL } },
  unix: { ...COMMON_CHANGE, ...VAULT, ...TAG_PARAMS, sub_type: { values: ['cisco', 'checkpoint_firewall'] }, username: {}, password: {}, port: {}, skip_password: { values: BOOL }, cleartext_password: { values: BOOL }, target_type: {}, use_agentless_tracking: { values: BOOL }, agentless_tracking_path: {} },
  oracle: { ...COMMON_CHANGE, ...VAULT, username: {}, password: {}, sid: {}, servicename: {}, port: {}, is_cdb: { values: BOOL }, is_template: { values: BOOL }, pc_only: { values: BOOL }, windows_os_checks: { values: BOOL }, unix_opatch_checks: { values: BOOL }, unix_os_checks: { values: BOOL } },
  apache: { ...COMMON_CHANGE, status: { values: BOOL }, unix_apache_config_file: {}, unix_apache_control_command: {} },
  ms_iis: { ...COMMON_CHANGE, status: { values: BOOL } },
  ibm_websphere: { ...COMMON_CHANGE, status: { values: BOOL }, unix_installation_directory: {} },
  tomcat: { ...COMMON_CHANGE, status: { values: BOOL }, unix_installation_directory: {}, unix_instance_directory: {} },
  mysql: { ...COMMON_CHANGE, ...VAULT, username: {}, password: {}, port: { type: 'int' }, database: {} },
  ms_sql: { ...COMMON_CHANGE, ...VAULT, username: {}, password: {}, port: { type: 'int' }, database: {}, instance: {} },
  postgresql: { ...COMMON_CHANGE, ...VAULT, username: {}, password: {}, port: { type: 'int' }, database: {} },
};

const AUTH_LIST_LIMIT = 1000;

const APP_SERVERS: readonly AuthType[] = ['apache', 'ms_iis', 'ibm_websphere', 'tomcat'];
const NEEDS_USERNAME: readonly AuthType[] = ['windows', 'unix', 'oracle', 'mysql', 'ms_sql', 'postgresql'];

export const authListRoute: Handler = (ctx) => {
  const problem = checkParams(ctx.params, { action: { required: true, values: ['list'] }, echo_request: { values: BOOL }, title: {}, comments: {}, ids: { type: 'ids' }, id_min: { type: 'int' }, id_max: { type: 'int' } });
  if (problem) return foError(ctx, problem.code, problem.text);
  const matching = filterRecords(ctx, ctx.state.auth.records);
  const byType = new Map<AuthType, number[]>();
  for (const t of AUTH_TYPES) byType.set(t, matching.filter((r) => r.type === t).map((r) => r.id));
  return xml(authTypesXml(ctx.base, ctx.now, byType));
};

function filterRecords(ctx: Ctx, records: AuthRecord[]): AuthRecord[] {
  const p = ctx.params;
  const ids = p.has('ids') ? parseIdRanges(p.get('ids') ?? '') : undefined;
  const idMin = p.has('id_min') ? Number(p.get('id_min')) : undefined;
  const idMax = p.has('id_max') ? Number(p.get('id_max')) : undefined;
  const title = p.get('title');
  const comments = p.get('comments');
  const status = p.get('status');
  const system = p.get('is_system_created');
  return records.filter(
    (r) =>
      (!ids || inRanges(r.id, ids)) &&
      (idMin === undefined || r.id >= idMin) &&
      (idMax === undefined || r.id <= idMax) &&
      (title === undefined || r.title.includes(title)) &&
      (comments === undefined || (r.comments ?? '').includes(comments)) &&
      (status === undefined || r.fields.IS_ACTIVE === status) &&
      (system === undefined || r.fields.IS_SYSTEM_CREATED === system),
  );
}

export function authTypeRoute(type: AuthType): Handler {
  return (ctx) => {
    const action = ctx.params.get('action');
    if (action === undefined) return foError(ctx, 1903, 'Missing required parameter(s): action');
    if (action === 'list') {
      const problem = checkParams(ctx.params, APP_SERVERS.includes(type) ? APP_SERVER_LIST : LIST_PARAMS);
      if (problem) return foError(ctx, problem.code, problem.text);
      const all = filterRecords(ctx, ctx.state.auth.ofType(type)).sort((a, b) => a.id - b.id);
      // Qualys lists at most 1000 records per request and points at the rest with a WARNING (param reference).
      const records = all.slice(0, AUTH_LIST_LIMIT);
      let nextUrl: string | undefined;
      if (all.length > AUTH_LIST_LIMIT) {
        const next = new URLSearchParams();
        for (const [k, v] of ctx.params) if (k !== 'id_min') next.set(k, v);
        next.set('id_min', String(all[AUTH_LIST_LIMIT].id));
        nextUrl = `${ctx.base}/api/2.0/fo/auth/${type}/?${next.toString()}`;
      }
      const echo = ctx.params.get('echo_request') === '1' ? requestEcho(ctx.now, ctx.user, `${ctx.base}/api/2.0/fo/auth/${type}/`, ctx.params) : '';
      return xml(authListXml(ctx.base, ctx.now, type, records, ctx.params.get('details') ?? 'Basic', echo, nextUrl));
    }
    if (!['create', 'update', 'delete'].includes(action)) return foError(ctx, 1905, `parameter action has invalid value: ${action} (must be one of: list, create, update, delete)`);
    if (ctx.method !== 'POST') return foError(ctx, 1908, `Request method (GET or POST) is incompatible with specified parameter(s): action=${action}`);
    const problem = checkParams(ctx.params, CHANGE_PARAMS[type]);
    if (problem) return foError(ctx, problem.code, problem.text);
    if (ctx.params.has('ips') && (ctx.params.has('add_ips') || ctx.params.has('remove_ips'))) {
      return foError(ctx, 1904, `Please specify only one of these parameters: ips, ${ctx.params.has('add_ips') ? 'add_ips' : 'remove_ips'}`);
    }
    if (action === 'create') return create(ctx, type);
    return action === 'update' ? update(ctx, type) : remove(ctx, type);
  };
}

function tagsFrom(ctx: Ctx): AuthRecord['tags'] | SimResponse | undefined {
  const p = ctx.params;
  const assetType = p.get('asset_type');
  if (assetType === undefined || assetType === 'ips') return undefined;
  if (!p.has('tags_include')) return foError(ctx, 1903, 'Missing required parameter(s): tags_include');
  const byName = p.get('tag_set_by') === 'name';
  const resolve = (list: string) =>
    list.split(',').map((x) => x.trim()).filter(Boolean).map((x) => (byName ? TAGS.find((t) => t.name === x) ?? { id: 0, name: x } : TAGS.find((t) => String(t.id) === x) ?? { id: Number(x) || 0, name: `Tag ${x}` }));
  const include = resolve(p.get('tags_include') ?? '');
  if (include.some((t) => t.id === 0)) return foError(ctx, 1905, `parameter tags_include has invalid value: ${p.get('tags_include') ?? ''} (no such tag)`);
  const exclude = resolve(p.get('tags_exclude') ?? '');
  return {
    tagType: assetType,
    include: { selector: (p.get('tag_include_selector') ?? 'any') as 'any' | 'all', tags: include },
    exclude: { selector: (p.get('tag_exclude_selector') ?? 'any') as 'any' | 'all', tags: exclude.filter((t) => t.id !== 0) },
  };
}

function splitIps(v: string | undefined): string[] {
  if (!v) return [];
  return v.split(',').map((x) => x.trim()).filter(Boolean);
}

/** Record fields set from parameters (element name -> parameter). Passwords are never kept. */
const FIELD_PARAMS: Record<string, string> = {
  NTLM: 'ntlm', NTLM_V2: 'ntlmv2', KERBEROS: 'kerberos', WINDOWS_DOMAIN: 'windows_domain', WINDOWS_AD_DOMAIN: 'windows_ad_domain',
  SKIP_PASSWORD: 'skip_password', CLEARTEXT_PASSWORD: 'cleartext_password', TARGET_TYPE: 'target_type', LOGIN_TYPE: 'login_type',
  USE_AGENTLESS_TRACKING: 'use_agentless_tracking', SID: 'sid', SERVICENAME: 'servicename', PORT: 'port', IS_CDB: 'is_cdb',
  WINDOWS_OS_CHECKS: 'windows_os_checks', UNIX_OPATCH_CHECKS: 'unix_opatch_checks', UNIX_OS_CHECKS: 'unix_os_checks', IS_TEMPLATE: 'is_template',
  UNIX_CONFIGURATION_FILE: 'unix_apache_config_file', UNIX_CONTROL_COMMAND: 'unix_apache_control_command', IS_ACTIVE: 'status',
  UNIX_INSTALLATION_DIRECTORY: 'unix_installation_directory', UNIX_INSTANCE_DIRECTORY: 'unix_instance_directory', DATABASE: 'database',
};

function applyFields(ctx: Ctx, type: AuthType, r: AuthRecord): void {
  for (const [elName, param] of Object.entries(FIELD_PARAMS)) {
    const v = ctx.params.get(param);
    if (v !== undefined && param in CHANGE_PARAMS[type]) r.fields[elName] = v;
  }
  if (r.fields.SID && ctx.params.has('servicename')) delete r.fields.SID;
  if (r.fields.SERVICENAME && ctx.params.has('sid')) delete r.fields.SERVICENAME;
}

function create(ctx: Ctx, type: AuthType): SimResponse {
  const p = ctx.params;
  const store = ctx.state.auth;
  const title = p.get('title');
  if (!title) return foError(ctx, 1903, 'Missing required parameter(s): title');
  if (title.length > 255) return foError(ctx, 1905, 'parameter title has invalid value: (longer than 255 characters)');
  if (store.titleTaken(title)) return foError(ctx, 1905, `parameter title has invalid value: ${title} (a record with this title already exists)`);
  if (NEEDS_USERNAME.includes(type) && !p.get('username')) return foError(ctx, 1903, 'Missing required parameter(s): username');
  if (NEEDS_USERNAME.includes(type) && !p.has('password') && p.get('login_type') !== 'vault') return foError(ctx, 1903, 'Missing required parameter(s): password');
  if (p.has('add_ips') || p.has('remove_ips')) return foError(ctx, 1907, 'The following combination of key=value pairs is not supported: action=create with add_ips/remove_ips');
  const tags = tagsFrom(ctx);
  if (tags && 'kind' in tags) return tags;
  if (!tags && !p.has('ips')) return foError(ctx, 1903, 'Missing required parameter(s): ips');
  const record: Omit<AuthRecord, 'id'> = {
    type,
    title,
    username: NEEDS_USERNAME.includes(type) ? p.get('username') : undefined,
    ips: tags ? [] : splitIps(p.get('ips')),
    tags,
    networkId: Number(p.get('network_id') ?? 0),
    created: { datetime: ctx.now, by: ctx.user },
    lastModified: ctx.now,
    comments: p.get('comments'),
    fields: defaultFields(type),
  };
  const saved = store.add(record);
  applyFields(ctx, saved.type, saved);
  return xml(batchReturn(ctx.base, ctx.now, [{ text: 'Successfully Created', ids: [saved.id] }]));
}

function defaultFields(type: AuthType): Record<string, string> {
  switch (type) {
    case 'oracle':
      return { PORT: 'All', IS_CDB: '0', WINDOWS_OS_CHECKS: '0', UNIX_OPATCH_CHECKS: '0', UNIX_OS_CHECKS: '0', IS_SYSTEM_CREATED: '0', IS_ACTIVE: '1', IS_TEMPLATE: '0' };
    case 'unix':
      return { SKIP_PASSWORD: '0', CLEARTEXT_PASSWORD: '0', TARGET_TYPE: 'Auto (default)' };
    case 'apache':
      return { UNIX_CONFIGURATION_FILE: '/etc/httpd/conf/httpd.conf', UNIX_CONTROL_COMMAND: '/usr/sbin/apachectl', IS_SYSTEM_CREATED: '0', IS_ACTIVE: '1' };
    case 'ms_iis':
    case 'ibm_websphere':
    case 'tomcat':
      return { IS_SYSTEM_CREATED: '0', IS_ACTIVE: '1' };
    default:
      return {};
  }
}

function targets(ctx: Ctx, type: AuthType): AuthRecord[] | SimResponse {
  const ids = parseIdRanges(ctx.params.get('ids') ?? '');
  if (!ctx.params.has('ids') || !ids) return foError(ctx, 1903, 'Missing required parameter(s): ids');
  const found = ctx.state.auth.ofType(type).filter((r) => inRanges(r.id, ids));
  if (found.length === 0) return foError(ctx, 1905, `parameter ids has invalid value: ${ctx.params.get('ids') ?? ''} (no ${type} record with these IDs)`);
  return found;
}

function update(ctx: Ctx, type: AuthType): SimResponse {
  const found = targets(ctx, type);
  if (!Array.isArray(found)) return found;
  const p = ctx.params;
  const title = p.get('title');
  if (title !== undefined && (found.length > 1 || ctx.state.auth.titleTaken(title, found[0].id))) {
    return foError(ctx, 1905, `parameter title has invalid value: ${title} (titles must be unique)`);
  }
  const tags = tagsFrom(ctx);
  if (tags && 'kind' in tags) return tags;
  const batches = [];
  for (const r of found) {
    // System-created app server records cannot be updated (seed 001).
    if (APP_SERVERS.includes(type) && r.fields.IS_SYSTEM_CREATED === '1') {
      batches.push({ code: 1905, text: 'System created records cannot be updated', ids: [r.id] });
      continue;
    }
    if (title !== undefined) r.title = title;
    if (p.has('comments')) r.comments = p.get('comments');
    if (p.has('username') && NEEDS_USERNAME.includes(type)) r.username = p.get('username');
    if (tags) {
      r.tags = tags;
      r.ips = [];
    } else if (p.get('asset_type') === 'ips') r.tags = undefined;
    if (p.has('ips')) r.ips = splitIps(p.get('ips'));
    if (p.has('add_ips')) r.ips = [...r.ips, ...splitIps(p.get('add_ips')).filter((ip) => !r.ips.includes(ip))];
    if (p.has('remove_ips')) {
      const gone = parseIpRanges(p.get('remove_ips') ?? '') ?? [];
      const removeList = splitIps(p.get('remove_ips'));
      r.ips = r.ips.filter((ip) => !removeList.includes(ip) && !(ip.includes('-') ? false : inRanges(ipNum(ip), gone)));
    }
    applyFields(ctx, type, r);
    r.lastModified = ctx.now;
    batches.push({ text: 'Successfully Updated', ids: [r.id] });
  }
  return xml(batchReturn(ctx.base, ctx.now, batches));
}

function ipNum(ip: string): number {
  return parseIpRanges(ip)?.[0]?.lo ?? -1;
}

function remove(ctx: Ctx, type: AuthType): SimResponse {
  const found = targets(ctx, type);
  if (!Array.isArray(found)) return found;
  for (const r of found) ctx.state.auth.remove(r.id);
  return xml(batchReturn(ctx.base, ctx.now, [{ text: 'Successfully Deleted', ids: found.map((r) => r.id) }]));
}
