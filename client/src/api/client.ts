/**
 * The Qualys API client of one account. Every call goes through `execute`: HTTPS policy, Basic or
 * Bearer auth, X-Requested-With and User-Agent, the per-account concurrency limiter, the rate-limit
 * state, Qualys error decoding, and retries for read-only operations only. Nothing here imports
 * `vscode`; credentials are given by the caller and appear in no message.
 */
import type { Dispatcher } from 'undici';
import { undici } from './undiciLoader';
import { apiError, isSecretName, redactError, type ApiError } from './errors';
import { ConnectionTracker } from './connections';
import { exchange, type RawResponse } from './http';
import { ConcurrencyLimiter, limiterForAccount } from './limiter';
import type { OperationInfo } from './operations';
import { checkTransport, type Endpoints } from './platforms';
import { RateLimitTracker, type RateLimitListener, type RateLimitState } from './rateLimit';
import { AccountGate, type CallGate } from './gate';
import { fail, ok, type Result } from './result';
import { DEFAULT_RETRY, retryDelayMs, sleep, type RetryPolicy } from './retry';
import { decodeQualysError } from './parse/qualysError';
import type { DocumentReader } from './stream/documentReader';
import { StreamedAnswer } from './streamedAnswer';
import { defaultUserAgent, REQUESTED_WITH } from './userAgent';

export interface QualysCredentials {
  readonly username: string;
  readonly password: string;
}

export interface QualysClientOptions {
  readonly endpoints: Endpoints;
  readonly credentials: QualysCredentials;
  readonly userAgent?: string;
  readonly requestedWith?: string;
  /** Whole-call limit per attempt; default 120 s. */
  readonly timeoutMs?: number;
  /** Largest body accepted; default 256 MiB. */
  readonly maxBodyBytes?: number;
  readonly retry?: Partial<RetryPolicy>;
  /** An undici dispatcher (tests: MockAgent); default a keep-alive Agent owned by the client. */
  readonly dispatcher?: Dispatcher;
  /** A limiter of one's own instead of the per-account shared one (tests). */
  readonly limiter?: ConcurrencyLimiter;
  /** Another thread's gate for this account (the worker's calls pass the extension host's). */
  readonly gate?: CallGate;
}

/** A client's settings as plain data (see QualysClient.threadSettings). */
export interface ThreadSettings {
  readonly apiBase: string;
  readonly gatewayBase?: string;
  readonly credentials: QualysCredentials;
  readonly userAgent?: string;
  readonly requestedWith?: string;
  readonly timeoutMs?: number;
  readonly maxBodyBytes?: number;
  readonly retry: RetryPolicy;
}

export interface CallOptions {
  readonly signal?: AbortSignal;
  readonly timeoutMs?: number;
}

export type QueryValue = string | number | boolean | undefined;
export type Params = Readonly<Record<string, QueryValue>>;

export interface CallSpec {
  readonly operation: OperationInfo;
  readonly target?: 'api' | 'gateway';
  readonly method: string;
  readonly path: string;
  readonly query?: Params | URLSearchParams;
  /** Sent as application/x-www-form-urlencoded. */
  readonly form?: Params;
  readonly body?: string | Buffer;
  readonly contentType?: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly auth: 'basic' | 'bearer' | 'none';
  readonly bearer?: string;
  /** Values to redact from messages besides the account's password (e.g. a record's password). */
  readonly secrets?: readonly string[];
}

export type Parse<T> = (raw: RawResponse) => Result<T> | Promise<Result<T>>;

/** A parse that reads the body as it arrives: a new document reader for each attempt. */
export interface StreamParse<T> {
  readonly stream: () => DocumentReader<T>;
}

interface RunOutcome<T> {
  readonly result: Result<T>;
  /** The last answer received, when the failure came from one. */
  readonly lastResponse?: RawResponse;
  readonly attempts: number;
}

export function toSearchParams(params: Params | URLSearchParams | undefined): URLSearchParams {
  if (params instanceof URLSearchParams) return new URLSearchParams(params);
  const out = new URLSearchParams();
  for (const [key, value] of Object.entries(params ?? {})) if (value !== undefined) out.set(key, String(value));
  return out;
}

export class QualysClient {
  readonly endpoints: Endpoints;
  readonly limiter: ConcurrencyLimiter;
  private readonly rates = new RateLimitTracker();
  /** Made on this thread's first call: a client whose calls all go through the API worker never loads undici here. */
  private ownDispatcher: Dispatcher | undefined;
  /** Knows when our Agent's destroyed sockets are closed; undefined with a dispatcher given by the caller. */
  private connections: ConnectionTracker | undefined;
  private readonly ownsDispatcher: boolean;
  private readonly retry: RetryPolicy;
  private readonly basic: string;
  private readonly accountSecrets: readonly string[];
  /** Rate window and concurrency slot before each call, limit headers after. */
  readonly gate: CallGate;

