/**
 * Documents opened from disk (protocol/diskOpen.ts): stands between the connection and
 * TextDocuments. For an open from disk it reads the file, checks that it holds the editor's text
 * and hands TextDocuments an ordinary didOpen; until then the document's didChange notifications
 * wait here (TextDocuments drops a change to a document it does not hold) and a didClose cancels
 * the open. When the check fails, the client is asked for the text (DocumentTextRequest), and the
 * changes that text already includes are dropped. Every other message passes through unchanged.
 */
import { constants } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { DidChangeTextDocumentParams, DidCloseTextDocumentParams, DidOpenTextDocumentParams, Disposable, NotificationHandler, TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { plural } from '../../common/plural';
import type { DocumentTextResult, OpenFromDiskParams } from '../../protocol';

/** What TextDocuments.listen takes (the library does not export its name). */
export type TextDocumentConnection = Parameters<TextDocuments<TextDocument>['listen']>[0];

/** Larger files are not read here: the client is asked for the text. */
export const MAX_DISK_OPEN_BYTES = 64 * 1024 * 1024;
/** At most this many reads of one file at once (libuv's pool has 4 threads by default), none under MIN_READ_PART. */
const READ_PARTS = 4;
const MIN_READ_PART = 1024 * 1024;

/**
 * Bytes of file read at once over every open (a read's buffer lives until its text is decoded):
 * a 300-byte notification must not make the server hold 64 MB, nor a hundred of them 6 GB. Opens
 * past it wait their turn (in order); the documents' changes wait with them.
 */
export const MAX_DISK_READ_BYTES = MAX_DISK_OPEN_BYTES;

/**
 * How long an open waits for its turn to read before it asks the editor for the text instead: a
 * read that does not end (a network mount that stopped answering) holds the budget, and the
 * documents behind it must still open. Reads of a few large local files take 100-200 ms each.
 */
export const MAX_DISK_READ_WAIT_MS = 2000;

export interface DiskOpenHost {
  /** Asks the client for the document's current text (null: it is closed). */
  askText(uri: string): Promise<DocumentTextResult | null>;
  /** Why the disk was not used (logged, so a fallback is visible). */
  info(message: string): void;
  /**
   * Called once the file's read runs on libuv's thread: the main thread would only wait, so what the
   * document's first check needs (the option profile schema) is loaded now, off the critical path.
   */
  prepare?(languageId: string): void;
}

interface Pending {
  readonly changes: DidChangeTextDocumentParams[];
  closed: boolean;
}

export class DiskOpens implements TextDocumentConnection {
  /** The open from disk under way per uri; a newer open of the uri replaces it (the older one then gives up). */
  private readonly pending = new Map<string, Pending>();
  private readonly reads: ByteBudget;
  private openHandler: NotificationHandler<DidOpenTextDocumentParams> | undefined;
  private changeHandler: NotificationHandler<DidChangeTextDocumentParams> | undefined;

  constructor(
    private readonly connection: TextDocumentConnection,
    private readonly host: DiskOpenHost,
    maxReadBytes = MAX_DISK_READ_BYTES,
    maxWaitMs = MAX_DISK_READ_WAIT_MS,
  ) {
    this.reads = new ByteBudget(maxReadBytes, maxWaitMs);
  }

  onDidOpenTextDocument(handler: NotificationHandler<DidOpenTextDocumentParams>): Disposable {
    this.openHandler = handler;
    return this.connection.onDidOpenTextDocument((params) => {
      // The latest open wins: an open from disk of the uri still under way (closed since) gives up,
      // and the document's changes and close reach TextDocuments instead of waiting for it.
      this.pending.delete(params.textDocument.uri);
      void handler(params);
    });
  }

  onDidChangeTextDocument(handler: NotificationHandler<DidChangeTextDocumentParams>): Disposable {
    this.changeHandler = handler;
    return this.connection.onDidChangeTextDocument((params) => {
      const pending = this.pending.get(params.textDocument.uri);
      if (pending) pending.changes.push(params);
      else void handler(params);
    });
  }

  onDidCloseTextDocument(handler: NotificationHandler<DidCloseTextDocumentParams>): Disposable {
    return this.connection.onDidCloseTextDocument((params) => {
      const pending = this.pending.get(params.textDocument.uri);
      if (pending) pending.closed = true;
      else void handler(params);
    });
  }

  onWillSaveTextDocument: TextDocumentConnection['onWillSaveTextDocument'] = (handler) => this.connection.onWillSaveTextDocument(handler);
  onWillSaveTextDocumentWaitUntil: TextDocumentConnection['onWillSaveTextDocumentWaitUntil'] = (handler) => this.connection.onWillSaveTextDocumentWaitUntil(handler);
  onDidSaveTextDocument: TextDocumentConnection['onDidSaveTextDocument'] = (handler) => this.connection.onDidSaveTextDocument(handler);

  /** Handles an open from disk; resolves once the document is open (or the open was given up). */
  async openFromDisk(params: OpenFromDiskParams): Promise<void> {
    const { uri } = params;
    // A second open of a document still open is ignored; one after its close (the editor closed and
    // opened it again during the read) replaces the first.
    if (this.pending.get(uri)?.closed === false) return;
    const pending: Pending = { changes: [], closed: false };
    this.pending.set(uri, pending);
    const current = (): boolean => !pending.closed && this.pending.get(uri) === pending;
    try {
      let version = params.version;
      const bytes = typeof params.size === 'number' && params.size > 0 ? Math.min(params.size, MAX_DISK_OPEN_BYTES) : 0;
      let text =
        (await this.reads.run(bytes, () =>
          current() ? readChecked(params, () => this.host.prepare?.(params.languageId)).catch((err: unknown) => `could not read the file: ${String(err)}` as const) : Promise.resolve('closed'),
        )) ?? 'other files still being read';
      if (!current()) return;
      if (typeof text === 'object') this.host.info(`${uri}: opened from disk (${plural(params.size, 'byte')})`);
      else {
        this.host.info(`${uri}: text asked from the editor (${text})`);
        const answer = await this.host.askText(uri).catch(() => null);
        if (!current() || !answer) return;
        version = answer.version;
        text = { text: answer.text };
      }
      this.pending.delete(uri);
      void this.openHandler?.({ textDocument: { uri, languageId: params.languageId, version, text: text.text } });
      for (const change of pending.changes) if (change.textDocument.version > version) void this.changeHandler?.(change);
    } finally {
      if (this.pending.get(uri) === pending) this.pending.delete(uri);
    }
  }
}

/** The file's text when it is the text the client described, else why not. */
export async function readChecked(params: OpenFromDiskParams, whileReading?: () => void): Promise<{ text: string } | string> {
  if (!params.uri.startsWith('file:')) return 'not a file: uri';
  if (params.size > MAX_DISK_OPEN_BYTES) return 'too large';
  const bytes = await readWhole(fileURLToPath(params.uri), params, whileReading);
  if (typeof bytes === 'string') return bytes;
  let text: string;
  try {
    // As the editor decodes UTF-8: a byte order mark is not part of the text; invalid bytes refuse.
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return 'not valid UTF-8';
  }
  if (text.length !== params.length) return 'another length than the editor text';
  // VS Code changes every line end of a file that has a lone \r (to \n when most are \n: the same
  // length and line count), so such a file is never the editor's text.
  if (text.includes('\r') && /\r(?!\n)/.test(text)) return 'a lone carriage return, which the editor replaces';
  const read = describeText(text);
  if (read.lineCount !== params.lineCount) return 'another line count than the editor text';
  if (read.firstLine !== params.firstLine || read.lastLine !== params.lastLine) return 'other first or last line than the editor text';
  return { text };
}

/** What the client tells of a text (OpenFromDiskParams), computed from the text itself. */
export function describeText(text: string): Pick<OpenFromDiskParams, 'lineCount' | 'length' | 'firstLine' | 'lastLine'> {
  const firstEnd = text.search(/\r|\n/);
  const lastStart = Math.max(text.lastIndexOf('\n'), text.includes('\r') ? text.lastIndexOf('\r') : -1) + 1;
  return {
    lineCount: lineCount(text),
    length: text.length,
    firstLine: (firstEnd < 0 ? text : text.slice(0, firstEnd)).slice(0, 256),
    lastLine: text.slice(lastStart).slice(0, 256),
  };
}

/**
 * The file's bytes, read into one buffer of the size stat gave (fs.promises.readFile reads 512 KB
 * chunks and joins them: another 10 MB copy, which costs a fresh server about 30 ms of page faults
 * here), when it is a regular file whose size and modification time are still the ones the client
 * saw, before and after the read.
 */
async function readWhole(path: string, params: OpenFromDiskParams, whileReading?: () => void): Promise<Buffer | string> {
  // O_NONBLOCK: opening a FIFO (or a device that waits) would hold one of libuv's four threads until
  // a writer came, stalling every other file read of the server and its exit.
  const handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    const info = await handle.stat();
    if (!info.isFile()) return 'not a regular file';
    if (info.size !== params.size || info.mtimeMs !== params.mtimeMs) return 'the file changed on disk';
    const bytes = Buffer.allocUnsafe(info.size);
    // In parts read at once by libuv's threads: most of a read is the kernel's first touch of the
    // fresh buffer's pages, which several threads do side by side (10 MB here: 31 ms in one part,
    // 17 in two).
    const parts = Math.max(1, Math.min(READ_PARTS, Math.ceil(bytes.length / MIN_READ_PART)));
    const size = Math.ceil(bytes.length / parts);
    const reading = Array.from({ length: parts }, (_, i) => readPart(handle, bytes, i * size, Math.min(bytes.length, (i + 1) * size)));
    whileReading?.();
    if (!(await Promise.all(reading)).every(Boolean)) return 'the file changed while it was read';
    if ((await handle.read(Buffer.alloc(1), 0, 1, bytes.length)).bytesRead !== 0) return 'the file changed while it was read';
    // Rewritten in place during the read (an editor's save truncates and writes): the size may be
    // the same and the bytes a mix of both texts; the modification time tells.
    if ((await handle.stat()).mtimeMs !== info.mtimeMs) return 'the file changed while it was read';
    return bytes;
  } finally {
    await handle.close();
  }
}

