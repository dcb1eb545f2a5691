/**
 * The messages between the extension host's thread and the API worker (worker/main.ts), declared
 * once. Everything here is plain data (structured clone). Who sends what:
 *
 * host → worker: `account` (once per account: its settings, credentials included), `list` (start a
 *   listing), `pull` (the consumer wants one more page), `cancel` (the VS Code token fired),
 *   `details` (a row was opened), `call` (a read-only call whose small typed answer crosses whole:
 *   completion values, the option profile list) and `cancelCall`, `entered` (the answer to `enter`),
 *   `drop` (an account signed out), `download`/`cancelDownload` (a "Download all pages" job),
 *   `render` (a large Send Request answer to format and redact: the account's own credentials are
 *   added by the worker, only the request's secrets cross).
 * worker → host: `rows` (a batch of one page's rows), `reset` (a page is read again: drop its rows),
 *   `page` (a page is complete), `end` (the listing is over, with the error that ended it),
 *   `details` (a record's details), `called` (a call's answer), `rendered` (the response document's text),
 *   `downloadProgress` (after each page written) and `downloaded` (the job's end),
 *   `enter`/`leave`/`cancelEnter`/`limits` (the account's gate).
 */
import type { ThreadSettings } from '../api/client';
import type { ApiError } from '../api/errors';
import type { Result } from '../api/result';
import type { RenderedResponse, ResponseView } from '../requests/renderResponse';
import type { LiveValueKind } from '../../../protocol';
import type { PostureStatus } from '../views/posture/postureModel';

/** A read-only call the worker makes and reads (worker/calls.ts); its answer is small and crosses whole. */
export type WorkerCall =
  | { readonly name: 'liveValues'; readonly kind: LiveValueKind }
  | { readonly name: 'optionProfiles' }
  /** KnowledgeBase entries of these QIDs (details=All), or only those changed after `modifiedAfter`. */
  | { readonly name: 'knowledgeBase'; readonly qids: readonly string[]; readonly modifiedAfter?: string };

/** What a listing lists; each kind is one function of worker/listings.ts. */
export type ListingKind = 'hosts' | 'authTypes' | 'authRecords' | 'policies' | 'posture' | 'pcrsPosture' | 'hostDetections' | 'qidGroups' | 'qidHosts';

/** Which detection a details request is for (a host's detection of a QID, on a port when there are several). */
export interface DetectionKey {
  readonly hostId: string;
  readonly qid: string;
  readonly uniqueId?: string;
  readonly port?: string;
}

/** A "Download all pages" job: the call (never one that changes data) and the file its records go to. */
export interface DownloadJob {
  readonly method: 'GET' | 'POST';
  readonly path: string;
  readonly params: Readonly<Record<string, string>>;
  /** 'detections': one record per detection with its host's fields; 'records': each list element as JSON. */
  readonly kind: 'detections' | 'records';
  readonly format: 'jsonl' | 'csv';
  readonly file: string;
  readonly resume: boolean;
}

export interface DownloadProgress {
  readonly pages: number;
  readonly records: number;
  readonly bytes: number;
}

/** Which PCRS posture records a pcrsPosture listing keeps: a filter, or one control's failures. */
export interface PcrsSelection {
  /** The host side's posture source: the policy's resolved host IDs are kept per source (a refresh makes a new one). */
  readonly source: number;
  readonly status?: PostureStatus;
  /** Criticality labels to keep (any of them). */
  readonly criticality?: readonly string[];
  /** Only this control's failures (the control-grouped view's failing hosts). */
  readonly failingControl?: string;
}

export interface ListingArgs {
  /** Qualys parameters of the first request (filters; id_min when resuming at a cursor). */
  readonly params: Readonly<Record<string, string>>;
  /** Records per page (truncation_limit), when the listing takes one. */
  readonly pageSize?: number;
  /** The auth record type, for authRecords. */
  readonly type?: string;
  /** The policy, for posture and pcrsPosture. */
  readonly policyId?: string;
  /** pcrsPosture: which records, and the index of the first host of the page (the cursor). */
  readonly pcrs?: PcrsSelection;
  readonly start?: number;
  /** Keep what each row's details are read from (the views do; a download does not). */
  readonly keepDetails?: boolean;
  /** Pages fetched ahead of the consumer (within the account's concurrency limit); default 0. */
  readonly readAhead?: number;
}

export type ToWorker =
  | { readonly type: 'account'; readonly account: number; readonly settings: ThreadSettings }
  | { readonly type: 'drop'; readonly account: number }
  | { readonly type: 'list'; readonly listing: number; readonly account: number; readonly kind: ListingKind; readonly args: ListingArgs }
  | { readonly type: 'pull'; readonly listing: number }
  | { readonly type: 'cancel'; readonly listing: number }
  | { readonly type: 'details'; readonly request: number; readonly account: number; readonly kind: 'host' | 'authRecord' | 'detection'; readonly id: string; readonly recordType?: string; readonly detection?: DetectionKey }
  | { readonly type: 'download'; readonly request: number; readonly account: number; readonly job: DownloadJob }
  | { readonly type: 'cancelDownload'; readonly request: number }
  | { readonly type: 'call'; readonly request: number; readonly account: number; readonly call: WorkerCall }
  | { readonly type: 'cancelCall'; readonly request: number }
  | { readonly type: 'entered'; readonly ticket: number; readonly result: Result<true> }
  | { readonly type: 'render'; readonly request: number; readonly account: number; readonly view: ResponseView; readonly secrets: readonly string[] };

export interface PageInfo {
  /** Where the next page starts (id_min), when there is one. */
  readonly next?: string;
  /** Records the page held (before any filter). */
  readonly count: number;
}

export type FromWorker =
  /** A batch of one page's rows, copied by structured clone (cheaper for the host's thread than JSON, bench/README.md). */
  | { readonly type: 'rows'; readonly listing: number; readonly page: number; readonly rows: readonly unknown[] }
  | { readonly type: 'reset'; readonly listing: number; readonly page: number }
  | { readonly type: 'page'; readonly listing: number; readonly page: number; readonly info: PageInfo }
  | { readonly type: 'end'; readonly listing: number; readonly error?: ApiError }
  | { readonly type: 'details'; readonly request: number; readonly result: Result<unknown> }
  | { readonly type: 'called'; readonly request: number; readonly result: Result<unknown> }
  | { readonly type: 'downloadProgress'; readonly request: number; readonly progress: DownloadProgress }
  | { readonly type: 'downloaded'; readonly request: number; readonly result: Result<DownloadProgress> }
  | { readonly type: 'rendered'; readonly request: number; readonly rendered: RenderedResponse }
  /** The rate window, then a concurrency slot when `slot` (a call that timed out keeps its slot for the retry). */
  | { readonly type: 'enter'; readonly ticket: number; readonly account: number; readonly slot: boolean }
  | { readonly type: 'cancelEnter'; readonly ticket: number }
  | { readonly type: 'leave'; readonly ticket: number }
  | { readonly type: 'limits'; readonly account: number; readonly headers: Readonly<Record<string, string>> };

/**
 * The weight of a `rows` message: a row weighs 1, a posture row 1 per control it carries. 100 host
 * rows a message; copying one never holds the host's thread for long.
 */
export const ROW_BATCH_WEIGHT = 100;
