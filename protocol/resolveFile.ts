/**
 * Resolve file: every request of a request file, in order, ready to run ("Run All Requests" and the
 * Test Explorer).
 *
 * Sent by: the extension (client), when it lists a file's requests as tests and when it runs them.
 * Answered by: the language server, from the document it holds, with the parser and resolution of
 * `qualys/resolveRequest` (so a run sends what Send Request would), plus the catalog's verdict on
 * whether each request changes data. In REST Client files only the Qualys requests are listed.
 * Answers null when the server does not hold the document.
 */
import { RequestType } from 'vscode-languageserver-protocol';
import type { ResolvedRequest } from './resolveRequest';

export interface ResolveFileParams {
  readonly uri: string;
  /** Only what a list of tests shows (RequestOutline): a file of thousands of requests stays a small answer. */
  readonly outline?: boolean;
  /** Only the requests at these indexes (a run of some of a file's requests). */
  readonly indexes?: readonly number[];
}

/** A request as the Test Explorer lists it. */
export interface RequestOutline {
  readonly index: number;
  readonly name: string;
  readonly method: string;
  /** The URL as written, without its query. */
  readonly url: string;
  readonly line: number;
  readonly startLine: number;
  readonly endLine: number;
  readonly changesData: boolean;
}

export interface RunnableRequest extends ResolvedRequest {
  /** The request's position among the file's requests (0-based), stable while the file does not change. */
  readonly index: number;
  /** The block's first and last zero-based lines (its `###` line to the line before the next). */
  readonly startLine: number;
  readonly endLine: number;
  /** The catalog says the action changes data; the client also asks the API client's isMutatingRequest. */
  readonly changesData: boolean;
}

export interface ResolvedFile {
  readonly uri: string;
  /** The document version the answer was computed from. */
  readonly version: number;
  /** Resolved requests; with `outline`, only their outline. */
  readonly requests: readonly RunnableRequest[] | readonly RequestOutline[];
}

// A namespace keeps method name and types together, as liveValues.ts does.
// eslint-disable-next-line @typescript-eslint/no-namespace
export namespace ResolveFileRequest {
  export const method = 'qualys/resolveFile';
  export const type = new RequestType<ResolveFileParams, ResolvedFile | null, void>(method);
}
