/**
 * What the worker lists, one function per kind: each reads its pages with the API client (the same
 * paging, retries, errors and gate as on the host's thread), hands each record's row to `rows` as
 * soon as it has been read, and yields each page's end. A paged list of records is `pagedRows` with
 * the call's pager and a row reader (a ListSpec's, stream/recordList.ts): hosts and authentication
 * records, which keep what their details are read from in the details store. Policies and posture
 * cross whole (policies are few, and a posture page's hosts need its glossary, at the page's end).
 */
import type { QualysClient, StreamParse } from '../api/client';
import { followAuthRecordPages, listAuthRecordTypes } from '../api/ops/authRecords';
import { listPolicies, listPostureInfo } from '../api/ops/compliance';
import { followHostPages } from '../api/ops/hosts';
import { authRecordRowReader } from '../api/parse/authRecords';
import { hostRowReader, type UserDefinedLabels } from '../api/parse/hostList';
import type { Paged } from '../api/ops/paging';
import { ok, type Result } from '../api/result';
import { mapReader, type DocumentReader } from '../api/stream/documentReader';
import { pcrsPosture } from './pcrsListing';
import { hostDetections, qidGroups, qidHosts } from './detectionListings';
import { hostsFromClassicPage } from '../views/posture/postureModel';
import type { DetailsStore } from './detailsStore';
import type { PcrsHostIdCache } from './pcrsListing';
import type { ListingArgs, ListingKind, PageInfo } from './protocol';

/** Where a listing's rows go: `attempt` starts each read of a page (a retry reads it again). */
export interface RowSink {
  attempt(): void;
  /** `weight`: about how many objects the row holds (default 1), so that a message of rows stays small. */
  row(row: unknown, weight?: number): void;
}

export interface ListingContext {
  readonly client: QualysClient;
  readonly account: number;
  readonly args: ListingArgs;
  readonly signal: AbortSignal;
  readonly rows: RowSink;
  readonly details: DetailsStore;
  readonly pcrsHosts: PcrsHostIdCache;
}

export type PageStream = AsyncGenerator<Result<PageInfo>, void, void>;

function info(page: { nextIdMin?: string }, count: number): PageInfo {
  return page.nextIdMin === undefined ? { count } : { next: page.nextIdMin, count };
}

type Follow = (parse: StreamParse<Paged>) => AsyncGenerator<Result<Paged & { readonly nextIdMin?: string }>, void, void>;

/**
 * A paged listing whose rows are read as each page streams: `follow` is the ops/ pager of the call,
 * `reader` reads one attempt at a page, handing each record's row to `row` (and keeping what its
 * details are read from). A listing kind is these two lines: see hosts and authRecords below.
 */
async function* pagedRows(ctx: ListingContext, follow: Follow, reader: (row: (row: unknown) => void) => DocumentReader<Paged>): PageStream {
  let count = 0;
  const stream = (): DocumentReader<Paged> => {
    ctx.rows.attempt();
    count = 0;
    return reader((row) => {
      count++;
      ctx.rows.row(row);
    });
  };
  for await (const page of follow({ stream })) {
    if (!page.ok) {
      yield page;
      return;
    }
    yield { ok: true, value: info(page.value, count) };
  }
}

function hosts(ctx: ListingContext): PageStream {
  const { client, args, details } = ctx;
  const options = { ...(args.pageSize ? { pageSize: args.pageSize } : {}), params: args.params, signal: ctx.signal };
  return pagedRows(ctx, (parse) => followHostPages(client, options, parse), (row) => {
    // The page's glossary labels come after its hosts: the kept records share this holder, filled at the page's end.
    const labels: { value: UserDefinedLabels } = { value: {} };
    const rows = hostRowReader((host, raw) => {
      if (raw !== undefined) details.keepHost(ctx.account, host.id, raw, labels);
      row(host);
    }, args.keepDetails === true);
    return mapReader(rows, (page) => {
      labels.value = page.userDefinedLabels;
      return ok(page);
    });
  });
}

function authRecords(ctx: ListingContext): PageStream {
  const { client, args, details } = ctx;
  const type = (args.type ?? '').toLowerCase();
  return pagedRows(ctx, (parse) => followAuthRecordPages(client, type, { details: 'All', params: args.params, signal: ctx.signal }, parse), (row) =>
    authRecordRowReader(type, (summary, record) => {
      if (args.keepDetails) details.keepAuthRecord(ctx.account, record);
      row(summary);
    }),
  );
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

async function* policies(ctx: ListingContext): PageStream {
  for await (const page of listPolicies(ctx.client, { details: 'All', params: ctx.args.params, signal: ctx.signal })) {
    if (!page.ok) {
      yield page;
      return;
    }
    ctx.rows.attempt();
    for (const policy of page.value.policies) ctx.rows.row(policy, 1 + policy.controls.length);
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
    for (const entry of hostsFromClassicPage(policyId, page.value)) ctx.rows.row(entry, 1 + entry.controls.length);
    yield { ok: true, value: info(page.value, page.value.records.length) };
  }
}

export const LISTINGS: Readonly<Record<ListingKind, (ctx: ListingContext) => PageStream>> = { hosts, authTypes, authRecords, policies, posture, pcrsPosture, hostDetections, qidGroups, qidHosts };
