/**
 * HOST_LIST_VM_DETECTION_OUTPUT (/api/2.0/fo/asset/host/vm/detection/?action=list): hosts, each with
 * its DETECTION_LIST. The record kinds the UI uses: a detection's row (what a tree row shows), its
 * details (the row plus the result text and dates), and the host a detection belongs to. Read as
 * it streams (stream/recordList.ts): each detection is handed over as it ends, no host is kept.
 */
import type { Paged } from '../ops/paging';
import { ok, type Result } from '../result';
import { mapReader, readWhole, type DocumentReader } from '../stream/documentReader';
import { date, field, flag, group, type PageWarning } from '../stream/pageRules';
import { listReader, texts, type ListSpec } from '../stream/recordList';
import type { Rule, Rules } from '../stream/recordReader';
import { attributeValue } from '../stream/xmlScanner';
import { compact } from './compact';

const ROOT = 'HOST_LIST_VM_DETECTION_OUTPUT';

/** What a detection's row shows. */
export interface DetectionRow {
  readonly hostId: string;
  readonly qid: string;
  readonly uniqueId?: string;
  /** Confirmed, Potential or Info (information gathered). */
  readonly type?: string;
  readonly severity?: number;
  /** New, Active, Re-Opened or Fixed. */
  readonly status?: string;
  readonly port?: string;
  readonly protocol?: string;
  readonly ssl?: boolean;
  readonly firstFound?: string;
  readonly lastFound?: string;
  readonly timesFound?: number;
  readonly lastFixed?: string;
  readonly qds?: number;
  readonly ignored?: boolean;
  readonly disabled?: boolean;
}

/** A detection as its details document shows it. */
export interface Detection extends DetectionRow {
  /** RESULTS: what the scanner found (often several lines, tab separated). */
  readonly results?: string;
  readonly lastTest?: string;
  readonly lastUpdate?: string;
  readonly lastProcessed?: string;
  readonly firstReopened?: string;
  readonly lastReopened?: string;
  readonly timesReopened?: number;
  /** QDS@severity: LOW, MEDIUM, HIGH or CRITICAL. */
  readonly qdsSeverity?: string;
  readonly affectRunningKernel?: boolean;
}

/** The host of a detection, as a row under a QID shows it. */
export interface DetectionHost {
  readonly id: string;
  readonly ip?: string;
  readonly ipv6?: string;
  readonly dns?: string;
  readonly netbios?: string;
  readonly os?: string;
  readonly trackingMethod?: string;
  readonly networkId?: string;
}

/** A host under a QID in the Vulnerabilities view: the host and its detection of that QID. */
export interface QidHostRow {
  readonly host: DetectionHost;
  readonly detection: DetectionRow;
}

type Draft<T> = { -readonly [K in keyof T]?: T[K] };
export type HostDraft = Draft<DetectionHost>;
type DetectionDraft = Draft<Detection>;

const HOST_FIELDS: Rules<HostDraft> = {
  ...texts<HostDraft>({ ID: 'id', IP: 'ip', IPV6: 'ipv6', TRACKING_METHOD: 'trackingMethod', NETWORK_ID: 'networkId', OS: 'os', DNS: 'dns', NETBIOS: 'netbios' }),
};

function int(set: (d: DetectionDraft, n: number) => void): Rule<DetectionDraft> {
  return field<DetectionDraft>((d, v) => {
    const n = toInt(v);
    if (n !== undefined) set(d, n);
  });
}

/** What a detection's row needs (RESULTS and the other dates are skipped unread). */
const ROW_FIELDS: Rules<DetectionDraft> = {
  ...texts<DetectionDraft>({ UNIQUE_VULN_ID: 'uniqueId', QID: 'qid', TYPE: 'type', STATUS: 'status', PORT: 'port', PROTOCOL: 'protocol' }),
  SEVERITY: int((d, n) => (d.severity = n)),
  SSL: field<DetectionDraft>((d, v) => (d.ssl = flag(v))),
  FIRST_FOUND_DATETIME: field<DetectionDraft>((d, v) => (d.firstFound = date(v))),
  LAST_FOUND_DATETIME: field<DetectionDraft>((d, v) => (d.lastFound = date(v))),
  TIMES_FOUND: int((d, n) => (d.timesFound = n)),
  LAST_FIXED_DATETIME: field<DetectionDraft>((d, v) => (d.lastFixed = date(v))),
  QDS: int((d, n) => (d.qds = n)),
  IS_IGNORED: field<DetectionDraft>((d, v) => (d.ignored = flag(v))),
  IS_DISABLED: field<DetectionDraft>((d, v) => (d.disabled = flag(v))),
};

/** What grouping by QID needs: everything else is skipped unread. */
const GROUP_FIELDS: Rules<DetectionDraft> = {
  ...texts<DetectionDraft>({ QID: 'qid', TYPE: 'type', STATUS: 'status' }),
  SEVERITY: int((d, n) => (d.severity = n)),
};

