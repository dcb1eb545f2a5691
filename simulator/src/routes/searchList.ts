// /api/2.0/fo/qid/search_list/static/ and /dynamic/ : list (STATIC_SEARCH_LIST_OUTPUT,
// DYNAMIC_SEARCH_LIST_OUTPUT), create, update and delete (SIMPLE_RETURN with the list's ID).
import { listDate, type DynamicCriteria, type SearchList } from '../data/searchLists';
import { foError } from '../errors';
import { BOOL, checkParams, inRanges, parseIdRanges, type ParamSpec } from '../params';
import { simpleReturn } from '../xml/simpleReturn';
import { XML_DECL, doctype, el, elc, requestEcho } from '../xml/writer';
import { xml, type Ctx, type Handler, type SimResponse } from './types';

type Kind = SearchList['kind'];

const SHOW = ['show_qids', 'show_option_profiles', 'show_distribution_groups', 'show_report_templates', 'show_remediation_policies'];
const LIST_PARAMS: Record<Kind, ParamSpec> = {
  static: { action: { required: true, values: ['list'] }, echo_request: { values: BOOL }, ids: { type: 'ids' } },
  dynamic: { action: { required: true, values: ['list'] }, echo_request: { values: BOOL }, ids: { type: 'ids' }, ...Object.fromEntries(SHOW.map((k) => [k, { values: BOOL }])) },
};

/** Dynamic criteria the simulator evaluates, and the CRITERIA element each one is listed under. */
const CRITERIA = {
  vuln_title: 'VULNERABILITY_TITLE',
  confirmed_severities: 'CONFIRMED_SEVERITY',
  potential_severities: 'POTENTIAL_SEVERITY',
  ig_severities: 'INFORMATION_SEVERITY',
  categories: 'CATEGORY',
  patch_available: 'PATCH_AVAILABLE',
  cve_ids: 'CVE_ID',
} as const;

const OTHER_CRITERIA = ['not_vuln_title', 'discovery_methods', 'auth_types', 'user_configuration', 'not_categories', 'products', 'not_products', 'virtual_patch_available', 'not_cve_ids', 'exploitability', 'malware_associated', 'vendor_refs', 'not_vendor_refs', 'bugtraq_id', 'not_bugtraq_id', 'vuln_details', 'compliance_details', 'supported_modules', 'compliance_types', 'qualys_top_lists', 'cpe', 'qids_not_exploitable', 'non_running_services', 'sans_20', 'nac_nam', 'cvss_base', 'cvss_base_operand', 'cvss_temp', 'cvss_temp_operand', 'cvss_access_vector', 'cvss3_base', 'cvss3_base_operand', 'cvss3_temp', 'cvss3_temp_operand', ...['user_modified', 'service_modified', 'published'].flatMap((k) => [`${k}_date_between`, `${k}_date_today`, `${k}_date_in_previous`, `${k}_date_within_last_days`, `not_${k}`])];

const SETTINGS: Record<Kind, ParamSpec> = {
  static: { title: {}, global: { values: BOOL }, comments: {}, qids: { type: 'ids' }, add_qids: { type: 'ids' }, remove_qids: { type: 'ids' } },
  dynamic: { title: {}, global: { values: BOOL }, comments: {}, ...Object.fromEntries([...Object.keys(CRITERIA), ...OTHER_CRITERIA].map((k) => [k, {}])) },
};

function dtdOf(kind: Kind): { root: string; path: string } {
  return kind === 'static'
    ? { root: 'STATIC_SEARCH_LIST_OUTPUT', path: '/api/2.0/fo/qid/search_list/static/static_list_output.dtd' }
    : { root: 'DYNAMIC_SEARCH_LIST_OUTPUT', path: '/api/2.0/fo/qid/search_list/dynamic/dynamic_list_output.dtd' };
}

