// POLICY_LIST_OUTPUT (seed 000 DTD, "Exclude Asset Tags") and POSTURE_INFO_LIST_OUTPUT (seed 000 fragments
// for GLOSSARY/HOST/CONTROL with REFERENCE and DNS_DATA; the INFO record itself is reconstructed, see docs/simulator.md).
import { TAGS, USERS } from '../data/catalog';
import type { Host } from '../data/hosts';
import type { Control, Policy, PolicyStore, Posture } from '../data/policies';
import { evidenceText } from '../data/evidence';
import { OPERATING_SYSTEMS } from '../data/catalog';
import { XML_DECL, cdata, doctype, el, elc } from './writer';

const I = '      ';

function controlInPolicy(p: Policy, c: Control, withTech: boolean): string {
  let s = `${I}    <CONTROL>\n${I}      ${el('ID', c.id)}\n${I}      ${elc('STATEMENT', c.statement)}\n`;
  s += `${I}      <CRITICALITY>\n${I}        ${elc('LABEL', c.criticality.label)}\n${I}        ${el('VALUE', c.criticality.value)}\n${I}      </CRITICALITY>\n`;
  if (c.deprecated) s += `${I}      ${el('DEPRECATED', 1)}\n`;
  if (withTech) {
    const techs = OPERATING_SYSTEMS.filter((o) => o.family === c.family).map((o) => o.technology);
    s += `${I}      <TECHNOLOGY_LIST>\n${techs.map((t) => `${I}        <TECHNOLOGY>\n${I}          ${el('ID', t.id)}\n${I}          ${elc('NAME', t.name)}\n${I}          ${elc('RATIONALE', c.rationale)}\n${I}          ${el('CUSTOMIZED', p.kind === 'Custom' ? 1 : 0)}\n${I}        </TECHNOLOGY>\n`).join('')}${I}      </TECHNOLOGY_LIST>\n`;
  }
  return s + `${I}    </CONTROL>\n`;
}

export function policyXml(p: Policy, details: string): string {
  let s = `${I}<POLICY>\n${I}  ${el('ID', p.id)}\n${I}  ${elc('TITLE', p.title)}\n`;
  s += `${I}  <CREATED>\n${I}    ${el('DATETIME', p.created.datetime)}\n${I}    ${el('BY', p.created.by)}\n${I}  </CREATED>\n`;
  s += `${I}  <LAST_MODIFIED>\n${I}    ${el('DATETIME', p.lastModified.datetime)}\n${I}    ${el('BY', p.lastModified.by)}\n${I}  </LAST_MODIFIED>\n`;
  s += `${I}  <LAST_EVALUATED>\n${I}    ${el('DATETIME', p.lastEvaluated)}\n${I}  </LAST_EVALUATED>\n`;
  s += `${I}  ${elc('STATUS', p.status)}\n${I}  ${el('IS_LOCKED', p.locked ? 1 : 0)}\n${I}  ${elc('EVALUATE_NOW', 'yes')}\n`;
  if (p.tagInclude.length > 0) {
    s += `${I}  <TAG_SET_INCLUDE>\n${p.tagInclude.map((t) => `${I}    ${el('TAG_ID', t)}\n`).join('')}${I}  </TAG_SET_INCLUDE>\n${I}  ${el('TAG_INCLUDE_SELECTOR', p.tagIncludeSelector)}\n`;
  }
  if (p.tagExclude.length > 0) {
    s += `${I}  <TAG_SET_EXCLUDE>\n${p.tagExclude.map((t) => `${I}    ${el('TAG_ID', t)}\n`).join('')}${I}  </TAG_SET_EXCLUDE>\n${I}  ${el('TAG_EXCLUDE_SELECTOR', p.tagExcludeSelector)}\n`;
  }
  s += `${I}  <CONTROL_LIST>\n${p.controls.map((c) => controlInPolicy(p, c, details === 'All')).join('')}${I}  </CONTROL_LIST>\n`;
  return s + `${I}</POLICY>\n`;
}

export function policyListXml(base: string, datetime: string, policies: Policy[], details: string, echo: string): string {
  let s = XML_DECL + doctype('POLICY_LIST_OUTPUT', base, '/api/2.0/fo/compliance/policy/policy_list_output.dtd') + `<POLICY_LIST_OUTPUT>\n${echo}  <RESPONSE>\n    ${el('DATETIME', datetime)}\n`;
  if (policies.length > 0 && details === 'None') s += `    <ID_SET>\n${policies.map((p) => `      ${el('ID', p.id)}\n`).join('')}    </ID_SET>\n`;
  else if (policies.length > 0) {
    s += `    <POLICY_LIST>\n${policies.map((p) => policyXml(p, details)).join('')}    </POLICY_LIST>\n`;
    const inc = new Set(policies.flatMap((p) => p.tagInclude));
    const exc = new Set(policies.flatMap((p) => p.tagExclude));
    const tagList = (ids: Set<number>) => TAGS.filter((t) => ids.has(t.id)).map((t) => `          <TAG>\n            ${el('TAG_ID', t.id)}\n            ${el('TAG_NAME', t.name)}\n          </TAG>\n`).join('');
    const users = USERS.filter((u) => policies.some((p) => p.created.by === u.login || p.lastModified.by === u.login));
    let g = '';
    if (inc.size > 0 || exc.size > 0) {
      g += '      <ASSET_TAG_LIST>\n';
      if (inc.size > 0) g += `        <ASSET_INCLUDE_TAG_LIST>\n${tagList(inc)}        </ASSET_INCLUDE_TAG_LIST>\n`;
      if (exc.size > 0) g += `        <ASSET_EXCLUDE_TAG_LIST>\n${tagList(exc)}        </ASSET_EXCLUDE_TAG_LIST>\n`;
      g += '      </ASSET_TAG_LIST>\n';
    }
    if (users.length > 0) g += `      <USER_LIST>\n${users.map((u) => `        <USER>\n          ${el('USER_LOGIN', u.login)}\n          ${el('FIRST_NAME', u.first)}\n          ${el('LAST_NAME', u.last)}\n        </USER>\n`).join('')}      </USER_LIST>\n`;
    if (g) s += `    <GLOSSARY>\n${g}    </GLOSSARY>\n`;
  }
  return s + '  </RESPONSE>\n</POLICY_LIST_OUTPUT>\n';
}

