// VM scans of the generated account: a fixed history (a pure function of the seed) plus what launch,
// cancel, pause, resume and delete changed in this run.
import { ASSET_GROUPS, USERS } from './catalog';
import { DATA_EPOCH_MS, hash, isoSeconds, pick } from '../rng';

export type ScanState = 'Running' | 'Paused' | 'Canceled' | 'Finished' | 'Error' | 'Queued' | 'Loading' | 'Submitted';

export interface Scan {
  ref: string;
  title: string;
  type: 'On-Demand' | 'Scheduled' | 'API';
  userLogin: string;
  launched: string;
  duration: string;
  priority: number;
  processed: boolean;
  state: ScanState;
  subState?: string;
  target: string;
  optionProfile: string;
  assetGroups: string[];
}

export const PRIORITY_LABELS = ['No Priority', 'Emergency', 'Ultimate', 'Critical', 'Major', 'High', 'Standard', 'Medium', 'Minor', 'Low'];
const TITLES = ['Weekly DMZ scan', 'Datacenter servers', 'Cloud instances', 'Monthly full scan', 'Patch verification', 'Perimeter scan', 'PCI quarterly'];
export const OPTION_PROFILE_TITLES = ['Initial Options', 'Qualys Top 20 Options', 'Payment Card Industry (PCI) Options', 'Authenticated Scan'];

/** How many scans the history holds. */
export const SCAN_HISTORY = 24;

export class ScanStore {
  private readonly scans: Scan[];
  private next = 0;

  constructor(seed: number, ipAt: (i: number) => string, hostCount: number) {
    const s = seed;
    this.scans = Array.from({ length: SCAN_HISTORY }, (_, k) => {
      const launchedMs = DATA_EPOCH_MS - (k * 2.5 + (hash(s, 80, k) % 12) / 10) * 86_400_000;
      const roll = hash(s, 81, k) % 20;
      const state: ScanState = k === 0 ? 'Running' : k === 1 ? 'Queued' : roll === 0 ? 'Canceled' : roll === 1 ? 'Error' : roll === 2 ? 'Paused' : 'Finished';
      const from = hash(s, 82, k) % Math.max(1, hostCount);
      const to = Math.min(hostCount - 1, from + 20 + (hash(s, 83, k) % 200));
      const group = pick(ASSET_GROUPS, hash(s, 84, k));
      const minutes = 5 + (hash(s, 85, k) % 240);
      return {
        ref: `scan/${Math.floor(launchedMs / 1000)}.${String(10000 + k).padStart(5, '0')}`,
        title: `${pick(TITLES, hash(s, 86, k))} ${isoSeconds(launchedMs).slice(0, 10)}`,
        type: pick(['Scheduled', 'Scheduled', 'On-Demand', 'API'] as const, hash(s, 87, k)),
        userLogin: pick(USERS, hash(s, 88, k)).login,
        launched: isoSeconds(launchedMs),
        duration: state === 'Finished' ? `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}:${String(hash(s, 89, k) % 60).padStart(2, '0')}` : 'Pending',
        priority: hash(s, 90, k) % 4 === 0 ? 1 + (hash(s, 91, k) % 9) : 0,
        processed: state === 'Finished',
        state,
        ...(state === 'Finished' && hash(s, 92, k) % 5 === 0 ? { subState: 'No_Vuln' } : {}),
        target: hostCount > 0 ? `${ipAt(from)}-${ipAt(to)}` : '10.10.0.1',
        optionProfile: pick(OPTION_PROFILE_TITLES, hash(s, 93, k)),
        assetGroups: [group.title],
      };
    });
  }

  list(): readonly Scan[] {
    return this.scans;
  }

  find(ref: string): Scan | undefined {
    return this.scans.find((scan) => scan.ref === ref);
  }

  /** A launched scan starts Queued and is listed first, like the newest scan of a real account. */
  launch(fields: { title: string; target: string; optionProfile: string; user: string; priority: number; nowMs: number }): Scan {
    const scan: Scan = {
      ref: `scan/${Math.floor(fields.nowMs / 1000)}.${String(50000 + this.next++).padStart(5, '0')}`,
      title: fields.title,
      type: 'API',
      userLogin: fields.user,
      launched: isoSeconds(fields.nowMs),
      duration: 'Pending',
      priority: fields.priority,
      processed: false,
      state: 'Queued',
      target: fields.target,
      optionProfile: fields.optionProfile,
      assetGroups: [],
    };
    this.scans.unshift(scan);
    return scan;
  }

  remove(ref: string): boolean {
    const i = this.scans.findIndex((scan) => scan.ref === ref);
    if (i < 0) return false;
    this.scans.splice(i, 1);
    return true;
  }
}
