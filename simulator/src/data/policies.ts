// Compliance policies and their controls. Which hosts a policy covers, and each host's posture for each
// control, are hashes of (seed, policy, host, control): computed when asked, never stored.
import { hash, pick, pastDate } from '../rng';
import { OPERATING_SYSTEMS, OsFamily, TAGS, USERS } from './catalog';
import type { HostStore } from './hosts';

export interface Control {
  id: number;
  family: OsFamily;
  statement: string;
  criticality: { label: string; value: number };
  /** CIS/STIG reference style depends on the policy; stored per control kind below. */
  cisReference: string;
  stigReference: string;
  rationale: string;
  remediation: string;
  expected: string;
  deprecated: boolean;
}

export interface Policy {
  id: number;
  index: number;
  title: string;
  family: OsFamily;
  kind: 'CIS' | 'STIG' | 'Custom';
  created: { datetime: string; by: string };
  lastModified: { datetime: string; by: string };
  lastEvaluated: string;
  status: 'active' | 'inactive';
  locked: boolean;
  tagInclude: number[];
  tagIncludeSelector: 'ANY' | 'ALL';
  tagExclude: number[];
  tagExcludeSelector: 'ANY' | 'ALL';
  controls: Control[];
  /** Percentage (0-100) of the family's hosts the policy covers. */
  coverage: number;
}

export const CRITICALITIES = [
  { label: 'MINIMAL', value: 1 },
  { label: 'MEDIUM', value: 2 },
  { label: 'SERIOUS', value: 3 },
  { label: 'CRITICAL', value: 4 },
  { label: 'URGENT', value: 5 },
] as const;

const SETTINGS: Record<OsFamily, readonly string[]> = {
  windows: [
    "Status of the 'Minimum Password Length' setting",
    "Status of the 'Maximum Password Age' setting (expiration)",
    "Status of the 'Account Lockout Threshold' setting",
    "Status of the 'Allow Basic authentication' setting (WinRM client)",
    "Status of the 'Audit Logon' setting",
    "Status of the 'Windows Firewall: Domain: Firewall state' setting",
    "Status of the 'Interactive logon: Do not display last user name' setting",
    "Status of the 'Network security: LAN Manager authentication level' setting",
    "Status of the 'Remote Desktop Services: Require secure RPC communication' setting",
    "Status of the 'SMB v1 protocol' setting",
    "Status of the 'Guest account status' setting",
    "Status of the 'Enforce password history' setting",
  ],
  linux: [
    'Status of the cramfs Filesystems (modprobe)',
    "Status of the 'net.ipv4.conf.all.send_redirects' setting within the '/etc/sysctl.conf' file",
    "Status of the 'PermitRootLogin' setting in the '/etc/ssh/sshd_config' file",
    "Status of the 'PASS_MAX_DAYS' setting in '/etc/login.defs'",
    'Status of the permissions set on the /etc/shadow file',
    "Status of the 'auditd' service",
    "Status of the 'rsyslog' service",
    "Status of the 'Protocol' setting in the '/etc/ssh/sshd_config' file",
    'Status of the /tmp partition (separate partition)',
    "Status of the 'X11Forwarding' setting in the '/etc/ssh/sshd_config' file",
    "Status of the 'umask' setting in '/etc/profile'",
    'Status of the SELinux mode (enforcing)',
  ],
};

export class PolicyStore {
  readonly policies: Policy[] = [];
  readonly controls = new Map<number, Control>();

  constructor(private readonly seed: number, count: number) {
    // A pool of controls per family: each setting in a few variants (different control ids and criticality).
    const pool: Record<OsFamily, Control[]> = { windows: [], linux: [] };
    let cid = 1000;
    for (const family of ['windows', 'linux'] as const) {
      SETTINGS[family].forEach((statement, s) => {
        for (let v = 0; v < 3; v++) {
          cid += 1 + (hash(seed, 200, cid) % 7);
          const control = makeControl(seed, cid, family, v === 0 ? statement : `${statement} (${['', 'local policy', 'group policy'][v]})`, s, v);
          pool[family].push(control);
          this.controls.set(cid, control);
        }
      });
    }
    let pid = 597463;
    for (let p = 0; p < count; p++) {
      pid += 1 + (hash(seed, 210, p) % 900);
      const family: OsFamily = p % 2 === 0 ? 'windows' : 'linux';
      const kind = (['CIS', 'STIG', 'Custom'] as const)[p % 3];
      const os = OPERATING_SYSTEMS.filter((o) => o.family === family)[Math.floor(p / 2) % 4];
      const chosen = pool[family].filter((c) => hash(seed, 211, p, c.id) % 100 < 45);
      const controls = chosen.length > 0 ? chosen : pool[family].slice(0, 5);
      const by = pick(USERS, hash(seed, 212, p)).login;
      const withTags = hash(seed, 213, p) % 2 === 0;
      this.policies.push({
        id: pid,
        index: p,
        title: kind === 'Custom' ? `Custom ${family === 'windows' ? 'Windows' : 'Linux'} Hardening ${p + 1}` : `${kind} Benchmark for ${os.technology.name} v${1 + (p % 3)}.${p % 10}`,
        family,
        kind,
        created: { datetime: pastDate(hash(seed, 214, p), 700), by },
        lastModified: { datetime: pastDate(hash(seed, 215, p), 90), by },
        lastEvaluated: pastDate(hash(seed, 216, p), 3),
        status: hash(seed, 217, p) % 8 === 0 ? 'inactive' : 'active',
        locked: hash(seed, 218, p) % 5 === 0,
        tagInclude: withTags ? [family === 'windows' ? TAGS[0].id : TAGS[1].id, TAGS[2 + (p % 6)].id] : [],
        tagIncludeSelector: hash(seed, 219, p) % 2 === 0 ? 'ANY' : 'ALL',
        tagExclude: withTags && p % 3 === 0 ? [TAGS[3].id] : [],
        tagExcludeSelector: 'ALL',
        controls,
        coverage: 40 + (hash(seed, 220, p) % 50),
      });
    }
  }

