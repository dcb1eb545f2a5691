/**
 * ASSET_GROUP_LIST_OUTPUT, APPLIANCE_LIST_OUTPUT and the network list, read as they stream: the IDs,
 * titles and names completion offers, and the few attributes worth showing beside them.
 */
import { ok, type Result } from '../result';
import { documentReader, readWhole, type DocumentReader } from '../stream/documentReader';
import type { Rule, Rules } from '../stream/recordReader';
import { field, group, idList, int, responseRules, type PageHead } from '../stream/pageRules';
import { compact } from './compact';
import type { Paged } from '../ops/paging';

export interface AssetGroup {
  readonly id: string;
  readonly title?: string;
  readonly networkId?: string;
  readonly businessImpact?: string;
  readonly applianceIds: readonly string[];
  readonly defaultApplianceId?: string;
  /** IP and IP_RANGE items of IP_SET, as Qualys writes them. */
  readonly ips: readonly string[];
}

export interface AssetGroupPage extends Paged {
  readonly datetime?: string;
  readonly groups: readonly AssetGroup[];
}

export interface Appliance {
  readonly id: string;
  readonly name?: string;
  readonly uuid?: string;
  readonly networkId?: string;
  readonly status?: string;
  readonly type?: string;
  readonly runningScans?: number;
}

export interface Network {
  readonly id: string;
  readonly name?: string;
  readonly applianceIds: readonly string[];
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] extends readonly (infer E)[] ? E[] : T[K] };
type GroupDraft = Mutable<AssetGroup> & { ranges: string[] };

const GROUP: Rules<GroupDraft> = {
  ID: field<GroupDraft>((g, v) => (g.id = v)),
  TITLE: field<GroupDraft>((g, v) => (g.title = v)),
  NETWORK_ID: field<GroupDraft>((g, v) => (g.networkId = v)),
  BUSINESS_IMPACT: field<GroupDraft>((g, v) => (g.businessImpact = v)),
  APPLIANCE_IDS: field<GroupDraft>((g, v) => (g.applianceIds = idList(v))),
  DEFAULT_APPLIANCE_ID: field<GroupDraft>((g, v) => (g.defaultApplianceId = v)),
  IP_SET: group<GroupDraft>({ IP: field<GroupDraft>((g, v) => g.ips.push(v)), IP_RANGE: field<GroupDraft>((g, v) => g.ranges.push(v)) }),
};

interface GroupHead extends PageHead {
  readonly groups: AssetGroup[];
}

const GROUP_RULES: Rules<GroupHead> = {
  ASSET_GROUP_LIST_OUTPUT: group<GroupHead>({
    RESPONSE: responseRules<GroupHead>({
      ASSET_GROUP_LIST: group<GroupHead>({
        ASSET_GROUP: {
          create: () => ({ id: '', applianceIds: [], ips: [], ranges: [] }),
          children: GROUP,
          done: (head, { ranges, ...g }) => {
            // IPs first, then ranges, as the list reads them.
            if (g.id) head.groups.push({ ...g, ips: [...g.ips, ...ranges] });
          },
        } as Rule<GroupHead, GroupDraft>,
      }),
    }),
  }),
};

/** Reads an asset group list page. */
export function assetGroupListReader(): DocumentReader<AssetGroupPage> {
  return documentReader(GROUP_RULES, { ids: [], groups: [] } as GroupHead, (h) => ok(compact({ datetime: h.datetime, groups: h.groups, warning: h.warning })));
}

export function parseAssetGroupList(body: string | Buffer): Result<AssetGroupPage> {
  return readWhole(assetGroupListReader(), body);
}

type ApplianceDraft = Mutable<Appliance>;

const APPLIANCE: Rules<ApplianceDraft> = {
  ID: field<ApplianceDraft>((a, v) => (a.id = v)),
  NAME: field<ApplianceDraft>((a, v) => (a.name = v)),
  UUID: field<ApplianceDraft>((a, v) => (a.uuid = v)),
  NETWORK_ID: field<ApplianceDraft>((a, v) => (a.networkId = v)),
  STATUS: field<ApplianceDraft>((a, v) => (a.status = v)),
  TYPE: field<ApplianceDraft>((a, v) => (a.type = v)),
  RUNNING_SCAN_COUNT: field<ApplianceDraft>((a, v) => {
    const n = int(v);
    if (n !== undefined) a.runningScans = n;
  }),
};

const APPLIANCE_RULES: Rules<Appliance[]> = {
  APPLIANCE_LIST_OUTPUT: group<Appliance[]>({
    RESPONSE: group<Appliance[]>({
      APPLIANCE_LIST: group<Appliance[]>({
        APPLIANCE: { create: () => ({ id: '' }), children: APPLIANCE, done: (list, a) => (a.id ? list.push(a) : undefined) } as Rule<Appliance[], ApplianceDraft>,
      }),
    }),
  }),
};

export function parseApplianceList(body: string | Buffer): Result<Appliance[]> {
  return readWhole(documentReader(APPLIANCE_RULES, [] as Appliance[], (list) => ok(list)), body);
}

type NetworkDraft = Mutable<Network>;

const NETWORK_RESPONSE: Rule<Network[]> = group<Network[]>({
  NETWORK_LIST: group<Network[]>({
    NETWORK: {
      create: () => ({ id: '', applianceIds: [] }),
      children: {
        ID: field<NetworkDraft>((n, v) => (n.id = v)),
        NAME: field<NetworkDraft>((n, v) => (n.name = v)),
        SCANNER_APPLIANCE_LIST: group<NetworkDraft>({ SCANNER_APPLIANCE: group<NetworkDraft>({ ID: field<NetworkDraft>((n, v) => n.applianceIds.push(v)) }) }),
      },
      done: (list, n) => (n.id ? list.push(n) : undefined),
    } as Rule<Network[], NetworkDraft>,
  }),
});

/**
 * The network list. Qualys' documented sample puts RESPONSE at the root under a NETWORK_LIST
 * DOCTYPE; a NETWORK_LIST_OUTPUT root is read the same way.
 */
export function parseNetworkList(body: string | Buffer): Result<Network[]> {
  const rules: Rules<Network[]> = { NETWORK_LIST_OUTPUT: group<Network[]>({ RESPONSE: NETWORK_RESPONSE }), RESPONSE: NETWORK_RESPONSE };
  return readWhole(documentReader(rules, [] as Network[], (list) => ok(list)), body);
}
