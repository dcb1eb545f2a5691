/**
 * POSTURE_INFO_LIST_OUTPUT (/api/2.0/fo/compliance/posture/info/, XML), read as it streams: posture
 * records, and the glossary's hosts (with DNS_DATA) and controls (statement, criticality, REFERENCE,
 * rationale, remediation). Seed 000 quotes the DTD parts this follows.
 */
import { ok, type Result } from '../result';
import { compact } from './compact';
import type { DnsData } from './hostList';
import { criticalityRule } from './policyList';
import { documentReader, readWhole, type DocumentReader } from '../stream/documentReader';
import type { Rule, Rules } from '../stream/recordReader';
import { date, field, group, responseRules, type PageHead, type PageWarning } from '../stream/pageRules';
import { attributeValue } from '../stream/xmlScanner';

export interface PostureRecord {
  readonly id?: string;
  readonly hostId: string;
  readonly controlId: string;
  readonly technologyId?: string;
  readonly instance?: string;
  /** Passed | Failed | Error */
  readonly status?: string;
  readonly previousStatus?: string;
  readonly firstFailDate?: string;
  readonly lastFailDate?: string;
  readonly firstPassDate?: string;
  readonly lastPassDate?: string;
  readonly postureModifiedDate?: string;
  readonly lastEvaluatedDate?: string;
  /** Evidence as readable text (every text leaf of EVIDENCE, one per line), when asked for. */
  readonly evidence?: string;
  /**
   * The same evidence by part, when EVIDENCE has Qualys' structure: the expected expression
   * (BOOLEAN_EXPR) and the current values (DPV_LIST/DPV: LABEL, VALUE).
   */
  readonly evidenceParts?: { readonly expression?: string; readonly values: readonly { readonly label?: string; readonly value: string }[] };
  /** Other single-valued fields of the record. */
  readonly fields: Readonly<Record<string, string>>;
}

export interface PostureHost {
  readonly id: string;
  readonly ip?: string;
  readonly networkId?: string;
  readonly trackingMethod?: string;
  readonly dns?: string;
  readonly dnsData?: DnsData;
  readonly netbios?: string;
  readonly os?: string;
  readonly osCpe?: string;
  readonly qgHostId?: string;
  readonly lastComplianceScan?: string;
  readonly percentage?: string;
}

export interface PostureControl {
  readonly id: string;
  readonly statement?: string;
  readonly criticality?: { readonly label?: string; readonly value?: number };
  /** CIS/STIG/user reference, e.g. '1.1.1.1.a'; empty references are undefined. */
  readonly reference?: string;
  readonly deprecated?: boolean;
  readonly rationales: readonly { readonly technologyId?: string; readonly text?: string }[];
  readonly remediations: readonly { readonly technologyId?: string; readonly text?: string }[];
}

export interface PosturePage {
  readonly datetime?: string;
  readonly records: readonly PostureRecord[];
  readonly hosts: ReadonlyMap<string, PostureHost>;
  readonly controls: ReadonlyMap<string, PostureControl>;
  readonly warning?: { readonly code?: string; readonly text?: string; readonly url?: string };
}

const RECORD_FIELDS: Record<string, keyof PostureRecord> = {
  ID: 'id', HOST_ID: 'hostId', CONTROL_ID: 'controlId', TECHNOLOGY_ID: 'technologyId', INSTANCE: 'instance', STATUS: 'status',
  PREVIOUS_STATUS: 'previousStatus', FIRST_FAIL_DATE: 'firstFailDate', LAST_FAIL_DATE: 'lastFailDate', FIRST_PASS_DATE: 'firstPassDate',
  LAST_PASS_DATE: 'lastPassDate', POSTURE_MODIFIED_DATE: 'postureModifiedDate', LAST_EVALUATED_DATE: 'lastEvaluatedDate',
};

type Mutable<T> = { -readonly [K in keyof T]: T[K] };
type RecordDraft = Record<string, unknown> & { hostId: string; controlId: string; fields: Record<string, string> };

