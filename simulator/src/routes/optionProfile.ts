// /api/2.0/fo/subscription/option_profile/ (export, import) and .../option_profile/pc/ (list, create, update, delete).
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { SUBSCRIPTION_ID } from '../data/catalog';
import type { StoredProfile } from '../data/optionProfiles';
import { foError } from '../errors';
import { BOOL, checkParams, type ParamSpec } from '../params';
import { simpleReturn } from '../xml/simpleReturn';
import { XML_DECL, doctype } from '../xml/writer';
import { xml, type Ctx, type Handler, type SimResponse } from './types';

const EXPORT_PARAMS: ParamSpec = {
  action: { required: true, values: ['export', 'import'] },
  echo_request: { values: BOOL },
  output_format: { values: ['XML', 'xml'] },
  option_profile_id: { type: 'int' },
  option_profile_title: {},
  option_profile_type: { values: ['user', 'compliance', 'pci'] },
  include_system_option_profiles: { values: BOOL },
  scan_disconnected_esxi: { values: BOOL },
};

function profilesXml(ctx: Ctx, list: StoredProfile[]): string {
  return XML_DECL + doctype('OPTION_PROFILES', ctx.base, '/api/2.0/fo/subscription/option_profile/option_profile_info.dtd') + `<OPTION_PROFILES>\n${list.map((p) => p.xml).join('')}</OPTION_PROFILES>\n`;
}

export const optionProfileRoute: Handler = (ctx) => {
  const action = ctx.params.get('action');
  if (action === undefined) return foError(ctx, 1903, 'Missing required parameter(s): action');
  const problem = checkParams(ctx.params, action === 'import' ? { action: EXPORT_PARAMS.action, echo_request: EXPORT_PARAMS.echo_request } : EXPORT_PARAMS);
  if (problem) return foError(ctx, problem.code, problem.text);
  return action === 'export' ? exportProfiles(ctx) : importProfiles(ctx);
};

function exportProfiles(ctx: Ctx): SimResponse {
  const p = ctx.params;
  let list = ctx.state.profiles.profiles;
  if (p.has('option_profile_id')) {
    list = list.filter((x) => x.id === Number(p.get('option_profile_id')));
    if (list.length === 0) return foError(ctx, 1905, `parameter option_profile_id has invalid value: ${p.get('option_profile_id') ?? ''} (No such option profile)`);
  }
  if (p.has('option_profile_title')) {
    list = list.filter((x) => x.title === p.get('option_profile_title'));
    if (list.length === 0) return foError(ctx, 1905, `parameter option_profile_title has invalid value: ${p.get('option_profile_title') ?? ''} (No such option profile)`);
  }
  if (p.has('option_profile_type')) list = list.filter((x) => x.type === p.get('option_profile_type'));
  return xml(profilesXml(ctx, list));
}

/** Import: the body must be a well-formed OPTION_PROFILES document whose profiles carry the parts Qualys needs.
 *  Well-formedness only (fast-xml-parser's validator); the full XSD check is the language server's job. */
