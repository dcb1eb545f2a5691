/**
 * Recognises Qualys' error conventions in a raw answer, whatever the HTTP status:
 * SIMPLE_RETURN with a CODE (2001 "account expired" arrives with HTTP 200), QPS ServiceResponse
 * with a responseCode other than SUCCESS (INVALID_CREDENTIALS with HTTP 200), PCRS JSON error
 * bodies (reference/qualys/samples/responses/pcrs_error_responses.qualys-doc-sample.json), and
 * plain HTTP failures.
 */
import { apiError, redactUrl, type ApiError } from '../errors';
import type { RawResponse } from '../http';
import { qpsCodeInfo, qualysCodeInfo } from '../qualysCodes';
import { documentReader, readWhole, sniffXml } from '../stream/documentReader';
import type { Rule } from '../stream/recordReader';
import { field, group } from '../stream/pageRules';
import { ok } from '../result';
import { parseSimpleReturn } from './simpleReturn';

/** FO roots whose RESPONSE may carry CODE/TEXT of a failure. */
const FO_STATUS_ROOTS = ['SIMPLE_RETURN', 'GENERIC_RETURN', 'HOST_UPDATE_OUTPUT'];

function headerWait(raw: RawResponse): number | undefined {
  const value = Number.parseInt(raw.headers['x-ratelimit-towait-sec'] ?? '', 10);
  return Number.isFinite(value) && value > 0 ? value : undefined;
}

function withOptional(base: Omit<ApiError, 'kind' | 'message'>): Omit<ApiError, 'kind' | 'message'> {
  return Object.fromEntries(Object.entries(base).filter(([, v]) => v !== undefined));
}

function describe(kind: ApiError['kind'], code: string | undefined, text: string | undefined, status: number): string {
  const what = code ? `Qualys error ${code}` : `Qualys answered HTTP ${status}`;
  const lead = kind === 'rate-limit' ? 'Rate limit reached: ' : kind === 'concurrency' ? 'Too many calls running: ' : '';
  return `${lead}${what}${text ? `: ${text}` : ''}`;
}

/** An error body that could not be read: refused markup is said (and never retried), else the HTTP status speaks. */
function unreadable(raw: RawResponse, error: ApiError): ApiError | undefined {
  if (error.kind === 'unsafe-xml') return { ...error, status: raw.status };
  return raw.status >= 400 ? httpError(raw, undefined) : undefined;
}

function fromSimpleReturn(raw: RawResponse, body: Buffer): ApiError | undefined {
  const doc = parseSimpleReturn(body, FO_STATUS_ROOTS);
  if (!doc.ok) return unreadable(raw, doc.error);
  const { code, text } = doc.value;
  if (!code && raw.status < 400) return undefined;
  const info = code ? qualysCodeInfo(code) : undefined;
  let kind = info?.kind ?? (raw.status === 401 ? 'auth' : 'http');
  if (!code && raw.status === 409) kind = 'concurrency';
  const itemWait = doc.value.items.find((item) => item.key === 'SECONDS_TO_WAIT');
  const waitFromItem = itemWait ? Number.parseInt(itemWait.values[0] ?? '', 10) : undefined;
  const waitSec = headerWait(raw) ?? (kind === 'rate-limit' && Number.isFinite(waitFromItem) ? waitFromItem : undefined);
  return apiError(kind, describe(kind, code, text, raw.status), withOptional({ status: raw.status, code, text, waitSec }));
}

interface ServiceResponse {
  code?: string;
  message?: string;
  resolution?: string;
}

const SERVICE_RESPONSE: Record<string, Rule<ServiceResponse>> = {
  ServiceResponse: group<ServiceResponse>({
    responseCode: field<ServiceResponse>((r, v) => (r.code = v)),
    responseErrorDetails: group<ServiceResponse>({
      errorMessage: field<ServiceResponse>((r, v) => (r.message = v)),
      errorResolution: field<ServiceResponse>((r, v) => (r.resolution = v)),
    }),
  }),
};

