/**
 * What the rows' details are read from, kept in the worker while their rows are shown: a host's raw
 * XML (parsed only when its details or tooltip are opened), an authentication record as parsed
 * (its secrets already dropped) and a detection as parsed (with its result text). Bounded by size, oldest first out; a record no longer kept is
 * fetched again by its ID, one small call.
 */
import type { QualysClient } from '../api/client';
import { apiError } from '../api/errors';
import { listAuthRecords } from '../api/ops/authRecords';
import { listHosts } from '../api/ops/hosts';
import type { AuthRecord } from '../api/parse/authRecords';
import { parseHostDetails, type Host, type UserDefinedLabels } from '../api/parse/hostList';
import { fail, ok, type Result } from '../api/result';
import { followDetectionPages } from '../api/ops/vulnerabilities';
import { detectionReader, type Detection } from '../api/parse/detectionList';
import type { DetectionKey } from './protocol';

type Kept =
  | { readonly kind: 'host'; readonly raw: string; readonly labels: { readonly value: UserDefinedLabels } }
  | { readonly kind: 'authRecord'; readonly record: AuthRecord }
  | { readonly kind: 'detection'; readonly detection: Detection };

/** A detection's key: a host's detection of a QID, on one port (Qualys lists a QID once per port). */
function detectionKey(account: number, d: DetectionKey): string {
  return `${account}/detection/${d.hostId}/${d.qid}/${d.uniqueId ?? d.port ?? ''}`;
}

/** Characters of kept details, all accounts together (about 2 KB a host: some 30,000 rows). */
export const DEFAULT_DETAILS_BUDGET = 64 * 1024 * 1024;

export class DetailsStore {
  private readonly kept = new Map<string, { readonly value: Kept; readonly size: number }>();
  private size = 0;

  constructor(private readonly budget = DEFAULT_DETAILS_BUDGET) {}

  get bytes(): number {
    return this.size;
  }

  keepHost(account: number, id: string, raw: string, labels: { readonly value: UserDefinedLabels }): void {
    this.keep(`${account}/host/${id}`, { kind: 'host', raw, labels }, raw.length * 2);
  }

  keepAuthRecord(account: number, record: AuthRecord): void {
    this.keep(`${account}/authRecord/${record.type}/${record.id}`, { kind: 'authRecord', record }, 2048);
  }

  /** A detection as read with its row (the result text included). */
  keepDetection(account: number, detection: Detection): void {
    this.keep(detectionKey(account, detection), { kind: 'detection', detection }, 512 + (detection.results?.length ?? 0) * 2);
  }

  /** A detection's details: as kept, or read again (one call for the host, filtered to the QID). */
  async detection(client: QualysClient, account: number, key: DetectionKey, signal?: AbortSignal): Promise<Result<Detection>> {
    const kept = this.take(detectionKey(account, key));
    if (kept?.kind === 'detection') return ok(kept.detection);
    const found: Detection[] = [];
    const params = { ids: key.hostId, qids: key.qid, show_igs: '1', status: 'New,Active,Re-Opened,Fixed', include_ignored: '1', include_disabled: '1', show_qds: '1', show_reopened_info: '1' };
    const stream = () => detectionReader((_host, d) => found.push(d), 'full');
    for await (const page of followDetectionPages(client, { params, maxPages: 1, ...(signal ? { signal } : {}) }, { stream })) {
      if (!page.ok) return page;
    }
    const match = found.find((d) => (key.uniqueId ? d.uniqueId === key.uniqueId : key.port === undefined || d.port === key.port)) ?? found[0];
    return match ? ok(match) : fail(apiError('qualys', `Qualys no longer lists QID ${key.qid} on host ${key.hostId}.`));
  }

  /** Forgets an account's records (signed out). */
  drop(account: number): void {
    for (const [key, entry] of this.kept) {
      if (key.startsWith(`${account}/`)) {
        this.kept.delete(key);
        this.size -= entry.size;
      }
    }
  }

  async host(client: QualysClient, account: number, id: string, signal?: AbortSignal): Promise<Result<Host>> {
    const kept = this.take(`${account}/host/${id}`);
    if (kept?.kind === 'host') return parseHostDetails(kept.raw, kept.labels.value);
    for await (const page of listHosts(client, { params: { ids: id }, maxPages: 1, ...(signal ? { signal } : {}) })) {
      if (!page.ok) return page;
      const host = page.value.hosts.find((h) => h.id === id);
      if (host) return ok(host);
    }
    return fail(apiError('qualys', `Qualys no longer lists host ${id}.`));
  }

  async authRecord(client: QualysClient, account: number, type: string, id: string, signal?: AbortSignal): Promise<Result<AuthRecord>> {
    const kept = this.take(`${account}/authRecord/${type}/${id}`);
    if (kept?.kind === 'authRecord') return ok(kept.record);
    for await (const page of listAuthRecords(client, type, { params: { ids: id }, maxPages: 1, ...(signal ? { signal } : {}) })) {
      if (!page.ok) return page;
      const record = page.value.records.find((r) => r.id === id);
      if (record) return ok(record);
    }
    return fail(apiError('qualys', `Qualys no longer lists ${type} record ${id}.`));
  }

  private keep(key: string, value: Kept, size: number): void {
    const old = this.kept.get(key);
    if (old) {
      this.kept.delete(key);
      this.size -= old.size;
    }
    this.kept.set(key, { value, size });
    this.size += size;
    for (const [oldest, entry] of this.kept) {
      if (this.size <= this.budget) break;
      this.kept.delete(oldest);
      this.size -= entry.size;
    }
  }

  /** A kept record, marked as recently used. */
  private take(key: string): Kept | undefined {
    const entry = this.kept.get(key);
    if (!entry) return undefined;
    this.kept.delete(key);
    this.kept.set(key, entry);
    return entry.value;
  }
}
