// Authentication records: a few hundred, generated once from the seed and then kept in memory so that
// create/update/delete calls change what later lists return.
import { hash, pick, pastDate } from '../rng';
import { TAGS, TagEntry, USERS } from './catalog';

/** Record types the simulator serves at /api/2.0/fo/auth/{type}/ (a subset of list_record_types.htm). */
export const AUTH_TYPES = ['windows', 'unix', 'oracle', 'apache', 'ms_iis', 'ibm_websphere', 'tomcat', 'mysql', 'ms_sql', 'postgresql'] as const;
export type AuthType = (typeof AUTH_TYPES)[number];

/** Relative frequency of each type in the generated account. */
const WEIGHTS: Record<AuthType, number> = { windows: 25, unix: 25, oracle: 12, apache: 10, ms_iis: 4, ibm_websphere: 3, tomcat: 4, mysql: 6, ms_sql: 6, postgresql: 5 };

export interface TagSelection { selector: 'any' | 'all'; tags: TagEntry[] }

export interface AuthRecord {
  id: number;
  type: AuthType;
  title: string;
  username?: string;
  ips: string[];
  /** asset_type=asset_tags | ip_range_tag_rule (windows and unix only, seed 000). */
  tags?: { tagType: string; include: TagSelection; exclude?: TagSelection };
  networkId: number;
  created: { datetime: string; by: string };
  lastModified: string;
  comments?: string;
  /** Type-specific values keyed by their XML element name (IS_CDB, SID, NTLM_V2, UNIX_CONFIGURATION_FILE...). */
  fields: Record<string, string>;
}

export class AuthStore {
  readonly records: AuthRecord[] = [];
  private nextId: number;

  constructor(seed: number, count: number) {
    const total = Object.values(WEIGHTS).reduce((a, b) => a + b, 0);
    let id = 204001;
    for (let k = 0; k < count; k++) {
      let roll = hash(seed, 100, k) % total;
      let type: AuthType = 'windows';
      for (const t of AUTH_TYPES) {
        if (roll < WEIGHTS[t]) {
          type = t;
          break;
        }
        roll -= WEIGHTS[t];
      }
      id += 1 + (hash(seed, 101, k) % 4);
      this.records.push(generate(seed, k, id, type));
    }
    this.nextId = id + 1000;
  }

  ofType(type: AuthType): AuthRecord[] {
    return this.records.filter((r) => r.type === type);
  }

  byId(type: AuthType, id: number): AuthRecord | undefined {
    return this.records.find((r) => r.type === type && r.id === id);
  }

  titleTaken(title: string, exceptId?: number): boolean {
    return this.records.some((r) => r.title === title && r.id !== exceptId);
  }

  add(record: Omit<AuthRecord, 'id'>): AuthRecord {
    const full = { ...record, id: this.nextId++ };
    this.records.push(full);
    return full;
  }

  remove(id: number): void {
    const i = this.records.findIndex((r) => r.id === id);
    if (i >= 0) this.records.splice(i, 1);
  }
}

