/**
 * The Send Request command behind the request file CodeLens.
 *
 * Sent by: the language server, as the command of each request's CodeLens (with one argument,
 * `SendRequestArguments`). Run by: the extension (client), which registers the command, resolves the
 * request with `qualys/resolveRequest` and sends it. Only the position is used: the index may be
 * stale after an edit.
 */
import type { Range } from 'vscode-languageserver-protocol';

export const SEND_REQUEST_COMMAND = 'qualys.sendRequest';

export interface SendRequestArguments {
  readonly uri: string;
  readonly requestIndex: number;
  readonly range: Range;
  /** Whether the catalog marks the request's action as changing Qualys data (the client asks first). */
  readonly changesData: boolean;
}