export function searchListRoute(kind: Kind): Handler {
  return (ctx) => {
    const action = ctx.params.get('action');
    if (action === undefined) return foError(ctx, 1903, 'Missing required parameter(s): action');
    if (action === 'list') return list(ctx, kind);
    if (action !== 'create' && action !== 'update' && action !== 'delete') return foError(ctx, 1905, `parameter action has invalid value: ${action} (must be one of: list, create, update, delete)`);
    if (ctx.method !== 'POST') return foError(ctx, 1908, `Request method (GET or POST) is incompatible with specified parameter(s): action=${action}`);
    return change(ctx, kind, action);
  };
}

function list(ctx: Ctx, kind: Kind): SimResponse {
  const p = ctx.params;
  const problem = checkParams(p, LIST_PARAMS[kind]);
  if (problem) return foError(ctx, problem.code, problem.text);
  const ids = p.has('ids') ? parseIdRanges(p.get('ids') ?? '') ?? [] : undefined;
  const store = ctx.state.searchLists;
  const lists = store.all(kind).filter((l) => !ids || inRanges(l.id, ids));
  const { root, path } = dtdOf(kind);
  const tag = kind === 'static' ? 'STATIC_LIST' : 'DYNAMIC_LIST';
  const echo = p.get('echo_request') === '1' ? requestEcho(ctx.now, ctx.user, `${ctx.base}${ctx.path}/`, p) : '';
  let s = XML_DECL + doctype(root, ctx.base, path) + `<${root}>\n` + echo + `  <RESPONSE>\n    ${el('DATETIME', ctx.now)}\n`;
  if (lists.length > 0) s += `    <${tag}S>\n`;
  for (const l of lists) {
    s += `      <${tag}>\n        ${el('ID', l.id)}\n        ${elc('TITLE', l.title)}\n        ${el('GLOBAL', l.global ? 'Yes' : 'No')}\n        ${el('OWNER', l.owner)}\n`;
    s += `        ${elc('CREATED', l.created)}\n        ${el('MODIFIED_BY', l.modifiedBy)}\n        ${elc('MODIFIED', l.modified)}\n`;
    const qids = store.qidsOf(l);
    if (p.get('show_qids') !== '0' && qids.length > 0) s += `        <QIDS>\n${qids.map((q) => `          ${el('QID', q)}\n`).join('')}        </QIDS>\n`;
    if (l.kind === 'dynamic') s += criteriaXml(l.criteria);
    if (l.comments) s += `        ${elc('COMMENTS', l.comments)}\n`;
    s += `      </${tag}>\n`;
  }
  if (lists.length > 0) s += `    </${tag}S>\n`;
  return xml(s + `  </RESPONSE>\n</${root}>\n`);
}

function criteriaXml(c: DynamicCriteria): string {
  const rows: Array<[string, string]> = [];
  if (c.vulnTitle) rows.push([CRITERIA.vuln_title, c.vulnTitle]);
  if (c.categories) rows.push([CRITERIA.categories, c.categories.join(', ')]);
  if (c.confirmedSeverities) rows.push([CRITERIA.confirmed_severities, c.confirmedSeverities.join(', ')]);
  if (c.potentialSeverities) rows.push([CRITERIA.potential_severities, c.potentialSeverities.join(', ')]);
  if (c.igSeverities) rows.push([CRITERIA.ig_severities, c.igSeverities.join(', ')]);
  if (c.patchAvailable !== undefined) rows.push([CRITERIA.patch_available, c.patchAvailable ? 'Yes' : 'No']);
  if (c.cveIds) rows.push([CRITERIA.cve_ids, c.cveIds.join(', ')]);
  return `        <CRITERIA>\n${rows.map(([tag, value]) => `          ${elc(tag, value)}\n`).join('')}        </CRITERIA>\n`;
}

function numbers(value: string | undefined): number[] | undefined {
  if (value === undefined) return undefined;
  return (parseIdRanges(value) ?? []).flatMap((r) => Array.from({ length: Math.min(r.hi - r.lo + 1, 10_000) }, (_, k) => r.lo + k));
}

