/**
 * HOST_LIST_OUTPUT (host_list_output.dtd and the seed's dtd/list/output.dtd) into typed hosts:
 * tags, user-defined fields labelled from `ud_attr` or the glossary, DNS_DATA, cloud metadata,
 * and the WARNING/URL that points at the next page.
 */
import { apiError } from '../errors';
import { fail, ok, type Result } from '../result';
import { compact } from './compact';
import { attr, child, childInt, childText, children, parseXml, text } from '../xml';
import { idSet } from './simpleReturn';

export interface DnsData {
  readonly hostname?: string;
  readonly domain?: string;
  readonly fqdn?: string;
}

export interface HostTag {
  readonly id?: string;
  readonly name?: string;
}

export interface CloudMetadataAttribute {
  /** EC2, GOOGLE or AZURE. */
  readonly provider: string;
  readonly name: string;
  readonly value?: string;
  readonly lastStatus?: string;
  readonly lastSuccessDate?: string;
  readonly lastErrorDate?: string;
  readonly lastError?: string;
}

export interface UserDefinedField {
  readonly index: 1 | 2 | 3;
  /** The field's label: the `ud_attr` attribute, or GLOSSARY/USER_DEF/LABEL_n. */
  readonly label?: string;
  readonly value?: string;
}

export interface Host {
  readonly id: string;
  readonly assetId?: string;
  readonly ip?: string;
  readonly ipv6?: string;
  readonly trackingMethod?: string;
  readonly networkId?: string;
  readonly dns?: string;
  readonly dnsData?: DnsData;
  readonly netbios?: string;
  readonly os?: string;
  readonly qgHostId?: string;
  readonly cloudProvider?: string;
  readonly cloudService?: string;
  readonly cloudResourceId?: string;
  readonly ec2InstanceId?: string;
  readonly tags: readonly HostTag[];
  readonly metadata: readonly CloudMetadataAttribute[];
  readonly cloudProviderTags: readonly { readonly name?: string; readonly value?: string; readonly lastSuccessDate?: string }[];
  readonly lastVulnScan?: string;
  readonly lastVmScanned?: string;
  readonly lastVmScannedDurationSec?: number;
  readonly lastVmAuthScanned?: string;
  readonly lastVmAuthScannedDurationSec?: number;
  readonly lastComplianceScan?: string;
  readonly lastScapScan?: string;
  readonly owner?: string;
  readonly comments?: string;
  readonly userDefined: readonly UserDefinedField[];
  readonly assetGroupIds: readonly string[];
}

export interface HostListWarning {
  readonly code?: string;
  readonly text?: string;
  readonly url?: string;
}

export interface HostPage {
  readonly datetime?: string;
  readonly hosts: readonly Host[];
  /** details=None answers an ID_SET instead of hosts. */
  readonly ids: readonly string[];
  readonly warning?: HostListWarning;
  /** GLOSSARY/USER_DEF labels by field number. */
  readonly userDefinedLabels: Readonly<Partial<Record<1 | 2 | 3, string>>>;
}


// Qualys' PDF-copied samples wrap dates across lines ('2017-03-\n21T13:39:38Z'); whitespace inside a
// date carries no meaning, so it is removed.
function date(node: unknown, name: string): string | undefined {
  return childText(node, name)?.replace(/\s+/g, '');
}

