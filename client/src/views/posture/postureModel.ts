/**
 * One model of compliance posture for both sources: the classic posture API (XML, paged by host)
 * and PCRS (JSON on the gateway, fetched for a batch of hosts at a time). Nodes and documents are
 * built from this model only, so both sources show the same tree.
 */
import type { PcrsPostureRecord, PosturePage, PostureRecord } from '../../api';

export type PostureStatus = 'Passed' | 'Failed' | 'Error';
export const POSTURE_STATUSES: readonly PostureStatus[] = ['Passed', 'Failed', 'Error'];
/** Qualys control criticality labels, lowest first (value 1..5). */
export const CRITICALITY_LABELS = ['MINIMAL', 'MEDIUM', 'SERIOUS', 'CRITICAL', 'URGENT'] as const;

export interface PostureFilter {
  readonly status?: PostureStatus;
  /** Criticality labels to keep (any of them). */
  readonly criticality?: readonly string[];
}

export interface ControlPosture {
  readonly policyId: string;
  readonly hostId: string;
  /** DNS name or IP of the host, for rows grouped by control. */
  readonly hostLabel: string;
  readonly hostIp?: string;
  readonly controlId: string;
  readonly statement?: string;
  readonly criticality?: { readonly label?: string; readonly value?: number };
  readonly status?: string;
  readonly previousStatus?: string;
  readonly technology?: string;
  readonly instance?: string;
  readonly rationale?: string;
  readonly remediation?: string;
  /** CIS / STIG / user-defined reference as Qualys gives it. */
  readonly reference?: string;
  /**
   * As the answer gives it; the details document takes Qualys' evidence text apart when it opens
   * (posture/evidenceText.ts), so building a page of rows parses none of it.
   */
  readonly evidence?: {
    /** PCRS expectedValues, as Qualys writes them. */
    readonly expected?: string;
    /** Classic BOOLEAN_EXPR: Qualys' evidence text, or an expression. */
    readonly expression?: string;
    /** PCRS currentValues; classic data point values (DPV), "label: value". */
    readonly current?: readonly string[];
    /** Classic: every text of EVIDENCE, one per line. */
    readonly text?: string;
    readonly missing?: readonly string[];
    readonly unexpected?: readonly string[];
  };
  readonly firstFailDate?: string;
  readonly lastFailDate?: string;
  readonly firstPassDate?: string;
  readonly lastPassDate?: string;
  readonly lastEvaluatedDate?: string;
  readonly postureModifiedDate?: string;
}

export interface PostureHostEntry {
  readonly policyId: string;
  readonly hostId: string;
  readonly label: string;
  readonly ip?: string;
  readonly os?: string;
  readonly trackingMethod?: string;
  readonly lastScan?: string;
  /** Controls passed / evaluated on this host, counted from the records shown. */
  readonly passed: number;
  readonly total: number;
  /** Qualys' own PERCENTAGE ("60% (3 of 5)", over all controls), when the source gives it. */
  readonly percentage?: string;
  readonly controls: readonly ControlPosture[];
}

function compact<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined && v !== '')) as T;
}

/** Keeps a record when it passes the filter (used where the source has no parameter for it). */
export function matchesPostureFilter(filter: PostureFilter, status: string | undefined, criticalityLabel: string | undefined): boolean {
  if (filter.status && status !== filter.status) return false;
  if (filter.criticality && filter.criticality.length && !filter.criticality.includes((criticalityLabel ?? '').toUpperCase())) return false;
  return true;
}

function byTechnology(list: readonly { technologyId?: string; text?: string }[], technologyId: string | undefined): string | undefined {
  return (list.find((r) => r.technologyId === technologyId) ?? list[0])?.text;
}

function entry(policyId: string, hostId: string, info: Omit<PostureHostEntry, 'policyId' | 'hostId' | 'passed' | 'total' | 'controls'>, controls: ControlPosture[]): PostureHostEntry {
  const passed = controls.filter((c) => c.status === 'Passed').length;
  return compact({ policyId, hostId, ...info, passed, total: controls.length, controls });
}

