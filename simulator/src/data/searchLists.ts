// QID search lists of the generated account. Static lists hold QIDs of the KnowledgeBase pool; a
// dynamic list holds criteria, and its QIDs are whatever in the pool matches them. Create, update and
// delete change the lists for the rest of the run.
import { USERS } from './catalog';
import { DATA_EPOCH_MS, hash, pick } from '../rng';
import type { VulnStore } from './vulns';

export interface SearchListBase {
  id: number;
  title: string;
  global: boolean;
  owner: string;
  created: string;
  modified: string;
  modifiedBy: string;
  comments?: string;
}

export interface StaticList extends SearchListBase { kind: 'static'; qids: number[] }

/** The criteria the simulator evaluates (a subset of Qualys' dynamic list criteria). */
export interface DynamicCriteria {
  vulnTitle?: string;
  confirmedSeverities?: number[];
  potentialSeverities?: number[];
  igSeverities?: number[];
  patchAvailable?: boolean;
  categories?: string[];
  cveIds?: string[];
}

export interface DynamicList extends SearchListBase { kind: 'dynamic'; criteria: DynamicCriteria }

export type SearchList = StaticList | DynamicList;

export const FIRST_STATIC_ID = 4101;
export const FIRST_DYNAMIC_ID = 4201;

/** "04/27/2018 at 15:18:42 (GMT+0000)", the form the search list output uses for dates. */
export function listDate(ms: number): string {
  const d = new Date(ms);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(d.getUTCMonth() + 1)}/${p(d.getUTCDate())}/${d.getUTCFullYear()} at ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} (GMT+0000)`;
}

export class SearchListStore {
  private readonly lists = new Map<number, SearchList>();
  private nextStatic = FIRST_STATIC_ID + 100;
  private nextDynamic = FIRST_DYNAMIC_ID + 100;

  constructor(seed: number, private readonly vulns: VulnStore) {
    const s = seed;
    const base = (id: number, k: number, title: string): SearchListBase => {
      const when = DATA_EPOCH_MS - (20 + (hash(s, 110, k) % 300)) * 86_400_000;
      const owner = pick(USERS, hash(s, 111, k)).login;
      return { id, title, global: hash(s, 112, k) % 2 === 0, owner, created: listDate(when), modified: listDate(when + 86_400_000), modifiedBy: owner };
    };
    const staticTitles = ['Critical web QIDs', 'Exploitable', 'Quarterly PCI exceptions', 'Audit findings 2025', 'SSH hardening'];
    staticTitles.forEach((title, k) => {
      const pool = vulns.vulns.filter((v) => v.type !== 'Information Gathered');
      const qids = Array.from({ length: 4 + (hash(s, 113, k) % 10) }, (_, q) => pool[hash(s, 114, k, q) % pool.length]!.qid);
      this.lists.set(FIRST_STATIC_ID + k, { ...base(FIRST_STATIC_ID + k, k, title), kind: 'static', qids: [...new Set(qids)].sort((a, b) => a - b) });
    });
    const dynamic: Array<[string, DynamicCriteria]> = [
      ['Patchable 4-5', { confirmedSeverities: [4, 5], patchAvailable: true }],
      ['Potential 5', { potentialSeverities: [5] }],
      ['Windows', { categories: ['Windows'] }],
      ['OpenSSH', { vulnTitle: 'OpenSSH' }],
    ];
    dynamic.forEach(([title, criteria], k) => this.lists.set(FIRST_DYNAMIC_ID + k, { ...base(FIRST_DYNAMIC_ID + k, 50 + k, title), kind: 'dynamic', criteria }));
  }

  all(kind: SearchList['kind']): SearchList[] {
    return [...this.lists.values()].filter((l) => l.kind === kind).sort((a, b) => a.id - b.id);
  }

  get(id: number): SearchList | undefined {
    return this.lists.get(id);
  }

  /** The QIDs of a list: its own (static) or the pool's that match its criteria (dynamic). */
  qidsOf(list: SearchList): number[] {
    if (list.kind === 'static') return list.qids;
    const c = list.criteria;
    return this.vulns.vulns
      .filter((v) => {
        const sev = v.type === 'Vulnerability' ? c.confirmedSeverities : v.type === 'Potential Vulnerability' ? c.potentialSeverities : c.igSeverities;
        const anySev = c.confirmedSeverities || c.potentialSeverities || c.igSeverities;
        if (anySev && !sev?.includes(v.severity)) return false;
        if (c.patchAvailable !== undefined && v.patchable !== c.patchAvailable) return false;
        if (c.categories && !c.categories.includes(v.category)) return false;
        if (c.vulnTitle && !v.title.toLowerCase().includes(c.vulnTitle.toLowerCase())) return false;
        if (c.cveIds && !v.cves.some((cve) => c.cveIds!.includes(cve))) return false;
        return true;
      })
      .map((v) => v.qid);
  }

  create(list: Omit<StaticList, 'id'> | Omit<DynamicList, 'id'>): SearchList {
    const id = list.kind === 'static' ? this.nextStatic++ : this.nextDynamic++;
    const created = { ...list, id } as SearchList;
    this.lists.set(id, created);
    return created;
  }

  update(id: number, change: Partial<StaticList> | Partial<DynamicList>): SearchList | undefined {
    const list = this.lists.get(id);
    if (!list) return undefined;
    const updated = { ...list, ...change, id, kind: list.kind } as SearchList;
    this.lists.set(id, updated);
    return updated;
  }

  delete(id: number): boolean {
    return this.lists.delete(id);
  }
}