function parseHost(node: unknown, labels: HostPage['userDefinedLabels']): Host {
  const dnsNode = child(node, 'DNS_DATA');
  const dnsData = dnsNode === undefined ? undefined : compact({ hostname: childText(dnsNode, 'HOSTNAME'), domain: childText(dnsNode, 'DOMAIN'), fqdn: childText(dnsNode, 'FQDN') });
  const metadata: CloudMetadataAttribute[] = [];
  const metaNode = child(node, 'METADATA');
  for (const provider of ['EC2', 'GOOGLE', 'AZURE']) {
    for (const group of children(metaNode, provider)) {
      for (const attribute of children(group, 'ATTRIBUTE')) {
        metadata.push(compact({
          provider,
          name: (childText(attribute, 'NAME') ?? '').replace(/\s+/g, ''),
          value: childText(attribute, 'VALUE'),
          lastStatus: childText(attribute, 'LAST_STATUS'),
          lastSuccessDate: date(attribute, 'LAST_SUCCESS_DATE'),
          lastErrorDate: date(attribute, 'LAST_ERROR_DATE'),
          lastError: childText(attribute, 'LAST_ERROR'),
        }));
      }
    }
  }
  const userDef = child(node, 'USER_DEF');
  const userDefined: UserDefinedField[] = [];
  for (const index of [1, 2, 3] as const) {
    const valueNode = child(userDef, `VALUE_${index}`);
    const label = attr(valueNode, 'ud_attr') ?? childText(userDef, `LABEL_${index}`) ?? labels[index];
    if (valueNode !== undefined) userDefined.push(compact({ index, label, value: text(valueNode) }));
  }
  const groups = childText(node, 'ASSET_GROUP_IDS');
  return compact({
    id: childText(node, 'ID') ?? '',
    assetId: childText(node, 'ASSET_ID'),
    ip: childText(node, 'IP'),
    ipv6: childText(node, 'IPV6'),
    trackingMethod: childText(node, 'TRACKING_METHOD'),
    networkId: childText(node, 'NETWORK_ID'),
    dns: childText(node, 'DNS'),
    dnsData,
    netbios: childText(node, 'NETBIOS'),
    os: childText(node, 'OS'),
    qgHostId: childText(node, 'QG_HOSTID'),
    cloudProvider: childText(node, 'CLOUD_PROVIDER'),
    cloudService: childText(node, 'CLOUD_SERVICE'),
    cloudResourceId: childText(node, 'CLOUD_RESOURCE_ID'),
    ec2InstanceId: childText(node, 'EC2_INSTANCE_ID'),
    tags: children(child(node, 'TAGS'), 'TAG').map((tag) => compact({ id: childText(tag, 'TAG_ID'), name: childText(tag, 'NAME') })),
    metadata,
    cloudProviderTags: children(child(node, 'CLOUD_PROVIDER_TAGS'), 'CLOUD_TAG').map((tag) =>
      compact({ name: childText(tag, 'NAME'), value: childText(tag, 'VALUE'), lastSuccessDate: date(tag, 'LAST_SUCCESS_DATE') }),
    ),
    lastVulnScan: date(node, 'LAST_VULN_SCAN_DATETIME'),
    lastVmScanned: date(node, 'LAST_VM_SCANNED_DATE'),
    lastVmScannedDurationSec: childInt(node, 'LAST_VM_SCANNED_DURATION'),
    lastVmAuthScanned: date(node, 'LAST_VM_AUTH_SCANNED_DATE'),
    lastVmAuthScannedDurationSec: childInt(node, 'LAST_VM_AUTH_SCANNED_DURATION'),
    lastComplianceScan: date(node, 'LAST_COMPLIANCE_SCAN_DATETIME'),
    lastScapScan: date(node, 'LAST_SCAP_SCAN_DATETIME'),
    owner: childText(node, 'OWNER'),
    comments: childText(node, 'COMMENTS'),
    userDefined,
    assetGroupIds: groups ? groups.split(',').map((s) => s.trim()).filter(Boolean) : [],
  });
}

export function parseHostList(body: string): Result<HostPage> {
  const doc = parseXml(body);
  if (!doc.ok) return doc;
  if (doc.value.root !== 'HOST_LIST_OUTPUT') return fail(apiError('malformed', `Expected HOST_LIST_OUTPUT, got ${doc.value.root}.`));
  const response = child(doc.value.node, 'RESPONSE');
  const glossaryDef = child(child(response, 'GLOSSARY'), 'USER_DEF');
  const userDefinedLabels = compact({ 1: childText(glossaryDef, 'LABEL_1'), 2: childText(glossaryDef, 'LABEL_2'), 3: childText(glossaryDef, 'LABEL_3') });
  const hosts = children(child(response, 'HOST_LIST'), 'HOST').map((h) => parseHost(h, userDefinedLabels));
  const warningNode = child(response, 'WARNING');
  const warning = warningNode === undefined ? undefined : compact({ code: childText(warningNode, 'CODE'), text: childText(warningNode, 'TEXT'), url: childText(warningNode, 'URL')?.replace(/\s+/g, '') });
  return ok(compact({ datetime: childText(response, 'DATETIME'), hosts, ids: idSet(child(response, 'ID_SET')), warning, userDefinedLabels }));
}
