/**
 * The VM lists live completion values come from: SCAN_LIST_OUTPUT (VM and compliance scans),
 * REPORT_LIST_OUTPUT, the v1 REPORT_TEMPLATE_LIST and STATIC/DYNAMIC_SEARCH_LIST_OUTPUT. Each keeps
 * what completion shows (ID or reference, title, state or type); shapes as in the simulator's DTDs
 * (test/simulator/dtd/README.md). An echoed REQUEST is ignored. Each list is one ListSpec: read as it
 * streams, only the fields below decoded.
 */
import type { Result } from '../result';
import { flag, group, field } from '../stream/pageRules';
import { readList, texts, type ListSpec } from '../stream/recordList';
import { compact } from './compact';

export interface ScanSummary {
  readonly ref: string;
  readonly title?: string;
  readonly type?: string;
  readonly state?: string;
  readonly launched?: string;
  readonly target?: string;
}

export interface ReportSummary {
  readonly id: string;
  readonly title?: string;
  readonly type?: string;
  readonly state?: string;
  readonly outputFormat?: string;
  readonly launched?: string;
}

export interface ReportTemplateSummary {
  readonly id: string;
  readonly title?: string;
  /** Auto (host based findings) or Manual (scan based findings). */
  readonly type?: string;
  /** Scan, Map, Patch, Remediation, Compliance, Policy, PCI... */
  readonly templateType?: string;
  readonly global?: boolean;
}

export interface SearchListSummary {
  readonly id: string;
  readonly title?: string;
  readonly global?: boolean;
  readonly qidCount: number;
}

type Draft<T> = { -readonly [K in keyof T]?: T[K] };

/** A summary with its key field set, its other fields as read (absent ones left out). */
function keyed<T>(key: keyof T) {
  return (d: Draft<T>): T | undefined => (d[key] ? (compact(d) as T) : undefined);
}

const SCANS: ListSpec<Draft<ScanSummary>, ScanSummary> = {
  roots: ['SCAN_LIST_OUTPUT'],
  path: ['RESPONSE', 'SCAN_LIST', 'SCAN'],
  record: {
    create: () => ({}),
    fields: { ...texts<Draft<ScanSummary>>({ REF: 'ref', TITLE: 'title', TYPE: 'type', LAUNCH_DATETIME: 'launched', TARGET: 'target' }), STATUS: group({ STATE: field<Draft<ScanSummary>>((d, v) => (d.state = v)) }) },
    finish: keyed<ScanSummary>('ref'),
  },
};

const REPORTS: ListSpec<Draft<ReportSummary>, ReportSummary> = {
  roots: ['REPORT_LIST_OUTPUT'],
  path: ['RESPONSE', 'REPORT_LIST', 'REPORT'],
  record: {
    create: () => ({}),
    fields: {
      ...texts<Draft<ReportSummary>>({ ID: 'id', TITLE: 'title', TYPE: 'type', OUTPUT_FORMAT: 'outputFormat', LAUNCH_DATETIME: 'launched' }),
      STATUS: group({ STATE: field<Draft<ReportSummary>>((d, v) => (d.state = v)) }),
    },
    finish: keyed<ReportSummary>('id'),
  },
};

const TEMPLATES: ListSpec<Draft<ReportTemplateSummary>, ReportTemplateSummary> = {
  roots: ['REPORT_TEMPLATE_LIST'],
  path: ['REPORT_TEMPLATE'],
  record: {
    create: () => ({}),
    fields: { ...texts<Draft<ReportTemplateSummary>>({ ID: 'id', TITLE: 'title', TYPE: 'type', TEMPLATE_TYPE: 'templateType' }), GLOBAL: field<Draft<ReportTemplateSummary>>((d, v) => (d.global = flag(v))) },
    finish: keyed<ReportTemplateSummary>('id'),
  },
};

type ListDraft = Draft<SearchListSummary> & { qidCount: number };

function searchLists(prefix: 'STATIC' | 'DYNAMIC'): ListSpec<ListDraft, SearchListSummary> {
  return {
    // Qualys' dynamic list sample names its DTD DYNAMIC_SEARCH_LIST_OUTPUT but writes the root
    // SEARCH_LIST_OUTPUT, and Qualys' migration scripts look for SEARCH_LISTS: both spellings are read.
    roots: [`${prefix}_SEARCH_LIST_OUTPUT`, 'SEARCH_LIST_OUTPUT'],
    path: ['RESPONSE', [`${prefix}_LISTS`, 'SEARCH_LISTS'], [`${prefix}_LIST`, 'SEARCH_LIST']],
    record: {
      create: () => ({ qidCount: 0 }),
      fields: {
        ...texts<ListDraft>({ ID: 'id', TITLE: 'title' }),
        GLOBAL: field<ListDraft>((d, v) => (d.global = flag(v))),
        QIDS: group({ QID: field<ListDraft>((d) => d.qidCount++) }),
      },
      finish: keyed<SearchListSummary>('id'),
    },
  };
}

const SEARCH_LISTS = { static: searchLists('STATIC'), dynamic: searchLists('DYNAMIC') };

export function parseScanList(body: string | Buffer): Result<ScanSummary[]> {
  return readList(SCANS, body);
}

export function parseReportList(body: string | Buffer): Result<ReportSummary[]> {
  return readList(REPORTS, body);
}

export function parseReportTemplateList(body: string | Buffer): Result<ReportTemplateSummary[]> {
  return readList(TEMPLATES, body);
}

export function parseSearchLists(body: string | Buffer, kind: 'static' | 'dynamic'): Result<SearchListSummary[]> {
  return readList(SEARCH_LISTS[kind], body);
}
