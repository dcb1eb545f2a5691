// /api/{2,3,4}.0/fo/knowledge_base/vuln/ : list (VULN_LIST or ID_SET), edit and reset (POST,
// SIMPLE_RETURN), custom (the customised QIDs). Every QID a generated detection carries is listed.
import { foError } from '../errors';
import { BOOL, checkParams, inRanges, parseIdRanges, type ParamSpec } from '../params';
import { vulnXml } from '../xml/kbXml';
import { simpleReturn } from '../xml/simpleReturn';
import { XML_DECL, doctype, el, requestEcho } from '../xml/writer';
import { xml, type Ctx, type Handler, type SimResponse } from './types';
import type { Vuln } from '../data/vulns';

const DATE = { type: 'date' } as const;

const LIST_PARAMS: ParamSpec = {
  action: { required: true, values: ['list'] },
  echo_request: { values: BOOL },
  details: { values: ['Basic', 'All', 'None'] },
  ids: { type: 'ids' },
  id_min: { type: 'int' },
  id_max: { type: 'int' },
  is_patchable: { values: BOOL },
  last_modified_after: DATE,
  last_modified_before: DATE,
  last_modified_by_user_after: DATE,
  last_modified_by_user_before: DATE,
  last_modified_by_service_after: DATE,
  last_modified_by_service_before: DATE,
  published_after: DATE,
  published_before: DATE,
  code_modified_after: DATE,
  code_modified_before: DATE,
  discovery_method: {},
  discovery_auth_types: {},
  show_pci_reasons: { values: BOOL },
  show_supported_modules_info: { values: BOOL },
  show_disabled_flag: { values: BOOL },
  show_qid_change_log: { values: BOOL },
};

const EDIT_PARAMS: ParamSpec = {
  action: { required: true, values: ['edit'] },
  echo_request: { values: BOOL },
  qid: { required: true, type: 'int' },
  severity: { values: ['1', '2', '3', '4', '5'] },
  disable: { values: BOOL },
  threat_comment: {},
  impact_comment: {},
  solution_comment: {},
};

const RESET_PARAMS: ParamSpec = { action: { required: true, values: ['reset'] }, echo_request: { values: BOOL }, qid: { required: true, type: 'int' } };
const CUSTOM_PARAMS: ParamSpec = { action: { required: true, values: ['custom'] }, echo_request: { values: BOOL } };

const DTD = '/api/2.0/fo/knowledge_base/vuln/knowledge_base_vuln_list_output.dtd';

export const knowledgeBaseRoute: Handler = (ctx) => {
  const action = ctx.params.get('action');
  if (action === undefined) return foError(ctx, 1903, 'Missing required parameter(s): action');
  if (action === 'list') return list(ctx, false);
  if (action === 'custom') {
    const problem = checkParams(ctx.params, CUSTOM_PARAMS);
    return problem ? foError(ctx, problem.code, problem.text) : list(ctx, true);
  }
  if (action === 'edit' || action === 'reset') {
    if (ctx.method !== 'POST') return foError(ctx, 1908, `Request method (GET or POST) is incompatible with specified parameter(s): action=${action}`);
    return change(ctx, action);
  }
  return foError(ctx, 1905, `parameter action has invalid value: ${action} (must be one of: list, edit, reset, custom)`);
};