function importProfiles(ctx: Ctx): SimResponse {
  if (ctx.method !== 'POST') return foError(ctx, 1908, 'Request method (GET or POST) is incompatible with specified parameter(s): action=import');
  const text = ctx.body.toString('utf8');
  if (text.trim() === '') return foError(ctx, 1903, 'Missing required parameter(s): POST data (the OPTION_PROFILES XML document)');
  const valid = XMLValidator.validate(text);
  const markup = badMarkupDeclaration(text);
  if (valid === true && markup) return foError(ctx, 1905, `parameter POST data has invalid value: XML is not well-formed (line ${markup.line}, column ${markup.col}: ${markup.msg})`);
  if (valid !== true) {
    return foError(ctx, 1905, `parameter POST data has invalid value: XML is not well-formed (line ${valid.err.line}, column ${valid.err.col}: ${valid.err.msg})`);
  }
  // Entities are never expanded and no DTD is read: the document is only inspected for its structure.
  const parsed = new XMLParser({ ignoreAttributes: true, processEntities: false, ignoreDeclaration: true, isArray: (name) => name === 'OPTION_PROFILE' }).parse(text) as Record<string, unknown>;
  const root = parsed.OPTION_PROFILES as { OPTION_PROFILE?: Record<string, unknown>[] } | undefined;
  if (!root || typeof root !== 'object') return foError(ctx, 1905, 'parameter POST data has invalid value: the root element must be OPTION_PROFILES');
  const profiles = root.OPTION_PROFILE ?? [];
  if (profiles.length === 0) return foError(ctx, 1905, 'parameter POST data has invalid value: OPTION_PROFILES contains no OPTION_PROFILE');
  const titles: string[] = [];
  for (const [k, prof] of profiles.entries()) {
    for (const part of ['BASIC_INFO', 'SCAN', 'ADDITIONAL']) {
      if (!(part in prof)) return foError(ctx, 1905, `parameter POST data has invalid value: OPTION_PROFILE ${k + 1} lacks required element ${part}`);
    }
    const basic = prof.BASIC_INFO as Record<string, unknown> | string;
    const title = typeof basic === 'object' && basic !== null ? basic.GROUP_NAME : undefined;
    if (title === undefined || String(title).trim() === '') return foError(ctx, 1905, `parameter POST data has invalid value: OPTION_PROFILE ${k + 1} lacks BASIC_INFO/GROUP_NAME`);
    const type = typeof basic === 'object' && basic !== null ? String(basic.GROUP_TYPE ?? '') : '';
    if (!['user', 'compliance', 'pci'].includes(type)) return foError(ctx, 1905, `parameter POST data has invalid value: OPTION_PROFILE ${k + 1} has GROUP_TYPE '${type}' (user, compliance or pci)`);
    titles.push(String(title).trim());
  }
  const chunks = text.match(/<OPTION_PROFILE[\s>][\s\S]*?<\/OPTION_PROFILE>/g) ?? [];
  const items = titles.map((title, k) => {
    const id = ctx.state.profiles.newId();
    const raw = (chunks[k] ?? '').replace(/(<BASIC_INFO>\s*<ID>)[^<]*(<\/ID>)/, `$1${id}$2`);
    const type = /<GROUP_TYPE>\s*(\w+)\s*<\/GROUP_TYPE>/.exec(raw)?.[1] as StoredProfile['type'];
    ctx.state.profiles.profiles.push({ id, title, type, xml: `  ${raw}\n` });
    return { key: String(id), values: [title] };
  });
  return xml(simpleReturn(ctx.base, ctx.now, { text: `Successfully imported Option profile for the subscription Id ${SUBSCRIPTION_ID}`, items }));
}

/** fast-xml-parser's validator lets `<!CDATA[` (the seed's malformed CDATA) through; XML allows `<!` only
 *  for comments, CDATA sections and the DOCTYPE, so anything else is reported here. */
