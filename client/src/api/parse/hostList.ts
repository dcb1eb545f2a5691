/**
 * HOST_LIST_OUTPUT (host_list_output.dtd and the seed's dtd/list/output.dtd), read as it streams:
 * - full hosts (the public listHosts, details documents): tags, user-defined fields labelled from
 *   `ud_attr` or the glossary, DNS_DATA, cloud metadata and tags, scan dates;
 * - rows (the Hosts view): only what a row shows, each with its raw XML kept for its details.
 * The WARNING/URL that points at the next page is reported as soon as it has been read.
 */
import { ok, type Result } from '../result';
import { compact } from './compact';
import { mapReader, readWhole, type DocumentReader } from '../stream/documentReader';
import { listReader, type ListSpec } from '../stream/recordList';
import type { Rule, Rules } from '../stream/recordReader';
import { date, field, group, idList, int, type PageHead, type PageWarning } from '../stream/pageRules';
import { attributeValue } from '../stream/xmlScanner';

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

/** What a host's row in the Hosts view shows (label, description, icon, copy actions, local filter). */
export interface HostRow {
  readonly id: string;
  readonly ip?: string;
  readonly ipv6?: string;
  readonly dns?: string;
  readonly fqdn?: string;
  readonly netbios?: string;
  readonly os?: string;
  readonly trackingMethod?: string;
  /** The host runs in a cloud (CLOUD_PROVIDER or EC2_INSTANCE_ID). */
  readonly cloud?: boolean;
}

export type HostListWarning = PageWarning;

export type UserDefinedLabels = Readonly<Partial<Record<1 | 2 | 3, string>>>;

export interface HostPage {
  readonly datetime?: string;
  readonly hosts: readonly Host[];
  /** details=None answers an ID_SET instead of hosts. */
  readonly ids: readonly string[];
  readonly warning?: HostListWarning;
  /** GLOSSARY/USER_DEF labels by field number. */
  readonly userDefinedLabels: UserDefinedLabels;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] extends readonly (infer E)[] ? E[] : T[K] };
type HostDraft = Mutable<Host>;
type UserDefinedDraft = { -readonly [K in keyof UserDefinedField]: UserDefinedField[K] };

const ROOT = 'HOST_LIST_OUTPUT';

function newHost(): HostDraft {
  return { id: '', tags: [], metadata: [], cloudProviderTags: [], userDefined: [], assetGroupIds: [] };
}

function text<K extends keyof HostDraft>(key: K, map: (value: string) => HostDraft[K] = (v) => v as HostDraft[K]): Rule<HostDraft> {
  return field<HostDraft>((h, v) => (h[key] = map(v)));
}

const tagRule: Rule<HostDraft, { id?: string; name?: string }> = {
  create: () => ({}),
  children: { TAG_ID: field((t: { id?: string }, v) => (t.id = v)), NAME: field((t: { name?: string }, v) => (t.name = v)) },
  done: (h, tag) => h.tags.push(tag),
};

type AttributeDraft = Partial<Mutable<CloudMetadataAttribute>>;

function metadataRule(provider: string): Rule<HostDraft> {
  const attribute: Rule<HostDraft, AttributeDraft> = {
    create: () => ({ provider }),
    children: {
      NAME: field((a: AttributeDraft, v) => (a.name = v.replace(/\s+/g, ''))),
      VALUE: field((a: AttributeDraft, v) => (a.value = v)),
      LAST_STATUS: field((a: AttributeDraft, v) => (a.lastStatus = v)),
      LAST_SUCCESS_DATE: field((a: AttributeDraft, v) => (a.lastSuccessDate = date(v))),
      LAST_ERROR_DATE: field((a: AttributeDraft, v) => (a.lastErrorDate = date(v))),
      LAST_ERROR: field((a: AttributeDraft, v) => (a.lastError = v)),
    },
    done: (h, a) => {
      a.name ??= '';
      h.metadata.push(a as CloudMetadataAttribute);
    },
  };
  return group<HostDraft>({ ATTRIBUTE: attribute });
}

type CloudTagDraft = { name?: string; value?: string; lastSuccessDate?: string };

const cloudTagRule: Rule<HostDraft, CloudTagDraft> = {
  create: () => ({}),
  children: {
    NAME: field((t: CloudTagDraft, v) => (t.name = v)),
    VALUE: field((t: CloudTagDraft, v) => (t.value = v)),
    LAST_SUCCESS_DATE: field((t: CloudTagDraft, v) => (t.lastSuccessDate = date(v))),
  },
  done: (h, t) => h.cloudProviderTags.push(t),
};