function list(ctx: Ctx, customOnly: boolean): SimResponse {
  const p = ctx.params;
  if (ctx.state.faults.knowledgeBaseDenied) {
    // A user without KnowledgeBase permission (an Auditor: docs.qualys.com, Jira connector prerequisites).
    // Qualys' exact answer is not public; the simulator refuses with HTTP 403 and a SIMPLE_RETURN without a CODE.
    return { status: 403, kind: 'xml', body: simpleReturn(ctx.base, ctx.now, { text: 'Access denied: this user has no permission to download vulnerability data from the KnowledgeBase.' }) };
  }
  if (!customOnly) {
    const problem = checkParams(p, LIST_PARAMS);
    if (problem) return foError(ctx, problem.code, problem.text);
  }
  const store = ctx.state.vulns;
  const ids = p.has('ids') ? parseIdRanges(p.get('ids') ?? '') ?? [] : undefined;
  const min = p.has('id_min') ? Number(p.get('id_min')) : undefined;
  const max = p.has('id_max') ? Number(p.get('id_max')) : undefined;
  const patchable = p.get('is_patchable');
  const since = (name: string) => p.get(name);
  // last_modified_* count both kinds of change: Qualys' (the service) and the subscription's own edits.
  const userModified = (v: Vuln): string | undefined => store.customizations.get(v.qid)?.datetime;
  const modified = (v: Vuln): string => {
    const user = userModified(v);
    return user !== undefined && user > v.modified ? user : v.modified;
  };
  const after = (value: string | undefined, bound: string | undefined) => !bound || (value !== undefined && value > bound);
  const before = (value: string | undefined, bound: string | undefined) => !bound || (value !== undefined && value < bound);
  const matches = (v: Vuln): boolean =>
    (!customOnly || store.customizations.has(v.qid)) &&
    (!ids || inRanges(v.qid, ids)) &&
    (min === undefined || v.qid >= min) &&
    (max === undefined || v.qid <= max) &&
    (patchable === undefined || v.patchable === (patchable === '1')) &&
    after(modified(v), since('last_modified_after')) &&
    before(modified(v), since('last_modified_before')) &&
    after(v.modified, since('last_modified_by_service_after')) &&
    before(v.modified, since('last_modified_by_service_before')) &&
    after(userModified(v), since('last_modified_by_user_after')) &&
    before(userModified(v), since('last_modified_by_user_before')) &&
    (!since('published_after') || v.published > since('published_after')!) &&
    (!since('published_before') || v.published < since('published_before')!);
  const details = (p.get('details') ?? 'Basic') as 'Basic' | 'All' | 'None';
  const echo = p.get('echo_request') === '1' ? requestEcho(ctx.now, ctx.user, `${ctx.base}${ctx.path}/`, p) : '';
  const flags = { pciReasons: p.get('show_pci_reasons') === '1', disabledFlag: p.get('show_disabled_flag') === '1', modules: p.get('show_supported_modules_info') === '1', changeLog: p.get('show_qid_change_log') === '1' };
  const found = store.vulns.filter(matches);
  let s = XML_DECL + doctype('KNOWLEDGE_BASE_VULN_LIST_OUTPUT', ctx.base, DTD) + '<KNOWLEDGE_BASE_VULN_LIST_OUTPUT>\n' + echo + `  <RESPONSE>\n    ${el('DATETIME', ctx.now)}\n`;
  if (found.length > 0 && details === 'None') s += `    <ID_SET>\n${found.map((v) => `      ${el('ID', v.qid)}\n`).join('')}    </ID_SET>\n`;
  else if (found.length > 0) s += `    <VULN_LIST>\n${found.map((v) => vulnXml(v, details === 'All' ? 'All' : 'Basic', store.customizations.get(v.qid), flags)).join('')}    </VULN_LIST>\n`;
  return xml(s + '  </RESPONSE>\n</KNOWLEDGE_BASE_VULN_LIST_OUTPUT>\n');
}

function change(ctx: Ctx, action: 'edit' | 'reset'): SimResponse {
  const problem = checkParams(ctx.params, action === 'edit' ? EDIT_PARAMS : RESET_PARAMS);
  if (problem) return foError(ctx, problem.code, problem.text);
  const p = ctx.params;
  const qid = Number(p.get('qid'));
  const store = ctx.state.vulns;
  if (!store.get(qid)) return foError(ctx, 1905, `parameter qid has invalid value: ${qid} (no such QID)`);
  if (action === 'reset') {
    store.customizations.delete(qid);
    return xml(simpleReturn(ctx.base, ctx.now, { text: `Vulnerability ${qid} reset successfully` }));
  }
  const previous = store.customizations.get(qid);
  const severity = p.get('severity');
  store.customizations.set(qid, {
    ...(severity !== undefined ? { severity: Number(severity) } : previous?.severity !== undefined ? { severity: previous.severity } : {}),
    ...(p.has('disable') ? { disabled: p.get('disable') === '1' } : previous?.disabled !== undefined ? { disabled: previous.disabled } : {}),
    comments: { ...previous?.comments, ...(p.has('threat_comment') ? { threat: p.get('threat_comment') } : {}), ...(p.has('impact_comment') ? { impact: p.get('impact_comment') } : {}), ...(p.has('solution_comment') ? { solution: p.get('solution_comment') } : {}) },
    datetime: ctx.now,
    user: ctx.user,
  });
  return xml(simpleReturn(ctx.base, ctx.now, { text: `Vulnerability ${qid} edited successfully` }));
}