/** Reads bytes [from, to) of the file into `bytes`; false when the file ended before `to`. */
async function readPart(handle: FileHandle, bytes: Buffer, from: number, to: number): Promise<boolean> {
  let at = from;
  while (at < to) {
    const { bytesRead } = await handle.read(bytes, at, to - at, at);
    if (bytesRead === 0) return false;
    at += bytesRead;
  }
  return true;
}

/** Lines as the editor counts them: \r\n, \r and \n each end one. */
export function lineCount(text: string): number {
  let count = 1;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) count++;
  if (!text.includes('\r')) return count;
  // A \r followed by \n ends the line with it (counted above); any other \r ends one of its own.
  // Searched natively: a loop over every character of a 10 MB Windows file took 26 ms, this 11.
  return count + (text.match(/\r(?!\n)/g)?.length ?? 0);
}

/** Bytes that may be held at once; work past it waits, first come first served, for a while. */
class ByteBudget {
  private used = 0;
  private readonly waiting: Array<{ readonly bytes: number; readonly go: () => void }> = [];

  constructor(
    private readonly capacity: number,
    private readonly maxWaitMs: number,
  ) {}

  /** The work's result, or undefined when its turn did not come within maxWaitMs. */
  async run<T>(bytes: number, work: () => Promise<T>): Promise<T | undefined> {
    const need = Math.min(bytes, this.capacity);
    if (this.waiting.length === 0 && this.used + need <= this.capacity) this.used += need;
    else if (!(await this.turn(need))) return undefined;
    try {
      return await work();
    } finally {
      this.used -= need;
      this.wake();
    }
  }

  private turn(bytes: number): Promise<boolean> {
    return new Promise<boolean>((resolve) => {
      const entry = {
        bytes,
        go: () => {
          clearTimeout(timer);
          resolve(true);
        },
      };
      const timer = setTimeout(() => {
        this.waiting.splice(this.waiting.indexOf(entry), 1);
        // The first in line may have been this one: the next may fit now.
        this.wake();
        resolve(false);
      }, this.maxWaitMs);
      this.waiting.push(entry);
    });
  }

  private wake(): void {
    while (this.waiting.length > 0 && this.used + this.waiting[0]!.bytes <= this.capacity) {
      const next = this.waiting.shift()!;
      this.used += next.bytes;
      next.go();
    }
  }
}
