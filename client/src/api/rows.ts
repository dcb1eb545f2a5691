/**
 * Listings for the sidebar, read by the API worker (client/src/worker): each page arrives as the
 * rows it shows, in batches while the worker reads it, and nothing of it is parsed on this thread.
 * Same paging (a cursor is the next page's id_min), errors (Qualys CODE/TEXT), retries, redaction
 * and concurrency limit as the listings of ops/; the signal (a VS Code token's) cancels the worker's
 * calls. Details are read when a row is opened.
 */
import type { Params, QualysClient } from './client';
import { apiError, type ApiError } from './errors';
import type { AuthRecord, AuthRecordRow, AuthRecordTypeSummary } from './parse/authRecords';
import type { Host, HostRow } from './parse/hostList';
import type { Policy } from './parse/policyList';
import { fail, ok, type Result } from './result';
import { workerHost, type ListingHandler } from './workerHost';
import type { FromWorker, ListingArgs, ListingKind, PcrsSelection } from '../worker/protocol';
import type { ProfileSummary } from './parse/optionProfileList';
import type { LiveValue, LiveValueKind } from '../../../protocol';
import type { RenderedResponse, ResponseView } from '../requests/renderResponse';

/** The longest this thread reads the worker's row messages before the event loop takes a turn. */
const ROW_SLICE_MS = 4;

/** One page of rows; `next` is where the following page starts (none on the last). */
export interface RowPage<T> {
  readonly items: readonly T[];
  readonly next?: string;
  /** Records the page held (a grouped page: its hosts). */
  readonly count?: number;
}

export interface RowListingOptions {
  readonly signal?: AbortSignal;
  /** Qualys parameters (filters); a cursor adds id_min. */
  readonly params?: Params;
  /** Where to start: a page's `next`. */
  readonly cursor?: string;
  /** Pages the worker fetches ahead of the consumer (default 0: one call per page asked for). */
  readonly readAhead?: number;
  /** Keep what each row's details are read from (default true). */
  readonly keepDetails?: boolean;
}

function stringParams(params: Params | undefined, cursor: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(params ?? {})) if (value !== undefined) out[key] = String(value);
  if (cursor !== undefined) out.id_min = cursor;
  return out;
}

function args(options: RowListingOptions, extra: Partial<ListingArgs> = {}): ListingArgs {
  return { params: stringParams(options.params, options.cursor), keepDetails: options.keepDetails ?? true, readAhead: options.readAhead ?? 0, ...extra };
}

/** Pages of a worker listing. Each yielded item is a page or, last, the error that ended it. */
export async function* listRows<T>(client: QualysClient, kind: ListingKind, listing: ListingArgs, signal?: AbortSignal): AsyncGenerator<Result<RowPage<T>>, void, void> {
  if (signal?.aborted) {
    yield fail(apiError('cancelled', 'The call was cancelled.'));
    return;
  }
  const host = workerHost();
  const building = new Map<number, T[]>();
  const ready: Result<RowPage<T>>[] = [];
  let ended = false;
  let wake: (() => void) | undefined;
  const take = (message: Extract<FromWorker, { listing: number }> | { readonly type: 'failed'; readonly error: ApiError }): void => {
    if (message.type === 'rows') {
      const batch = message.rows as T[];
      const rows = building.get(message.page);
      if (rows) for (const row of batch) rows.push(row);
      else building.set(message.page, batch);
    } else if (message.type === 'reset') building.delete(message.page);
    else if (message.type === 'page') {
      const items = building.get(message.page) ?? [];
      building.delete(message.page);
      ready.push(ok(message.info.next === undefined ? { items, count: message.info.count } : { items, next: message.info.next, count: message.info.count }));
    } else if (message.type === 'failed') {
      ready.push(fail(message.error));
      ended = true;
    } else {
      if (message.error) ready.push(fail(message.error));
      ended = true;
    }
  };
  // The worker's messages are delivered in a row, as many as have arrived, with no turn of the event
  // loop between them: they are read here a slice at a time, in order, so that a page of many rows
  // never holds the thread for long.
  const queue: Parameters<typeof take>[0][] = [];
  let draining = false;
  const drain = (): void => {
    const start = performance.now();
    while (queue.length > 0 && performance.now() - start < ROW_SLICE_MS) take(queue.shift()!);
    if (queue.length > 0) setImmediate(drain);
    else draining = false;
    wake?.();
  };
  const enqueue = (message: Parameters<typeof take>[0]): void => {
    queue.push(message);
    if (!draining) {
      draining = true;
      setImmediate(drain);
    }
  };
  const handler: ListingHandler = { onMessage: enqueue, onFailure: (error) => enqueue({ type: 'failed', error }) };
  const id = host.list(client, { kind, args: listing }, handler);
  const onAbort = (): void => host.cancel(id);
  signal?.addEventListener('abort', onAbort, { once: true });
  try {
    for (;;) {
      host.pull(id);
      while (ready.length === 0 && !ended) await new Promise<void>((resolve) => (wake = resolve));
      wake = undefined;
      const item = ready.shift();
      if (!item) return;
      yield item;
      if (!item.ok) return;
    }
  } finally {
    signal?.removeEventListener('abort', onAbort);
    if (!ended) host.cancel(id);
  }
}

