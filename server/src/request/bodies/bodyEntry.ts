/**
 * One kind of request body the request file features understand (JSON shapes, OPTION_PROFILES XML,
 * QPS ServiceRequest XML): which requests it applies to, read from the catalog (the action's
 * `jsonBody` or `xmlBody`, the endpoint's `qpsObject`, or the root element a body catalog names),
 * and its diagnostics, completion and hover on the body.
 */
import type { CompletionList, Diagnostic, Hover, Range } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { ParsedRequest, RequestBody } from '../requestParser';
import type { RequestContext } from '../requestValidator';

/** A request with a body, and what the catalog says of the request. */
export interface BodyAt {
  readonly request: ParsedRequest;
  readonly body: RequestBody;
  readonly resolved: RequestContext;
}

export interface BodyEntry {
  readonly id: string;
  /** The `source` of its diagnostics: the request file's quick fixes read their fix data. */
  readonly source: string;
  appliesTo(at: BodyAt): boolean;
  /** Diagnostics placed in `document` (a request block, or the whole file): body offsets are the document's. */
  diagnostics(document: TextDocument, at: BodyAt): Diagnostic[];
  completion(document: TextDocument, at: BodyAt, offset: number): CompletionList | null;
  hover(document: TextDocument, at: BodyAt, offset: number): Hover | null;
}

/**
 * The body as a document of its own (for features written for whole documents), with the way back:
 * `outer` turns a range of the body document into the request file's range.
 */
export function bodyDocument(document: TextDocument, body: RequestBody, languageId: string): { inner: TextDocument; outer: (range: Range) => Range } {
  const inner = TextDocument.create(`${document.uri}#body`, languageId, document.version, body.text);
  const outer = (range: Range): Range => ({
    start: document.positionAt(body.start + inner.offsetAt(range.start)),
    end: document.positionAt(body.start + inner.offsetAt(range.end)),
  });
  return { inner, outer };
}
