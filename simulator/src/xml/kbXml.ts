// KNOWLEDGE_BASE_VULN_LIST_OUTPUT writer: one VULN per QID, element order of the reconstructed
// test/simulator/dtd/knowledge_base_vuln_list_output.dtd. details=Basic writes the basic elements with
// the CVSS scores; details=All adds the affected software, vendor references, diagnosis, consequence and
// solution (HTML, as Qualys writes them), exploit correlation and threat intelligence.
import type { Vuln } from '../data/vulns';
import { cdata, el, elc } from './writer';

export interface KbCustomization {
  severity?: number;
  disabled?: boolean;
  comments: { threat?: string; impact?: string; solution?: string };
  datetime: string;
  user: string;
}

const I = '      ';

export interface KbXmlOptions {
  pciReasons: boolean;
  disabledFlag: boolean;
  modules: boolean;
  /** show_qid_change_log=1: CHANGE_LOG_LIST for QIDs changed after publication. */
  changeLog: boolean;
}

export function vulnXml(v: Vuln, details: 'Basic' | 'All', custom: KbCustomization | undefined, o: KbXmlOptions): string {
  const all = details === 'All';
  let s = `${I}<VULN>\n${I}  ${el('QID', v.qid)}\n${I}  ${el('VULN_TYPE', v.type)}\n${I}  ${el('SEVERITY_LEVEL', custom?.severity ?? v.severity)}\n`;
  s += `${I}  ${elc('TITLE', v.title)}\n${I}  ${el('CATEGORY', v.category)}\n`;
  if (custom) s += `${I}  <LAST_CUSTOMIZATION>\n${I}    ${el('DATETIME', custom.datetime)}\n${I}    ${el('USER_LOGIN', custom.user)}\n${I}  </LAST_CUSTOMIZATION>\n`;
  s += `${I}  ${el('LAST_SERVICE_MODIFICATION_DATETIME', v.modified)}\n${I}  ${el('PUBLISHED_DATETIME', v.published)}\n${I}  ${el('PATCHABLE', v.patchable ? 1 : 0)}\n`;
  if (all && v.software.length) {
    s += `${I}  <SOFTWARE_LIST>\n${v.software.map((w) => `${I}    <SOFTWARE>\n${I}      ${elc('PRODUCT', w.product)}\n${I}      ${elc('VENDOR', w.vendor)}\n${I}    </SOFTWARE>\n`).join('')}${I}  </SOFTWARE_LIST>\n`;
  }
  if (all && v.vendorRefs.length) {
    s += `${I}  <VENDOR_REFERENCE_LIST>\n${v.vendorRefs.map((r) => `${I}    <VENDOR_REFERENCE>\n${I}      ${elc('ID', r.id)}\n${I}      ${elc('URL', r.url)}\n${I}    </VENDOR_REFERENCE>\n`).join('')}${I}  </VENDOR_REFERENCE_LIST>\n`;
  }
  if (v.cves.length) {
    s += `${I}  <CVE_LIST>\n${v.cves.map((c) => `${I}    <CVE>\n${I}      ${elc('ID', c)}\n${I}      ${elc('URL', `https://nvd.nist.gov/vuln/detail/${c}`)}\n${I}    </CVE>\n`).join('')}${I}  </CVE_LIST>\n`;
  }
  if (all) {
    s += `${I}  ${elc('DIAGNOSIS', v.diagnosis)}\n`;
    if (custom?.comments.threat) s += `${I}  ${elc('DIAGNOSIS_COMMENT', custom.comments.threat)}\n`;
    s += `${I}  ${elc('CONSEQUENCE', v.consequence)}\n`;
    if (custom?.comments.impact) s += `${I}  ${elc('CONSEQUENCE_COMMENT', custom.comments.impact)}\n`;
    s += `${I}  ${elc('SOLUTION', v.solution)}\n`;
    if (custom?.comments.solution) s += `${I}  ${elc('SOLUTION_COMMENT', custom.comments.solution)}\n`;
  }
  if (all && v.cves.length && v.threatIntel.some((t) => t.text === 'Exploit_Public')) {
    // CORRELATION/EXPLOITS: a public exploit source per CVE (the KB lists exploit references by source).
    const E = `${I}          `;
    const exploits = v.cves.map((c) => `${E}<EXPLT>\n${E}  ${elc('REF', c)}\n${E}  ${elc('DESC', `${v.title.split(' (')[0]} - proof of concept`)}\n${E}  ${elc('LINK', `https://www.exploit-db.com/search?cve=${c.slice(4)}`)}\n${E}</EXPLT>\n`).join('');
    s += `${I}  <CORRELATION>\n${I}    <EXPLOITS>\n${I}      <EXPLT_SRC>\n${I}        ${elc('SRC_NAME', 'The Exploit-DB')}\n${I}        <EXPLT_LIST>\n${exploits}${I}        </EXPLT_LIST>\n${I}      </EXPLT_SRC>\n${I}    </EXPLOITS>\n${I}  </CORRELATION>\n`;
  }
  if (v.cvss.vector) {
    s += `${I}  <CVSS>\n${I}    <BASE source="service">${v.cvss.base}</BASE>\n${I}    <TEMPORAL>${v.cvss.temporal}</TEMPORAL>\n${I}    ${el('VECTOR_STRING', `CVSS:2.0/${v.cvss.vector}`)}\n${I}  </CVSS>\n`;
    s += `${I}  <CVSS_V3>\n${I}    <BASE>${v.cvss3.base}</BASE>\n${I}    <TEMPORAL>${v.cvss3.temporal}</TEMPORAL>\n${I}    ${el('VECTOR_STRING', v.cvss3.vector)}\n${I}    ${el('CVSS3_VERSION', '3.1')}\n${I}  </CVSS_V3>\n`;
  }
  s += `${I}  ${el('PCI_FLAG', v.pciFlag ? 1 : 0)}\n`;
  if (o.pciReasons && v.pciFlag) s += `${I}  <PCI_REASONS>\n${I}    ${el('PCI_REASON', `Severity ${v.severity} vulnerability with CVSS ${v.cvss.base}`)}\n${I}  </PCI_REASONS>\n`;
  if (all && v.threatIntel.length) {
    s += `${I}  <THREAT_INTELLIGENCE>\n${v.threatIntel.map((t) => `${I}    <THREAT_INTEL id="${t.id}">${cdata(t.text)}</THREAT_INTEL>\n`).join('')}${I}  </THREAT_INTELLIGENCE>\n`;
  }
  if (o.modules) s += `${I}  ${el('SUPPORTED_MODULES', v.remote ? 'VM' : 'VM,CA-Windows Agent,CA-Linux Agent')}\n`;
  s += `${I}  <DISCOVERY>\n${I}    ${el('REMOTE', v.remote ? 1 : 0)}\n`;
  if (v.authTypes.length) s += `${I}    <AUTH_TYPE_LIST>\n${v.authTypes.map((a) => `${I}      ${el('AUTH_TYPE', a)}\n`).join('')}${I}    </AUTH_TYPE_LIST>\n`;
  s += `${I}  </DISCOVERY>\n`;
  if (o.disabledFlag) s += `${I}  ${el('IS_DISABLED', custom?.disabled ? 1 : 0)}\n`;
  if (o.changeLog && v.modified !== v.published) {
    s += `${I}  <CHANGE_LOG_LIST>\n${I}    <CHANGE_LOG_INFO>\n${I}      ${el('CHANGE_DATE', v.modified)}\n${I}      ${elc('COMMENTS', 'Detection logic and references updated.')}\n${I}    </CHANGE_LOG_INFO>\n${I}  </CHANGE_LOG_LIST>\n`;
  }
  return s + `${I}</VULN>\n`;
}