interface EvidenceDraft {
  /** Every text of EVIDENCE, one per line, in document order. */
  readonly lines: string[];
  expression?: string;
  readonly values: { label?: string; value: string }[];
}

interface DpvDraft {
  label?: string;
  readonly items: string[];
}

/** Any element below EVIDENCE: its text is a line, and so are its descendants'. */
const leafChildren: Record<string, Rule<EvidenceDraft, unknown>> = {};
const leafRule: Rule<EvidenceDraft> = { text: (e, v) => e.lines.push(v), children: leafChildren };
leafChildren['*'] = leafRule;

const dpvRule: Rule<EvidenceDraft, DpvDraft & { evidence: EvidenceDraft }> = {
  create: (evidence) => ({ evidence, items: [] }),
  children: {
    LABEL: field((d: DpvDraft & { evidence: EvidenceDraft }, v) => {
      d.label ??= v;
      d.evidence.lines.push(v);
    }),
    V: field((d: DpvDraft & { evidence: EvidenceDraft }, v) => {
      d.items.push(v);
      d.evidence.lines.push(v);
    }),
    VALUE: field((d: DpvDraft & { evidence: EvidenceDraft }, v) => {
      d.items.push(v);
      d.evidence.lines.push(v);
    }),
    '*': { create: (d: DpvDraft & { evidence: EvidenceDraft }) => d.evidence, text: leafRule.text, children: leafChildren } as Rule<DpvDraft & { evidence: EvidenceDraft }, EvidenceDraft>,
  },
  done: (evidence, d) => {
    // A data point's values come as V elements (one or more) or as one VALUE.
    for (const value of d.items.length ? d.items : ['']) evidence.values.push({ ...(d.label ? { label: d.label } : {}), value });
  },
};

const evidenceRule: Rule<RecordDraft, EvidenceDraft> = {
  create: () => ({ lines: [], values: [] }),
  children: {
    BOOLEAN_EXPR: field((e: EvidenceDraft, v) => {
      e.expression ??= v;
      e.lines.push(v);
    }),
    DPV_LIST: { children: { DPV: dpvRule, '*': leafRule }, text: leafRule.text } as Rule<EvidenceDraft>,
    '*': leafRule,
  },
  done: (record, e) => {
    if (e.lines.length) record.evidence = e.lines.join('\n');
    if (e.expression !== undefined || e.values.length) record.evidenceParts = { ...(e.expression ? { expression: e.expression } : {}), values: e.values };
  },
};

/** A record field: known ones by name, any other single-valued one into `fields` (the first of a repeated name wins). */
const recordFieldRule: Rule<RecordDraft> = {
  scalarOnly: true,
  text: (record, value, name) => {
    const known = RECORD_FIELDS[name];
    const fields: Record<string, unknown> = record;
    if (known) {
      if (fields[known] === undefined || fields[known] === '') fields[known] = value;
    } else record.fields[name] ??= value;
  },
};

type HostDraft = Mutable<PostureHost> & { dnsData?: Mutable<DnsData> };

function hostText(set: (h: HostDraft, value: string) => void): Rule<HostDraft> {
  return field<HostDraft>(set);
}

