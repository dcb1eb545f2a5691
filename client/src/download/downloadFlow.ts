/**
 * "Download all pages" from start to end, for a request of a request file or a view: check that the
 * call only reads (never offered, and refused here, for a call that changes data) → account → format
 * and file (resume an unfinished download of that file, or start over) → run under a cancellable
 * progress (pages, records, bytes, the rate budget left) → say how it ended, with Resume after a
 * failure or a cancellation. The VS Code parts come in through `DownloadUi`; the pages are fetched and
 * written by a `DownloadRunner` (the API worker). No `vscode` import.
 */
import type { ApiError, QualysClient, RateLimitState, Result } from '../api';
import type { DownloadFormat } from './downloadFile';
import { csvColumns, defaultFileName } from './downloadRecords';
import { noun, plural } from '../../../common/plural';

/** What is downloaded: an FO list call (path and parameters), read as `kind` records. */
export interface DownloadRequest {
  /** For messages: the request's name or the view's. */
  readonly name: string;
  readonly method: 'GET' | 'POST';
  /** The API path, e.g. /api/2.0/fo/asset/host/vm/detection/. */
  readonly path: string;
  readonly params: Readonly<Record<string, string>>;
  /** 'detections' (one record per detection, CSV possible) or 'records' (each list element as JSON). */
  readonly kind: 'detections' | 'records';
}

export interface DownloadProgress {
  readonly pages: number;
  readonly records: number;
  readonly bytes: number;
}

export interface DownloadSpec extends DownloadRequest {
  readonly file: string;
  readonly format: DownloadFormat;
  /** Continue the unfinished download of `file` (its state file) instead of starting over. */
  readonly resume: boolean;
}

/** Fetches every page and writes the file; reports progress after each page. Never throws. */
export type DownloadRunner = (client: QualysClient, spec: DownloadSpec, onProgress: (progress: DownloadProgress) => void, signal: AbortSignal) => Promise<Result<DownloadProgress>>;

export interface DownloadUi {
  /** JSON Lines or CSV (offered only when the records have a column table); undefined when backed out. */
  pickFormat(csv: boolean): Promise<DownloadFormat | undefined>;
  /** Where to write; undefined when backed out. */
  pickFile(suggested: string, format: DownloadFormat): Promise<string | undefined>;
  /** An unfinished download of this file exists: 'resume', 'restart' or undefined (backed out). */
  askResume(file: string, progress: DownloadProgress): Promise<'resume' | 'restart' | undefined>;
  /** Runs under a cancellable progress notification; `report` shows a line. */
  withProgress<T>(title: string, work: (report: (message: string) => void, signal: AbortSignal) => Promise<T>): Promise<T>;
  signInNeeded(message: string): Promise<void>;
  /** The outcome; a returned 'resume' (the user chose Resume) runs the download again from where it stopped. */
  done(message: string, file: string): void;
  failed(message: string, canResume: boolean): Promise<'resume' | undefined>;
  error(message: string): void;
}

export interface DownloadDeps {
  readonly ui: DownloadUi;
  readonly getClient: () => Promise<QualysClient | undefined>;
  readonly rateLimit: () => RateLimitState | undefined;
  readonly runner: DownloadRunner;
  /** An unfinished download's progress (from its state file), if there is one for this file. */
  readonly unfinished: (file: string) => DownloadProgress | undefined;
  readonly log?: { info(message: string): void; apiError(context: string, error: ApiError): void };
}

export type DownloadOutcome = 'done' | 'cancelled' | 'failed' | 'backed-out' | 'signed-out' | 'refused';

const MB = 1024 * 1024;

export function bytesText(bytes: number): string {
  return bytes >= MB ? `${(bytes / MB).toFixed(1)} MB` : `${Math.round(bytes / 1024)} KB`;
}

/** The progress line: "page 3 · 2,400 records · 4.1 MB · rate budget 280 of 300 calls". */
export function progressText(progress: DownloadProgress, rate: RateLimitState | undefined): string {
  const parts = [`${progress.pages.toLocaleString('en-US')} ${noun(progress.pages, 'page')}`, `${progress.records.toLocaleString('en-US')} ${noun(progress.records, 'record')}`, bytesText(progress.bytes)];
  if (rate?.remaining !== undefined) parts.push(`rate budget ${rate.remaining}${rate.limit !== undefined ? ` of ${rate.limit}` : ''} calls`);
  return parts.join(' · ');
}

/** A call that could change data is never downloaded (the API client's verdict and the action's name). */
export function refusal(request: DownloadRequest, mutating: boolean): string | undefined {
  if (mutating) return `${request.name} changes data: only lists can be downloaded.`;
  if (!/^\/api\/\d+\.\d+\/fo\//.test(request.path)) return `${request.name} is not a Qualys FO list: only lists paged with id_min can be downloaded.`;
  if ((request.params.action ?? '').toLowerCase() !== 'list') return `${request.name} has no action=list: only lists can be downloaded.`;
  return undefined;
}

export async function runDownload(deps: DownloadDeps, request: DownloadRequest, mutating: boolean): Promise<DownloadOutcome> {
  const { ui } = deps;
  const refused = refusal(request, mutating);
  if (refused) {
    ui.error(refused);
    return 'refused';
  }
  const client = await deps.getClient();
  if (!client) {
    await ui.signInNeeded('Sign in to a Qualys account to download from it.');
    return 'signed-out';
  }
  const csv = csvColumns(request.kind) !== undefined;
  const format = await ui.pickFormat(csv);
  if (!format) return 'backed-out';
  const file = await ui.pickFile(defaultFileName(request.path, request.params.action, format), format);
  if (!file) return 'backed-out';
  let resume = false;
  const unfinished = deps.unfinished(file);
  if (unfinished) {
    const choice = await ui.askResume(file, unfinished);
    if (!choice) return 'backed-out';
    resume = choice === 'resume';
  }
  for (;;) {
    const spec: DownloadSpec = { ...request, file, format, resume };
    let last: DownloadProgress = { pages: 0, records: 0, bytes: 0 };
    const result = await ui.withProgress(`Downloading ${request.name}`, (report, signal) =>
      deps.runner(client, spec, (progress) => {
        last = progress;
        report(progressText(progress, deps.rateLimit()));
      }, signal),
    );
    if (result.ok) {
      deps.log?.info(`Download: ${request.name} complete, ${progressText(result.value, undefined)}.`);
      ui.done(`Downloaded ${result.value.records.toLocaleString('en-US')} ${noun(result.value.records, 'record')} (${plural(result.value.pages, 'page')}, ${bytesText(result.value.bytes)}).`, file);
      return 'done';
    }
    const error = result.error;
    const canResume = deps.unfinished(file) !== undefined;
    const where = `after ${plural(last.pages, 'page')} (${last.records.toLocaleString('en-US')} ${noun(last.records, 'record')} kept)`;
    let message: string;
    if (error.kind === 'cancelled') message = `The download of ${request.name} was stopped ${where}.`;
    else {
      deps.log?.apiError(`Download ${request.name}`, error);
      message = `The download of ${request.name} failed ${where}: ${error.code ? `CODE ${error.code}: ` : ''}${error.text ?? error.message}`;
    }
    const again = await ui.failed(message, canResume);
    if (again !== 'resume') return error.kind === 'cancelled' ? 'cancelled' : 'failed';
    resume = true;
  }
}
