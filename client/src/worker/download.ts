/**
 * A "Download all pages" job, run in the API worker: the call's pages are followed with the client's
 * one pager (id_min from a checked WARNING/URL, retries, gate, cancellation) and each record is
 * written to the file as it is read: a detection as one flat record with its host's fields (the
 * detection reader), any other list's elements as JSON (the generic reader). Nothing of a page is
 * kept but the file's small write buffer, so memory stays flat however many pages; after each page
 * the state file says where the next starts, and a resumed job continues there. Calls that change
 * data are refused here too.
 */
import type { QualysClient } from '../api/client';
import { apiError } from '../api/errors';
import { isMutatingRequest, OPERATIONS } from '../api/operations';
import { followPages, type Paged } from '../api/ops/paging';
import { followDetectionPages } from '../api/ops/vulnerabilities';
import { detectionReader, type Detection, type HostDraft } from '../api/parse/detectionList';
import { genericListReader } from '../api/parse/genericList';
import { fail, ok, type Result } from '../api/result';
import type { DocumentReader } from '../api/stream/documentReader';
import { DownloadFile } from '../download/downloadFile';
import { csvColumns, csvField, csvHeader, csvRow, DETECTION_COLUMNS, recordLine } from '../download/downloadRecords';
import type { DownloadFormat } from '../download/downloadFile';
import type { DownloadJob, DownloadProgress } from './protocol';

/** A detection with its host's fields, as one download record (column names of DETECTION_COLUMNS). */
export function detectionRecord(host: HostDraft, d: Detection): Record<string, string | number | boolean | undefined> {
  return {
    hostId: host.id, ip: host.ip, ipv6: host.ipv6, dns: host.dns, netbios: host.netbios, os: host.os, trackingMethod: host.trackingMethod, networkId: host.networkId,
    qid: d.qid, uniqueVulnId: d.uniqueId, type: d.type, severity: d.severity, port: d.port, protocol: d.protocol, ssl: d.ssl, status: d.status,
    firstFound: d.firstFound, lastFound: d.lastFound, timesFound: d.timesFound, lastTest: d.lastTest, lastUpdate: d.lastUpdate, lastFixed: d.lastFixed, lastProcessed: d.lastProcessed,
    qds: d.qds, ignored: d.ignored, disabled: d.disabled, results: d.results,
  };
}

/**
 * Writes each detection's line as the host's part (made once per host: every detection of a host
 * repeats it) and the detection's own part, the same bytes `recordLine(detectionRecord(host, d))`
 * gives: JSON Lines `{"hostId":…,"networkId":…,` + `"qid":…}\n` (a host always has its ID and a
 * detection its QID, so neither part is empty), CSV the host's 8 fields and then the rest. The host's
 * part is made again whenever one of its fields differs from when it was made.
 */
export function detectionLines(format: DownloadFormat, columns: readonly string[] | undefined, write: (head: string, rest: string) => void): (host: HostDraft, d: Detection) => void {
  const csv = format === 'csv' && columns !== undefined;
  if (csv && (columns.length !== DETECTION_COLUMNS.length || columns.some((c, i) => c !== DETECTION_COLUMNS[i]))) {
    return (host, d) => write('', recordLine(detectionRecord(host, d), format, columns));
  }
  let made: readonly (string | undefined)[] | undefined;
  let head = '';
  return (host, d) => {
    const m = made;
    if (!m || host.id !== m[0] || host.ip !== m[1] || host.ipv6 !== m[2] || host.dns !== m[3] || host.netbios !== m[4] || host.os !== m[5] || host.trackingMethod !== m[6] || host.networkId !== m[7]) {
      const now = [host.id, host.ip, host.ipv6, host.dns, host.netbios, host.os, host.trackingMethod, host.networkId];
      made = now;
      if (csv) head = `${now.map(csvField).join(',')},`;
      else {
        const json = JSON.stringify({ hostId: host.id, ip: host.ip, ipv6: host.ipv6, dns: host.dns, netbios: host.netbios, os: host.os, trackingMethod: host.trackingMethod, networkId: host.networkId });
        head = `${json.slice(0, -1)},`;
      }
    }
    if (csv) {
      write(head, csvRow([d.qid, d.uniqueId, d.type, d.severity, d.port, d.protocol, d.ssl, d.status, d.firstFound, d.lastFound, d.timesFound, d.lastTest, d.lastUpdate, d.lastFixed, d.lastProcessed, d.qds, d.ignored, d.disabled, d.results]));
      return;
    }
    const json = JSON.stringify({
      qid: d.qid, uniqueVulnId: d.uniqueId, type: d.type, severity: d.severity, port: d.port, protocol: d.protocol, ssl: d.ssl, status: d.status,
      firstFound: d.firstFound, lastFound: d.lastFound, timesFound: d.timesFound, lastTest: d.lastTest, lastUpdate: d.lastUpdate, lastFixed: d.lastFixed, lastProcessed: d.lastProcessed,
      qds: d.qds, ignored: d.ignored, disabled: d.disabled, results: d.results,
    });
    write(head, `${json.slice(1)}\n`);
  };
}

export async function runDownloadJob(client: QualysClient, job: DownloadJob, onProgress: (progress: DownloadProgress) => void, signal: AbortSignal): Promise<Result<DownloadProgress>> {
  if (isMutatingRequest(job.method, job.path, job.params) || (job.params.action ?? '').toLowerCase() !== 'list') {
    return fail(apiError('config', 'Only lists are downloaded: this call could change data.'));
  }
  const columns = job.format === 'csv' ? csvColumns(job.kind) : undefined;
  if (job.format === 'csv' && !columns) return fail(apiError('config', 'These records have no CSV columns: download them as JSON Lines.'));
  let file: DownloadFile | undefined;
  try {
    file = job.resume ? DownloadFile.resume(job.file) : DownloadFile.create(job.file, { output: job.format, kind: job.kind, path: job.path, params: job.params, ...(columns ? { columns } : {}) }, columns ? csvHeader(columns) : undefined);
  } catch (error) {
    return fail(apiError('config', `The file could not be written: ${error instanceof Error ? error.message : String(error)}`));
  }
  if (!file) return fail(apiError('config', 'There is no unfinished download of this file to resume: start it over.'));
  const out = file;
  const state = out.current;
  if (job.resume && state.pages > 0 && state.next === undefined) {
    out.finish();
    return ok(out.progress);
  }
  const params: Record<string, string> = { ...state.params };
  if (state.next !== undefined) params.id_min = state.next;
  const line = (record: object): void => out.record(recordLine(record, state.output, columns));
  const reader = (): DocumentReader<Paged> => {
    // Each attempt at a page (a retry after a cut answer) starts the page's records again.
    out.restartPage();
    return job.kind === 'detections' ? detectionReader(detectionLines(state.output, columns, (head, rest) => out.record(head, rest)), 'full') : genericListReader((record) => line(record as object));
  };
  const pages = job.kind === 'detections'
    ? followDetectionPages(client, { params, signal }, { stream: reader })
    : followPages(client, { operation: OPERATIONS.send, method: job.method, path: job.path, auth: 'basic' }, params, { stream: reader }, { signal });
  try {
    for await (const page of pages) {
      if (!page.ok) {
        out.stop();
        return page;
      }
      out.endPage(page.value.nextIdMin);
      onProgress(out.progress);
    }
    out.finish();
    return ok(out.progress);
  } catch (error) {
    out.stop();
    return fail(apiError('malformed', `The download stopped: ${error instanceof Error ? error.message : String(error)}`));
  }
}