  constructor(private readonly options: QualysClientOptions) {
    this.endpoints = options.endpoints;
    this.ownsDispatcher = options.dispatcher === undefined;
    this.retry = { ...DEFAULT_RETRY, ...options.retry };
    this.limiter = options.limiter ?? limiterForAccount(`${options.endpoints.apiBase.origin}|${options.credentials.username}`);
    this.basic = Buffer.from(`${options.credentials.username}:${options.credentials.password}`).toString('base64');
    this.accountSecrets = [options.credentials.password, this.basic];
    this.gate = options.gate ?? new AccountGate(this.limiter, this.rates, () => this.retry.maxWaitSec);
  }

  /**
   * What a client of the same account on another thread is made from: plain data that can cross
   * to a worker once. It holds the credentials: it is never logged.
   */
  threadSettings(): ThreadSettings {
    const { endpoints, credentials, userAgent, requestedWith, timeoutMs, maxBodyBytes } = this.options;
    return {
      apiBase: endpoints.apiBase.href,
      ...(endpoints.gatewayBase ? { gatewayBase: endpoints.gatewayBase.href } : {}),
      credentials: { username: credentials.username, password: credentials.password },
      ...(userAgent !== undefined ? { userAgent } : {}),
      ...(requestedWith !== undefined ? { requestedWith } : {}),
      ...(timeoutMs !== undefined ? { timeoutMs } : {}),
      ...(maxBodyBytes !== undefined ? { maxBodyBytes } : {}),
      retry: this.retry,
    };
  }

  private dispatcher(): Dispatcher {
    if (this.options.dispatcher) return this.options.dispatcher;
    if (!this.ownDispatcher) {
      // Our own Agent's sockets are tracked, so that a failed call frees its slot only once its connection is closed.
      const connections = (this.connections = new ConnectionTracker());
      this.ownDispatcher = new (undici().Agent)({ keepAliveTimeout: 30_000, connections: 8, connect: connections.wrap(undici().buildConnector({})) });
    }
    return this.ownDispatcher;
  }

  get username(): string {
    return this.options.credentials.username;
  }

  /** The password, for the one call that must send it in a form (gateway /auth). Never logged. */
  password(): string {
    return this.options.credentials.password;
  }

  /** The latest rate and concurrency limits the account reported. */
  get rateLimit(): RateLimitState {
    return this.rates.state;
  }

  /** Called on every change of the rate-limit state; returns the unsubscribe function. */
  onRateLimit(listener: RateLimitListener): () => void {
    return this.rates.onChange(listener);
  }

  /** The secrets to mask in this client's messages: the account's credentials and the extra ones given. */
  private secretsFor(extra: readonly (string | undefined)[] = []): string[] {
    return [...this.accountSecrets, ...extra.filter((s): s is string => !!s)];
  }

  /** An error made outside a call (e.g. by a pager), with this account's credentials masked. */
  redact(error: ApiError): ApiError {
    return redactError(error, this.accountSecrets);
  }

  private readonly closeListeners: (() => void)[] = [];

  /** Called once when the client closes (sign-out, account switch): its other-thread state is dropped. */
  onClose(listener: () => void): void {
    this.closeListeners.push(listener);
  }

  async close(): Promise<void> {
    for (const listener of this.closeListeners.splice(0)) listener();
    if (this.ownsDispatcher) await this.ownDispatcher?.close();
  }

  /** Runs one operation and parses its answer; read-only operations are retried, mutating ones never. */
  async execute<T>(spec: CallSpec, parse: Parse<T> | StreamParse<T>, options: CallOptions = {}): Promise<Result<T>> {
    return (await this.run(spec, parse, options)).result;
  }

