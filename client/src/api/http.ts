/**
 * One HTTP exchange over undici: sends, reads the whole body under a size limit, and maps every
 * failure (refused, reset, timeout, cancel) to an ApiError. No retries, no Qualys semantics here.
 */
import type { Dispatcher } from 'undici';
import { undici } from './undiciLoader';
import { apiError, type ApiError } from './errors';
import { fail, ok, type Result } from './result';

export interface Exchange {
  readonly method: string;
  readonly url: URL;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string | Buffer;
}

export interface RawResponse {
  readonly status: number;
  /** Header names lower-cased; repeated headers joined with ', '. */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Buffer;
}

export interface ExchangeOptions {
  readonly dispatcher: Dispatcher;
  readonly signal?: AbortSignal;
  /** Whole-exchange limit, headers and body. */
  readonly timeoutMs: number;
  readonly maxBodyBytes: number;
  /**
   * Resolves when the connections undici destroyed are closed. A failed exchange (timeout, cancel,
   * dropped body) answers only after that, so that the caller's concurrency slot is freed only when
   * the server can no longer count the call on an open connection.
   */
  readonly connectionsClosed?: () => Promise<void>;
}

function flattenHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

function errorCode(error: unknown): string {
  const e = error as { code?: unknown; cause?: { code?: unknown } } | undefined;
  return String(e?.code ?? e?.cause?.code ?? '');
}

function mapFailure(error: unknown, host: string, phase: 'connect' | 'body', cancelled: boolean, timedOut: boolean, timeoutMs: number): ApiError {
  if (cancelled) return apiError('cancelled', 'The call was cancelled.');
  const code = errorCode(error);
  if (timedOut || /TIMEOUT/.test(code)) return apiError('timeout', `${host} did not answer within ${Math.round(timeoutMs / 1000)} s.`);
  const detail = code || (error instanceof Error ? error.message : String(error));
  if (phase === 'body') return apiError('network', `The connection to ${host} closed before the whole answer arrived (${detail}).`);
  return apiError('network', `Could not reach ${host} (${detail}).`);
}

export async function exchange(req: Exchange, options: ExchangeOptions): Promise<Result<RawResponse>> {
  const result = await exchangeOnce(req, options);
  if (!result.ok && options.connectionsClosed) await options.connectionsClosed();
  return result;
}

async function exchangeOnce(req: Exchange, options: ExchangeOptions): Promise<Result<RawResponse>> {
  const host = req.url.host;
  if (options.signal?.aborted) return fail(apiError('cancelled', 'The call was cancelled.'));
  const timer = new AbortController();
  const timeout = setTimeout(() => timer.abort(), options.timeoutMs);
  const signal = options.signal ? AbortSignal.any([options.signal, timer.signal]) : timer.signal;
  const cancelled = (): boolean => options.signal?.aborted === true;
  let phase: 'connect' | 'body' = 'connect';
  try {
    const response = await undici().request(req.url, {
      method: req.method as Dispatcher.HttpMethod,
      headers: req.headers,
      body: req.body ?? null,
      signal,
      dispatcher: options.dispatcher,
    });
    phase = 'body';
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of response.body) {
      const buffer = chunk as Buffer;
      size += buffer.length;
      if (size > options.maxBodyBytes) {
        response.body.destroy();
        return fail(apiError('too-large', `The answer from ${host} is larger than ${options.maxBodyBytes} bytes; narrow the request.`, { status: response.statusCode }));
      }
      chunks.push(buffer);
    }
    return ok({ status: response.statusCode, headers: flattenHeaders(response.headers), body: Buffer.concat(chunks, size) });
  } catch (error) {
    return fail(mapFailure(error, host, phase, cancelled(), timer.signal.aborted && !cancelled(), options.timeoutMs));
  } finally {
    clearTimeout(timeout);
  }
}
