// /api/2.0/fo/report/ (list, launch, cancel, fetch, delete), /msp/report_template_list.php (the v1
// template list) and /api/2.0/fo/schedule/report/ (list, launch_now).
import type { Report } from '../data/reports';
import { foError } from '../errors';
import { BOOL, checkParams, type ParamSpec } from '../params';
import { simpleReturn } from '../xml/simpleReturn';
import { XML_DECL, doctype, el, elc, requestEcho } from '../xml/writer';
import { xml, type Ctx, type Handler, type SimResponse } from './types';

const LIST_PARAMS: ParamSpec = {
  action: { required: true, values: ['list'] },
  echo_request: { values: BOOL },
  id: { type: 'int' },
  state: {},
  user_login: {},
  expires_before_datetime: { type: 'date' },
  client_id: { type: 'int' },
  client_name: {},
};

const LAUNCH_PARAMS: ParamSpec = {
  ...Object.fromEntries(
    ['echo_request', 'report_title', 'hide_header', 'pdf_password', 'recipient_group', 'recipient_group_id', 'report_type', 'domain', 'ip_restriction', 'report_refs', 'ips', 'asset_group_ids', 'ips_network_id', 'assignee_type', 'policy_id', 'host_id', 'instance_string', 'use_tags', 'tag_include_selector', 'tag_exclude_selector', 'tag_set_by', 'tag_set_include', 'tag_set_exclude', 'client_id', 'client_name'].map((k) => [k, {}]),
  ),
  action: { required: true, values: ['launch'] },
  template_id: { required: true, type: 'int' },
  output_format: { required: true, values: ['pdf', 'html', 'mht', 'xml', 'csv', 'docx', 'online', 'xls'] },
};

const ID_PARAMS: ParamSpec = { action: { required: true }, echo_request: { values: BOOL }, id: { required: true, type: 'int' } };

export const reportRoute: Handler = (ctx) => {
  const action = ctx.params.get('action');
  if (action === undefined) return foError(ctx, 1903, 'Missing required parameter(s): action');
  if (action === 'list') return list(ctx);
  if (action === 'fetch') return fetchReport(ctx);
  if (action !== 'launch' && action !== 'cancel' && action !== 'delete') return foError(ctx, 1905, `parameter action has invalid value: ${action} (must be one of: list, launch, cancel, fetch, delete)`);
  if (ctx.method !== 'POST') return foError(ctx, 1908, `Request method (GET or POST) is incompatible with specified parameter(s): action=${action}`);
  return action === 'launch' ? launch(ctx) : change(ctx, action);
};

function list(ctx: Ctx): SimResponse {
  const problem = checkParams(ctx.params, LIST_PARAMS);
  if (problem) return foError(ctx, problem.code, problem.text);
  const p = ctx.params;
  const state = p.get('state')?.toLowerCase();
  const expires = p.get('expires_before_datetime');
  const reports = ctx.state.reports.list().filter(
    (r) => (!p.has('id') || r.id === Number(p.get('id'))) && (!state || r.state.toLowerCase() === state) && (!p.has('user_login') || r.userLogin === p.get('user_login')) && (!expires || r.expires < expires),
  );
  const echo = p.get('echo_request') === '1' ? requestEcho(ctx.now, ctx.user, `${ctx.base}/api/2.0/fo/report/`, p) : '';
  let s = XML_DECL + doctype('REPORT_LIST_OUTPUT', ctx.base, '/api/2.0/fo/report/report_list_output.dtd') + '<REPORT_LIST_OUTPUT>\n' + echo + `  <RESPONSE>\n    ${el('DATETIME', ctx.now)}\n`;
  if (reports.length > 0) s += `    <REPORT_LIST>\n${reports.map(reportXml).join('')}    </REPORT_LIST>\n`;
  return xml(s + '  </RESPONSE>\n</REPORT_LIST_OUTPUT>\n');
}