/** Groups one classic posture page by host, in the order Qualys listed them (a page ends on a host boundary). */
export function hostsFromClassicPage(policyId: string, page: PosturePage): PostureHostEntry[] {
  const byHost = new Map<string, PostureRecord[]>();
  for (const record of page.records) {
    const list = byHost.get(record.hostId);
    if (list) list.push(record);
    else byHost.set(record.hostId, [record]);
  }
  const out: PostureHostEntry[] = [];
  for (const [hostId, records] of byHost) {
    const host = page.hosts.get(hostId);
    const label = host?.dns ?? host?.dnsData?.fqdn ?? host?.ip ?? host?.netbios ?? `Host ${hostId}`;
    const controls = records.map((r) => {
      const control = page.controls.get(r.controlId);
      return compact<ControlPosture>({
        policyId,
        hostId,
        hostLabel: label,
        hostIp: host?.ip,
        controlId: r.controlId,
        statement: control?.statement,
        criticality: control?.criticality,
        status: r.status,
        previousStatus: r.previousStatus,
        technology: r.technologyId,
        instance: r.instance,
        rationale: control ? byTechnology(control.rationales, r.technologyId) : undefined,
        remediation: r.fields.REMEDIATION ?? (control ? byTechnology(control.remediations, r.technologyId) : undefined),
        reference: control?.reference,
        evidence: classicEvidence(r),
        firstFailDate: r.firstFailDate,
        lastFailDate: r.lastFailDate,
        firstPassDate: r.firstPassDate,
        lastPassDate: r.lastPassDate,
        lastEvaluatedDate: r.lastEvaluatedDate,
        postureModifiedDate: r.postureModifiedDate,
      });
    });
    out.push(entry(policyId, hostId, compact({ label, ip: host?.ip, os: host?.os, trackingMethod: host?.trackingMethod, lastScan: host?.lastComplianceScan, percentage: host?.percentage }), controls));
  }
  return out;
}

/** Groups PCRS records by host, keeping the records the filter lets through. */
export function hostsFromPcrsRecords(policyId: string, records: readonly PcrsPostureRecord[], keep: (r: PcrsPostureRecord) => boolean): PostureHostEntry[] {
  const byHost = new Map<string, PcrsPostureRecord[]>();
  for (const record of records) {
    if (record.policyId && record.policyId !== policyId) continue;
    if (!keep(record)) continue;
    const list = byHost.get(record.hostId);
    if (list) list.push(record);
    else byHost.set(record.hostId, [record]);
  }
  const out: PostureHostEntry[] = [];
  for (const [hostId, list] of byHost) {
    const first = list[0]!;
    const label = first.dns ?? first.ip ?? `Host ${hostId}`;
    const controls = list.map((r) =>
      compact<ControlPosture>({
        policyId,
        hostId,
        hostLabel: label,
        hostIp: r.ip,
        controlId: r.controlId,
        statement: r.controlStatement,
        criticality: r.criticality,
        status: r.status,
        previousStatus: r.previousStatus,
        technology: r.technology?.name ?? r.technologyId,
        instance: r.instance,
        rationale: r.rationale,
        remediation: r.remediation,
        reference: r.controlReference,
        evidence:
          r.evidence || r.causeOfFailure
            ? compact({
                expected: r.evidence?.expectedValues,
                current: r.evidence?.currentValues.length ? r.evidence.currentValues : r.evidence?.actualValues,
                missing: r.causeOfFailure?.missing.length ? r.causeOfFailure.missing : undefined,
                unexpected: r.causeOfFailure?.unexpected.length ? r.causeOfFailure.unexpected : undefined,
              })
            : undefined,
        firstFailDate: r.firstFailDate,
        lastFailDate: r.lastFailDate,
        firstPassDate: r.firstPassDate,
        lastPassDate: r.lastPassDate,
        lastEvaluatedDate: r.lastEvaluatedDate,
        postureModifiedDate: r.postureModifiedDate,
      }),
    );
    out.push(entry(policyId, hostId, compact({ label, ip: first.ip, os: first.os, trackingMethod: first.trackingMethod, lastScan: first.complianceLastScanDate }), controls));
  }
  return out;
}

/** Classic evidence by part (BOOLEAN_EXPR, labelled data point values) and as the whole text. */
function classicEvidence(r: PostureRecord): ControlPosture['evidence'] {
  const parts = r.evidenceParts;
  if (!parts && !r.evidence) return undefined;
  const current = parts?.values.map((v) => (v.label ? `${v.label}: ${v.value}` : v.value));
  return compact({ expression: parts?.expression, current: current?.length ? current : undefined, text: r.evidence });
}