function criteriaOf(p: Map<string, string>): DynamicCriteria {
  const list = (k: string) => (p.has(k) ? (p.get(k) ?? '').split(',').map((x) => x.trim()).filter(Boolean) : undefined);
  const c: DynamicCriteria = {};
  if (p.has('vuln_title')) c.vulnTitle = p.get('vuln_title');
  const confirmed = numbers(p.get('confirmed_severities'));
  if (confirmed) c.confirmedSeverities = confirmed;
  const potential = numbers(p.get('potential_severities'));
  if (potential) c.potentialSeverities = potential;
  const ig = numbers(p.get('ig_severities'));
  if (ig) c.igSeverities = ig;
  if (p.has('patch_available')) c.patchAvailable = p.get('patch_available') === '1';
  const categories = list('categories');
  if (categories) c.categories = categories;
  const cves = list('cve_ids');
  if (cves) c.cveIds = cves;
  return c;
}

function change(ctx: Ctx, kind: Kind, action: 'create' | 'update' | 'delete'): SimResponse {
  const p = ctx.params;
  const base: ParamSpec = { action: { required: true }, echo_request: { values: BOOL }, ...(action === 'create' ? {} : { id: { required: true, type: 'int' } }) };
  const problem = checkParams(p, action === 'delete' ? base : { ...base, ...SETTINGS[kind] });
  if (problem) return foError(ctx, problem.code, problem.text);
  const store = ctx.state.searchLists;
  const label = kind === 'static' ? 'Static' : 'Dynamic';
  if (action === 'create') {
    const title = p.get('title');
    if (!title) return foError(ctx, 1903, 'Missing required parameter(s): title');
    const stamp = listDate(Date.parse(ctx.now));
    const common = { title, global: p.get('global') === '1', owner: ctx.user, created: stamp, modified: stamp, modifiedBy: ctx.user, ...(p.has('comments') ? { comments: p.get('comments') } : {}) };
    let created: SearchList;
    if (kind === 'static') {
      const qids = numbers(p.get('qids'));
      if (!qids) return foError(ctx, 1903, 'Missing required parameter(s): qids');
      created = store.create({ ...common, kind: 'static', qids });
    } else {
      created = store.create({ ...common, kind: 'dynamic', criteria: criteriaOf(p) });
    }
    return xml(simpleReturn(ctx.base, ctx.now, { text: `${label} search list created successfully`, items: [{ key: 'ID', values: [String(created.id)] }] }));
  }
  const id = Number(p.get('id'));
  const list = store.get(id);
  if (!list || list.kind !== kind) return foError(ctx, 1905, `parameter id has invalid value: ${id} (no such ${kind} search list)`);
  if (action === 'delete') {
    store.delete(id);
    return xml(simpleReturn(ctx.base, ctx.now, { text: `${label} search list deleted successfully`, items: [{ key: 'ID', values: [String(id)] }] }));
  }
  const stamp = listDate(Date.parse(ctx.now));
  const common = { modified: stamp, modifiedBy: ctx.user, ...(p.has('title') ? { title: p.get('title') } : {}), ...(p.has('global') ? { global: p.get('global') === '1' } : {}), ...(p.has('comments') ? { comments: p.get('comments') } : {}) };
  if (list.kind === 'static') {
    let qids = numbers(p.get('qids')) ?? list.qids;
    const add = numbers(p.get('add_qids')) ?? [];
    const remove = new Set(numbers(p.get('remove_qids')) ?? []);
    qids = [...new Set([...qids, ...add])].filter((q) => !remove.has(q)).sort((a, b) => a - b);
    store.update(id, { ...common, qids });
  } else {
    const criteria = criteriaOf(p);
    store.update(id, { ...common, ...(Object.keys(criteria).length > 0 ? { criteria: { ...list.criteria, ...criteria } } : {}) });
  }
  return xml(simpleReturn(ctx.base, ctx.now, { text: `${label} search list updated successfully`, items: [{ key: 'ID', values: [String(id)] }] }));
}