  byId(id: number): Policy | undefined {
    return this.policies.find((p) => p.id === id);
  }

  covers(policy: Policy, hosts: HostStore, i: number): boolean {
    return hosts.osAt(i).family === policy.family && !hosts.isPurged(i) && hash(this.seed, 230, policy.id, i) % 100 < policy.coverage;
  }

  reference(policy: Policy, control: Control): string {
    return policy.kind === 'CIS' ? control.cisReference : policy.kind === 'STIG' ? control.stigReference : '';
  }

  /** The posture of one control on one host under one policy. */
  posture(policy: Policy, hostId: number, control: Control): Posture {
    const h = hash(this.seed, 240, policy.id, hostId, control.id);
    const roll = h % 100;
    const status: PostureStatus = roll < 62 ? 'Passed' : roll < 92 ? 'Failed' : 'Error';
    const prevRoll = hash(this.seed, 241, policy.id, hostId, control.id) % 100;
    const previousStatus: PostureStatus = prevRoll < 80 ? status : status === 'Passed' ? 'Failed' : 'Passed';
    const evaluated = pastDate(hash(this.seed, 242, policy.id, hostId), 5);
    const firstFail = status === 'Passed' ? '' : pastDate(hash(this.seed, 243, policy.id, hostId, control.id) , 200);
    const firstPass = status === 'Passed' ? pastDate(hash(this.seed, 244, policy.id, hostId, control.id), 200) : '';
    return {
      id: (policy.index + 1) * 10_000_000_000 + hostId * 100 + policy.controls.indexOf(control),
      status,
      previousStatus,
      firstFailDate: firstFail,
      lastFailDate: status === 'Passed' ? '' : evaluated,
      firstPassDate: firstPass,
      lastPassDate: status === 'Passed' ? evaluated : '',
      postureModifiedDate: pastDate(hash(this.seed, 245, policy.id, hostId, control.id), 60),
      lastEvaluatedDate: evaluated,
      current: status === 'Passed' ? control.expected : status === 'Failed' ? '0' : 'Unable to read the setting',
    };
  }
}

export type PostureStatus = 'Passed' | 'Failed' | 'Error';

export interface Posture {
  id: number;
  status: PostureStatus;
  previousStatus: PostureStatus;
  firstFailDate: string;
  lastFailDate: string;
  firstPassDate: string;
  lastPassDate: string;
  postureModifiedDate: string;
  lastEvaluatedDate: string;
  /** The current value reported as evidence. */
  current: string;
}

function makeControl(seed: number, id: number, family: OsFamily, statement: string, s: number, v: number): Control {
  const crit = CRITICALITIES[hash(seed, 201, id) % CRITICALITIES.length];
  return {
    id,
    family,
    statement,
    criticality: { ...crit },
    cisReference: `${1 + (s % 6)}.${1 + v}.${1 + (id % 9)}.${1 + (id % 4)}${v === 0 ? '.a' : ''}`,
    stigReference: `SV-${51000 + id}r${1 + v}_rule`,
    rationale: `${statement.replace(/^Status of the /, 'The ')} must be configured as the benchmark requires: a weak value widens the attack surface of the ${family === 'windows' ? 'Windows' : 'Linux'} host and makes unauthorized access easier.`,
    remediation: family === 'windows'
      ? `To establish the recommended configuration via GP, set the following UI path as required:\n\n\tComputer Configuration\\Policies\\Windows Settings\\Security Settings (control ${id})`
      : `Edit the configuration file and set the expected value, then run:\n# systemctl reload sshd\n(control ${id})`,
    expected: String(1 + (hash(seed, 202, id) % 14)),
    deprecated: hash(seed, 203, id) % 25 === 0,
  };
}
