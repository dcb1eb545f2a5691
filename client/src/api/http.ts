/**
 * One HTTP exchange over undici: sends, reads the whole body under a size limit, and maps every
 * failure (refused, reset, timeout, cancel) to an ApiError. No retries, no Qualys semantics here.
 */
import type { Readable } from 'node:stream';
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
    if (sink) {
      const read = await feedSink(response.body, sink, options.maxBodyBytes);
      if (read === 'too-large') return fail(apiError('too-large', `The answer from ${host} is larger than ${plural(options.maxBodyBytes, 'byte')}; narrow the request.`, { status: response.statusCode }));
      const body = Buffer.alloc(0);
      return ok(read === 'dropped' ? { status: response.statusCode, headers, body, dropped: true } : { status: response.statusCode, headers, body });
    }
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of response.body) {
      const buffer = chunk as Buffer;
      size += buffer.length;
      if (size > options.maxBodyBytes) {
        response.body.destroy();
        return fail(apiError('too-large', `The answer from ${host} is larger than ${plural(options.maxBodyBytes, 'byte')}; narrow the request.`, { status: response.statusCode }));
      }
      chunks.push(buffer);
    }
    return ok({ status: response.statusCode, headers, body: Buffer.concat(chunks, size) });
  } catch (error) {
    return fail(mapFailure(error, host, phase, cancelled(), timer.signal.aborted && !cancelled(), options.timeoutMs));
  } finally {
    clearTimeout(timeout);
  }
}

/** The most bytes of a streamed body read ahead of its sink (kept while the sink works on earlier ones). */
export const READ_AHEAD_BYTES = 8 * 1024 * 1024;

/**
 * Gives a body's chunks to its sink. The body is read as it arrives, up to READ_AHEAD_BYTES ahead
 * of the sink, so the server keeps sending while the sink parses (the two overlap instead of taking
 * turns through the sockets' small buffers); beyond that the body is paused. The sink gets pieces,
 * and after a slice of work timers and messages run first, so that reading a body never holds the
 * thread for long. Answers 'too-large', 'dropped' (the sink stopped: the body was destroyed) or
 * 'read'; a failure of the body (cancelled, cut, timed out) is thrown, as the body's iterator would.
 */
export async function feedSink(body: Readable, sink: BodySink, maxBodyBytes: number): Promise<'read' | 'dropped' | 'too-large'> {
  const queue: Buffer[] = [];
  let queued = 0;
  let size = 0;
  let ended = false;
  let failure: unknown;
  let wake: (() => void) | undefined;
  const signal = (): void => {
    const w = wake;
    wake = undefined;
    w?.();
  };
  const onData = (chunk: Buffer): void => {
    size += chunk.length;
    queue.push(chunk);
    queued += chunk.length;
    if (queued >= READ_AHEAD_BYTES) body.pause();
    signal();
  };
  const onEnd = (): void => {
    ended = true;
    signal();
  };
  const onError = (error: unknown): void => {
    // Only the first failure counts; later ones (a destroyed body's) are dropped.
    failure ??= error;
    signal();
  };
  body.on('data', onData);
  body.once('end', onEnd);
  body.once('error', onError);
  try {
    let slice = performance.now();
    for (;;) {
      if (failure !== undefined) throw failure;
      if (size > maxBodyBytes) {
        body.destroy();
        return 'too-large';
      }
      const buffer = queue.shift();
      if (buffer === undefined) {
        if (ended) return 'read';
        await new Promise<void>((resolve) => (wake = resolve));
        slice = performance.now();
        continue;
      }
      queued -= buffer.length;
      if (body.isPaused() && queued < READ_AHEAD_BYTES / 2 && !ended) body.resume();
      for (let at = 0; at < buffer.length; at += SINK_PIECE_BYTES) {
        if (performance.now() - slice >= SINK_SLICE_MS) {
          await new Promise<void>((resolve) => setImmediate(resolve));
          slice = performance.now();
          if (failure !== undefined) throw failure;
        }
        if (!sink.write(at === 0 && buffer.length <= SINK_PIECE_BYTES ? buffer : buffer.subarray(at, at + SINK_PIECE_BYTES))) {
          body.destroy();
          return 'dropped';
        }
      }
    }
  } finally {
    // The error listener stays: a body destroyed here may still report its end as an error.
    body.off('data', onData);
    body.off('end', onEnd);
  }
}