/** Everything the details document and a download show. */
const FULL_FIELDS: Rules<DetectionDraft> = {
  ...ROW_FIELDS,
  // The result text keeps its lines and tabs as the scanner wrote them (only the ends trimmed).
  RESULTS: field<DetectionDraft>((d, v) => (d.results = v)),
  QDS: {
    text: (d: DetectionDraft, v: string) => {
      const n = toInt(v);
      if (n !== undefined) d.qds = n;
    },
    attributes: (d: DetectionDraft, raw: string) => {
      const severity = attributeValue(raw, 'severity');
      if (severity) d.qdsSeverity = severity;
    },
  } as Rule<DetectionDraft>,
  LAST_TEST_DATETIME: field<DetectionDraft>((d, v) => (d.lastTest = date(v))),
  LAST_UPDATE_DATETIME: field<DetectionDraft>((d, v) => (d.lastUpdate = date(v))),
  LAST_PROCESSED_DATETIME: field<DetectionDraft>((d, v) => (d.lastProcessed = date(v))),
  FIRST_REOPENED_DATETIME: field<DetectionDraft>((d, v) => (d.firstReopened = date(v))),
  LAST_REOPENED_DATETIME: field<DetectionDraft>((d, v) => (d.lastReopened = date(v))),
  TIMES_REOPENED: int((d, n) => (d.timesReopened = n)),
  AFFECT_RUNNING_KERNEL: field<DetectionDraft>((d, v) => (d.affectRunningKernel = flag(v))),
};

function toInt(value: string): number | undefined {
  const n = Number(value);
  return Number.isInteger(n) ? n : undefined;
}

/** The detection list's hosts, each detection handed over as it ends with its host (whose fields come first in the DTD). */
export interface DetectionPageHead {
  /** Hosts on the page. */
  readonly hosts: number;
}

/** How much of each detection is read: 'group' (QID, type, severity, status), 'row' (what a row shows), 'full' (details, downloads). */
export type DetectionFields = 'group' | 'row' | 'full';

const FIELD_TABLES: Readonly<Record<DetectionFields, Rules<DetectionDraft>>> = { group: GROUP_FIELDS, row: ROW_FIELDS, full: FULL_FIELDS };

/**
 * Reads a detection list page: `onDetection` gets each detection as it ends, with its host (ID, IP,
 * DNS, OS... read before the DETECTION_LIST, as the DTD orders them). Only the fields of `fields`
 * are decoded; the rest is skipped unread. A detection has only the properties its answer gave.
 */
export function detectionReader(onDetection: (host: HostDraft, detection: Detection) => void, fields: DetectionFields, onWarning?: (warning: PageWarning) => void): DocumentReader<Paged & DetectionPageHead> {
  let hosts = 0;
  const detection: Rule<HostDraft, DetectionDraft> = {
    create: () => ({}),
    children: FIELD_TABLES[fields],
    done: (host, d) => {
      if (!d.qid || !host.id) return;
      d.hostId = host.id;
      onDetection(host, d as Detection);
    },
  };
  const spec: ListSpec<HostDraft, undefined> = {
    roots: [ROOT],
    path: ['RESPONSE', 'HOST_LIST', 'HOST'],
    record: {
      create: () => ({}),
      fields: { ...HOST_FIELDS, DETECTION_LIST: group<HostDraft>({ DETECTION: detection as Rule<HostDraft, unknown> }) },
      finish: () => {
        hosts++;
        return undefined;
      },
    },
  };
  return mapReader(listReader(spec, () => undefined, onWarning), (page) => ok(compact({ ...(page.warning ? { warning: page.warning } : {}), hosts })));
}

export const DETECTION_ROOT = ROOT;

/** A detection without what only its details show (the row that crosses to the UI). */
export function rowOf(d: Detection): DetectionRow {
  const { results: _r, lastTest: _t, lastUpdate: _u, lastProcessed: _p, firstReopened: _f, lastReopened: _l, timesReopened: _n, qdsSeverity: _q, affectRunningKernel: _k, ...row } = d;
  return row;
}

/** The host a detection belongs to, as read so far (its fields precede its DETECTION_LIST). */
export function hostOf(draft: HostDraft): DetectionHost {
  return compact({ ...draft, id: draft.id ?? '' }) as DetectionHost;
}

/** Reads a whole detection list page held in memory: its detections with their hosts (tests, small answers). */
export function parseDetectionList(body: string | Buffer): Result<{ readonly detections: readonly { readonly host: DetectionHost; readonly detection: Detection }[]; readonly hosts: number; readonly warning?: PageWarning }> {
  const detections: { host: DetectionHost; detection: Detection }[] = [];
  const page = readWhole(detectionReader((host, detection) => detections.push({ host: hostOf(host), detection }), 'full'), body);
  return page.ok ? ok({ detections, hosts: page.value.hosts, ...(page.value.warning ? { warning: page.value.warning } : {}) }) : page;
}
