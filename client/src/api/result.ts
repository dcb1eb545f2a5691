/**
 * Results at the boundary: every API call answers a `Result`, never throws. A failure carries an
 * `ApiError` (see errors.ts) with the Qualys CODE and TEXT when Qualys gave them.
 */
import type { ApiError } from './errors';

export type Result<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: ApiError };

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

export function fail<T = never>(error: ApiError): Result<T> {
  return { ok: false, error };
}
