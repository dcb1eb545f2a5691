/**
 * The "Download all pages" command behind the request file CodeLens.
 *
 * Sent by: the language server, as the command of a CodeLens on read-only lists that Qualys pages with
 * id_min (with one argument, `DownloadAllPagesArguments`); never on calls that change data. Run by: the
 * extension (client), which resolves the request as Send Request does and runs the download flow. Only
 * the position is used: the index may be stale after an edit.
 */
import type { Range } from 'vscode-languageserver-protocol';

export const DOWNLOAD_ALL_PAGES_COMMAND = 'qualys.downloadAllPages';

export interface DownloadAllPagesArguments {
  readonly uri: string;
  readonly requestIndex: number;
  readonly range: Range;
}
