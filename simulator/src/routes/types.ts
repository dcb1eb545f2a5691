// What every route handler receives and returns. Handlers are plain functions of the request context.
import type { SimState } from '../state';

export type BodyKind = 'xml' | 'json' | 'gzip' | 'text' | 'html';

export interface SimResponse {
  status: number;
  kind: BodyKind;
  /** A whole body, or a generator of chunks for bodies too large to build at once (big host pages). */
  body: string | Buffer | (() => Iterable<string>);
  headers?: Record<string, string>;
  /** kind 'gzip' with a chunk generator: the chunks are gzip-compressed as they are sent. */
  /** The recorded 2001 answer carries no rate-limit headers. */
  noLimitHeaders?: boolean;
}

export interface Ctx {
  method: string;
  /** Path without a trailing slash. */
  path: string;
  query: URLSearchParams;
  /** Query and form parameters merged (the last instance wins). */
  params: Map<string, string>;
  body: Buffer;
  contentType: string;
  headers: Record<string, string | string[] | undefined>;
  state: SimState;
  /** The simulator's own base URL (http://127.0.0.1:PORT): DOCTYPE lines and paging URLs point here. */
  base: string;
  /** The RESPONSE/DATETIME value. */
  now: string;
  /** The authenticated Basic user (FO/QPS). */
  user: string;
}

export type Handler = (ctx: Ctx) => SimResponse | Promise<SimResponse>;

export function xml(body: string | (() => Iterable<string>), status = 200): SimResponse {
  return { status, kind: 'xml', body };
}

export function json(value: unknown, status = 200): SimResponse {
  return { status, kind: 'json', body: JSON.stringify(value) };
}

export function isResponse(x: object): x is SimResponse {
  return 'kind' in x && 'body' in x && 'status' in x;
}
