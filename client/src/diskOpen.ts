/**
 * Large saved documents are opened from disk (protocol/diskOpen.ts): for a `file:` document that is
 * saved, UTF-8 and at least MIN_DISK_OPEN_BYTES on disk, the client sends what it knows of the text
 * instead of the text, when the server said it can. Sending a 10 MB didOpen holds the extension
 * host's thread 40-60 ms (getText() and the message's copy); this costs a stat and two lines (and
 * a document too short to be that large on disk no stat at all).
 * The notification is sent synchronously in the open event: notifications are written in the order
 * they are sent, so the document's first didChange cannot overtake it.
 */
import { statSync } from 'node:fs';
import type { TextDocument } from 'vscode';
import type { ClientCapabilities, FeatureState, Middleware, ServerCapabilities, StaticFeature } from 'vscode-languageclient/node';
import { DocumentTextRequest, OPEN_FROM_DISK_CAPABILITY, OpenFromDiskNotification, type DocumentTextResult, type OpenFromDiskParams } from '../../protocol';

/** Smaller documents go in a didOpen as before: their text costs less than a read. */
export const MIN_DISK_OPEN_BYTES = 1024 * 1024;

/** What is read of a document (a vscode.TextDocument; `encoding` exists from VS Code 1.100 on). */
export type DiskDocument = Pick<TextDocument, 'uri' | 'languageId' | 'version' | 'isDirty' | 'lineCount' | 'lineAt' | 'offsetAt'> & { readonly encoding?: string };

export type StatFile = (path: string) => { readonly size: number; readonly mtimeMs: number } | undefined;

const statFile: StatFile = (path) => {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
};

/** The notification's parameters, or undefined when the document should be sent as text. */
export function describeForDisk(document: DiskDocument, stat: StatFile = statFile, minBytes = MIN_DISK_OPEN_BYTES): OpenFromDiskParams | undefined {
  if (document.uri.scheme !== 'file' || document.isDirty) return undefined;
  if (document.encoding !== undefined && document.encoding !== 'utf8' && document.encoding !== 'utf8bom') return undefined;
  const last = document.lineAt(document.lineCount - 1);
  const length = document.offsetAt(last.range.end);
  // A UTF-16 code unit is at most 3 bytes of UTF-8 (a BOM adds 3): a shorter document cannot reach
  // minBytes on disk, and most opens make no stat on the host's thread (a slow network file system).
  if (length * 3 + 3 < minBytes) return undefined;
  const info = stat(document.uri.fsPath);
  if (!info || info.size < minBytes) return undefined;
  return {
    uri: document.uri.toString(),
    languageId: document.languageId,
    version: document.version,
    size: info.size,
    mtimeMs: info.mtimeMs,
    lineCount: document.lineCount,
    length,
    firstLine: document.lineAt(0).text.slice(0, 256),
    lastLine: last.text.slice(0, 256),
  };
}

/** What the feature needs of the language client. */
export interface DiskOpenClient {
  sendNotification(type: typeof OpenFromDiskNotification.type, params: OpenFromDiskParams): Promise<void>;
  onRequest(type: typeof DocumentTextRequest.type, handler: (params: { uri: string }) => DocumentTextResult | null): { dispose(): void };
}

/** Asks for the capability, learns the server's answer, and supplies the didOpen middleware. */
export class OpenFromDiskFeature implements StaticFeature {
  private accepted = false;

  constructor(
    private readonly client: () => DiskOpenClient,
    private readonly openDocuments: () => readonly TextDocument[],
    private readonly stat: StatFile = statFile,
  ) {}

  fillClientCapabilities(capabilities: ClientCapabilities): void {
    capabilities.experimental = { ...(capabilities.experimental as object | undefined), [OPEN_FROM_DISK_CAPABILITY]: true };
  }

  // Before every feature's initialize: the didOpen feature opens the documents already open then.
  preInitialize(capabilities: ServerCapabilities): void {
    this.accepted = (capabilities.experimental as Record<string, unknown> | undefined)?.[OPEN_FROM_DISK_CAPABILITY] === true;
    if (!this.accepted) return;
    // The server could not use the file: the document's text as the editor holds it now.
    this.client().onRequest(DocumentTextRequest.type, ({ uri }) => {
      const document = this.openDocuments().find((d) => d.uri.toString() === uri && !d.isClosed);
      return document ? { version: document.version, text: document.getText() } : null;
    });
  }

  initialize(): void {
    // Done in preInitialize.
  }

  getState(): FeatureState {
    return { kind: 'static' };
  }

  clear(): void {
    this.accepted = false;
  }

  readonly middleware: Middleware = {
    didOpen: (document, next) => {
      const params = this.accepted ? describeForDisk(document, this.stat) : undefined;
      return params ? this.client().sendNotification(OpenFromDiskNotification.type, params) : next(document);
    },
  };
}
