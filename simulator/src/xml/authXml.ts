// AUTH_<TYPE>_LIST_OUTPUT writers. Windows, Unix, Oracle and Apache follow the DTD fragments in the seeds
// (000: tags, IS_CDB; 001: IS_SYSTEM_CREATED/IS_ACTIVE); the other types are constructed in the same style.
import type { AuthRecord, AuthType } from '../data/authRecords';
import { USERS } from '../data/catalog';
import { XML_DECL, cdata, doctype, el, elc } from './writer';

const I = '      ';

/** DTD paths: the 2021 renamed ones for windows/unix (seed 000), the auth_<type>_list_output.dtd style otherwise. */
export function authDtdPath(type: AuthType): string {
  return type === 'windows' || type === 'unix' ? `/api/2.0/fo/auth/${type}/dtd/auth_list_output.dtd` : `/api/2.0/fo/auth/${type}/auth_${type}_list_output.dtd`;
}

function ipSet(r: AuthRecord): string {
  if (r.ips.length === 0) return '';
  return `${I}  <IP_SET>\n${r.ips.map((ip) => `${I}    ${el(ip.includes('-') ? 'IP_RANGE' : 'IP', ip)}\n`).join('')}${I}  </IP_SET>\n`;
}

function tags(r: AuthRecord): string {
  if (!r.tags) return '';
  const sel = (name: string, s: { selector: string; tags: { id: number; name: string }[] }) =>
    `${I}    <${name}>\n${I}      ${el('SELECTOR', s.selector)}\n${s.tags.map((t) => `${I}      <TAG>\n${I}        ${el('ID', t.id)}\n${I}        ${el('NAME', t.name)}\n${I}      </TAG>\n`).join('')}${I}    </${name}>\n`;
  return `${I}  <TAGS>\n${I}    ${el('TAG_TYPE', r.tags.tagType)}\n${sel('TAGS_INCLUDE', r.tags.include)}${r.tags.exclude ? sel('TAGS_EXCLUDE', r.tags.exclude) : ''}${I}  </TAGS>\n`;
}

function f(r: AuthRecord, name: string, cdataValue = false): string {
  const v = r.fields[name];
  if (v === undefined) return '';
  return `${I}  ${cdataValue ? elc(name, v) : el(name, v)}\n`;
}

function stamps(r: AuthRecord): string {
  return `${I}  <CREATED>\n${I}    ${el('DATETIME', r.created.datetime)}\n${I}    ${el('BY', r.created.by)}\n${I}  </CREATED>\n${I}  <LAST_MODIFIED>\n${I}    ${el('DATETIME', r.lastModified)}\n${I}  </LAST_MODIFIED>\n`;
}

const comments = (r: AuthRecord) => (r.comments !== undefined ? `${I}  ${elc('COMMENTS', r.comments)}\n` : '');
const head = (r: AuthRecord, withUser = true) => `${I}  ${el('ID', r.id)}\n${I}  ${elc('TITLE', r.title)}\n${withUser && r.username !== undefined ? `${I}  ${elc('USERNAME', r.username)}\n` : ''}`;
const net = (r: AuthRecord) => `${I}  ${el('NETWORK_ID', r.networkId)}\n`;

