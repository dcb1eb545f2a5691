/**
 * One HTTP exchange over undici: sends, reads the whole body under a size limit, and maps every
 * failure (refused, reset, timeout, cancel) to an ApiError. No retries, no Qualys semantics here.
 */
import type { Dispatcher } from 'undici';
import { undici } from './undiciLoader';
import { apiError, type ApiError } from './errors';
import { fail, ok, type Result } from './result';
import { plural } from '../../../common/plural';

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
  /** The body sink stopped reading: the rest of the body was dropped with the connection. */
  readonly dropped?: boolean;
}

/** Takes a body's chunks as they arrive instead of the exchange keeping them. */
export interface BodySink {
  /** Answers false to stop reading (the rest of the body is dropped). */
  write(chunk: Buffer): boolean;
}

export interface ExchangeOptions {
  readonly dispatcher: Dispatcher;
  readonly signal?: AbortSignal;
  /** Whole-exchange limit, headers and body. */
  readonly timeoutMs: number;
  readonly maxBodyBytes: number;
  /**
   * Called once the status and headers are known; a sink it returns gets the body's chunks (the
   * answer's `body` is then empty), undefined keeps the body as usual.
   */
  readonly sink?: (status: number, headers: Readonly<Record<string, string>>) => BodySink | undefined;
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

/** The longest a body sink works before the exchange lets the event loop take a turn. */
export const SINK_SLICE_MS = 8;
/** The most bytes a body sink is given at once. */
const SINK_PIECE_BYTES = 64 * 1024;

export async function exchange(req: Exchange, options: ExchangeOptions): Promise<Result<RawResponse>> {
  const result = await exchangeOnce(req, options);
  // A body the sink stopped reading was dropped with its connection, as a failed exchange's is.
  if ((!result.ok || result.value.dropped) && options.connectionsClosed) await options.connectionsClosed();
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
    const headers = flattenHeaders(response.headers);
    const sink = options.sink?.(response.statusCode, headers);
    const chunks: Buffer[] = [];
    let size = 0;
    let dropped = false;
    let slice = performance.now();
    read: for await (const chunk of response.body) {
      const buffer = chunk as Buffer;
      size += buffer.length;
      if (size > options.maxBodyBytes) {
        response.body.destroy();
        return fail(apiError('too-large', `The answer from ${host} is larger than ${plural(options.maxBodyBytes, 'byte')}; narrow the request.`, { status: response.statusCode }));
      }
      if (!sink) {
        chunks.push(buffer);
        continue;
      }
      // What arrived meanwhile comes as one chunk, and chunks already received follow each other
      // without a turn of the event loop: the sink gets pieces, and after a slice of work timers
      // and messages run first, so that reading a body never holds the thread for long.
      for (let at = 0; at < buffer.length; at += SINK_PIECE_BYTES) {
        if (performance.now() - slice >= SINK_SLICE_MS) {
          await new Promise<void>((resolve) => setImmediate(resolve));
          slice = performance.now();
        }
        if (!sink.write(at === 0 && buffer.length <= SINK_PIECE_BYTES ? buffer : buffer.subarray(at, at + SINK_PIECE_BYTES))) {
          response.body.destroy();
          dropped = true;
          break read;
        }
      }
    }
    const body = sink ? Buffer.alloc(0) : Buffer.concat(chunks, size);
    return ok(dropped ? { status: response.statusCode, headers, body, dropped } : { status: response.statusCode, headers, body });
  } catch (error) {
    return fail(mapFailure(error, host, phase, cancelled(), timer.signal.aborted && !cancelled(), options.timeoutMs));
  } finally {
    clearTimeout(timeout);
  }
}
