// The account's asset groups, networks, scanner appliances, excluded IPs and virtual hosts. Group IP sets
// are computed from the generated hosts (each host belongs to one group of catalog.ts), so the asset
// group list, the host list's ag_ids filter and the IP list always agree.
import { ASSET_GROUPS, DNS_DOMAIN, TAGS, USERS } from './catalog';
import { ipToNumber, type HostStore } from './hosts';

export interface Network { id: number; name: string }

/** Network 0 is the Global Default Network every subscription has. */
export const NETWORKS: readonly Network[] = [
  { id: 0, name: 'Global Default Network' },
  { id: 1001, name: 'DMZ' },
  { id: 1002, name: 'Datacenter West' },
];

export interface Appliance {
  id: number;
  uuid: string;
  name: string;
  type: 'physical' | 'virtual';
  networkId: number;
  status: 'Online' | 'Offline';
  softwareVersion: string;
  model: string;
  serial?: string;
  pollingInterval: number;
  heartbeatsMissed: number;
  /** The scan it runs now, if busy. */
  runningScan?: { ref: string; title: string };
  tagIds: number[];
  vlans: { id: number; ip: string; netmask: string; name: string }[];
  routes: { ip: string; netmask: string; gateway: string; name: string }[];
  comments: string;
  lastUpdated: string;
}

export const APPLIANCES: readonly Appliance[] = [
  {
    id: 43575, uuid: '7c1e1b8e-5e2a-4a51-9c4e-2f0e6f1a0a01', name: 'scanner-dc1', type: 'physical', networkId: 0, status: 'Online', softwareVersion: '2.6.30-1',
    model: 'QGSCANNER 3.0', serial: 'QG-2143-0007', pollingInterval: 180, heartbeatsMissed: 0, tagIds: [TAGS[2].id], comments: 'Rack 4',
    vlans: [{ id: 10, ip: '10.10.0.2', netmask: '255.255.0.0', name: 'servers' }], routes: [{ ip: '10.20.0.0', netmask: '255.255.0.0', gateway: '10.10.0.1', name: 'to-dc2' }], lastUpdated: '2026-02-01T08:00:00Z',
  },
  {
    id: 43576, uuid: '7c1e1b8e-5e2a-4a51-9c4e-2f0e6f1a0a02', name: 'scanner-dmz', type: 'virtual', networkId: 1001, status: 'Online', softwareVersion: '2.6.30-1',
    model: 'Virtual Scanner', pollingInterval: 180, heartbeatsMissed: 0, runningScan: { ref: 'scan/1767254400.43576', title: 'DMZ weekly' }, tagIds: [TAGS[5].id], comments: '',
    vlans: [], routes: [], lastUpdated: '2026-02-03T08:00:00Z',
  },
  {
    id: 43577, uuid: '7c1e1b8e-5e2a-4a51-9c4e-2f0e6f1a0a03', name: 'scanner-cloud', type: 'virtual', networkId: 1002, status: 'Offline', softwareVersion: '2.6.28-2',
    model: 'Virtual Scanner', pollingInterval: 300, heartbeatsMissed: 4, tagIds: [], comments: 'Waiting for the new VPC',
    vlans: [], routes: [], lastUpdated: '2026-01-11T08:00:00Z',
  },
];

export interface AssetGroupInfo {
  id: number;
  title: string;
  ownerLogin: string;
  ownerId: number;
  unitId: number;
  networkId: number;
  lastUpdate: string;
  businessImpact: string;
  cvss: { cdp: string; td: string; cr: string; ir: string; ar: string };
  applianceIds: number[];
  defaultApplianceId?: number;
  dnsNames: string[];
  netbiosNames: string[];
  domains: { name: string; netblock: string }[];
  comments: string;
}

