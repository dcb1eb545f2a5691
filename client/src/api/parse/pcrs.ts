/**
 * PCRS JSON: resolved host IDs and postureInfo records (seed 004 samples). Qualys prints the same
 * field as a number or a string ("networkId": 0 / "0"), so identifiers are normalised to strings.
 */
import { apiError } from '../errors';
import { fail, ok, type Result } from '../result';
import { compact } from './compact';

export interface PcrsHostIds {
  readonly policyId: string;
  readonly subscriptionId: string;
  readonly hostIds: readonly string[];
  /** Per-policy error with HTTP 200, e.g. "Error: Compliance Policy does not exist." */
  readonly error?: string;
}

export interface PcrsPostureRecord {
  readonly id: string;
  readonly instance?: string;
  readonly policyId: string;
  readonly controlId: string;
  readonly controlStatement?: string;
  readonly rationale?: string;
  readonly remediation?: string;
  readonly controlReference?: string;
  readonly technologyId?: string;
  readonly technology?: { readonly id?: string; readonly name?: string };
  readonly criticality?: { readonly label?: string; readonly value?: number };
  readonly status?: string;
  readonly previousStatus?: string;
  readonly firstFailDate?: string;
  readonly lastFailDate?: string;
  readonly firstPassDate?: string;
  readonly lastPassDate?: string;
  readonly postureModifiedDate?: string;
  readonly lastEvaluatedDate?: string;
  readonly created?: string;
  readonly hostId: string;
  readonly ip?: string;
  readonly trackingMethod?: string;
  readonly os?: string;
  readonly osCpe?: string;
  readonly dns?: string;
  readonly qgHostid?: string;
  readonly networkId?: string;
  readonly networkName?: string;
  readonly complianceLastScanDate?: string;
  readonly assetId?: string;
  readonly evidence?: { readonly expectedValues?: string; readonly currentValues: readonly string[]; readonly actualValues: readonly string[] };
  readonly causeOfFailure?: { readonly missing: readonly string[]; readonly unexpected: readonly string[] };
  readonly currentBatch?: number;
  readonly totalBatches?: number;
}

export interface PcrsPosture {
  readonly records: readonly PcrsPostureRecord[];
  /** How many batches PCRS says there are (records carry currentBatch/totalBatches). */
  readonly totalBatches?: number;
  /** The distinct batches present in this answer, ascending. */
  readonly batches: readonly number[];
  /** True when every batch 1..totalBatches is present (or PCRS gave no batch numbers). */
  readonly complete: boolean;
}

type Json = Record<string, unknown>;

function str(value: unknown): string | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'string') return value === '' ? undefined : value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

function num(value: unknown): number | undefined {
  const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
  return Number.isFinite(n) ? n : undefined;
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.map(str).filter((s): s is string => s !== undefined) : [];
}


function parseJson(text: string, what: string): Result<unknown> {
  try {
    return ok(JSON.parse(text));
  } catch (error) {
    return fail(apiError('malformed', `The ${what} answer is not valid JSON (${error instanceof Error ? error.message : String(error)}); it may have been cut short.`));
  }
}

export function parseHostIds(text: string): Result<PcrsHostIds[]> {
  const parsed = parseJson(text, 'resolve host IDs');
  if (!parsed.ok) return parsed;
  if (!Array.isArray(parsed.value)) return fail(apiError('malformed', 'The resolve host IDs answer is not a list.'));
  return ok(
    (parsed.value as Json[]).map((item) =>
      compact({ policyId: str(item.policyId) ?? '', subscriptionId: str(item.subscriptionId) ?? '', hostIds: strings(item.hostIds), error: str(item.error) }),
    ),
  );
}

function record(item: Json): PcrsPostureRecord {
  const technology = item.technology as Json | null | undefined;
  const criticality = item.criticality as Json | null | undefined;
  const evidence = item.evidence as Json | null | undefined;
  const cause = item.causeOfFailure as Json | null | undefined;
  return compact({
    id: str(item.id) ?? '',
    instance: str(item.instance),
    policyId: str(item.policyId) ?? '',
    controlId: str(item.controlId) ?? '',
    controlStatement: str(item.controlStatement),
    rationale: str(item.rationale),
    remediation: str(item.remediation),
    controlReference: str(item.controlReference),
    technologyId: str(item.technologyId),
    technology: technology ? compact({ id: str(technology.id), name: str(technology.name) }) : undefined,
    criticality: criticality ? compact({ label: str(criticality.label), value: num(criticality.value) }) : undefined,
    status: str(item.status),
    previousStatus: str(item.previousStatus),
    firstFailDate: str(item.firstFailDate),
    lastFailDate: str(item.lastFailDate),
    firstPassDate: str(item.firstPassDate),
    lastPassDate: str(item.lastPassDate),
    postureModifiedDate: str(item.postureModifiedDate),
    lastEvaluatedDate: str(item.lastEvaluatedDate),
    created: str(item.created),
    hostId: str(item.hostId) ?? '',
    ip: str(item.ip),
    trackingMethod: str(item.trackingMethod),
    os: str(item.os),
    osCpe: str(item.osCpe),
    dns: str(item.dns),
    qgHostid: str(item.qgHostid),
    networkId: str(item.networkId),
    networkName: str(item.networkName),
    complianceLastScanDate: str(item.complianceLastScanDate),
    assetId: str(item.assetId),
    evidence: evidence ? compact({ expectedValues: str(evidence.expectedValues), currentValues: strings(evidence.currentValues), actualValues: strings(evidence.actualValues) }) : undefined,
    causeOfFailure: cause
      ? { missing: strings((cause.missing as Json | null | undefined)?.value), unexpected: strings((cause.unexpected as Json | null | undefined)?.value) }
      : undefined,
    currentBatch: num(item.currentBatch),
    totalBatches: num(item.totalBatches),
  });
}

export function parsePostureRecords(text: string): Result<PcrsPosture> {
  const parsed = parseJson(text, 'postureInfo');
  if (!parsed.ok) return parsed;
  if (!Array.isArray(parsed.value)) return fail(apiError('malformed', 'The postureInfo answer is not a list.'));
  const records = (parsed.value as Json[]).map(record);
  const totals = records.map((r) => r.totalBatches).filter((n): n is number => n !== undefined);
  const totalBatches = totals.length ? totals.reduce((a, b) => Math.max(a, b)) : undefined;
  const batches = [...new Set(records.map((r) => r.currentBatch).filter((n): n is number => n !== undefined))].sort((a, b) => a - b);
  const complete = totalBatches === undefined || batches.length === totalBatches;
  return ok(compact({ records, totalBatches, batches, complete }));
}
