/**
 * The file a "Download all pages" writes, and the state that lets it resume. Records arrive as text
 * (a JSON line, or a CSV row) and are encoded into one 1 MiB buffer, written out when full with
 * synchronous writes: this
 * runs in the API worker, never on the extension host's thread, and memory stays one buffer however
 * long the download. After each complete page the state file beside the output
 * (`<name>.download.json`) records where the page ended (bytes, records) and where the next one starts
 * (its id_min); a failed download resumes there: the file is cut back to the last complete page and
 * the listing continues from its cursor, so no record is lost or written twice. Finishing removes the
 * state file. No `vscode` import.
 */
import { closeSync, existsSync, ftruncateSync, openSync, readFileSync, renameSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';

export type DownloadFormat = 'jsonl' | 'csv';

/** What is needed to continue a download (the request never holds credentials: only path and parameters). */
export interface DownloadState {
  readonly format: 1;
  readonly output: DownloadFormat;
  /** The record kind the lines are made from (see downloadRecords.ts). */
  readonly kind: string;
  readonly path: string;
  readonly params: Readonly<Record<string, string>>;
  readonly columns?: readonly string[];
  /** id_min of the next page; absent before the first page is complete. */
  readonly next?: string;
  readonly pages: number;
  readonly records: number;
  /** Bytes of the output that hold complete pages. */
  readonly bytes: number;
  readonly started: string;
}

/** The write buffer: records are encoded straight into it, and it is written out when full. */
const BUFFER = 1024 * 1024;

export function statePath(file: string): string {
  return `${file}.download.json`;
}

/** The state of an unfinished download of this file, when there is one that can be read. */
export function readState(file: string): DownloadState | undefined {
  try {
    const state = JSON.parse(readFileSync(statePath(file), 'utf8')) as DownloadState;
    if (state.format !== 1 || typeof state.bytes !== 'number' || typeof state.path !== 'string') return undefined;
    return state;
  } catch {
    return undefined;
  }
}

export class DownloadFile {
  private fd: number;
  private readonly buffer = Buffer.allocUnsafe(BUFFER);
  private buffered = 0;
  private written: number;
  private pageRecords = 0;
  private state: DownloadState;

  private constructor(readonly file: string, fd: number, state: DownloadState) {
    this.fd = fd;
    this.state = state;
    this.written = state.bytes;
  }

  /** Starts a new download: the file is created (or emptied), the CSV header written. */
  static create(file: string, state: Omit<DownloadState, 'format' | 'pages' | 'records' | 'bytes' | 'started' | 'next'>, header?: string): DownloadFile {
    const fd = openSync(file, 'w');
    const download = new DownloadFile(file, fd, { ...state, format: 1, pages: 0, records: 0, bytes: 0, started: new Date().toISOString() });
    if (header) {
      download.write(header);
      download.flush();
      download.state = { ...download.state, bytes: download.written };
    }
    download.saveState();
    return download;
  }

  /** Continues an unfinished download: the file is cut back to the end of its last complete page. */
  static resume(file: string): DownloadFile | undefined {
    const state = readState(file);
    if (!state || !existsSync(file) || statSync(file).size < state.bytes) return undefined;
    const fd = openSync(file, 'r+');
    ftruncateSync(fd, state.bytes);
    return new DownloadFile(file, fd, state);
  }

  get progress(): { readonly pages: number; readonly records: number; readonly bytes: number } {
    return { pages: this.state.pages, records: this.state.records + this.pageRecords, bytes: this.written + this.buffered };
  }

  get current(): DownloadState {
    return this.state;
  }

  /** A page is being read (again, after a retry): what was written of it is dropped. */
  restartPage(): void {
    this.buffered = 0;
    this.pageRecords = 0;
    if (this.written !== this.state.bytes) {
      ftruncateSync(this.fd, this.state.bytes);
      this.written = this.state.bytes;
    }
  }

  /** One record's text (a line, its line end included), optionally in two parts written one after the other. */
  record(text: string, more?: string): void {
    this.pageRecords++;
    this.write(text);
    if (more !== undefined) this.write(more);
  }

  /** The page is complete: its records are on disk and the state says where the next page starts. */
  endPage(next: string | undefined): void {
    this.flush();
    const { next: _old, ...rest } = this.state;
    this.state = { ...rest, ...(next !== undefined ? { next } : {}), pages: this.state.pages + 1, records: this.state.records + this.pageRecords, bytes: this.written };
    this.pageRecords = 0;
    this.saveState();
  }

  /** All pages are written: the state file goes. */
  finish(): void {
    this.flush();
    this.close();
    rmSync(statePath(this.file), { force: true });
  }

  /** Stops (failure or cancellation): what complete pages hold stays, with the state to resume. */
  stop(): void {
    try {
      this.flush();
    } finally {
      this.close();
    }
  }

  /** Encodes the text into the buffer (UTF-8 is at most 3 bytes per UTF-16 unit); a text larger than the buffer is written on its own. */
  private write(text: string): void {
    if (this.buffered + text.length * 3 > BUFFER) this.flush();
    if (text.length * 3 > BUFFER) {
      this.writeOut(Buffer.from(text, 'utf8'));
      return;
    }
    this.buffered += this.buffer.write(text, this.buffered, 'utf8');
  }

  private flush(): void {
    if (this.buffered === 0) return;
    const length = this.buffered;
    this.buffered = 0;
    this.writeOut(this.buffer.subarray(0, length));
  }

  private writeOut(data: Buffer): void {
    let offset = 0;
    while (offset < data.length) offset += writeSync(this.fd, data, offset, data.length - offset, this.written + offset);
    this.written += data.length;
  }

  private close(): void {
    if (this.fd < 0) return;
    closeSync(this.fd);
    this.fd = -1;
  }

  private saveState(): void {
    const target = statePath(this.file);
    const temporary = `${target}.tmp`;
    writeFileSync(temporary, JSON.stringify(this.state));
    renameSync(temporary, target);
  }
}
