import type { RateLimitState } from './rateLimit';

/**
 * Typed API errors. Every failure of the client becomes one of these values; none is thrown across
 * the client's public API. Messages are redacted of credentials before they leave the client.
 */

export type ApiErrorKind =
  /** The account configuration is unusable: bad URL, plain HTTP to a non-loopback host. */
  | 'config'
  /** Credentials refused: HTTP 401, Qualys CODE 2000, QPS INVALID_CREDENTIALS, JWT refused. */
  | 'auth'
  /** The account itself is blocked: expired (2001), registration incomplete (2003), SecureID (2011). */
  | 'account'
  /** Too many calls running at once (HTTP 409, CODE 1960). */
  | 'concurrency'
  /** Too many calls in the window (HTTP 409, CODE 1965), or a wait longer than the client accepts. */
  | 'rate-limit'
  /** Any other Qualys error CODE/TEXT (SIMPLE_RETURN, QPS responseCode, PCRS error body). */
  | 'qualys'
  /** A non-2xx answer without a Qualys error body. */
  | 'http'
  /** Connection refused, reset, DNS failure, socket closed mid-body. */
  | 'network'
  | 'timeout'
  /** The caller's AbortSignal fired. */
  | 'cancelled'
  /** Truncated or unparsable body, or a document of an unexpected kind. */
  | 'malformed'
  /**
   * A body refused before parsing for markup Qualys never sends (a DOCTYPE outside the prolog, a
   * second one, entity or other declarations). Never retried: asking again would invite the same.
   */
  | 'unsafe-xml'
  /** A gzip body that does not inflate. */
  | 'bad-gzip'
  /** The body exceeded the client's size limit. */
  | 'too-large'
  /** A listing stopped: its next-page URL (WARNING/URL) names something other than its next page, or it read too many pages. */
  | 'paging';

export interface ApiError {
  readonly kind: ApiErrorKind;
  /** One sentence for the user, credentials redacted. */
  readonly message: string;
  /** HTTP status, when an answer arrived. */
  readonly status?: number;
  /** Qualys CODE (e.g. '1965'), QPS responseCode (e.g. 'INVALID_CREDENTIALS') or PCRS code. */
  readonly code?: string;
  /** Qualys TEXT / errorMessage / PCRS message, verbatim (redacted). */
  readonly text?: string;
  /** Seconds Qualys asked us to wait (X-RateLimit-ToWait-Sec or SECONDS_TO_WAIT), when known. */
  readonly waitSec?: number;
  /** The X-RateLimit-* / X-Concurrency-Limit-* values of the answer that failed, when it carried them. */
  readonly limits?: RateLimitState;
  /** The operation id (see operations.ts), e.g. 'host.list'. */
  readonly operation?: string;
  /** How many attempts were made (more than 1 only for read-only calls). */
  readonly attempts?: number;
}

export function apiError(kind: ApiErrorKind, message: string, extra: Omit<ApiError, 'kind' | 'message'> = {}): ApiError {
  return { kind, message, ...extra };
}

const MASK = '***';

/**
 * Names of fields and parameters that hold secrets, whatever their case (password, Password,
 * PASSWORD, passwd, passphrase, secret, token, private key, API key, credential, certificate).
 */
const SECRET_WORD = 'pass(?:word|wd|phrase)|secret|token|private_?key|api_?key|credential|certificate';
const SECRET_NAME = new RegExp(SECRET_WORD, 'i');
/** A secret-like name=value as in a query or form (the value ends at &, white space, a quote or markup). */
const SECRET_ASSIGNMENT = new RegExp(`(?<![\\w.-])([\\w.-]{0,40}?(?:${SECRET_WORD})[\\w.-]{0,40})(\\s*=\\s*)(?!\\*\\*\\*)[^&\\s"'<>,;]+`, 'gi');
/** A secret-like "name": "value" as in JSON. */
const SECRET_JSON = new RegExp(`("[\\w.-]{0,40}?(?:${SECRET_WORD})[\\w.-]{0,40}")(\\s*:\\s*")(?:[^"\\\\]|\\\\.)*"`, 'gi');

export function isSecretName(name: string): boolean {
  return SECRET_NAME.test(name);
}

/** A URL fit for a message: no user or password, secret-like parameters masked, at most 300 characters. */
export function redactUrl(raw: string): string {
  let url: URL;
  const relative = !/^[a-z][a-z0-9+.-]*:/i.test(raw);
  try {
    url = new URL(raw, 'https://relative.invalid');
  } catch {
    return cut(raw.replace(/[^\x21-\x7e]/g, '?'), 300);
  }
  url.username = '';
  url.password = '';
  for (const key of new Set(url.searchParams.keys())) if (isSecretName(key)) url.searchParams.set(key, MASK);
  const text = relative ? `${url.pathname}${url.search}${url.hash}` : url.href;
  return cut(text, 300);
}

function cut(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 3)}...` : text;
}

/** What must never be shown or written: the account's password, its Basic form, and the request's own secrets. */
export function accountSecrets(client: { readonly username: string; password(): string }, own: readonly string[]): string[] {
  const password = client.password();
  return [password, Buffer.from(`${client.username}:${password}`).toString('base64'), ...own];
}

/**
 * Removes every secret (and its URL-encoded and base64 forms) from a text. Secrets shorter than
 * 3 characters are still masked: a short password is still a password.
 */
export function redactText(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) {
    if (!secret) continue;
    for (const form of new Set([secret, encodeURIComponent(secret), new URLSearchParams({ s: secret }).toString().slice(2)])) {
      out = out.split(form).join(MASK);
    }
  }
  // Authorization headers that slipped into a message (e.g. from a library error) lose their value,
  // and so does any secret-like name=value or JSON "name": "value", whatever the name's case.
  return out
    .replace(/(authorization["']?\s*[:=]\s*["']?)(basic|bearer)\s+[A-Za-z0-9._~+/=-]+/gi, `$1$2 ${MASK}`)
    .replace(SECRET_ASSIGNMENT, `$1$2${MASK}`)
    .replace(SECRET_JSON, `$1$2${MASK}"`);
}

export function redactError(error: ApiError, secrets: readonly string[]): ApiError {
  const message = redactText(error.message, secrets);
  const text = error.text === undefined ? undefined : redactText(error.text, secrets);
  return text === undefined ? { ...error, message } : { ...error, message, text };
}
