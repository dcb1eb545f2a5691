// HOST_LIST_VM_DETECTION_OUTPUT writer: one HOST with its DETECTION_LIST. Element order follows the
// reconstructed test/simulator/dtd/host_list_vm_detection_output.dtd (see its README); CDATA where
// Qualys' samples put it (DNS, NETBIOS, OS, RESULTS).
import type { Detection } from '../data/detections';
import { qdsSeverity } from '../data/detections';
import type { Host } from '../data/hosts';
import { cdata, el, elc, escapeAttr } from './writer';

export interface DetectionXmlOptions {
  showAssetId: boolean;
  showResults: boolean;
  showReopenedInfo: boolean;
  showTags: boolean;
  showQds: boolean;
  showQdsFactors: boolean;
  /** AFFECT_RUNNING_KERNEL appears when an arf_kernel_filter (or active_kernels_only) was given. */
  showKernel: boolean;
  metadata?: Set<string>;
}

const I = '      ';
const D = `${I}    `;

export function detectionHostXml(h: Host, detections: readonly Detection[], o: DetectionXmlOptions): string {
  let s = `${I}<HOST>\n${I}  ${el('ID', h.id)}\n`;
  if (o.showAssetId) s += `${I}  ${el('ASSET_ID', h.assetId)}\n`;
  s += `${I}  ${el('IP', h.ip)}\n${I}  ${el('TRACKING_METHOD', h.trackingMethod)}\n${I}  ${el('NETWORK_ID', h.networkId)}\n`;
  s += `${I}  ${elc('OS', h.os.name)}\n${I}  ${elc('OS_CPE', h.os.cpe)}\n${I}  ${elc('DNS', h.dns.fqdn)}\n`;
  s += `${I}  <DNS_DATA>\n${I}    ${elc('HOSTNAME', h.dns.hostname)}\n${I}    ${elc('DOMAIN', h.dns.domain)}\n${I}    ${elc('FQDN', h.dns.fqdn)}\n${I}  </DNS_DATA>\n`;
  if (h.cloud) {
    s += `${I}  ${el('CLOUD_PROVIDER', h.cloud.provider)}\n${I}  ${el('CLOUD_SERVICE', h.cloud.service)}\n${I}  ${elc('CLOUD_RESOURCE_ID', h.cloud.resourceId)}\n`;
    if (h.cloud.provider === 'AWS') s += `${I}  ${elc('EC2_INSTANCE_ID', h.cloud.resourceId)}\n`;
  }
  if (h.netbios) s += `${I}  ${elc('NETBIOS', h.netbios)}\n`;
  if (h.qgHostId) s += `${I}  ${el('QG_HOSTID', h.qgHostId)}\n`;
  s += `${I}  ${el('LAST_SCAN_DATETIME', h.lastVulnScan)}\n${I}  ${el('LAST_VM_SCANNED_DATE', h.lastVulnScan)}\n${I}  ${el('LAST_VM_SCANNED_DURATION', h.lastVmScannedDuration)}\n`;
  s += `${I}  ${el('LAST_VM_AUTH_SCANNED_DATE', h.lastAuthScan)}\n${I}  ${el('LAST_VM_AUTH_SCANNED_DURATION', h.lastVmScannedDuration)}\n`;
  if (o.showTags) {
    s += `${I}  <TAGS>\n${h.tags.map((t) => `${I}    <TAG>\n${I}      ${el('TAG_ID', t.id)}\n${I}      ${elc('NAME', t.name)}\n${I}    </TAG>\n`).join('')}${I}  </TAGS>\n`;
  }
  const metaKey = h.cloud ? ({ AWS: 'ec2', AZURE: 'azure', GCP: 'google' } as const)[h.cloud.provider] : undefined;
  if (h.cloud && metaKey && o.metadata && (o.metadata.has('all') || o.metadata.has(metaKey))) {
    const tag = metaKey === 'ec2' ? 'EC2' : metaKey === 'azure' ? 'AZURE' : 'GOOGLE';
    s += `${I}  <METADATA>\n${I}    <${tag}>\n`;
    for (const a of h.cloud.attributes) {
      s += `${I}      <ATTRIBUTE>\n${I}        ${elc('NAME', a.name)}\n${I}        <LAST_STATUS>Success</LAST_STATUS>\n${I}        ${elc('VALUE', a.value)}\n${I}        ${el('LAST_SUCCESS_DATE', a.lastSuccess)}\n${I}      </ATTRIBUTE>\n`;
    }
    s += `${I}    </${tag}>\n${I}  </METADATA>\n`;
  }
  s += `${I}  <DETECTION_LIST>\n`;
  for (const d of detections) s += detectionXml(d, o);
  return s + `${I}  </DETECTION_LIST>\n${I}</HOST>\n`;
}

function detectionXml(d: Detection, o: DetectionXmlOptions): string {
  const v = d.vuln;
  let s = `${D}<DETECTION>\n${D}  ${el('UNIQUE_VULN_ID', d.uniqueId)}\n${D}  ${el('QID', v.qid)}\n${D}  ${el('TYPE', d.type)}\n${D}  ${el('SEVERITY', v.severity)}\n`;
  if (v.port) s += `${D}  ${el('PORT', v.port.port)}\n${D}  ${el('PROTOCOL', v.port.protocol)}\n${D}  ${el('SSL', v.port.ssl ? 1 : 0)}\n`;
  if (o.showResults) s += `${D}  <RESULTS>${cdata(d.results)}</RESULTS>\n`;
  s += `${D}  ${el('STATUS', d.status)}\n${D}  ${el('FIRST_FOUND_DATETIME', d.firstFound)}\n${D}  ${el('LAST_FOUND_DATETIME', d.lastFound)}\n`;
  if (o.showQds && d.type !== 'Info') {
    s += `${D}  <QDS severity="${escapeAttr(qdsSeverity(d.qds))}">${d.qds}</QDS>\n`;
    if (o.showQdsFactors) {
      s += `${D}  <QDS_FACTORS>\n${D}    <QDS_FACTOR name="CVSS">${v.cvss3.base}</QDS_FACTOR>\n`;
      if (v.threatIntel.length) s += `${D}    <QDS_FACTOR name="RTI">${escapeAttr(v.threatIntel.map((t) => t.text).join(','))}</QDS_FACTOR>\n`;
      s += `${D}  </QDS_FACTORS>\n`;
    }
  }
  s += `${D}  ${el('TIMES_FOUND', d.timesFound)}\n${D}  ${el('LAST_TEST_DATETIME', d.lastTest)}\n${D}  ${el('LAST_UPDATE_DATETIME', d.lastUpdate)}\n`;
  if (d.lastFixed) s += `${D}  ${el('LAST_FIXED_DATETIME', d.lastFixed)}\n`;
  if (o.showReopenedInfo && d.reopened) s += `${D}  ${el('FIRST_REOPENED_DATETIME', d.reopened.first)}\n${D}  ${el('LAST_REOPENED_DATETIME', d.reopened.last)}\n${D}  ${el('TIMES_REOPENED', d.reopened.times)}\n`;
  s += `${D}  ${el('IS_IGNORED', d.ignored ? 1 : 0)}\n${D}  ${el('IS_DISABLED', d.disabled ? 1 : 0)}\n`;
  if (o.showKernel && d.affectRunningKernel !== undefined) s += `${D}  ${el('AFFECT_RUNNING_KERNEL', d.affectRunningKernel ? 1 : 0)}\n`;
  return s + `${D}  ${el('LAST_PROCESSED_DATETIME', d.lastProcessed)}\n${D}</DETECTION>\n`;
}
