/**
 * Detections and the KnowledgeBase for the views, read by the API worker (worker/detectionListings.ts,
 * worker/calls.ts, worker/download.ts): rows cross in batches as they are read, details when opened,
 * KnowledgeBase entries a batch of QIDs at a time, and a download crosses nothing but its progress.
 */
import type { QualysClient } from './client';
import type { Detection, DetectionRow, QidHostRow } from './parse/detectionList';
import type { KbPage } from './parse/knowledgeBase';
import type { Result } from './result';
import { listRows, type RowPage } from './rows';
import { workerHost } from './workerHost';
import type { DetectionKey, DownloadJob, DownloadProgress } from '../worker/protocol';
import type { QidGroupRow } from '../views/vulnerabilities/qidGroups';

export interface DetectionRowOptions {
  readonly signal?: AbortSignal;
  /** Where to start: a page's `next` (Qualys' id_min). */
  readonly cursor?: string;
  /** Hosts per page (truncation_limit). */
  readonly pageSize?: number;
}

/** Every detection of a host, every status and type (the Hosts view's rows under a host). */
export const HOST_DETECTION_PARAMS: Readonly<Record<string, string>> = { show_igs: '1', status: 'New,Active,Re-Opened,Fixed', show_qds: '1', show_reopened_info: '1' };

function withCursor(params: Readonly<Record<string, string>>, cursor: string | undefined): Record<string, string> {
  return cursor === undefined ? { ...params } : { ...params, id_min: cursor };
}

/** A host's detections as rows; each detection's details (its result) are kept in the worker. */
export function listHostDetectionRows(client: QualysClient, hostId: string, options: DetectionRowOptions = {}): AsyncGenerator<Result<RowPage<DetectionRow>>, void, void> {
  return listRows<DetectionRow>(client, 'hostDetections', { params: withCursor({ ...HOST_DETECTION_PARAMS, ids: hostId }, options.cursor), keepDetails: true, readAhead: 0 }, options.signal);
}

/** Pages of the detection list grouped by QID in the worker; a page's `count` is its hosts. */
export function listQidGroupRows(client: QualysClient, params: Readonly<Record<string, string>>, options: DetectionRowOptions = {}): AsyncGenerator<Result<RowPage<QidGroupRow>>, void, void> {
  return listRows<QidGroupRow>(client, 'qidGroups', { params: withCursor(params, options.cursor), keepDetails: false, readAhead: 0, ...(options.pageSize ? { pageSize: options.pageSize } : {}) }, options.signal);
}

/** The hosts with a detection matching `params` (a QID's hosts), each with that detection. */
export function listQidHostRows(client: QualysClient, params: Readonly<Record<string, string>>, options: DetectionRowOptions = {}): AsyncGenerator<Result<RowPage<QidHostRow>>, void, void> {
  return listRows<QidHostRow>(client, 'qidHosts', { params: withCursor(params, options.cursor), keepDetails: true, readAhead: 0, ...(options.pageSize ? { pageSize: options.pageSize } : {}) }, options.signal);
}

/** A detection's details (its result text), as the worker kept them or read again. */
export function detectionDetails(client: QualysClient, key: DetectionKey): Promise<Result<Detection>> {
  return workerHost().detailsOf<Detection>(client, 'detection', key.hostId, undefined, key);
}

/** KnowledgeBase entries of these QIDs (details=All), fetched and read in the worker. */
export function knowledgeBaseInWorker(client: QualysClient, qids: readonly string[], options: { readonly modifiedAfter?: string; readonly signal?: AbortSignal } = {}): Promise<Result<KbPage>> {
  return workerHost().call<KbPage>(client, { name: 'knowledgeBase', qids, ...(options.modifiedAfter ? { modifiedAfter: options.modifiedAfter } : {}) }, options.signal);
}

/** Follows every page of a list and writes its records to a file, in the worker. */
export function downloadInWorker(client: QualysClient, job: DownloadJob, onProgress: (progress: DownloadProgress) => void, signal?: AbortSignal): Promise<Result<DownloadProgress>> {
  return workerHost().download(client, job, onProgress, signal);
}
