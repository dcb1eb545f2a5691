/**
 * Follows Qualys' truncation paging: a page that ends with WARNING (CODE 1980) and a URL carrying
 * id_min continues with our own request plus the URL's parameters. Only the parameters of the URL
 * are used, never its host, so credentials go nowhere a response names. One page is held at a time.
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
  /** The id_min of the next page, when there is one. */
  readonly nextIdMin?: string;
}

export interface PagingOptions extends CallOptions {
  /** Stop after this many pages (the UI's "Load more"); default no limit. */
  readonly maxPages?: number;
}

function urlParams(url: string): URLSearchParams | undefined {
  try {
    return new URL(url.replace(/\s+/g, ''), 'https://placeholder.invalid').searchParams;
  } catch {
    return undefined;
  }
}

export async function* followPages<P extends Paged>(
  client: QualysClient,
  spec: Omit<CallSpec, 'query'>,
  firstQuery: Readonly<Record<string, string | number | undefined>>,
  parse: Parse<P> | StreamParse<P>,
  options: PagingOptions,
): AsyncGenerator<Result<P & PageInfo>, void, void> {
  let query: Record<string, string | number | undefined> = { ...firstQuery };
  let lastIdMin: number | undefined;
  for (let index = 0; options.maxPages === undefined || index < options.maxPages; index++) {
    const page = await client.execute({ ...spec, query }, parse, options);
    if (!page.ok) {
      yield page;
      return;
    }
    const params = page.value.warning?.url ? urlParams(page.value.warning.url) : undefined;
    const idMin = params?.get('id_min') ?? undefined;
    yield ok({ ...page.value, index, ...(idMin ? { nextIdMin: idMin } : {}) });
    if (!params || !idMin) return;
    const numeric = Number(idMin);
    if (!Number.isFinite(numeric) || (lastIdMin !== undefined && numeric <= lastIdMin)) {
      yield fail(apiError('malformed', `Qualys pointed the next page at id_min=${idMin} again; listing stopped to avoid a loop.`, { operation: spec.operation.id }));
      return;
    }
    lastIdMin = numeric;
    query = { ...firstQuery };
    for (const [key, value] of params) query[key] = value;
  }
}