/** USER_DEF: its values, labelled by their own `ud_attr` or the host's LABEL_n (the glossary's come at the page's end). */
interface UserDefinedGroup {
  readonly host: HostDraft;
  readonly labels: Partial<Record<1 | 2 | 3, string>>;
}

function userDefinedValue(index: 1 | 2 | 3): Rule<UserDefinedGroup, UserDefinedDraft> {
  return {
    create: () => ({ index }),
    attributes: (u, raw) => {
      const label = attributeValue(raw, 'ud_attr')?.trim();
      if (label) u.label = label;
    },
    text: (u, v) => (u.value = v),
    done: (g, u) => g.host.userDefined.push(u),
  };
}

function userDefinedLabel(index: 1 | 2 | 3): Rule<UserDefinedGroup> {
  return field<UserDefinedGroup>((g, v) => (g.labels[index] = v));
}

const userDefinedRule: Rule<HostDraft, UserDefinedGroup> = {
  create: (host) => ({ host, labels: {} }),
  children: {
    VALUE_1: userDefinedValue(1),
    VALUE_2: userDefinedValue(2),
    VALUE_3: userDefinedValue(3),
    LABEL_1: userDefinedLabel(1),
    LABEL_2: userDefinedLabel(2),
    LABEL_3: userDefinedLabel(3),
  },
  done: (host, g) => {
    const values = host.userDefined as UserDefinedDraft[];
    if (values.length > 1) values.sort((a, b) => a.index - b.index);
    for (const u of values) if (u.label === undefined && g.labels[u.index] !== undefined) u.label = g.labels[u.index];
  },
};

const dnsDataRule: Rule<HostDraft, Mutable<DnsData>> = {
  create: (host) => (host.dnsData = {}),
  children: {
    HOSTNAME: field((d: Mutable<DnsData>, v) => (d.hostname = v)),
    DOMAIN: field((d: Mutable<DnsData>, v) => (d.domain = v)),
    FQDN: field((d: Mutable<DnsData>, v) => (d.fqdn = v)),
  },
};

const FULL_HOST: Rules<HostDraft> = {
  ID: text('id'),
  ASSET_ID: text('assetId'),
  IP: text('ip'),
  IPV6: text('ipv6'),
  TRACKING_METHOD: text('trackingMethod'),
  NETWORK_ID: text('networkId'),
  DNS: text('dns'),
  DNS_DATA: dnsDataRule,
  NETBIOS: text('netbios'),
  OS: text('os'),
  QG_HOSTID: text('qgHostId'),
  CLOUD_PROVIDER: text('cloudProvider'),
  CLOUD_SERVICE: text('cloudService'),
  CLOUD_RESOURCE_ID: text('cloudResourceId'),
  EC2_INSTANCE_ID: text('ec2InstanceId'),
  TAGS: group<HostDraft>({ TAG: tagRule }),
  METADATA: group<HostDraft>({ EC2: metadataRule('EC2'), GOOGLE: metadataRule('GOOGLE'), AZURE: metadataRule('AZURE') }),
  CLOUD_PROVIDER_TAGS: group<HostDraft>({ CLOUD_TAG: cloudTagRule }),
  LAST_VULN_SCAN_DATETIME: text('lastVulnScan', date),
  LAST_VM_SCANNED_DATE: text('lastVmScanned', date),
  LAST_VM_SCANNED_DURATION: text('lastVmScannedDurationSec', int),
  LAST_VM_AUTH_SCANNED_DATE: text('lastVmAuthScanned', date),
  LAST_VM_AUTH_SCANNED_DURATION: text('lastVmAuthScannedDurationSec', int),
  LAST_COMPLIANCE_SCAN_DATETIME: text('lastComplianceScan', date),
  LAST_SCAP_SCAN_DATETIME: text('lastScapScan', date),
  OWNER: text('owner'),
  COMMENTS: text('comments'),
  USER_DEF: userDefinedRule,
  ASSET_GROUP_IDS: text('assetGroupIds', idList),
};

/** Labels user-defined fields that have none of their own with the page's glossary (read after the hosts). */
function labelFromGlossary(hosts: readonly HostDraft[], glossary: UserDefinedLabels): void {
  if (glossary[1] === undefined && glossary[2] === undefined && glossary[3] === undefined) return;
  for (const host of hosts) {
    for (const u of host.userDefined as UserDefinedDraft[]) if (u.label === undefined && glossary[u.index] !== undefined) u.label = glossary[u.index];
  }
}