function generate(seed: number, k: number, id: number, type: AuthType): AuthRecord {
  const h = (n: number) => hash(seed, 110 + n, k);
  const created = pastDate(h(1), 900);
  const base: AuthRecord = {
    id,
    type,
    title: `${TITLES[type]} ${k + 1}`,
    ips: ipsFor(h(2)),
    networkId: 0,
    created: { datetime: created, by: pick(USERS, h(3)).login },
    lastModified: laterOf(created, pastDate(h(4), 30)),
    comments: h(5) % 3 === 0 ? `Generated ${type} record ${k + 1}` : undefined,
    fields: {},
  };
  switch (type) {
    case 'windows':
      base.username = pick(['administrator', 'svc_qualys', 'scan_user'], h(6));
      base.fields = { NTLM_V2: '1', WINDOWS_DOMAIN: h(7) % 2 === 0 ? 'corp.example.com' : '' };
      if (!base.fields.WINDOWS_DOMAIN) delete base.fields.WINDOWS_DOMAIN;
      if (h(8) % 3 === 0) tagRecord(base, h(9), TAGS[0]);
      break;
    case 'unix':
      base.username = pick(['root', 'qualys', 'scanner'], h(6));
      base.fields = { SKIP_PASSWORD: '0', CLEARTEXT_PASSWORD: '0', TARGET_TYPE: 'Auto (default)' };
      if (h(8) % 3 === 0) tagRecord(base, h(9), TAGS[1]);
      break;
    case 'oracle':
      base.username = pick(['OracleUser', 'system', 'qualys_scan'], h(6));
      base.fields = {
        [h(7) % 2 === 0 ? 'SID' : 'SERVICENAME']: pick(['orcl', 'QWEB', 'sid'], h(10)),
        PORT: pick(['All', '1521', '5857'], h(11)),
        IS_CDB: String(h(12) % 2),
        WINDOWS_OS_CHECKS: '0',
        UNIX_OPATCH_CHECKS: '0',
        UNIX_OS_CHECKS: '0',
        IS_SYSTEM_CREATED: '0',
        IS_ACTIVE: '1',
        IS_TEMPLATE: '0',
      };
      break;
    case 'apache': {
      const system = h(12) % 3 === 0;
      if (system) base.title = `Apache Web Server [System Created] ${k + 1}`;
      base.fields = {
        UNIX_CONFIGURATION_FILE: pick(['/etc/httpd/conf/httpd.conf', '/etc/apache2/apache2.conf'], h(10)),
        UNIX_CONTROL_COMMAND: pick(['/usr/sbin/apachectl', '/usr/sbin/apache2ctl'], h(11)),
        IS_SYSTEM_CREATED: system ? '1' : '0',
        IS_ACTIVE: h(13) % 4 === 0 ? '0' : '1',
      };
      break;
    }
    case 'ms_iis':
      base.fields = { IS_SYSTEM_CREATED: String(h(12) % 2), IS_ACTIVE: '1' };
      break;
    case 'ibm_websphere':
      base.fields = { UNIX_INSTALLATION_DIRECTORY: '/opt/IBM/WebSphere/AppServer', IS_SYSTEM_CREATED: String(h(12) % 2), IS_ACTIVE: '1' };
      break;
    case 'tomcat':
      base.fields = {
        UNIX_INSTALLATION_DIRECTORY: '/opt/tomcat',
        UNIX_INSTANCE_DIRECTORY: '/opt/tomcat/instances/default',
        IS_SYSTEM_CREATED: String(h(12) % 2),
        IS_ACTIVE: '1',
      };
      break;
    case 'mysql':
    case 'ms_sql':
    case 'postgresql':
      base.username = pick(['dbscan', 'qualys', 'auditor'], h(6));
      base.fields = { PORT: type === 'mysql' ? '3306' : type === 'ms_sql' ? '1433' : '5432', DATABASE: pick(['master', 'appdb', 'postgres'], h(10)) };
      break;
  }
  return base;
}

const TITLES: Record<AuthType, string> = {
  windows: 'Windows',
  unix: 'Unix',
  oracle: 'Oracle',
  apache: 'Apache',
  ms_iis: 'IIS',
  ibm_websphere: 'WebSphere',
  tomcat: 'Tomcat',
  mysql: 'MySQL',
  ms_sql: 'MS SQL',
  postgresql: 'PostgreSQL',
};

function ipsFor(h: number): string[] {
  const a = 10 + (h % 3);
  const b = (h >>> 8) % 256;
  if (h % 2 === 0) return [`10.${a}.${b}.${(h >>> 16) % 250}`];
  return [`10.${a}.${b}.1-10.${a}.${b}.254`, `10.${a}.${(b + 1) % 256}.10`];
}

function tagRecord(r: AuthRecord, h: number, osTag: TagEntry): void {
  r.ips = [];
  r.tags = {
    tagType: h % 2 === 0 ? 'asset_tags' : 'ip_range_tag_rule',
    include: { selector: h % 4 < 2 ? 'any' : 'all', tags: [osTag] },
    exclude: h % 3 === 0 ? { selector: 'any', tags: [TAGS[3]] } : { selector: 'any', tags: [] },
  };
}

function laterOf(a: string, b: string): string {
  return a > b ? a : b;
}
