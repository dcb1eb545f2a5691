/**
 * The generic primitive behind the request file's "Send Request": any method, path, query, form or
 * body, through the same policy as every other call (HTTPS, auth headers, limiter, retries only when
 * read-only). A Qualys error in the answer does not hide the answer: the response comes back with
 * `qualysError` set. Credentials only go to the account's own API or gateway origin.
 */
import type { ApiError } from './errors';
import { apiError } from './errors';
import { toSearchParams, type CallOptions, type Params, type QualysClient } from './client';
import { gatewayTokens } from './gatewayToken';
import type { RawResponse } from './http';
import { isMutatingRequest, OPERATIONS } from './operations';
import { fail, ok, type Result } from './result';

export interface SendRequest {
  readonly method: string;
  /** A path ('/api/2.0/fo/asset/host/?action=list') or an absolute URL on the account's API or gateway origin. */
  readonly url: string;
  readonly query?: Params;
  /** Sent as application/x-www-form-urlencoded (instead of body). */
  readonly form?: Params;
  readonly body?: string;
  /** Extra headers; an Authorization header is ignored (credentials come from the account only). */
  readonly headers?: Readonly<Record<string, string>>;
  /** Which base: by default the gateway for /auth and /pcrs/..., the API server otherwise. */
  readonly target?: 'api' | 'gateway';
  /** Default: Bearer (JWT) on the gateway, Basic on the API server. */
  readonly auth?: 'basic' | 'bearer' | 'none';
  /** Whether the request changes data; default judged by isMutatingRequest. Mutating requests are never retried. */
  readonly mutating?: boolean;
}

export interface SendResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
  readonly durationMs: number;
  /** The Qualys error the answer carries (SIMPLE_RETURN CODE, 409, 401...), if any. */
  readonly qualysError?: ApiError;
  readonly mutating: boolean;
}

const GATEWAY_PATH = /^\/(auth\/?$|pcrs\/)/;

interface Target {
  readonly target: 'api' | 'gateway';
  readonly path: string;
  readonly query: URLSearchParams;
}

function resolveTarget(client: QualysClient, request: SendRequest): Result<Target> {
  let url: URL;
  const absolute = /^[a-z][a-z0-9+.-]*:\/\//i.test(request.url);
  try {
    url = new URL(request.url, client.endpoints.apiBase.origin);
  } catch {
    return fail(apiError('config', `'${request.url}' is not a valid URL.`));
  }
  let target: 'api' | 'gateway' = request.target ?? (GATEWAY_PATH.test(url.pathname) ? 'gateway' : 'api');
  if (absolute) {
    if (url.origin === client.endpoints.apiBase.origin) target = request.target ?? 'api';
    else if (client.endpoints.gatewayBase && url.origin === client.endpoints.gatewayBase.origin) target = 'gateway';
    else return fail(apiError('config', `${url.origin} is neither this account's API server nor its gateway; the request was not sent (credentials go only to the account's own hosts).`));
  }
  const query = new URLSearchParams(url.search);
  for (const [key, value] of toSearchParams(request.query)) query.set(key, value);
  return ok({ target, path: url.pathname, query });
}

/** Sends one request and returns status, headers and body text. */
export async function send(client: QualysClient, request: SendRequest, options: CallOptions = {}): Promise<Result<SendResponse>> {
  const resolved = resolveTarget(client, request);
  if (!resolved.ok) return resolved;
  const { target, path, query } = resolved.value;
  const params = new Map([...query, ...toSearchParams(request.form)]);
  const mutating = request.mutating ?? isMutatingRequest(request.method, path, params);
  const auth = request.auth ?? (target === 'gateway' && !/^\/auth\/?$/.test(path) ? 'bearer' : target === 'gateway' ? 'none' : 'basic');
  const headers = Object.fromEntries(Object.entries(request.headers ?? {}).filter(([name]) => name.toLowerCase() !== 'authorization'));
  const started = Date.now();
  const tokens = auth === 'bearer' ? gatewayTokens(client) : undefined;
  for (let round = 0; ; round++) {
    let bearer: string | undefined;
    if (tokens) {
      const token = await tokens.get(options);
      if (!token.ok) return token;
      bearer = token.value;
    }
    const outcome = await client.run(
      {
        operation: mutating ? OPERATIONS.sendMutating : OPERATIONS.send,
        target,
        method: request.method.toUpperCase(),
        path,
        query,
        ...(request.form ? { form: request.form } : {}),
        ...(request.body !== undefined ? { body: request.body } : {}),
        headers,
        auth,
        ...(bearer ? { bearer } : {}),
      },
      (raw: RawResponse) => ok(raw),
      options,
    );
    const error = outcome.result.ok ? undefined : outcome.result.error;
    if (tokens && bearer && round === 0 && error?.kind === 'auth' && error.status === 401) {
      tokens.invalidate(bearer);
      continue;
    }
    const raw = outcome.result.ok ? outcome.result.value : outcome.lastResponse;
    if (!raw) return fail(error!);
    const response: SendResponse = { status: raw.status, headers: raw.headers, body: raw.body.toString('utf8'), durationMs: Date.now() - started, mutating };
    return ok(error ? { ...response, qualysError: error } : response);
  }
}
