/**
 * Success answers of mutating calls: SIMPLE_RETURN (option profile import), BATCH_RETURN
 * (auth record create/update, host purge) and HOST_UPDATE_OUTPUT (host update). An echoed
 * REQUEST/PARAM_LIST (echo_request=1) is dropped: it may repeat a password.
 */
import { apiError } from '../errors';
import { fail, ok, type Result } from '../result';
import { child, childText, children, parseXml, text } from '../xml';

export interface SimpleReturn {
  readonly datetime?: string;
  readonly code?: string;
  readonly text?: string;
  readonly items: readonly { readonly key: string; readonly values: readonly string[] }[];
}

export interface BatchResult {
  readonly code?: string;
  readonly text?: string;
  /** IDs and ID ranges ('100-200') as Qualys gave them. */
  readonly ids: readonly string[];
}

export interface BatchReturn {
  readonly datetime?: string;
  readonly batches: readonly BatchResult[];
}

export function parseSimpleReturn(body: string, roots: readonly string[] = ['SIMPLE_RETURN', 'HOST_UPDATE_OUTPUT']): Result<SimpleReturn> {
  const doc = parseXml(body);
  if (!doc.ok) return doc;
  if (!roots.includes(doc.value.root)) return fail(apiError('malformed', `Expected ${roots.join(' or ')}, got ${doc.value.root}.`));
  const response = child(doc.value.node, 'RESPONSE');
  const items = children(child(response, 'ITEM_LIST'), 'ITEM').map((item) => ({
    key: childText(item, 'KEY') ?? '',
    values: children(item, 'VALUE').map((v) => text(v) ?? ''),
  }));
  const result: SimpleReturn = { items };
  const datetime = childText(response, 'DATETIME');
  const code = childText(response, 'CODE');
  const message = childText(response, 'TEXT');
  return ok({ ...result, ...(datetime ? { datetime } : {}), ...(code ? { code } : {}), ...(message ? { text: message } : {}) });
}

export function idSet(node: unknown): string[] {
  return [...children(node, 'ID'), ...children(node, 'ID_RANGE')].map((n) => text(n)).filter((s): s is string => !!s);
}

export function parseBatchReturn(body: string): Result<BatchReturn> {
  const doc = parseXml(body);
  if (!doc.ok) return doc;
  if (doc.value.root !== 'BATCH_RETURN') return fail(apiError('malformed', `Expected BATCH_RETURN, got ${doc.value.root}.`));
  const response = child(doc.value.node, 'RESPONSE');
  const batches = children(child(response, 'BATCH_LIST'), 'BATCH').map((batch) => {
    const code = childText(batch, 'CODE');
    const message = childText(batch, 'TEXT');
    return { ids: idSet(child(batch, 'ID_SET')), ...(code ? { code } : {}), ...(message ? { text: message } : {}) };
  });
  const datetime = childText(response, 'DATETIME');
  return ok({ batches, ...(datetime ? { datetime } : {}) });
}