function reportXml(r: Report): string {
  const I = '      ';
  return (
    `${I}<REPORT>\n${I}  ${el('ID', r.id)}\n${I}  ${elc('TITLE', r.title)}\n${I}  ${el('TYPE', r.type)}\n${I}  ${el('USER_LOGIN', r.userLogin)}\n` +
    `${I}  ${el('LAUNCH_DATETIME', r.launched)}\n${I}  ${el('OUTPUT_FORMAT', r.outputFormat)}\n${I}  ${el('SIZE', r.size)}\n` +
    `${I}  <STATUS>\n${I}    ${el('STATE', r.state)}\n${r.state === 'Running' ? `${I}    ${el('PERCENT', 40)}\n` : ''}${I}  </STATUS>\n${I}  ${el('EXPIRATION_DATETIME', r.expires)}\n${I}</REPORT>\n`
  );
}

function launch(ctx: Ctx): SimResponse {
  const problem = checkParams(ctx.params, LAUNCH_PARAMS);
  if (problem) return foError(ctx, problem.code, problem.text);
  const p = ctx.params;
  const template = ctx.state.reports.template(Number(p.get('template_id')));
  if (!template) return foError(ctx, 1905, `parameter template_id has invalid value: ${p.get('template_id') ?? ''} (no such template)`);
  if (template.type === 'Manual' && !p.has('report_refs')) return foError(ctx, 1903, 'Missing required parameter(s): report_refs');
  const title = p.get('report_title');
  const report = ctx.state.reports.launch(template, { ...(title ? { title } : {}), outputFormat: p.get('output_format') ?? 'pdf', user: ctx.user, nowMs: Date.parse(ctx.now) });
  return xml(simpleReturn(ctx.base, ctx.now, { text: 'New report launched', items: [{ key: 'ID', values: [String(report.id)] }] }));
}

function change(ctx: Ctx, action: 'cancel' | 'delete'): SimResponse {
  const problem = checkParams(ctx.params, ID_PARAMS);
  if (problem) return foError(ctx, problem.code, problem.text);
  const id = Number(ctx.params.get('id'));
  const report = ctx.state.reports.find(id);
  if (!report) return foError(ctx, 1905, `parameter id has invalid value: ${id} (no such report)`);
  if (action === 'cancel') {
    if (report.state !== 'Running' && report.state !== 'Submitted') return foError(ctx, 1905, `Report ${id} is not running`);
    report.state = 'Canceled';
    return xml(simpleReturn(ctx.base, ctx.now, { text: 'Report cancelled successfully', items: [{ key: 'ID', values: [String(id)] }] }));
  }
  ctx.state.reports.remove(id);
  return xml(simpleReturn(ctx.base, ctx.now, { text: 'Report deleted successfully', items: [{ key: 'ID', values: [String(id)] }] }));
}

/** A finished report's content: CSV rows of the report's header, or a one-page PDF. */
function fetchReport(ctx: Ctx): SimResponse {
  const problem = checkParams(ctx.params, ID_PARAMS);
  if (problem) return foError(ctx, problem.code, problem.text);
  const id = Number(ctx.params.get('id'));
  const report = ctx.state.reports.find(id);
  if (!report) return foError(ctx, 1905, `parameter id has invalid value: ${id} (no such report)`);
  if (report.state !== 'Finished') return foError(ctx, 1905, `Report ${id} is not finished (state ${report.state})`);
  if (report.outputFormat === 'CSV') {
    return { status: 200, kind: 'text', body: `"Report Title","Type","Launched","User"\n"${report.title}","${report.type}","${report.launched}","${report.userLogin}"\n`, headers: { 'Content-Disposition': `attachment; filename="report_${id}.csv"` } };
  }
  if (report.outputFormat !== 'PDF') return foError(ctx, 1905, `Report ${id} is ${report.outputFormat}: the simulator writes PDF and CSV reports only`);
  const pdf = `%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n`;
  return { status: 200, kind: 'text', body: Buffer.from(pdf), headers: { 'Content-Type': 'application/pdf', 'Content-Disposition': `attachment; filename="report_${id}.pdf"` } };
}

