/**
 * Authentication records: the account's record types, per-type lists (paged), and create/update
 * as request-sending primitives (mutating: never retried, the UI asks first).
 */
import type { CallOptions, Params, QualysClient, StreamParse } from '../client';
import { apiError } from '../errors';
import { OPERATIONS } from '../operations';
import { fail, ok, type Result } from '../result';
import authTypeData from '../data/authRecordTypes.json';
import { authRecordListReader, parseAuthRecordTypes, type AuthRecordPage, type AuthRecordTypeSummary } from '../parse/authRecords';
import { parseBatchReturn, type BatchReturn } from '../parse/simpleReturn';
import { followPages, type PageInfo, type Paged, type PagingOptions } from './paging';

/** Record types with their own endpoint (data/authRecordTypes.json). */
export const AUTH_RECORD_TYPES: readonly string[] = authTypeData.types;

function typePath(type: string): Result<string> {
  const normalized = type.trim().toLowerCase();
  if (!/^[a-z0-9_]+$/.test(normalized)) return fail(apiError('config', `'${type}' is not an authentication record type.`));
  return ok(`/api/2.0/fo/auth/${normalized}/`);
}

/** GET /api/2.0/fo/auth/?action=list: which record types the account has, with their IDs. */
export function listAuthRecordTypes(client: QualysClient, options: CallOptions = {}): Promise<Result<AuthRecordTypeSummary[]>> {
  return client.execute({ operation: OPERATIONS.authTypes, method: 'GET', path: '/api/2.0/fo/auth/', query: { action: 'list' }, auth: 'basic' }, (raw) => parseAuthRecordTypes(raw.body), options);
}

export interface AuthListOptions extends PagingOptions {
  /** details: Basic (default), All, None. */
  readonly details?: 'Basic' | 'All' | 'None';
  /** Further parameters: ids, title, comments, status, is_system_created... */
  readonly params?: Params;
}

/** Lists one type's records, following WARNING paging. */
export function listAuthRecords(client: QualysClient, type: string, options: AuthListOptions = {}): AsyncGenerator<Result<AuthRecordPage & PageInfo>, void, void> {
  return followAuthRecordPages(client, type, options, { stream: () => authRecordListReader(type.toLowerCase()) });
}

/** One type's record pages read by any reader (the view's rows are read by authRecordRowReader in the worker). */
export async function* followAuthRecordPages<P extends Paged>(client: QualysClient, type: string, options: AuthListOptions, parse: StreamParse<P>): AsyncGenerator<Result<P & PageInfo>, void, void> {
  const path = typePath(type);
  if (!path.ok) {
    yield path;
    return;
  }
  const query: Record<string, string | number | undefined> = { action: 'list', details: options.details ?? 'All' };
  for (const [key, value] of Object.entries(options.params ?? {})) if (value !== undefined) query[key] = String(value);
  yield* followPages(client, { operation: OPERATIONS.authList, method: 'GET', path: path.value, auth: 'basic' }, query, parse, options);
}

function batchOutcome(result: Result<BatchReturn>): Result<BatchReturn> {
  if (!result.ok) return result;
  const failed = result.value.batches.find((b) => b.code !== undefined);
  if (failed) return fail(apiError('qualys', `Qualys error ${failed.code}: ${failed.text ?? ''}`.trim(), { code: failed.code!, ...(failed.text ? { text: failed.text } : {}) }));
  return result;
}

/**
 * POST /api/2.0/fo/auth/{type}/?action=create. `params` are the Qualys parameters as documented
 * (title, username, password, ips, asset_type, tags_include, is_cdb, status...); secret values are
 * redacted from any error text.
 */
export async function createAuthRecord(client: QualysClient, type: string, params: Params, options: CallOptions = {}): Promise<Result<BatchReturn>> {
  const path = typePath(type);
  if (!path.ok) return path;
  return batchOutcome(await client.execute({ operation: OPERATIONS.authCreate, method: 'POST', path: path.value, form: { ...params, action: 'create' }, auth: 'basic' }, (raw) => parseBatchReturn(raw.body), options));
}

/** POST /api/2.0/fo/auth/{type}/?action=update with ids and the parameters to change. */
export async function updateAuthRecords(client: QualysClient, type: string, ids: string, params: Params, options: CallOptions = {}): Promise<Result<BatchReturn>> {
  const path = typePath(type);
  if (!path.ok) return path;
  return batchOutcome(await client.execute({ operation: OPERATIONS.authUpdate, method: 'POST', path: path.value, form: { ...params, action: 'update', ids }, auth: 'basic' }, (raw) => parseBatchReturn(raw.body), options));
}