interface HostHead extends PageHead {
  readonly labels: Partial<Record<1 | 2 | 3, string>>;
}

function glossaryRule<T extends HostHead>(): Rule<T> {
  return group<T>({
    USER_DEF: group<T>({
      LABEL_1: field<T>((p, v) => (p.labels[1] = v)),
      LABEL_2: field<T>((p, v) => (p.labels[2] = v)),
      LABEL_3: field<T>((p, v) => (p.labels[3] = v)),
    }),
  });
}

/** The host list's page: HOST_LIST's hosts, the GLOSSARY's labels; `fields` read each host into `D`. */
function hostListSpec<D, R>(record: ListSpec<D, R, HostHead>['record']): ListSpec<D, R, HostHead> {
  return { roots: [ROOT], path: ['RESPONSE', 'HOST_LIST', 'HOST'], record, response: { GLOSSARY: glossaryRule<HostHead>() }, head: () => ({ ids: [], labels: {} }) };
}

const FULL_LIST = hostListSpec<HostDraft, HostDraft>({ create: newHost, fields: FULL_HOST, finish: (h) => h });

/** Reads a host list page into full hosts. `onWarning` hears of the next page as soon as it is known. */
export function hostListReader(onWarning?: (warning: PageWarning) => void, glossary: UserDefinedLabels = {}): DocumentReader<HostPage> {
  return mapReader(listReader(FULL_LIST, undefined, onWarning), (page) => {
    const userDefinedLabels = compact({ ...glossary, ...page.head.labels });
    labelFromGlossary(page.records, userDefinedLabels);
    return ok(compact({ datetime: page.datetime, hosts: page.records, ids: page.ids, warning: page.warning, userDefinedLabels }));
  });
}

export function parseHostList(body: string): Result<HostPage> {
  return readWhole(hostListReader(), body);
}

/** One host's full record from its raw XML (kept while its row was read), with its page's glossary labels. */
export function parseHostDetails(raw: string, labels: UserDefinedLabels = {}): Result<Host> {
  const page = readWhole(hostListReader(undefined, labels), `<${ROOT}><RESPONSE><HOST_LIST>${raw}</HOST_LIST></RESPONSE></${ROOT}>`);
  if (!page.ok) return page;
  const host = page.value.hosts[0];
  return host ? ok(host) : { ok: false, error: { kind: 'malformed', message: 'The kept host record is empty.' } };
}

type RowDraft = { -readonly [K in keyof HostRow]: HostRow[K] };

function rowText(key: Exclude<keyof RowDraft, 'cloud'>): Rule<RowDraft> {
  return field<RowDraft>((r, v) => (r[key] = v));
}

const ROW_HOST: Rules<RowDraft> = {
  ID: rowText('id'),
  IP: rowText('ip'),
  IPV6: rowText('ipv6'),
  TRACKING_METHOD: rowText('trackingMethod'),
  DNS: rowText('dns'),
  DNS_DATA: group<RowDraft>({ FQDN: rowText('fqdn') }),
  NETBIOS: rowText('netbios'),
  OS: rowText('os'),
  CLOUD_PROVIDER: field<RowDraft>((r) => (r.cloud = true)),
  EC2_INSTANCE_ID: field<RowDraft>((r) => (r.cloud = true)),
};

export interface HostRowPage {
  readonly datetime?: string;
  readonly ids: readonly string[];
  readonly warning?: HostListWarning;
  readonly userDefinedLabels: UserDefinedLabels;
}

function rowList(raw: boolean): ListSpec<RowDraft, [RowDraft, string | undefined], HostHead> {
  return hostListSpec({ create: () => ({ id: '' }), fields: ROW_HOST, raw, finish: (row, xml) => [row, xml] });
}

const ROW_LISTS = { raw: rowList(true), rows: rowList(false) };

/**
 * Reads a host list page into rows, each handed to `onRow` as soon as its host has ended, with its
 * raw XML when `keepRaw` (for the details, parsed when opened: parseHostDetails).
 */
export function hostRowReader(onRow: (row: HostRow, raw: string | undefined) => void, keepRaw: boolean, onWarning?: (warning: PageWarning) => void): DocumentReader<HostRowPage> {
  const reader = listReader(keepRaw ? ROW_LISTS.raw : ROW_LISTS.rows, ([row, raw]) => onRow(row, raw), onWarning);
  return mapReader(reader, (p) => ok(compact({ datetime: p.datetime, ids: p.ids, warning: p.warning, userDefinedLabels: compact(p.head.labels) })));
}