export interface HostRowOptions extends RowListingOptions {
  /** Hosts per page (truncation_limit). */
  readonly pageSize?: number;
}

/** The Hosts view's rows (details=All, tags, cloud metadata and tags asked for, as listHosts does). */
export function listHostRows(client: QualysClient, options: HostRowOptions = {}): AsyncGenerator<Result<RowPage<HostRow>>, void, void> {
  return listRows<HostRow>(client, 'hosts', args(options, options.pageSize ? { pageSize: options.pageSize } : {}), options.signal);
}

/** The account's authentication record types with their IDs (one call), read in the worker. */
export function listAuthRecordTypeRows(client: QualysClient, options: Omit<RowListingOptions, 'cursor' | 'readAhead'> = {}): AsyncGenerator<Result<RowPage<AuthRecordTypeSummary>>, void, void> {
  return listRows<AuthRecordTypeSummary>(client, 'authTypes', args(options), options.signal);
}

/** One type's authentication record rows. */
export function listAuthRecordRows(client: QualysClient, type: string, options: RowListingOptions = {}): AsyncGenerator<Result<RowPage<AuthRecordRow>>, void, void> {
  return listRows<AuthRecordRow>(client, 'authRecords', args(options, { type }), options.signal);
}

/** The compliance policies (details=All: controls and tag names), whole. */
export function listPolicyRows(client: QualysClient, options: RowListingOptions = {}): AsyncGenerator<Result<RowPage<Policy>>, void, void> {
  return listRows<Policy>(client, 'policies', args(options), options.signal);
}

/** A policy's posture, grouped by host in the worker (rows are views/posture/postureModel's PostureHostEntry). */
export function listPostureRows<T>(client: QualysClient, policyId: string, options: HostRowOptions = {}): AsyncGenerator<Result<RowPage<T>>, void, void> {
  return listRows<T>(client, 'posture', args(options, { policyId, ...(options.pageSize ? { pageSize: options.pageSize } : {}) }), options.signal);
}

/**
 * A policy's PCRS posture, a batch of `pageSize` hosts a page (the cursor is the batch's first host),
 * resolved, fetched, parsed and grouped by host in the worker.
 */
export function listPcrsPostureRows<T>(client: QualysClient, policyId: string, pcrs: PcrsSelection, options: Omit<HostRowOptions, 'params'> = {}): AsyncGenerator<Result<RowPage<T>>, void, void> {
  const start = options.cursor === undefined ? 0 : Number(options.cursor);
  return listRows<T>(client, 'pcrsPosture', { params: {}, readAhead: options.readAhead ?? 0, policyId, pcrs, start: Number.isFinite(start) ? start : 0, ...(options.pageSize ? { pageSize: options.pageSize } : {}) }, options.signal);
}

/** A host's full record, from what the worker kept of its row (or one call by its ID). */
export function hostDetails(client: QualysClient, id: string): Promise<Result<Host>> {
  return workerHost().detailsOf<Host>(client, 'host', id);
}

/** An authentication record's full record (secrets dropped), as the worker read it with its row. */
export function authRecordDetails(client: QualysClient, type: string, id: string): Promise<Result<AuthRecord>> {
  return workerHost().detailsOf<AuthRecord>(client, 'authRecord', id, type);
}

/**
 * A Send Request answer's document, formatted and redacted in the worker (a large body would block
 * this thread): the account's credentials are masked there from the worker's own client, `secrets`
 * are the request's own (e.g. a record's password). Undefined when the worker failed: the caller
 * then renders here.
 */
export function renderOffThread(client: QualysClient, view: ResponseView, secrets: readonly string[]): Promise<RenderedResponse | undefined> {
  return workerHost().render(client, view, secrets);
}

/** One kind of completion values, fetched and read in the worker (requests/liveValues.ts runs there). */
export function liveValuesInWorker(client: QualysClient, kind: LiveValueKind, signal?: AbortSignal): Promise<Result<LiveValue[]>> {
  return workerHost().call<LiveValue[]>(client, { name: 'liveValues', kind }, signal);
}

/** The account's option profiles (ID, title, type), read from the export in the worker. */
export function optionProfilesInWorker(client: QualysClient, signal?: AbortSignal): Promise<Result<ProfileSummary[]>> {
  return workerHost().call<ProfileSummary[]>(client, { name: 'optionProfiles' }, signal);
}
