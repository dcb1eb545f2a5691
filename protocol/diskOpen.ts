/**
 * A large saved document opened from disk: our own client, for a `file:` document that is saved and
 * unmodified, sends what it knows about the text instead of the text (a 10 MB didOpen costs the
 * extension host's thread 40-60 ms and a fresh server about 140 ms of CPU before it reads a byte).
 * The server reads the file, checks it is the text the editor holds, and treats it as opened; when
 * the check fails it asks the client for the text. Negotiated: the client sets
 * `capabilities.experimental.qualysOpenFromDisk`, the server answers the same key; a client that
 * does not ask (another editor) gets plain didOpen handling.
 */
import { NotificationType, RequestType } from 'vscode-languageserver-protocol';

export const OPEN_FROM_DISK_CAPABILITY = 'qualysOpenFromDisk';

/** What the client knows of the document without reading its text. */
export interface OpenFromDiskParams {
  readonly uri: string;
  readonly languageId: string;
  readonly version: number;
  /** The file's size in bytes and modification time (ms) when the client looked, just after the open. */
  readonly size: number;
  readonly mtimeMs: number;
  /** document.lineCount and document.offsetAt(end): lines and UTF-16 length of the editor's text. */
  readonly lineCount: number;
  readonly length: number;
  /** The editor's first and last lines, each cut to 256 characters. */
  readonly firstLine: string;
  readonly lastLine: string;
}

// eslint-disable-next-line @typescript-eslint/no-namespace
export namespace OpenFromDiskNotification {
  export const method = 'qualys/openFromDisk';
  export const type = new NotificationType<OpenFromDiskParams>(method);
}

/** The server could not take the text from disk: the client answers the document's text now, or null once it is closed. */
export interface DocumentTextParams {
  readonly uri: string;
}
export interface DocumentTextResult {
  readonly version: number;
  readonly text: string;
}

// eslint-disable-next-line @typescript-eslint/no-namespace
export namespace DocumentTextRequest {
  export const method = 'qualys/documentText';
  export const type = new RequestType<DocumentTextParams, DocumentTextResult | null, void>(method);
}
