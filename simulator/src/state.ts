// Everything one simulator instance knows: its resolved options, the generated account, faults and limits.
import { AssetGroupMembers } from './data/assets';
import { AuthStore } from './data/authRecords';
import { HostStore } from './data/hosts';
import { OptionProfileStore } from './data/optionProfiles';
import { PolicyStore } from './data/policies';
import { QpsStore } from './data/qps';
import { ReportStore } from './data/reports';
import { ScanStore } from './data/scans';
import { SearchListStore } from './data/searchLists';
import { VulnStore } from './data/vulns';
import { JwtIssuer } from './jwt';
import { Limiter } from './limits';
import { Faults, SimulatorOptions, noFaults } from './types';

export interface ResolvedOptions {
  seed: number;
  hosts: number;
  policies: number;
  authRecords: number;
  user: string;
  password: string;
  pageSize: number;
  concurrencyLimit: number;
  rateLimit: { limit: number; windowSec: number };
  jwtLifetimeSec: number;
  fixedTime?: string;
}

export function resolveOptions(o: SimulatorOptions = {}): ResolvedOptions {
  return {
    seed: o.seed ?? 1,
    hosts: o.hosts ?? 2000,
    policies: o.policies ?? 12,
    authRecords: o.authRecords ?? 300,
    user: o.user ?? 'demo',
    password: o.password ?? 'demo',
    pageSize: o.pageSize ?? 1000,
    concurrencyLimit: o.concurrencyLimit ?? 2,
    rateLimit: o.rateLimit ?? { limit: 300, windowSec: 3600 },
    jwtLifetimeSec: o.jwtLifetimeSec ?? 14400,
    fixedTime: o.fixedTime,
  };
}

export class SimState {
  readonly opts: ResolvedOptions;
  readonly hosts: HostStore;
  readonly groupMembers: AssetGroupMembers;
  readonly auth: AuthStore;
  readonly policies: PolicyStore;
  readonly profiles: OptionProfileStore;
  readonly qps: QpsStore;
  // VM: KnowledgeBase, scans, reports and templates, search lists (issue 9).
  readonly vulns: VulnStore;
  readonly scans: ScanStore;
  readonly reports: ReportStore;
  readonly searchLists: SearchListStore;
  readonly limiter: Limiter;
  readonly jwt: JwtIssuer;
  faults: Faults;

  constructor(options: SimulatorOptions = {}) {
    this.opts = resolveOptions(options);
    const { seed } = this.opts;
    this.hosts = new HostStore(seed, this.opts.hosts);
    this.groupMembers = new AssetGroupMembers(this.hosts);
    this.auth = new AuthStore(seed, this.opts.authRecords);
    this.policies = new PolicyStore(seed, this.opts.policies);
    this.profiles = new OptionProfileStore();
    this.qps = new QpsStore();
    this.vulns = new VulnStore(seed);
    this.scans = new ScanStore(seed, (i) => this.hosts.ipAt(i), this.opts.hosts);
    this.reports = new ReportStore(seed);
    this.searchLists = new SearchListStore(seed, this.vulns);
    this.limiter = new Limiter(this.opts.rateLimit.limit, this.opts.rateLimit.windowSec, this.opts.concurrencyLimit);
    this.jwt = new JwtIssuer(`sim-${seed}-${Math.random()}`, this.opts.jwtLifetimeSec);
    this.faults = { ...noFaults, ...options.faults };
  }

  setFaults(f: Partial<Faults>): void {
    this.faults = { ...this.faults, ...f };
  }

  nowMs(): number {
    return Date.now();
  }

  /** RESPONSE/DATETIME. */
  datetime(): string {
    return this.opts.fixedTime ?? new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
  }
}
