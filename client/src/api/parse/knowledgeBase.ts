/**
 * KNOWLEDGE_BASE_VULN_LIST_OUTPUT (/api/2.0/fo/knowledge_base/vuln/?action=list, details=All): one
 * entry per QID, with what a lookup shows. Texts (diagnosis, consequence, solution) are HTML as
 * Qualys writes them; each is cut at TEXT_LIMIT characters so one entry stays small in the cache.
 * Read as it streams (stream/recordList.ts); elements a lookup does not show are skipped unread.
 */
import type { Paged } from '../ops/paging';
import { ok, type Result } from '../result';
import { mapReader, readWhole, type DocumentReader } from '../stream/documentReader';
import { date, field, flag, group } from '../stream/pageRules';
import { listReader, texts, type ListSpec } from '../stream/recordList';
import type { Rule, Rules } from '../stream/recordReader';
import { compact } from './compact';

export interface KbCvss {
  readonly base?: number;
  readonly temporal?: number;
  readonly vector?: string;
}

export interface KbReference {
  readonly id: string;
  readonly url?: string;
}

export interface KbEntry {
  readonly qid: string;
  /** Vulnerability, Potential Vulnerability or Information Gathered. */
  readonly type?: string;
  /** 1-5; the subscription's own severity when it customised the QID. */
  readonly severity?: number;
  readonly title?: string;
  readonly category?: string;
  readonly published?: string;
  /** LAST_SERVICE_MODIFICATION_DATETIME. */
  readonly modified?: string;
  /** LAST_CUSTOMIZATION/DATETIME, when the subscription edited the QID. */
  readonly customized?: string;
  readonly patchable?: boolean;
  readonly cves: readonly string[];
  readonly vendorRefs: readonly KbReference[];
  readonly software: readonly string[];
  readonly cvss?: KbCvss;
  readonly cvss3?: KbCvss;
  readonly diagnosis?: string;
  readonly consequence?: string;
  readonly solution?: string;
  readonly pci?: boolean;
  /** THREAT_INTELLIGENCE/THREAT_INTEL texts (Exploit_Public, Active_Attacks...). */
  readonly threats: readonly string[];
  /** Public exploit references (CORRELATION/EXPLOITS). */
  readonly exploits: number;
  readonly disabled?: boolean;
}

/** Characters kept of each HTML text of an entry (a few KnowledgeBase texts run to tens of KB). */
export const TEXT_LIMIT = 8000;

export interface KbPage {
  /** RESPONSE/DATETIME: the time of Qualys' answer (the next refresh asks for changes after it). */
  readonly datetime?: string;
  readonly entries: readonly KbEntry[];
}

type Draft = {
  -readonly [K in keyof KbEntry]?: KbEntry[K] extends readonly (infer E)[] ? E[] : KbEntry[K];
};
type CvssDraft = { -readonly [K in keyof KbCvss]?: KbCvss[K] };
type RefDraft = { id?: string; url?: string };

function list<K extends 'cves' | 'software' | 'threats'>(d: Draft, key: K): string[] {
  return (d[key] ??= []) as string[];
}

function cut(value: string): string {
  return value.length > TEXT_LIMIT ? `${value.slice(0, TEXT_LIMIT)} …` : value;
}

function number(value: string): number | undefined {
  const n = Number(value);
  return Number.isFinite(n) ? n : undefined;
}

function cvssRule(key: 'cvss' | 'cvss3'): Rule<Draft, CvssDraft> {
  return {
    create: (d) => (d[key] = {}),
    children: {
      BASE: field<CvssDraft>((c, v) => (c.base = number(v))),
      TEMPORAL: field<CvssDraft>((c, v) => (c.temporal = number(v))),
      VECTOR_STRING: field<CvssDraft>((c, v) => (c.vector = v)),
    },
  };
}

const referenceRule: Rule<Draft, RefDraft> = {
  create: () => ({}),
  children: { ID: field<RefDraft>((r, v) => (r.id = v)), URL: field<RefDraft>((r, v) => (r.url = v.replace(/\s+/g, ''))) },
  done: (d, r) => {
    if (r.id) (d.vendorRefs ??= []).push(compact(r) as KbReference);
  },
};

const FIELDS: Rules<Draft> = {
  ...texts<Draft>({ QID: 'qid', VULN_TYPE: 'type', TITLE: 'title', CATEGORY: 'category' }),
  SEVERITY_LEVEL: field<Draft>((d, v) => (d.severity = number(v))),
  PUBLISHED_DATETIME: field<Draft>((d, v) => (d.published = date(v))),
  LAST_SERVICE_MODIFICATION_DATETIME: field<Draft>((d, v) => (d.modified = date(v))),
  LAST_CUSTOMIZATION: group<Draft>({ DATETIME: field<Draft>((d, v) => (d.customized = date(v))) }),
  PATCHABLE: field<Draft>((d, v) => (d.patchable = flag(v))),
  CVE_LIST: group<Draft>({ CVE: group<Draft>({ ID: field<Draft>((d, v) => list(d, 'cves').push(v)) }) }),
  SOFTWARE_LIST: group<Draft>({ SOFTWARE: group<Draft>({ PRODUCT: field<Draft>((d, v) => list(d, 'software').push(v)) }) }),
  VENDOR_REFERENCE_LIST: group<Draft>({ VENDOR_REFERENCE: referenceRule as Rule<Draft, unknown> }),
  DIAGNOSIS: field<Draft>((d, v) => (d.diagnosis = cut(v))),
  CONSEQUENCE: field<Draft>((d, v) => (d.consequence = cut(v))),
  SOLUTION: field<Draft>((d, v) => (d.solution = cut(v))),
  CORRELATION: group<Draft>({ EXPLOITS: group<Draft>({ EXPLT_SRC: group<Draft>({ EXPLT_LIST: group<Draft>({ EXPLT: { create: (d: Draft) => d, done: (d: Draft) => (d.exploits = (d.exploits ?? 0) + 1) } as Rule<Draft, unknown> }) }) }) }),
  CVSS: cvssRule('cvss') as Rule<Draft, unknown>,
  CVSS_V3: cvssRule('cvss3') as Rule<Draft, unknown>,
  PCI_FLAG: field<Draft>((d, v) => (d.pci = flag(v))),
  THREAT_INTELLIGENCE: group<Draft>({ THREAT_INTEL: field<Draft>((d, v) => list(d, 'threats').push(v)) }),
  IS_DISABLED: field<Draft>((d, v) => (d.disabled = flag(v))),
};

const KB: ListSpec<Draft, KbEntry> = {
  roots: ['KNOWLEDGE_BASE_VULN_LIST_OUTPUT'],
  path: ['RESPONSE', 'VULN_LIST', 'VULN'],
  record: {
    create: () => ({}),
    fields: FIELDS,
    finish: (d) => (d.qid ? (compact({ ...d, qid: d.qid, cves: d.cves ?? [], vendorRefs: d.vendorRefs ?? [], software: d.software ?? [], threats: d.threats ?? [], exploits: d.exploits ?? 0 }) as KbEntry) : undefined),
  },
};

/** Reads a KnowledgeBase answer as it streams. */
export function kbReader(): DocumentReader<KbPage & Paged> {
  return mapReader(listReader(KB), (page) => ok(compact({ datetime: page.datetime, entries: page.records, ...(page.warning ? { warning: page.warning } : {}) })));
}

export function parseKnowledgeBase(body: string | Buffer): Result<KbPage> {
  return readWhole(kbReader(), body);
}
