// HOST_LIST_OUTPUT writer. Element order follows reference/qualys/dtd/host_list_output.dtd; CDATA placement
// follows the seed's and the EC2 sample's output (DNS, NETBIOS, OS, USER_DEF values, metadata names).
import type { Host } from '../data/hosts';
import { USER_DEF_LABELS } from '../data/catalog';
import { cdata, el, elc, escapeAttr } from './writer';

export interface HostXmlOptions {
  details: 'Basic' | 'Basic/AGs' | 'All' | 'All/AGs';
  showTags: boolean;
  showAssetId: boolean;
  showArs: boolean;
  /** Which cloud providers' METADATA to show ('all' or ec2/azure/google), from host_metadata. */
  metadata?: Set<string>;
  showCloudTags: boolean;
}

const I = '      ';

export function hostXml(h: Host, o: HostXmlOptions): string {
  const all = o.details.startsWith('All');
  let s = `${I}<HOST>\n${I}  ${el('ID', h.id)}\n`;
  if (o.showAssetId) s += `${I}  ${el('ASSET_ID', h.assetId)}\n`;
  s += `${I}  ${el('IP', h.ip)}\n`;
  if (o.showArs) s += `${I}  ${el('ASSET_RISK_SCORE', h.ars)}\n${I}  ${el('ASSET_CRITICALITY_SCORE', h.acs)}\n`;
  s += `${I}  ${el('TRACKING_METHOD', h.trackingMethod)}\n${I}  ${el('NETWORK_ID', h.networkId)}\n`;
  s += `${I}  ${elc('DNS', h.dns.fqdn)}\n${I}  <DNS_DATA>\n${I}    ${elc('HOSTNAME', h.dns.hostname)}\n${I}    ${elc('DOMAIN', h.dns.domain)}\n${I}    ${elc('FQDN', h.dns.fqdn)}\n${I}  </DNS_DATA>\n`;
  if (h.cloud) {
    s += `${I}  ${el('CLOUD_PROVIDER', h.cloud.provider)}\n${I}  ${el('CLOUD_SERVICE', h.cloud.service)}\n${I}  ${elc('CLOUD_RESOURCE_ID', h.cloud.resourceId)}\n`;
    if (h.cloud.provider === 'AWS') s += `${I}  ${elc('EC2_INSTANCE_ID', h.cloud.resourceId)}\n`;
  }
  if (h.netbios) s += `${I}  ${elc('NETBIOS', h.netbios)}\n`;
  s += `${I}  ${elc('OS', h.os.name)}\n`;
  if (h.qgHostId) s += `${I}  ${el('QG_HOSTID', h.qgHostId)}\n`;
  if (o.showTags) {
    s += `${I}  <TAGS>\n${h.tags.map((t) => `${I}    <TAG>\n${I}      ${el('TAG_ID', t.id)}\n${I}      ${elc('NAME', t.name)}\n${I}    </TAG>\n`).join('')}${I}  </TAGS>\n`;
  }
  const metaKey = h.cloud ? ({ AWS: 'ec2', AZURE: 'azure', GCP: 'google' } as const)[h.cloud.provider] : undefined;
  if (h.cloud && metaKey && o.metadata && (o.metadata.has('all') || o.metadata.has(metaKey))) {
    const tag = metaKey === 'ec2' ? 'EC2' : metaKey === 'azure' ? 'AZURE' : 'GOOGLE';
    s += `${I}  <METADATA>\n${I}    <${tag}>\n`;
    for (const a of h.cloud.attributes) {
      s += `${I}      <ATTRIBUTE>\n${I}        ${elc('NAME', a.name)}\n${I}        <LAST_STATUS>Success</LAST_STATUS>\n${I}        ${elc('VALUE', a.value)}\n`;
      s += `${I}        ${el('LAST_SUCCESS_DATE', a.lastSuccess)}\n${I}        <LAST_ERROR_DATE></LAST_ERROR_DATE>\n${I}        <LAST_ERROR>${cdata('')}</LAST_ERROR>\n${I}      </ATTRIBUTE>\n`;
    }
    s += `${I}    </${tag}>\n${I}  </METADATA>\n`;
  }
  if (h.cloud && o.showCloudTags) {
    s += `${I}  <CLOUD_PROVIDER_TAGS>\n${I}    <CLOUD_TAG>\n${I}      ${elc('NAME', 'Environment')}\n${I}      ${elc('VALUE', h.tags.some((t) => t.name === 'Production') ? 'prod' : 'dev')}\n${I}      ${el('LAST_SUCCESS_DATE', h.cloud.attributes[0].lastSuccess)}\n${I}    </CLOUD_TAG>\n${I}  </CLOUD_PROVIDER_TAGS>\n`;
  }
  if (all) {
    s += `${I}  ${el('LAST_VULN_SCAN_DATETIME', h.lastVulnScan)}\n${I}  ${el('LAST_VM_SCANNED_DATE', h.lastVulnScan)}\n${I}  ${el('LAST_VM_SCANNED_DURATION', h.lastVmScannedDuration)}\n`;
    s += `${I}  ${el('LAST_VM_AUTH_SCANNED_DATE', h.lastAuthScan)}\n${I}  ${el('LAST_VM_AUTH_SCANNED_DURATION', h.lastVmScannedDuration)}\n`;
    s += `${I}  ${el('LAST_COMPLIANCE_SCAN_DATETIME', h.lastComplianceScan)}\n`;
    s += `${I}  ${elc('OWNER', h.owner)}\n`;
    // COMMENTS only once a host update set one: the reference DTD copy lacks its declaration.
    if (h.comments !== undefined) s += `${I}  ${elc('COMMENTS', h.comments)}\n`;
    s += `${I}  <USER_DEF>\n`;
    h.userDef.forEach((v, k) => {
      s += `${I}    <VALUE_${k + 1} ud_attr="${escapeAttr(USER_DEF_LABELS[k])}">${cdata(v)}</VALUE_${k + 1}>\n`;
    });
    s += `${I}  </USER_DEF>\n`;
  }
  if (o.details.endsWith('/AGs')) s += `${I}  ${el('ASSET_GROUP_IDS', h.assetGroupIds.join(','))}\n`;
  return s + `${I}</HOST>\n`;
}

/** GLOSSARY: the USER_DEF labels with details=All, the asset groups used on the page with the /AGs details. */
export function hostGlossary(userDef: boolean, groups: readonly { id: number; title: string }[]): string {
  if (!userDef && groups.length === 0) return '';
  let s = '    <GLOSSARY>\n';
  if (userDef) s += `      <USER_DEF>\n${USER_DEF_LABELS.map((l, k) => `        ${elc(`LABEL_${k + 1}`, l)}\n`).join('')}      </USER_DEF>\n`;
  if (groups.length > 0) s += `      <ASSET_GROUP_LIST>\n${groups.map((g) => `        <ASSET_GROUP>\n          ${el('ID', g.id)}\n          ${elc('TITLE', g.title)}\n        </ASSET_GROUP>\n`).join('')}      </ASSET_GROUP_LIST>\n`;
  return s + '    </GLOSSARY>\n';
}
