/**
 * Follows Qualys' truncation paging, the one way every paged FO list (hosts, auth records, policies,
 * posture info) continues: a page that ends with WARNING (CODE 1980) and a URL carrying `id_min`.
 * The next request is our own first request with only `id_min` taken from that URL, and only after
 * the URL is checked to be the same call: the account's own origin, the request's path and action,
 * a decimal id_min above the last one. Anything else ends the listing with a `paging` error and
 * nothing more is sent, so an answer never chooses what we send next beyond where the next page
 * starts. One page is held at a time.
 */
import type { CallOptions, CallSpec, Parse, QualysClient, StreamParse } from '../client';
import { apiError } from '../errors';
import { fail, ok, type Result } from '../result';

export interface Paged {
  readonly warning?: { readonly code?: string; readonly text?: string; readonly url?: string };
}

export interface PageInfo {
  /** 0 for the first page. */
  readonly index: number;
  /** The id_min of the next page, when there is one (and its URL was accepted). */
  readonly nextIdMin?: string;
}

export interface PagingOptions extends CallOptions {
  /** Stop quietly after this many pages (the UI's "Load more"); default no limit. */
  readonly maxPages?: number;
  /** The most pages one listing reads; a server still pointing further ends it with a `paging` error. */
  readonly pageLimit?: number;
}

/** The documented paging parameter of every FO list the client pages through. */
export const PAGING_PARAM = 'id_min';
/** 10 million records at Qualys' default 1000 per page; no honest listing comes near it. */
export const DEFAULT_PAGE_LIMIT = 10_000;
/** id_min is a record ID: decimal digits only (no sign, exponent, hex or spaces). */
const DECIMAL_ID = /^\d{1,30}$/;

type Query = Readonly<Record<string, string | number | undefined>>;

/** A value quoted in a message, cut to a readable length. */
function quote(value: string): string {
  return value.length > 60 ? `'${value.slice(0, 57)}...'` : `'${value}'`;
}

function trimSlash(path: string): string {
  return path.replace(/\/+$/, '');
}

/**
 * The next page's id_min from a page's WARNING/URL, or why the URL is not followed. `expected` is
 * the URL our own request went to (origin and path), `action` its action, `last` the id_min it used.
 */
export function nextPageCursor(warningUrl: string, expected: URL, action: string | undefined, last: bigint | undefined): Result<bigint> {
  const refuse = (why: string): Result<bigint> =>
    fail(apiError('paging', `The listing stopped: Qualys pointed the next page ${why}, which is not this listing's next page. Only the next ${PAGING_PARAM} of the same call is followed.`));
  let url: URL;
  try {
    url = new URL(warningUrl.replace(/\s+/g, ''));
  } catch {
    return refuse('at something that is not a URL');
  }
  if (url.username || url.password) return refuse('at a URL carrying credentials');
  if (url.origin !== expected.origin) return refuse(`at ${quote(url.origin)} instead of ${expected.origin}`);
  if (trimSlash(url.pathname) !== trimSlash(expected.pathname)) return refuse(`at the path ${quote(url.pathname)} instead of ${expected.pathname}`);
  const actions = url.searchParams.getAll('action');
  if (actions.length !== 1 || actions[0] !== action) {
    return refuse(actions.length === 0 ? 'at a call without an action' : `at ${actions.map((a) => `action=${quote(a)}`).join(' and ')} instead of action=${action ?? '(none)'}`);
  }
  const ids = url.searchParams.getAll(PAGING_PARAM);
  if (ids.length !== 1) return refuse(ids.length === 0 ? `at a URL without ${PAGING_PARAM}` : `at a URL with ${ids.length} ${PAGING_PARAM} values`);
  const id = ids[0]!;
  if (!DECIMAL_ID.test(id)) return refuse(`at ${PAGING_PARAM}=${quote(id)}, not a record ID`);
  const next = BigInt(id);
  if (last !== undefined && next <= last) return refuse(`back at ${PAGING_PARAM}=${id} after ${PAGING_PARAM}=${last} (a loop)`);
  return ok(next);
}

/** The id_min a listing starts from (a resumed listing passes one), when it is a record ID. */
function startingCursor(query: Query): bigint | undefined {
  const value = query[PAGING_PARAM];
  return value !== undefined && DECIMAL_ID.test(String(value)) ? BigInt(value) : undefined;
}

/**
 * The one pager of every paged FO list. Each yielded item is a page or, last, the error that ended
 * the listing (a failed call or a refused next-page URL); the page before such an error carries no
 * `nextIdMin`.
 */
export async function* followPages<P extends Paged>(
  client: QualysClient,
  spec: Omit<CallSpec, 'query'>,
  firstQuery: Query,
  parse: Parse<P> | StreamParse<P>,
  options: PagingOptions,
): AsyncGenerator<Result<P & PageInfo>, void, void> {
  const target = client.urlOf(spec);
  if (!target.ok) {
    yield target;
    return;
  }
  const action = firstQuery.action === undefined ? undefined : String(firstQuery.action);
  const pageLimit = options.pageLimit ?? DEFAULT_PAGE_LIMIT;
  let query: Query = firstQuery;
  let cursor = startingCursor(firstQuery);
  for (let index = 0; options.maxPages === undefined || index < options.maxPages; index++) {
    const page = await client.execute({ ...spec, query }, parse, options);
    if (!page.ok) {
      yield page;
      return;
    }
    const url = page.value.warning?.url;
    if (url === undefined) {
      yield ok({ ...page.value, index });
      return;
    }
    const next = nextPageCursor(url, target.value, action, cursor);
    if (!next.ok || index + 1 >= pageLimit) {
      const stop = next.ok ? apiError('paging', `The listing stopped after ${pageLimit} pages: Qualys still pointed at a next page.`) : next.error;
      yield ok({ ...page.value, index });
      yield fail(client.redact({ ...stop, operation: spec.operation.id }));
      return;
    }
    cursor = next.value;
    yield ok({ ...page.value, index, nextIdMin: String(cursor) });
    query = { ...firstQuery, [PAGING_PARAM]: String(cursor) };
  }
}