function badMarkupDeclaration(text: string): { line: number; col: number; msg: string } | undefined {
  const re = /<!(?!--|\[CDATA\[|DOCTYPE)/g;
  const m = re.exec(text);
  if (!m) return undefined;
  const before = text.slice(0, m.index);
  const line = before.split('\n').length;
  const col = m.index - before.lastIndexOf('\n');
  return { line, col, msg: `'${text.slice(m.index, m.index + 9)}' is neither a comment, a CDATA section nor a DOCTYPE` };
}

const PC_PARAMS: ParamSpec = {
  action: { required: true, values: ['list', 'create', 'update', 'delete'] },
  echo_request: { values: BOOL },
  id: { type: 'int' },
  title: {},
  owner: {},
  global: { values: BOOL },
  scan_parallel_scaling: { values: BOOL },
  scan_overall_performance: { values: ['high', 'normal', 'low', 'custom'] },
  scan_ports: { values: ['standard', 'targeted'] },
  oracle_db_udc_restriction: { values: BOOL },
  oracle_db_udc_limit: { type: 'int' },
  enable_auth_instance_discovery: { values: BOOL },
  auto_auth_types: {},
  ibm_was_discovery_mode: {},
  oracle_template_id: { type: 'int' },
  oracle_template_name: {},
  enable_instance_data_collection: { values: BOOL },
  instance_data_collection_auth_types: {},
  os_based_instance_disc_technologies: {},
};

const INSTANCE_TYPES = ['MongoDB', 'Oracle', 'MySQL', 'MSSQL', 'MS SQL'];

export const optionProfilePcRoute: Handler = (ctx) => {
  const problem = checkParams(ctx.params, PC_PARAMS);
  if (problem) return foError(ctx, problem.code, problem.text);
  const p = ctx.params;
  const store = ctx.state.profiles;
  const action = p.get('action');
  if (action === 'list') {
    const list = store.profiles.filter((x) => x.type === 'compliance' && (!p.has('id') || x.id === Number(p.get('id'))));
    return xml(profilesXml(ctx, list));
  }
  if (ctx.method !== 'POST') return foError(ctx, 1908, `Request method (GET or POST) is incompatible with specified parameter(s): action=${action ?? ''}`);
  const types = p.get('instance_data_collection_auth_types');
  if (types !== undefined) {
    if (p.get('enable_instance_data_collection') !== '1') return foError(ctx, 1907, 'The following combination of key=value pairs is not supported: instance_data_collection_auth_types without enable_instance_data_collection=1');
    const bad = types.split(',').map((x) => x.trim()).find((x) => !INSTANCE_TYPES.includes(x));
    if (bad) return foError(ctx, 1905, `parameter instance_data_collection_auth_types has invalid value: ${bad} (MongoDB, Oracle, MySQL, MSSQL)`);
  }
  const tech = p.get('os_based_instance_disc_technologies');
  if (tech !== undefined && tech.split(',').some((x) => x.trim() !== 'Oracle JRE')) return foError(ctx, 1905, `parameter os_based_instance_disc_technologies has invalid value: ${tech} (Oracle JRE)`);
  if (action === 'create') {
    const title = p.get('title');
    if (!title) return foError(ctx, 1903, 'Missing required parameter(s): title');
    if (store.profiles.some((x) => x.title === title)) return foError(ctx, 1905, `parameter title has invalid value: ${title} (an option profile with this title already exists)`);
    const created = store.createCompliance(title);
    return xml(simpleReturn(ctx.base, ctx.now, { text: 'Compliance Option profile successfully added.', items: [{ key: 'ID', values: [String(created.id)] }] }));
  }
  if (!p.has('id')) return foError(ctx, 1903, 'Missing required parameter(s): id');
  const existing = store.byId(Number(p.get('id')));
  if (!existing || existing.type !== 'compliance') return foError(ctx, 1905, `parameter id has invalid value: ${p.get('id') ?? ''} (No such compliance option profile)`);
  if (action === 'delete') {
    store.profiles.splice(store.profiles.indexOf(existing), 1);
    return xml(simpleReturn(ctx.base, ctx.now, { text: 'Compliance Option profile successfully deleted.', items: [{ key: 'ID', values: [String(existing.id)] }] }));
  }
  const title = p.get('title');
  if (title) {
    existing.xml = existing.xml.replace(/<GROUP_NAME>[\s\S]*?<\/GROUP_NAME>/, `<GROUP_NAME><![CDATA[${title.replace(/]]>/g, ']]]]><![CDATA[>')}]]></GROUP_NAME>`);
    existing.title = title;
  }
  return xml(simpleReturn(ctx.base, ctx.now, { text: 'Compliance Option profile successfully updated.', items: [{ key: 'ID', values: [String(existing.id)] }] }));
};