/** What a group has besides its hosts; one entry per group of catalog.ts, in the same order. */
export const ASSET_GROUP_INFO: readonly AssetGroupInfo[] = [
  {
    ...ASSET_GROUPS[0], ownerLogin: USERS[0].login, ownerId: 1001001, unitId: 0, networkId: 0, lastUpdate: '2026-01-20T10:15:00Z', businessImpact: 'High',
    cvss: { cdp: 'Not Defined', td: 'Not Defined', cr: 'Not Defined', ir: 'Not Defined', ar: 'Not Defined' }, applianceIds: [43575], defaultApplianceId: 43575,
    dnsNames: [], netbiosNames: [], domains: [], comments: 'Hosts whose tracking method changes',
  },
  {
    ...ASSET_GROUPS[1], ownerLogin: USERS[1].login, ownerId: 1001002, unitId: 0, networkId: 0, lastUpdate: '2026-02-02T09:00:00Z', businessImpact: 'Critical',
    cvss: { cdp: 'High', td: 'Medium', cr: 'High', ir: 'High', ar: 'Medium' }, applianceIds: [43575, 43576], defaultApplianceId: 43575,
    dnsNames: [`db01.${DNS_DOMAIN}`], netbiosNames: ['WIN-000001'], domains: [{ name: DNS_DOMAIN, netblock: '10.10.0.0-10.10.255.255' }], comments: 'Datacenter hosts',
  },
  {
    ...ASSET_GROUPS[2], ownerLogin: USERS[2].login, ownerId: 1001003, unitId: 0, networkId: 0, lastUpdate: '2026-02-10T16:30:00Z', businessImpact: 'Medium',
    cvss: { cdp: 'Low', td: 'Low', cr: 'Medium', ir: 'Medium', ar: 'Low' }, applianceIds: [43577], defaultApplianceId: 43577,
    dnsNames: [], netbiosNames: [], domains: [], comments: '',
  },
];

/** IPs excluded from scanning (IP and IP_RANGE items of IP_LIST_OUTPUT). */
export const EXCLUDED_IPS: readonly string[] = ['10.10.0.5-10.10.0.6', '10.10.3.17', '192.168.100.1-192.168.100.20'];

export interface VirtualHost { ip: string; port: number; networkId: number; fqdns: string[] }

export const VIRTUAL_HOSTS: readonly VirtualHost[] = [
  { ip: '10.10.0.12', port: 443, networkId: 0, fqdns: [`www.${DNS_DOMAIN}`, `shop.${DNS_DOMAIN}`] },
  { ip: '10.10.0.40', port: 8080, networkId: 0, fqdns: [`intranet.${DNS_DOMAIN}`] },
];

export function numberToIp(n: number): string {
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
}

/** Sorted IP numbers as IP_SET items: runs of consecutive addresses become one range. */
export function ipSetItems(numbers: readonly number[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < numbers.length; ) {
    let j = i;
    while (j + 1 < numbers.length && numbers[j + 1] === numbers[j] + 1) j++;
    out.push(i === j ? numberToIp(numbers[i]) : `${numberToIp(numbers[i])}-${numberToIp(numbers[j])}`);
    i = j + 1;
  }
  return out;
}

/** Group ID -> the sorted IP numbers and host IDs of its hosts; computed once per host store. */
export class AssetGroupMembers {
  private members?: Map<number, { ips: number[]; hostIds: number[] }>;

  constructor(private readonly hosts: HostStore) {}

  of(groupId: number): { ips: number[]; hostIds: number[] } {
    if (!this.members) {
      const members = new Map<number, { ips: number[]; hostIds: number[] }>(ASSET_GROUPS.map((g) => [g.id, { ips: [], hostIds: [] }]));
      for (let i = 0; i < this.hosts.count; i++) {
        const entry = members.get(this.hosts.assetGroupIdAt(i))!;
        entry.ips.push(ipToNumber(this.hosts.ipAt(i))!);
        entry.hostIds.push(this.hosts.idAt(i));
      }
      this.members = members;
    }
    return this.members.get(groupId) ?? { ips: [], hostIds: [] };
  }
}