/** /msp/report_template_list.php: every template, no parameters (API v1). */
export const reportTemplateListRoute: Handler = (ctx) => {
  let s = XML_DECL + doctype('REPORT_TEMPLATE_LIST', ctx.base, '/report_template_list.dtd') + '<REPORT_TEMPLATE_LIST>\n';
  for (const t of ctx.state.reports.templates) {
    s += `  <REPORT_TEMPLATE>\n    ${el('ID', t.id)}\n    ${el('TYPE', t.type)}\n    ${el('TEMPLATE_TYPE', t.templateType)}\n    ${elc('TITLE', t.title)}\n`;
    s += `    <USER>\n      ${el('LOGIN', t.user.login)}\n      ${elc('FIRSTNAME', t.user.first)}\n      ${elc('LASTNAME', t.user.last)}\n    </USER>\n`;
    s += `    ${el('LAST_UPDATE', t.lastUpdate)}\n    ${el('GLOBAL', t.global ? 1 : 0)}\n  </REPORT_TEMPLATE>\n`;
  }
  return xml(s + '</REPORT_TEMPLATE_LIST>\n');
};

const SCHEDULE_LIST_PARAMS: ParamSpec = { action: { required: true, values: ['list'] }, echo_request: { values: BOOL }, id: { type: 'int' }, is_active: {} };

/** /api/2.0/fo/schedule/report/ : list and launch_now. */
export const reportScheduleRoute: Handler = (ctx) => {
  const p = ctx.params;
  const action = p.get('action');
  const store = ctx.state.reports;
  if (action === 'launch_now') {
    if (ctx.method !== 'POST') return foError(ctx, 1908, 'Request method (GET or POST) is incompatible with specified parameter(s): action=launch_now');
    const problem = checkParams(p, ID_PARAMS);
    if (problem) return foError(ctx, problem.code, problem.text);
    const schedule = store.schedules.find((x) => x.id === Number(p.get('id')));
    const template = schedule && store.templates.find((t) => t.title === schedule.templateTitle);
    if (!schedule || !template) return foError(ctx, 1905, `parameter id has invalid value: ${p.get('id') ?? ''} (no such schedule)`);
    const report = store.launch(template, { title: schedule.title, outputFormat: schedule.outputFormat, user: ctx.user, nowMs: Date.parse(ctx.now) });
    return xml(simpleReturn(ctx.base, ctx.now, { text: 'Report launched successfully', items: [{ key: 'ID', values: [String(report.id)] }] }));
  }
  const problem = checkParams(p, SCHEDULE_LIST_PARAMS);
  if (problem) return foError(ctx, problem.code, problem.text);
  const active = p.get('is_active');
  const schedules = store.schedules.filter((x) => (!p.has('id') || x.id === Number(p.get('id'))) && (active === undefined || x.active === (active === '1' || active.toLowerCase() === 'true')));
  let s = XML_DECL + doctype('SCHEDULE_REPORT_LIST_OUTPUT', ctx.base, '/api/2.0/fo/schedule/report/schedule_report_list_output.dtd') + `<SCHEDULE_REPORT_LIST_OUTPUT>\n  <RESPONSE>\n    ${el('DATETIME', ctx.now)}\n`;
  if (schedules.length > 0) {
    s += '    <SCHEDULE_REPORT_LIST>\n';
    for (const x of schedules) {
      s += `      <REPORT>\n        ${el('ID', x.id)}\n        ${elc('TITLE', x.title)}\n        ${el('OUTPUT_FORMAT', x.outputFormat)}\n        ${elc('TEMPLATE_TITLE', x.templateTitle)}\n        ${el('ACTIVE', x.active ? 1 : 0)}\n`;
      s += `        <SCHEDULE>\n          <WEEKLY frequency_weeks="1" weekdays="1" />\n          ${el('START_DATE_UTC', x.startDate)}\n          ${el('START_HOUR', x.startHour)}\n          ${el('START_MINUTE', x.startMinute)}\n`;
      s += `          <TIME_ZONE>\n            ${el('TIME_ZONE_CODE', 'US-CA')}\n            ${elc('TIME_ZONE_DETAILS', '(GMT-8:00) United States (California): Los Angeles, Sacramento, San Diego, San Francisco')}\n          </TIME_ZONE>\n          ${el('DST_SELECTED', 1)}\n        </SCHEDULE>\n      </REPORT>\n`;
    }
    s += '    </SCHEDULE_REPORT_LIST>\n';
  }
  return xml(s + '  </RESPONSE>\n</SCHEDULE_REPORT_LIST_OUTPUT>\n');
};
