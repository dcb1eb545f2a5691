/**
 * What the rows' details are read from, kept in the worker while their rows are shown: a host's raw
 * XML (parsed only when its details or tooltip are opened) and an authentication record as parsed
 * (its secrets already dropped). Bounded by size, oldest first out; a record no longer kept is
 * fetched again by its ID, one small call.
 */
import type { QualysClient } from '../api/client';
import { apiError } from '../api/errors';
import { listAuthRecords } from '../api/ops/authRecords';
import { listHosts } from '../api/ops/hosts';
import type { AuthRecord } from '../api/parse/authRecords';
import { parseHostDetails, type Host, type UserDefinedLabels } from '../api/parse/hostList';
import { fail, ok, type Result } from '../api/result';

type Kept = { readonly kind: 'host'; readonly raw: string; readonly labels: { readonly value: UserDefinedLabels } } | { readonly kind: 'authRecord'; readonly record: AuthRecord };

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