function fromServiceResponse(raw: RawResponse, body: Buffer): ApiError | undefined {
  const doc = readWhole(documentReader(SERVICE_RESPONSE, {} as ServiceResponse, (r) => ok(r)), body);
  if (!doc.ok) return unreadable(raw, doc.error);
  const { code, message, resolution } = doc.value;
  if (!code || code === 'SUCCESS') return raw.status >= 400 ? httpError(raw, undefined) : undefined;
  const text = [message, resolution].filter(Boolean).join(' ') || undefined;
  const kind = qpsCodeInfo(code).kind;
  return apiError(kind, describe(kind, code, text, raw.status), withOptional({ status: raw.status, code, text }));
}

/** PCRS / gateway JSON error bodies. */
function fromJson(raw: RawResponse, bodyText: string): ApiError | undefined {
  let value: unknown;
  try {
    value = JSON.parse(bodyText);
  } catch {
    return undefined;
  }
  const first = Array.isArray(value) ? value[0] : value;
  if (typeof first !== 'object' || first === null) return undefined;
  const record = first as Record<string, unknown>;
  if (Array.isArray(record.authentication_exceptions)) {
    const text = (record.authentication_exceptions as unknown[]).flat().map(String).join(' ');
    return apiError('auth', describe('auth', undefined, text, raw.status), { status: raw.status, text });
  }
  const nested = record.response as Record<string, unknown> | undefined;
  if (nested && (nested.code !== undefined || nested.text !== undefined)) {
    const code = nested.code === undefined ? undefined : String(nested.code);
    const text = nested.text === undefined ? undefined : String(nested.text);
    const kind = code ? qualysCodeInfo(code).kind : 'qualys';
    return apiError(kind, describe(kind, code, text, raw.status), withOptional({ status: raw.status, code, text }));
  }
  if (typeof record.message === 'string' && raw.status >= 400) {
    const kind = raw.status === 401 ? 'auth' : raw.status === 409 ? 'concurrency' : 'qualys';
    return apiError(kind, describe(kind, undefined, record.message, raw.status), { status: raw.status, text: record.message });
  }
  return undefined;
}

function httpError(raw: RawResponse, text: string | undefined): ApiError {
  if (raw.status === 401) return apiError('auth', `Qualys refused the credentials (HTTP 401).`, { status: 401 });
  const kind = raw.status === 409 ? 'concurrency' : raw.status === 429 ? 'rate-limit' : 'http';
  const waitSec = headerWait(raw);
  return apiError(kind, describe(kind, undefined, text, raw.status), withOptional({ status: raw.status, text, waitSec }));
}

/** A 3xx: the client follows no redirect (credentials would go where an answer says), so it is an error naming the target. */
function redirectError(raw: RawResponse): ApiError {
  const location = raw.headers.location;
  const target = location ? `a redirect to ${redactUrl(location)}` : 'a redirect without a Location';
  return apiError('http', `Qualys answered HTTP ${raw.status}, ${target}; redirects are not followed (check the account's API URL).`, { status: raw.status });
}

/** The Qualys error an answer carries, or undefined when it is a success. */
export function decodeQualysError(raw: RawResponse): ApiError | undefined {
  if (raw.status >= 300 && raw.status < 400) return redirectError(raw);
  const contentType = raw.headers['content-type'] ?? '';
  const head = raw.body.subarray(0, 64).toString('utf8').trimStart();
  if (head.startsWith('<')) {
    const { root, refused } = sniffXml(raw.body);
    // Refused markup is said as such, whatever the status (and so never retried for a 5xx).
    if (refused) return { ...refused, status: raw.status };
    if (root && FO_STATUS_ROOTS.includes(root)) return fromSimpleReturn(raw, raw.body);
    if (root === 'ServiceResponse') return fromServiceResponse(raw, raw.body);
  } else if (raw.status >= 400 && (contentType.includes('json') || head.startsWith('{') || head.startsWith('['))) {
    const decoded = fromJson(raw, raw.body.toString('utf8'));
    if (decoded) return decoded;
  }
  if (raw.status >= 400) {
    const snippet = raw.body.length > 0 && raw.body.length < 300 && !head.startsWith('<') ? raw.body.toString('utf8').trim() : undefined;
    return httpError(raw, snippet || undefined);
  }
  return undefined;
}
