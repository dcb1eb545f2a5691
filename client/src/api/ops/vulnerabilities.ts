/**
 * The host list detection (paged by hosts through ops/paging.ts, like the host list) and the
 * KnowledgeBase list (QIDs asked for by `ids`, one answer). Both are read-only: retried with backoff.
 */
import type { CallOptions, Params, QualysClient, StreamParse } from '../client';
import { OPERATIONS } from '../operations';
import { kbReader, type KbPage } from '../parse/knowledgeBase';
import type { Result } from '../result';
import { followPages, type PageInfo, type Paged, type PagingOptions } from './paging';

export const DETECTION_PATH = '/api/2.0/fo/asset/host/vm/detection/';
export const KNOWLEDGE_BASE_PATH = '/api/2.0/fo/knowledge_base/vuln/';

export interface DetectionListOptions extends PagingOptions {
  /** truncation_limit: hosts per page (Qualys default 1000). */
  readonly pageSize?: number;
  /** Filters and output options (status, severities, qids, ids, show_igs, tags...). */
  readonly params?: Params;
}

/** The detection list's pages read by any reader (parse/detectionList.ts). */
export function followDetectionPages<P extends Paged>(client: QualysClient, options: DetectionListOptions, parse: StreamParse<P>): AsyncGenerator<Result<P & PageInfo>, void, void> {
  const query: Record<string, string | number | undefined> = { action: 'list', truncation_limit: options.pageSize };
  for (const [key, value] of Object.entries(options.params ?? {})) if (value !== undefined) query[key] = String(value);
  return followPages(client, { operation: OPERATIONS.detectionList, method: 'GET', path: DETECTION_PATH, auth: 'basic' }, query, parse, options);
}

export interface KnowledgeBaseOptions extends CallOptions {
  /** Only entries changed after this date/time (last_modified_after). */
  readonly modifiedAfter?: string;
}

/** QIDs as Qualys' `ids` parameter: ascending, consecutive runs as ranges ('1,5-7,9'). */
export function qidRanges(qids: readonly string[]): string {
  const numbers = [...new Set(qids.map(Number).filter(Number.isInteger))].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < numbers.length; ) {
    let j = i;
    while (j + 1 < numbers.length && numbers[j + 1] === numbers[j]! + 1) j++;
    parts.push(j > i ? `${numbers[i]}-${numbers[j]}` : String(numbers[i]));
    i = j + 1;
  }
  return parts.join(',');
}

/** POST /api/2.0/fo/knowledge_base/vuln/?action=list&details=All for these QIDs (a long ids list travels in the form). */
export function fetchKnowledgeBase(client: QualysClient, qids: readonly string[], options: KnowledgeBaseOptions = {}): Promise<Result<KbPage>> {
  const form: Params = { action: 'list', details: 'All', ids: qidRanges(qids), ...(options.modifiedAfter ? { last_modified_after: options.modifiedAfter } : {}) };
  return client.execute({ operation: OPERATIONS.knowledgeBaseList, method: 'POST', path: KNOWLEDGE_BASE_PATH, form, auth: 'basic' }, { stream: kbReader }, options);
}
