/**
 * What the worker lists, one function per kind: each reads its pages with the API client (the same
 * paging, retries, errors and gate as on the host's thread), hands each record's row to `rows` as
 * soon as it has been read, and yields each page's end. Hosts and authentication records keep what
 * their details are read from in the details store; policies and posture cross whole (policies are
 * few, and a posture page's hosts come with the controls their rows show).
 */
import type { QualysClient } from '../api/client';
import { followAuthRecordPages, listAuthRecordTypes } from '../api/ops/authRecords';
import { listPolicies, listPostureInfo } from '../api/ops/compliance';
import { followHostPages } from '../api/ops/hosts';
import { authRecordRowReader } from '../api/parse/authRecords';
import { hostRowReader, type UserDefinedLabels } from '../api/parse/hostList';
import type { Result } from '../api/result';
import { hostsFromClassicPage } from '../views/posture/postureModel';
import type { DetailsStore } from './detailsStore';
import type { ListingArgs, ListingKind, PageInfo } from './protocol';

/** Where a listing's rows go: `attempt` starts each read of a page (a retry reads it again). */
export interface RowSink {
  attempt(): void;
  row(row: unknown): void;
}

export interface ListingContext {
  readonly client: QualysClient;
  readonly account: number;
  readonly args: ListingArgs;
  readonly signal: AbortSignal;
  readonly rows: RowSink;
  readonly details: DetailsStore;
}

export type PageStream = AsyncGenerator<Result<PageInfo>, void, void>;

function info(page: { nextIdMin?: string }, count: number): PageInfo {
  return page.nextIdMin === undefined ? { count } : { next: page.nextIdMin, count };
}

async function* hosts(ctx: ListingContext): PageStream {
  const { client, args, rows, details } = ctx;
  let labels: { value: UserDefinedLabels } = { value: {} };
  let count = 0;
  const pages = followHostPages(client, { ...(args.pageSize ? { pageSize: args.pageSize } : {}), params: args.params, signal: ctx.signal }, {
    stream: () => {
      rows.attempt();
      count = 0;
      // The page's glossary labels come after its hosts: the kept records share this holder, filled at the page's end.
      const pageLabels = (labels = { value: {} });
      return hostRowReader((row, raw) => {
        count++;
        if (raw !== undefined) details.keepHost(ctx.account, row.id, raw, pageLabels);
        rows.row(row);
      }, args.keepDetails === true);
    },
  });
  for await (const page of pages) {
    if (!page.ok) {
      yield page;
      return;
    }
    labels.value = page.value.userDefinedLabels;
    yield { ok: true, value: info(page.value, count) };
  }
}

/** The account's record types with their IDs: one call, one page. */
async function* authTypes(ctx: ListingContext): PageStream {
  const types = await listAuthRecordTypes(ctx.client, { signal: ctx.signal });
  if (!types.ok) {
    yield types;
    return;
  }
  ctx.rows.attempt();
  for (const summary of types.value) ctx.rows.row(summary);
  yield { ok: true, value: { count: types.value.length } };
}

async function* authRecords(ctx: ListingContext): PageStream {
  const { client, args, rows, details } = ctx;
  const type = (args.type ?? '').toLowerCase();
  let count = 0;
  const pages = followAuthRecordPages(client, type, { details: 'All', params: args.params, signal: ctx.signal }, {
    stream: () => {
      rows.attempt();
      count = 0;
      return authRecordRowReader(type, (row, record) => {
        count++;
        if (args.keepDetails) details.keepAuthRecord(ctx.account, record);
        rows.row(row);
      });
    },
  });
  for await (const page of pages) {
    if (!page.ok) {
      yield page;
      return;
    }
    yield { ok: true, value: info(page.value, count) };
  }
}

async function* policies(ctx: ListingContext): PageStream {
  for await (const page of listPolicies(ctx.client, { details: 'All', params: ctx.args.params, signal: ctx.signal })) {
    if (!page.ok) {
      yield page;
      return;
    }
    ctx.rows.attempt();
    for (const policy of page.value.policies) ctx.rows.row(policy);
    yield { ok: true, value: info(page.value, page.value.policies.length) };
  }
}

async function* posture(ctx: ListingContext): PageStream {
  const policyId = ctx.args.policyId ?? '';
  const options = { details: 'All' as const, showRemediation: true, params: ctx.args.params, signal: ctx.signal, ...(ctx.args.pageSize ? { pageSize: ctx.args.pageSize } : {}) };
  for await (const page of listPostureInfo(ctx.client, policyId, options)) {
    if (!page.ok) {
      yield page;
      return;
    }
    ctx.rows.attempt();
    // Grouped by host here, off the host's thread: a row is a host with the controls under it.
    for (const entry of hostsFromClassicPage(policyId, page.value)) ctx.rows.row(entry);
    yield { ok: true, value: info(page.value, page.value.records.length) };
  }
}

export const LISTINGS: Readonly<Record<ListingKind, (ctx: ListingContext) => PageStream>> = { hosts, authTypes, authRecords, policies, posture };