const glossaryHost: Rule<PostureHead, HostDraft> = {
  create: () => ({ id: '' }),
  children: {
    ID: hostText((h, v) => (h.id = v)),
    IP: {
      text: (h: HostDraft, v: string) => (h.ip = v),
      attributes: (h: HostDraft, raw: string) => {
        const network = attributeValue(raw, 'network_id')?.trim();
        if (network) h.networkId = network;
      },
    },
    TRACKING_METHOD: hostText((h, v) => (h.trackingMethod = v)),
    DNS: hostText((h, v) => (h.dns = v)),
    DNS_DATA: {
      create: (h: HostDraft) => (h.dnsData = {}),
      children: {
        HOSTNAME: field((d: Mutable<DnsData>, v) => (d.hostname = v)),
        DOMAIN: field((d: Mutable<DnsData>, v) => (d.domain = v)),
        FQDN: field((d: Mutable<DnsData>, v) => (d.fqdn = v)),
      },
    } as Rule<HostDraft, Mutable<DnsData>>,
    NETBIOS: hostText((h, v) => (h.netbios = v)),
    OS: hostText((h, v) => (h.os = v)),
    OS_CPE: hostText((h, v) => (h.osCpe = v)),
    QG_HOSTID: hostText((h, v) => (h.qgHostId = v)),
    LAST_COMPLIANCE_SCAN_DATETIME: hostText((h, v) => (h.lastComplianceScan = date(v))),
    PERCENTAGE: hostText((h, v) => (h.percentage = v)),
  },
  done: (head, h) => head.hosts.set(h.id, h),
};

type ControlDraft = Mutable<PostureControl> & { rationales: { technologyId?: string; text?: string }[]; remediations: { technologyId?: string; text?: string }[] };
type PerTechnology = { technologyId?: string; text?: string };

function perTechnology(key: 'rationales' | 'remediations'): Rule<ControlDraft, PerTechnology> {
  return {
    create: () => ({}),
    children: { TECHNOLOGY_ID: field((t: PerTechnology, v) => (t.technologyId = v)), TEXT: field((t: PerTechnology, v) => (t.text = v)) },
    done: (c, t) => c[key].push(t),
  };
}

const glossaryControl: Rule<PostureHead, ControlDraft> = {
  create: () => ({ id: '', rationales: [], remediations: [] }),
  children: {
    ID: field((c: ControlDraft, v) => (c.id = v)),
    STATEMENT: field((c: ControlDraft, v) => (c.statement = v)),
    CRITICALITY: criticalityRule<ControlDraft>(),
    REFERENCE: field((c: ControlDraft, v) => (c.reference = v)),
    DEPRECATED: field((c: ControlDraft, v) => (c.deprecated = v === '1')),
    RATIONALE_LIST: group<ControlDraft>({ RATIONALE: perTechnology('rationales') }),
    REMEDIATION_LIST: group<ControlDraft>({ REMEDIATION: perTechnology('remediations') }),
  },
  done: (head, c) => head.controls.set(c.id, c),
};

interface PostureHead extends PageHead {
  readonly records: PostureRecord[];
  readonly hosts: Map<string, PostureHost>;
  readonly controls: Map<string, PostureControl>;
}

const RULES: Rules<PostureHead> = {
  POSTURE_INFO_LIST_OUTPUT: group<PostureHead>({
    RESPONSE: responseRules<PostureHead>({
      INFO_LIST: group<PostureHead>({
        INFO: {
          create: () => ({ hostId: '', controlId: '', fields: {} }),
          children: { EVIDENCE: evidenceRule, '*': recordFieldRule },
          done: (head, record) => head.records.push(record as unknown as PostureRecord),
        } as Rule<PostureHead, RecordDraft>,
      }),
      GLOSSARY: group<PostureHead>({ HOST_LIST: group<PostureHead>({ HOST: glossaryHost }), CONTROL_LIST: group<PostureHead>({ CONTROL: glossaryControl }) }),
    }),
  }),
};

/** Reads a posture info page; `onWarning` hears of the next page as soon as it is known. */
export function postureInfoReader(onWarning?: (warning: PageWarning) => void): DocumentReader<PosturePage> {
  const head: PostureHead = { ids: [], records: [], hosts: new Map(), controls: new Map(), ...(onWarning ? { onWarning } : {}) };
  return documentReader(RULES, head, (h) => ok(compact({ datetime: h.datetime, records: h.records, hosts: h.hosts, controls: h.controls, warning: h.warning })));
}

export function parsePostureInfo(body: string): Result<PosturePage> {
  return readWhole(postureInfoReader(), body);
}