  /** Like execute, but also hands back the last raw answer of a failure (for "Send Request"). */
  async run<T>(spec: CallSpec, parse: Parse<T> | StreamParse<T>, options: CallOptions = {}): Promise<RunOutcome<T>> {
    const secrets = this.secretsFor([spec.bearer, ...(spec.secrets ?? []), ...this.secretParamValues(spec)]);
    const finish = (error: ApiError, attempts: number, lastResponse?: RawResponse): RunOutcome<T> => {
      const final = redactError({ ...error, operation: spec.operation.id, attempts }, secrets);
      return lastResponse ? { result: fail(final), lastResponse, attempts } : { result: fail(final), attempts };
    };
    const built = this.buildExchange(spec);
    if (!built.ok) return finish(built.error, 0);
    const { signal } = options;
    const cancelled = (attempts: number): RunOutcome<T> => finish(apiError('cancelled', 'The call was cancelled.'), attempts);
    // Held across attempts only after a timeout (see below); released on every way out.
    let slot: (() => void) | undefined;
    try {
      for (let attempt = 1; ; attempt++) {
        // The account's rate window, then (unless a timed-out attempt still holds one) a concurrency slot.
        const entered = await this.gate.enter(signal, slot === undefined);
        if (!entered.ok) return finish(entered.error, attempt - 1);
        slot ??= entered.value;
        // A streamed answer is parsed chunk by chunk while it arrives; a new reader for each attempt.
        const streamed = 'stream' in parse ? new StreamedAnswer(parse.stream()) : undefined;
        const dispatcher = this.dispatcher();
        // A failed exchange answers only once its connection is closed, so the slot is never freed
        // while the server can still count the call on an open connection.
        const answer = await exchange(built.value, {
          dispatcher,
          timeoutMs: options.timeoutMs ?? this.options.timeoutMs ?? 120_000,
          maxBodyBytes: this.options.maxBodyBytes ?? 256 * 1024 * 1024,
          ...(signal ? { signal } : {}),
          ...(streamed ? { sink: (status: number) => streamed.start(status) } : {}),
          ...(this.connections ? { connectionsClosed: () => this.connections!.closed() } : {}),
        });
        // After a timeout the slot stays taken through the backoff: Qualys may still be running the
        // call we gave up on, and a retry that went out at once would run beside it.
        if (answer.ok || answer.error.kind !== 'timeout') {
          slot();
          slot = undefined;
        }
        let error: ApiError;
        let lastResponse: RawResponse | undefined;
        if (answer.ok) {
          lastResponse = streamed ? streamed.raw(answer.value) : answer.value;
          const limits = this.gate.observe(answer.value.headers);
          // A streamed success was never kept: its root is not one of Qualys' error documents.
          const decoded = !streamed || streamed.kept ? decodeQualysError(lastResponse) : undefined;
          if (decoded) error = limits ? { ...decoded, limits } : decoded;
          else {
            const parsed = streamed ? streamed.finish() : await safeParse(parse as Parse<T>, answer.value);
            if (parsed.ok) return { result: parsed, attempts: attempt };
            error = { ...parsed.error, status: answer.value.status };
          }
        } else error = answer.error;
        if (signal?.aborted) return cancelled(attempt);
        const delay = spec.operation.mutating ? undefined : retryDelayMs(error, attempt, this.retry);
        if (delay === undefined) return finish(error, attempt, lastResponse);
        if (!(await sleep(delay, signal))) return cancelled(attempt);
      }
    } finally {
      slot?.();
    }
  }

  private secretParamValues(spec: CallSpec): string[] {
    const values: string[] = [];
    for (const params of [toSearchParams(spec.query), toSearchParams(spec.form)]) {
      for (const [key, value] of params) if (isSecretName(key) && value) values.push(value);
    }
    return values;
  }

  /** The URL a call goes to, before its query: the account's API (or gateway) base and the path. */
  urlOf(spec: Pick<CallSpec, 'target' | 'path'>): Result<URL> {
    const base = spec.target === 'gateway' ? this.endpoints.gatewayBase : this.endpoints.apiBase;
    if (!base) return fail(apiError('config', 'No gateway URL is known for this account; set one to use the PCRS APIs.'));
    return ok(new URL(base.href.replace(/\/+$/, '') + (spec.path.startsWith('/') ? spec.path : `/${spec.path}`)));
  }

  private buildExchange(spec: CallSpec): Result<{ method: string; url: URL; headers: Record<string, string>; body?: string | Buffer }> {
    const resolved = this.urlOf(spec);
    if (!resolved.ok) return resolved;
    const url = resolved.value;
    for (const [key, value] of toSearchParams(spec.query)) url.searchParams.set(key, value);
    const refused = checkTransport(url);
    if (refused) return fail(refused);
    const headers: Record<string, string> = {
      'user-agent': this.options.userAgent ?? defaultUserAgent(),
      'x-requested-with': this.options.requestedWith ?? REQUESTED_WITH,
    };
    for (const [name, value] of Object.entries(spec.headers ?? {})) headers[name.toLowerCase()] = value;
    if (spec.auth === 'basic') headers.authorization = `Basic ${this.basic}`;
    else if (spec.auth === 'bearer') headers.authorization = `Bearer ${spec.bearer ?? ''}`;
    let body: string | Buffer | undefined = spec.body;
    if (spec.form) {
      body = toSearchParams(spec.form).toString();
      headers['content-type'] = 'application/x-www-form-urlencoded';
    } else if (spec.contentType) headers['content-type'] = spec.contentType;
    return ok(body === undefined ? { method: spec.method, url, headers } : { method: spec.method, url, headers, body });
  }
}

/** A parser that throws (a bug, or input nobody foresaw) still yields an error value, never an exception. */
async function safeParse<T>(parse: Parse<T>, raw: RawResponse): Promise<Result<T>> {
  try {
    return await parse(raw);
  } catch (error) {
    return fail(apiError('malformed', `The answer could not be read (${error instanceof Error ? error.message : String(error)}).`));
  }
}
