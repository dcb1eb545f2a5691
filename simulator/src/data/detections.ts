// A host's detections are a pure function of (seed, host index): nothing is generated until a host is
// written, so 100,000 hosts with ~20 detections each cost nothing until a page of them is listed.
import type { Host } from './hosts';
import { DATA_EPOCH_MS, hash, isoSeconds } from '../rng';
import type { Vuln, VulnStore } from './vulns';

export type DetectionStatus = 'New' | 'Active' | 'Fixed' | 'Re-Opened';
export type DetectionType = 'Confirmed' | 'Potential' | 'Info';

export interface Detection {
  uniqueId: number;
  vuln: Vuln;
  type: DetectionType;
  status: DetectionStatus;
  firstFound: string;
  lastFound: string;
  timesFound: number;
  lastTest: string;
  lastUpdate: string;
  lastProcessed: string;
  lastFixed?: string;
  reopened?: { first: string; last: string; times: number };
  qds: number;
  ignored: boolean;
  disabled: boolean;
  results: string;
  affectRunningKernel?: boolean;
}

const DAY = 86_400_000;

/** Detections per host: 12 to 28 (about 20 on average). */
export function detectionCount(seed: number, index: number): number {
  return 12 + (hash(seed, 60, index) % 17);
}

export function qdsSeverity(qds: number): 'LOW' | 'MEDIUM' | 'HIGH' | 'CRITICAL' {
  return qds >= 90 ? 'CRITICAL' : qds >= 70 ? 'HIGH' : qds >= 40 ? 'MEDIUM' : 'LOW';
}

function typeOf(v: Vuln): DetectionType {
  return v.type === 'Vulnerability' ? 'Confirmed' : v.type === 'Potential Vulnerability' ? 'Potential' : 'Info';
}

/** The detections of one host, in QID order (as Qualys lists them). */
export function detectionsOf(seed: number, vulns: VulnStore, host: Host): Detection[] {
  const i = host.index;
  const pool = vulns.forPlatform[host.os.family];
  const count = detectionCount(seed, i);
  const picked = new Set<number>();
  // Two or three information gathered QIDs, the rest from the host's platform: distinct indexes by a stride.
  const igs = vulns.infoGathered;
  const igCount = 2 + (hash(seed, 61, i) % 2);
  for (let k = 0; k < igCount; k++) picked.add(igs[(hash(seed, 62, i) + k * 3) % igs.length]!);
  const start = hash(seed, 63, i) % pool.length;
  const stride = 1 + (hash(seed, 64, i) % 7) * 2; // odd, so the walk does not repeat early
  for (let k = 0; picked.size < count && k < pool.length; k++) picked.add(pool[(start + k * stride) % pool.length]!);
  const scanned = Date.parse(host.lastVulnScan);
  const out: Detection[] = [];
  for (const index of [...picked].sort((a, b) => a - b)) {
    const v = vulns.vulns[index]!;
    // One hash per detection; its other values come from independent bit ranges of a second one.
    const h = hash(seed, 65, i, v.qid);
    const g = hash(seed, 66, i, v.qid);
    const roll = h % 100;
    const status: DetectionStatus = v.type === 'Information Gathered' ? 'Active' : roll < 12 ? 'New' : roll < 72 ? 'Active' : roll < 90 ? 'Fixed' : 'Re-Opened';
    const firstMs = scanned - (5 + (g % 400)) * DAY;
    const fixed = status === 'Fixed';
    const lastFoundMs = fixed ? scanned - (1 + (h % 20)) * DAY : scanned;
    const timesFound = Math.max(1, Math.round((lastFoundMs - firstMs) / (7 * DAY)));
    const updateMs = status === 'New' ? firstMs : fixed ? scanned : scanned - (h % 30) * DAY;
    const qdsBase = v.severity * 18 + Math.round(v.cvss3.base * 2) - 10 + ((g >>> 9) % 12);
    const reopened = status === 'Re-Opened' ? { first: isoSeconds(firstMs + 30 * DAY), last: isoSeconds(scanned - 2 * DAY), times: 1 + (h % 3) } : undefined;
    out.push({
      uniqueId: 500_000_000 + i * 40 + out.length,
      vuln: v,
      type: typeOf(v),
      status,
      firstFound: isoSeconds(firstMs),
      lastFound: isoSeconds(lastFoundMs),
      timesFound,
      lastTest: isoSeconds(scanned),
      lastUpdate: isoSeconds(Math.min(updateMs, DATA_EPOCH_MS)),
      lastProcessed: isoSeconds(scanned + 600_000),
      ...(fixed ? { lastFixed: isoSeconds(scanned) } : {}),
      ...(reopened ? { reopened } : {}),
      qds: Math.max(1, Math.min(100, qdsBase)),
      ignored: (g >>> 13) % 50 === 0,
      disabled: (g >>> 19) % 97 === 0,
      results: resultsText(v, host),
      ...(v.category === 'RedHat' || v.category === 'Ubuntu' || v.category === 'Amazon Linux' ? { affectRunningKernel: (h >>> 11) % 3 !== 0 } : {}),
    });
  }
  return out;
}

function resultsText(v: Vuln, host: Host): string {
  if (v.type === 'Information Gathered') return v.title === 'Operating System Detected' ? `${host.os.name}\tTCP/IP Fingerprint` : `${v.title}: see the scan for details`;
  if (v.port) return `${v.title.split(' (')[0]} detected on port ${v.port.port}/${v.port.protocol}`;
  return `Installed version of ${v.title.split(' ')[1] ?? 'the product'} is vulnerable\tFixed version is available`;
}
