// Writers for the asset group, IP, appliance, network and virtual host lists. Element names and order
// follow Qualys' documented sample outputs (see test/simulator/dtd/README.md for the DTDs rebuilt from them).
import type { Appliance, AssetGroupInfo, Network, VirtualHost } from '../data/assets';
import { TAGS } from '../data/catalog';
import { cdata, el, elc, escapeAttr } from './writer';

/** The attributes of show_attributes and what each adds to an ASSET_GROUP. */
export const GROUP_ATTRIBUTES = ['TITLE', 'OWNER', 'OWNER_USER_NAME', 'NETWORK_IDS', 'LAST_UPDATE', 'IP_SET', 'APPLIANCE_LIST', 'DOMAIN_LIST', 'DNS_LIST', 'NETBIOS_LIST', 'EC2_ID_LIST', 'HOST_IDS', 'USER_IDS', 'UNIT_IDS', 'BUSINESS_IMPACT', 'CVSS', 'COMMENTS'] as const;
export type GroupAttribute = (typeof GROUP_ATTRIBUTES)[number];

/** Without show_attributes: the title, the IPs and the appliances. */
export const DEFAULT_GROUP_ATTRIBUTES: ReadonlySet<GroupAttribute> = new Set(['TITLE', 'IP_SET', 'APPLIANCE_LIST']);

const I = '      ';

export function assetGroupXml(g: AssetGroupInfo, members: { ipItems: string[]; hostIds: number[] }, show: ReadonlySet<GroupAttribute>): string {
  let s = `${I}<ASSET_GROUP>\n${I}  ${el('ID', g.id)}\n`;
  if (show.has('TITLE')) s += `${I}  ${elc('TITLE', g.title)}\n`;
  if (show.has('OWNER')) s += `${I}  ${el('OWNER_ID', g.ownerId)}\n`;
  if (show.has('OWNER_USER_NAME')) s += `${I}  ${elc('OWNER_USER_NAME', g.ownerLogin)}\n`;
  if (show.has('UNIT_IDS') || show.has('USER_IDS')) s += `${I}  ${el('UNIT_ID', g.unitId)}\n`;
  if (show.has('NETWORK_IDS')) s += `${I}  ${el('NETWORK_ID', g.networkId)}\n`;
  if (show.has('LAST_UPDATE')) s += `${I}  ${el('LAST_UPDATE', g.lastUpdate)}\n`;
  if (show.has('BUSINESS_IMPACT')) s += `${I}  ${elc('BUSINESS_IMPACT', g.businessImpact)}\n`;
  if (show.has('CVSS')) {
    s += `${I}  ${elc('CVSS_ENVIRO_CDP', g.cvss.cdp)}\n${I}  ${elc('CVSS_ENVIRO_TD', g.cvss.td)}\n${I}  ${elc('CVSS_ENVIRO_CR', g.cvss.cr)}\n`;
    s += `${I}  ${elc('CVSS_ENVIRO_IR', g.cvss.ir)}\n${I}  ${elc('CVSS_ENVIRO_AR', g.cvss.ar)}\n`;
  }
  if (show.has('APPLIANCE_LIST') && g.applianceIds.length > 0) {
    if (g.defaultApplianceId !== undefined) s += `${I}  ${el('DEFAULT_APPLIANCE_ID', g.defaultApplianceId)}\n`;
    s += `${I}  ${el('APPLIANCE_IDS', g.applianceIds.join(', '))}\n`;
  }
  if (show.has('IP_SET') && members.ipItems.length > 0) {
    s += `${I}  <IP_SET>\n${members.ipItems.map((item) => `${I}    ${el(item.includes('-') ? 'IP_RANGE' : 'IP', item)}\n`).join('')}${I}  </IP_SET>\n`;
  }
  if (show.has('DOMAIN_LIST') && g.domains.length > 0) {
    s += `${I}  <DOMAIN_LIST>\n${g.domains.map((d) => `${I}    <DOMAIN netblock="${escapeAttr(d.netblock)}">${cdata(d.name)}</DOMAIN>\n`).join('')}${I}  </DOMAIN_LIST>\n`;
  }
  if (show.has('DNS_LIST') && g.dnsNames.length > 0) s += `${I}  <DNS_LIST>\n${g.dnsNames.map((n) => `${I}    ${elc('DNS', n)}\n`).join('')}${I}  </DNS_LIST>\n`;
  if (show.has('NETBIOS_LIST') && g.netbiosNames.length > 0) s += `${I}  <NETBIOS_LIST>\n${g.netbiosNames.map((n) => `${I}    ${elc('NETBIOS', n)}\n`).join('')}${I}  </NETBIOS_LIST>\n`;
  if (show.has('HOST_IDS') && members.hostIds.length > 0) s += `${I}  ${el('HOST_IDS', members.hostIds.join(', '))}\n`;
  if (show.has('COMMENTS') && g.comments) s += `${I}  ${elc('COMMENTS', g.comments)}\n`;
  return s + `${I}</ASSET_GROUP>\n`;
}