export interface PostureOptions {
  details: 'Basic' | 'All' | 'None' | 'Light';
  evidence: boolean;
  remediation: boolean;
}

export function infoXml(host: Host, c: Control, post: Posture, o: PostureOptions): string {
  let s = `${I}<INFO>\n${I}  ${el('ID', post.id)}\n${I}  ${el('HOST_ID', host.id)}\n${I}  ${el('CONTROL_ID', c.id)}\n${I}  ${el('TECHNOLOGY_ID', host.os.technology.id)}\n`;
  s += `${I}  ${elc('INSTANCE', 'os')}\n${I}  ${el('STATUS', post.status)}\n`;
  if (o.remediation && post.status !== 'Passed') s += `${I}  ${elc('REMEDIATION', c.remediation)}\n`;
  if (o.evidence && o.details === 'All') {
    // Qualys' evidence text (data/evidence.ts); which element of EVIDENCE carries it is reconstructed.
    s += `${I}  <EVIDENCE>\n${I}    ${elc('BOOLEAN_EXPR', evidenceText(c, post))}\n${I}  </EVIDENCE>\n`;
  }
  if (o.details !== 'None') {
    const d = (name: string, v: string) => (v ? `${I}  ${el(name, v)}\n` : '');
    s += d('FIRST_FAIL_DATE', post.firstFailDate) + d('LAST_FAIL_DATE', post.lastFailDate) + d('FIRST_PASS_DATE', post.firstPassDate) + d('LAST_PASS_DATE', post.lastPassDate);
    s += d('POSTURE_MODIFIED_DATE', post.postureModifiedDate) + d('LAST_EVALUATED_DATE', post.lastEvaluatedDate);
  }
  return s + `${I}</INFO>\n`;
}

export function postureHostXml(h: Host, passed: number, total: number): string {
  const pct = total === 0 ? '0.00' : ((passed * 100) / total).toFixed(2);
  let s = `${I}  <HOST>\n${I}    ${el('ID', h.id)}\n${I}    <IP network_id="${h.networkId}">${h.ip}</IP>\n${I}    ${el('TRACKING_METHOD', h.trackingMethod)}\n`;
  s += `${I}    ${elc('DNS', h.dns.fqdn)}\n${I}    <DNS_DATA>\n${I}      ${elc('HOSTNAME', h.dns.hostname)}\n${I}      ${elc('DOMAIN', h.dns.domain)}\n${I}      ${elc('FQDN', h.dns.fqdn)}\n${I}    </DNS_DATA>\n`;
  if (h.netbios) s += `${I}    ${elc('NETBIOS', h.netbios)}\n`;
  s += `${I}    ${elc('OS', h.os.name)}\n${I}    ${elc('OS_CPE', h.os.cpe)}\n`;
  if (h.qgHostId) s += `${I}    ${el('QG_HOSTID', h.qgHostId)}\n`;
  s += `${I}    ${el('LAST_VULN_SCAN_DATETIME', h.lastVulnScan)}\n${I}    ${el('LAST_COMPLIANCE_SCAN_DATETIME', h.lastComplianceScan)}\n`;
  s += `${I}    <PERCENTAGE>${cdata(`${pct}% (${passed} of ${total})`)}</PERCENTAGE>\n`;
  return s + `${I}  </HOST>\n`;
}

export function postureControlXml(store: PolicyStore, p: Policy, c: Control, withRationale: boolean): string {
  let s = `${I}  <CONTROL>\n${I}    ${el('ID', c.id)}\n${I}    ${elc('STATEMENT', c.statement)}\n`;
  s += `${I}    <CRITICALITY>\n${I}      ${elc('LABEL', c.criticality.label)}\n${I}      ${el('VALUE', c.criticality.value)}\n${I}    </CRITICALITY>\n`;
  // Empty when the control has no reference (seed 000: "the reference value is empty").
  s += `${I}    ${elc('REFERENCE', store.reference(p, c))}\n`;
  if (c.deprecated) s += `${I}    ${el('DEPRECATED', 1)}\n`;
  if (withRationale) {
    const techs = OPERATING_SYSTEMS.filter((o) => o.family === c.family).map((o) => o.technology);
    s += `${I}    <RATIONALE_LIST>\n${techs.map((t) => `${I}      <RATIONALE>\n${I}        ${el('TECHNOLOGY_ID', t.id)}\n${I}        ${elc('TEXT', c.rationale)}\n${I}      </RATIONALE>\n`).join('')}${I}    </RATIONALE_LIST>\n`;
  }
  return s + `${I}  </CONTROL>\n`;
}

export function postureHead(base: string, datetime: string, echo: string): string {
  return XML_DECL + doctype('POSTURE_INFO_LIST_OUTPUT', base, '/api/2.0/fo/compliance/posture/info/posture_info_list_output.dtd') + `<POSTURE_INFO_LIST_OUTPUT>\n${echo}  <RESPONSE>\n    ${el('DATETIME', datetime)}\n`;
}
