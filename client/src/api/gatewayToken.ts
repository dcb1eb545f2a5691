/**
 * JWT for the gateway APIs (PCRS): POST {gateway}/auth with username, password and token=true
 * answers the token as plain text (201). A token is reused until it expires (its `exp` claim, or
 * 4 hours after issue as Qualys documents) and dropped when the gateway answers 401.
 */
import type { CallOptions, QualysClient } from './client';
import { apiError } from './errors';
import { OPERATIONS } from './operations';
import { fail, ok, type Result } from './result';

/** Qualys: "The token expires in 4 hours." (docs.qualys.com gateway_authentication_url.htm). */
const DEFAULT_LIFETIME_MS = 4 * 60 * 60 * 1000;
/** Renew this long before expiry so a token does not lapse in flight. */
const SKEW_MS = 60 * 1000;

interface Cached {
  readonly token: string;
  readonly expiresAt: number;
}

function expiryOf(token: string, issuedAt: number): number {
  try {
    const payload = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as { exp?: unknown };
    if (typeof payload.exp === 'number' && Number.isFinite(payload.exp)) return payload.exp * 1000;
  } catch {
    // Not a JSON payload: fall back to the documented lifetime.
  }
  return issuedAt + DEFAULT_LIFETIME_MS;
}

export class GatewayTokens {
  private cached: Cached | undefined;
  private pending: Promise<Result<string>> | undefined;
  /** How many tokens were requested (tests and the status bar). */
  issued = 0;

  constructor(private readonly client: QualysClient, private readonly now: () => number = Date.now) {}

  /**
   * A valid token, fetched only when none is cached or it is about to expire. Callers asking at the same
   * time share one fetch; each caller's signal ends its own wait, not the fetch the others wait for.
   */
  get(options: CallOptions = {}): Promise<Result<string>> {
    if (this.cached && this.cached.expiresAt - SKEW_MS > this.now()) return Promise.resolve(ok(this.cached.token));
    const { signal: _signal, ...shared } = options;
    this.pending ??= this.fetch(shared).finally(() => {
      this.pending = undefined;
    });
    return untilAborted(this.pending, options.signal);
  }

  /** Forgets a token the gateway refused (only if it is still the cached one). */
  invalidate(token: string): void {
    if (this.cached?.token === token) this.cached = undefined;
  }

  private async fetch(options: CallOptions): Promise<Result<string>> {
    const issuedAt = this.now();
    const result = await this.client.execute(
      {
        operation: OPERATIONS.gatewayAuth,
        target: 'gateway',
        method: 'POST',
        path: '/auth',
        form: { username: this.client.username, password: this.passwordForm(), token: 'true' },
        auth: 'none',
      },
      (raw) => {
        const token = raw.body.toString('utf8').trim();
        if (!/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/.test(token)) return fail(apiError('malformed', 'The gateway did not answer a token.'));
        return ok(token);
      },
      options,
    );
    if (result.ok) {
      this.issued++;
      this.cached = { token: result.value, expiresAt: expiryOf(result.value, issuedAt) };
    }
    return result;
  }

  private passwordForm(): string {
    return this.client.password();
  }
}

function untilAborted<T>(promise: Promise<Result<T>>, signal: AbortSignal | undefined): Promise<Result<T>> {
  if (!signal) return promise;
  if (signal.aborted) return Promise.resolve(fail(apiError('cancelled', 'The call was cancelled.')));
  return new Promise((resolve) => {
    const onAbort = (): void => resolve(fail(apiError('cancelled', 'The call was cancelled.')));
    signal.addEventListener('abort', onAbort, { once: true });
    void promise.then((result) => {
      signal.removeEventListener('abort', onAbort);
      resolve(result);
    });
  });
}

const registry = new WeakMap<QualysClient, GatewayTokens>();

/** The token cache of a client (one per client, created on first use). */
export function gatewayTokens(client: QualysClient): GatewayTokens {
  let tokens = registry.get(client);
  if (!tokens) {
    tokens = new GatewayTokens(client);
    registry.set(client, tokens);
  }
  return tokens;
}
