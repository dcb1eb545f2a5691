/**
 * A request file's text as a RequestSource, for callers without a language server (the
 * command-line runner, tests): the same resolver the server answers `qualys/resolveRequest` with.
 */
import type { ResolvedRequest } from '../../../../server/src/protocol/resolveRequest';
import type { RequestCatalog } from '../../../../server/src/request/catalogTypes';
import { parseRequestFile } from '../../../../server/src/request/requestParser';
import { resolveForSending, resolveNamed } from '../../../../server/src/request/sendableRequest';
import type { RequestSource } from './exchange';

export interface TextRequests extends RequestSource {
  /** Every request of the file, in order (for running a whole file). */
  all(): ResolvedRequest[];
  /** The request around an offset. */
  at(offset: number): ResolvedRequest | null;
}

export function textRequests(text: string, catalog?: RequestCatalog): TextRequests {
  return {
    named: (name) => Promise.resolve(resolveNamed(text, name, catalog)),
    at: (offset) => resolveForSending(text, offset, catalog),
    all: () =>
      parseRequestFile(text)
        .requests.map((r) => resolveForSending(text, r.method?.start ?? r.url?.start ?? r.start, catalog))
        .filter((r): r is ResolvedRequest => r !== null),
  };
}
