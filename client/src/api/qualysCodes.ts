/**
 * How Qualys error codes map to error kinds, as data. Source: docs.qualys.com
 * qweb-all-api/appendix/appendix_d.htm (via reference/qualys/params/error_codes.reference.json),
 * recorded responses (2001 with HTTP 200) and client fixtures (1960, 1965, 2003, 2011).
 * HTTP status is not a reliable signal: 2001 arrives with HTTP 200, so the CODE decides.
 */
import type { ApiErrorKind } from './errors';

export interface QualysCodeInfo {
  readonly kind: ApiErrorKind;
  /** Whether a read-only call may be retried after this code. */
  readonly retryable: boolean;
  readonly source: string;
}

export const QUALYS_CODES: Readonly<Record<string, QualysCodeInfo>> = {
  '999': { kind: 'qualys', retryable: true, source: 'Qualys/qPyMultiThread README: internal error, retry with backoff' },
  '1960': { kind: 'concurrency', retryable: true, source: 'appendix_d: concurrency limit (HTTP 409), ITEM CALLS_TO_FINISH' },
  '1965': { kind: 'rate-limit', retryable: true, source: 'appendix_d: rate limit (HTTP 409), ITEM SECONDS_TO_WAIT' },
  '1920': { kind: 'concurrency', retryable: true, source: 'appendix_d: blocked by other API requests (HTTP 409)' },
  '2000': { kind: 'auth', retryable: false, source: 'Qualys "Troubleshooting Qualys API": Bad Login/Password' },
  '2001': { kind: 'account', retryable: false, source: 'recorded graph-qualys verifyAuthenticationExpired: HTTP 200' },
  '2003': { kind: 'account', retryable: false, source: 'graph-qualys client.test.ts fixture' },
  '2011': { kind: 'account', retryable: false, source: 'graph-qualys client.test.ts fixture' },
};

/** QPS `ServiceResponse/responseCode` values (error_codes.reference.json qps_responseCode_values). */
export const QPS_CODES: Readonly<Record<string, QualysCodeInfo>> = {
  INVALID_CREDENTIALS: { kind: 'auth', retryable: false, source: 'recorded graph-qualys: HTTP 200' },
  UNAUTHORIZED: { kind: 'auth', retryable: false, source: 'QPS API guide' },
  INSUFFICIENT_PERMISSION: { kind: 'qualys', retryable: false, source: 'QPS API guide' },
  INVALID_REQUEST: { kind: 'qualys', retryable: false, source: 'QPS API guide' },
  OBJECT_NOT_FOUND: { kind: 'qualys', retryable: false, source: 'QPS API guide' },
  LIMIT_EXCEEDED: { kind: 'rate-limit', retryable: true, source: 'QPS API guide' },
  OTHER_ERROR: { kind: 'qualys', retryable: false, source: 'QPS API guide' },
};

export function qualysCodeInfo(code: string): QualysCodeInfo {
  return QUALYS_CODES[code] ?? { kind: 'qualys', retryable: false, source: 'unlisted code' };
}

export function qpsCodeInfo(code: string): QualysCodeInfo {
  return QPS_CODES[code] ?? { kind: 'qualys', retryable: false, source: 'unlisted QPS code' };
}