export function authRecordXml(r: AuthRecord): string {
  const tag = `AUTH_${r.type.toUpperCase()}`;
  let s = `${I}<${tag}>\n`;
  switch (r.type) {
    case 'windows':
      s += head(r) + f(r, 'NTLM') + f(r, 'NTLM_V2') + f(r, 'KERBEROS') + f(r, 'WINDOWS_DOMAIN', true) + f(r, 'WINDOWS_AD_DOMAIN', true) + ipSet(r) + tags(r) + f(r, 'LOGIN_TYPE') + net(r) + stamps(r) + comments(r) + f(r, 'USE_AGENTLESS_TRACKING');
      break;
    case 'unix':
      s += head(r) + f(r, 'SKIP_PASSWORD') + f(r, 'CLEARTEXT_PASSWORD') + f(r, 'TARGET_TYPE', true) + f(r, 'PORT') + ipSet(r) + tags(r) + f(r, 'LOGIN_TYPE') + net(r) + stamps(r) + comments(r) + f(r, 'USE_AGENTLESS_TRACKING');
      break;
    case 'oracle':
      s += head(r) + f(r, 'SID', true) + f(r, 'SERVICENAME', true) + f(r, 'PORT') + ipSet(r) + f(r, 'IS_CDB') + f(r, 'WINDOWS_OS_CHECKS') + f(r, 'UNIX_OPATCH_CHECKS') + f(r, 'UNIX_OS_CHECKS') + net(r) + stamps(r) + f(r, 'IS_SYSTEM_CREATED') + f(r, 'IS_ACTIVE') + f(r, 'IS_TEMPLATE') + comments(r);
      break;
    case 'apache':
      s += head(r, false) + ipSet(r) + f(r, 'UNIX_CONFIGURATION_FILE', true) + f(r, 'UNIX_CONTROL_COMMAND', true) + net(r) + stamps(r) + f(r, 'IS_SYSTEM_CREATED') + f(r, 'IS_ACTIVE') + comments(r);
      break;
    case 'ms_iis':
    case 'ibm_websphere':
    case 'tomcat':
      s += head(r, false) + ipSet(r) + f(r, 'UNIX_INSTALLATION_DIRECTORY', true) + f(r, 'UNIX_INSTANCE_DIRECTORY', true) + net(r) + stamps(r) + f(r, 'IS_SYSTEM_CREATED') + f(r, 'IS_ACTIVE') + comments(r);
      break;
    default:
      s += head(r) + f(r, 'PORT') + f(r, 'DATABASE', true) + ipSet(r) + net(r) + stamps(r) + comments(r);
  }
  return s + `${I}</${tag}>\n`;
}

/** `nextUrl` set when the list was cut at the 1000-record limit: a WARNING_LIST points at the next batch. */
export function authListXml(base: string, datetime: string, type: AuthType, records: AuthRecord[], details: string, echo: string, nextUrl?: string): string {
  const root = `AUTH_${type.toUpperCase()}_LIST_OUTPUT`;
  let body = '';
  if (records.length > 0) {
    if (details === 'None') body = `    <ID_SET>\n${records.map((r) => `      ${el('ID', r.id)}\n`).join('')}    </ID_SET>\n`;
    else body = `    <AUTH_${type.toUpperCase()}_LIST>\n${records.map(authRecordXml).join('')}    </AUTH_${type.toUpperCase()}_LIST>\n`;
  }
  if (nextUrl) {
    body += `    <WARNING_LIST>\n      <WARNING>\n        <CODE>1980</CODE>\n        <TEXT>${records.length} record limit exceeded. Use URL to get next batch of results.</TEXT>\n        <URL>${cdata(nextUrl)}</URL>\n      </WARNING>\n    </WARNING_LIST>\n`;
  }
  if (details === 'All' && records.length > 0) {
    const logins = new Set(records.map((r) => r.created.by));
    const users = USERS.filter((u) => logins.has(u.login));
    if (users.length > 0) {
      body += `    <GLOSSARY>\n      <USER_LIST>\n${users.map((u) => `        <USER>\n          ${el('USER_LOGIN', u.login)}\n          ${el('FIRST_NAME', u.first)}\n          ${el('LAST_NAME', u.last)}\n        </USER>\n`).join('')}      </USER_LIST>\n    </GLOSSARY>\n`;
    }
  }
  return XML_DECL + doctype(root, base, authDtdPath(type)) + `<${root}>\n${echo}  <RESPONSE>\n    ${el('DATETIME', datetime)}\n${body}  </RESPONSE>\n</${root}>\n`;
}

/** AUTH_LIST_OUTPUT of /api/2.0/fo/auth/?action=list: the record ids of every type. */
export function authTypesXml(base: string, datetime: string, byType: Map<AuthType, number[]>): string {
  let s = XML_DECL + doctype('AUTH_LIST_OUTPUT', base, '/api/2.0/fo/auth/auth_list_output.dtd') + `<AUTH_LIST_OUTPUT>\n  <RESPONSE>\n    ${el('DATETIME', datetime)}\n`;
  const entries = [...byType].filter(([, ids]) => ids.length > 0);
  if (entries.length > 0) {
    s += '    <AUTH_RECORDS>\n';
    for (const [type, ids] of entries) {
      const tag = `AUTH_${type.toUpperCase()}_RECORDS`;
      s += `      <${tag}>\n        <ID_SET>\n${ids.map((id) => `          ${el('ID', id)}\n`).join('')}        </ID_SET>\n      </${tag}>\n`;
    }
    s += '    </AUTH_RECORDS>\n';
  }
  return s + '  </RESPONSE>\n</AUTH_LIST_OUTPUT>\n';
}