/** IP_SET items of IP_LIST_OUTPUT (the IP list and the excluded IP list). */
export function ipSetXml(items: readonly string[]): string {
  if (items.length === 0) return '';
  return `    <IP_SET>\n${items.map((item) => `      ${el(item.includes('-') ? 'IP_RANGE' : 'IP', item)}\n`).join('')}    </IP_SET>\n`;
}

export interface ApplianceXmlOptions {
  full: boolean;
  scanDetail: boolean;
  showTags: boolean;
  groups: readonly { id: number; title: string }[];
}

export function applianceXml(a: Appliance, o: ApplianceXmlOptions): string {
  let s = `${I}<APPLIANCE>\n${I}  ${el('ID', a.id)}\n${I}  ${el('UUID', a.uuid)}\n${I}  ${elc('NAME', a.name)}\n${I}  ${el('NETWORK_ID', a.networkId)}\n`;
  s += `${I}  ${el('SOFTWARE_VERSION', a.softwareVersion)}\n${I}  ${el('RUNNING_SLICES_COUNT', a.runningScan ? 2 : 0)}\n${I}  ${el('RUNNING_SCAN_COUNT', a.runningScan ? 1 : 0)}\n`;
  s += `${I}  ${el('STATUS', a.status)}\n${I}  ${el('TYPE', a.type === 'physical' ? 'Physical' : 'Virtual')}\n`;
  if (o.full) {
    s += `${I}  ${elc('MODEL_NUMBER', a.model)}\n`;
    if (a.serial) s += `${I}  ${el('SERIAL_NUMBER', a.serial)}\n`;
    s += `${I}  <VLANS>\n${I}    ${el('SETTING', a.vlans.length > 0 ? 'Enabled' : 'Disabled')}\n`;
    for (const v of a.vlans) s += `${I}    <VLAN>\n${I}      ${el('ID', v.id)}\n${I}      ${elc('NAME', v.name)}\n${I}      ${el('IP_ADDRESS', v.ip)}\n${I}      ${el('NETMASK', v.netmask)}\n${I}    </VLAN>\n`;
    s += `${I}  </VLANS>\n${I}  <STATIC_ROUTES>\n`;
    for (const r of a.routes) s += `${I}    <ROUTE>\n${I}      ${elc('NAME', r.name)}\n${I}      ${el('IP_ADDRESS', r.ip)}\n${I}      ${el('NETMASK', r.netmask)}\n${I}      ${el('GATEWAY', r.gateway)}\n${I}    </ROUTE>\n`;
    s += `${I}  </STATIC_ROUTES>\n`;
    s += `${I}  ${el('ML_LATEST', '12.9.42-1')}\n${I}  <ML_VERSION updated="${a.softwareVersion === '2.6.30-1' ? 'yes' : 'no'}">${a.softwareVersion === '2.6.30-1' ? '12.9.42-1' : '12.8.30-1'}</ML_VERSION>\n`;
    s += `${I}  ${el('VULNSIGS_LATEST', '2.6.301-2')}\n${I}  <VULNSIGS_VERSION updated="${a.status === 'Online' ? 'yes' : 'no'}">${a.status === 'Online' ? '2.6.301-2' : '2.6.250-3'}</VULNSIGS_VERSION>\n`;
    s += `${I}  ${el('ASSET_GROUP_COUNT', o.groups.length)}\n`;
    if (o.groups.length > 0) s += `${I}  <ASSET_GROUP_LIST>\n${o.groups.map((g) => `${I}    <ASSET_GROUP>\n${I}      ${el('ID', g.id)}\n${I}      ${elc('NAME', g.title)}\n${I}    </ASSET_GROUP>\n`).join('')}${I}  </ASSET_GROUP_LIST>\n`;
    s += `${I}  ${el('LAST_UPDATED_DATE', a.lastUpdated)}\n${I}  ${el('POLLING_INTERVAL', a.pollingInterval)}\n${I}  ${el('USER_LOGIN', 'demo')}\n`;
    s += `${I}  ${el('HEARTBEATS_MISSED', a.heartbeatsMissed)}\n${I}  ${el('SS_CONNECTION', a.status === 'Online' ? 'Connected' : 'Not Connected')}\n${I}  ${el('SS_LAST_CONNECTED', a.lastUpdated)}\n`;
    s += `${I}  ${el('FDCC_ENABLED', 'false')}\n`;
    if (a.comments) s += `${I}  ${elc('COMMENTS', a.comments)}\n`;
  }
  if (o.scanDetail && a.runningScan) {
    s += `${I}  <RUNNING_SCANS>\n${I}    <SCAN>\n${I}      ${el('ID', a.runningScan.ref.split('.').pop() ?? '')}\n${I}      ${elc('TITLE', a.runningScan.title)}\n`;
    s += `${I}      ${el('REF', a.runningScan.ref)}\n${I}      ${el('TYPE', 'Vulnerability')}\n${I}      ${el('SCAN_DATE', '2026-01-01T08:00:00Z')}\n${I}    </SCAN>\n${I}  </RUNNING_SCANS>\n`;
  }
  if (o.showTags) {
    const tags = TAGS.filter((t) => a.tagIds.includes(t.id));
    s += `${I}  <ASSET_TAGS_LIST>\n${tags.map((t) => `${I}    <ASSET_TAG>\n${I}      ${el('TAG_ID', t.id)}\n${I}      ${elc('NAME', t.name)}\n${I}    </ASSET_TAG>\n`).join('')}${I}  </ASSET_TAGS_LIST>\n`;
  }
  return s + `${I}</APPLIANCE>\n`;
}

export function networkXml(n: Network, appliances: readonly Appliance[]): string {
  let s = `${I}<NETWORK>\n${I}  ${el('ID', n.id)}\n${I}  ${elc('NAME', n.name)}\n`;
  if (appliances.length > 0) {
    s += `${I}  <SCANNER_APPLIANCE_LIST>\n${appliances.map((a) => `${I}    <SCANNER_APPLIANCE>\n${I}      ${el('ID', a.id)}\n${I}      ${elc('FRIENDLY_NAME', a.name)}\n${I}    </SCANNER_APPLIANCE>\n`).join('')}${I}  </SCANNER_APPLIANCE_LIST>\n`;
  }
  return s + `${I}</NETWORK>\n`;
}

export function virtualHostXml(v: VirtualHost): string {
  return `${I}<VIRTUAL_HOST>\n${I}  ${el('IP', v.ip)}\n${I}  ${el('PORT', v.port)}\n${v.fqdns.map((f) => `${I}  ${el('FQDN', f)}\n`).join('')}${I}</VIRTUAL_HOST>\n`;
}
