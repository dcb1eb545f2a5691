/**
 * A request file's text as the exchange's RequestSource, for callers without a language server (the
 * command-line runner, tests): the same resolver the server answers `qualys/resolveRequest` with.
 */
import type { ResolvedRequest } from '../../../protocol';
import type { RequestCatalog } from './catalogTypes';
import { parseRequestFile } from './requestParser';
import { resolveForSending, resolveNamed } from './sendableRequest';

/** The shape of the client's RequestSource (client/src/requests/exchange/exchange.ts), and more. */
export interface TextRequests {
  /** The request of the file named `# @name name`. */
  named(name: string): Promise<ResolvedRequest | null>;
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
